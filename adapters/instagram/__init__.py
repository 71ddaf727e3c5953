"""Instagram Direct through Meta's Graph API: webhook routes, parse, render, window, sender."""
