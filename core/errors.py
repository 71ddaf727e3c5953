"""Errors the core raises and adapters translate."""


class DangolError(Exception):
    """Base class of every error Dangol raises on purpose."""


class StaleState(DangolError):
    """A dialog state was saved over a newer version."""


class StoreUnavailable(DangolError):
    """A store (Redis, the database) cannot be reached; the platform should retry."""
