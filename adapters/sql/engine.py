"""Engines and session factories for SQLite (embedded) and PostgreSQL (production)."""

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from core.errors import StoreUnavailable

Sessions = async_sessionmaker[AsyncSession]

_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(url: str | URL) -> URL:
    """Return `url` with its async driver: `sqlite://` → aiosqlite, `postgres(ql)://` → asyncpg."""
    parsed = make_url(url)
    backend = "postgresql" if parsed.drivername == "postgres" else parsed.drivername
    return parsed.set(drivername=_ASYNC_DRIVERS.get(backend, backend))


def make_engine(url: str | URL) -> AsyncEngine:
    """Return an async engine for `url`, creating a SQLite file's folder when needed.

    SQLite connections enforce foreign keys and use WAL, as PostgreSQL readers never block.
    """
    parsed = async_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_async_engine(parsed, pool_pre_ping=True)
    else:
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(parsed)
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
    event.listen(engine.sync_engine, "handle_error", _unavailable)
    return engine


def make_sessions(url_or_engine: str | URL | AsyncEngine) -> Sessions:
    """Return a session factory; objects stay usable after commit."""
    engine = (
        url_or_engine if isinstance(url_or_engine, AsyncEngine) else make_engine(url_or_engine)
    )
    return async_sessionmaker(engine, expire_on_commit=False)


def _unavailable(context: ExceptionContext) -> None:
    # A lost connection or a busy database is worth a retry, not a crash: StoreUnavailable
    # makes webhooks answer 503 so the platform delivers again. Integrity errors pass.
    if context.is_disconnect or isinstance(
        context.sqlalchemy_exception, OperationalError | InterfaceError
    ):
        raise StoreUnavailable(f"database unavailable: {context.original_exception}") from (
            context.original_exception
        )


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
