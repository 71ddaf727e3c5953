"""The web chat playground: a page on our own site to try the bot."""
