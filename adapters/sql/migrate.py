"""Applies the Alembic migrations shipped with this package, from the app or the CLI."""

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection

from adapters.sql.engine import make_engine

MIGRATIONS = Path(__file__).parent / "migrations"

# Serialises concurrent `migrate` calls of several processes on one PostgreSQL database.
_PG_LOCK_ID = 0x44414E47  # "DANG"


def alembic_config() -> Config:
    """Return an Alembic configuration pointing at the shipped migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def modelled(_object: Any, name: str | None, type_: str, reflected: bool, model: Any) -> bool:
    """Tell autogenerate to ignore tables the database has but no loaded model describes.

    Tables may be declared outside `adapters.sql.tables` (on the same `Base`); when their
    module is not imported, autogenerate must not propose dropping them.
    """
    return not (type_ == "table" and reflected and model is None)


async def migrate(url: str | URL) -> None:
    """Bring the database at `url` to the newest schema (a no-op when it is there)."""
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_upgrade)
    finally:
        await engine.dispose()


def _upgrade(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
