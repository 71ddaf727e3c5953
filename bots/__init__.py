"""Composition roots: settings, the web app, the CLI. The only place objects are wired."""
