"""Alembic environment: runs on the connection `migrate` hands over, or on its own URL."""

import asyncio
import os
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from adapters.sql.engine import make_engine
from adapters.sql.migrate import modelled
from adapters.sql.tables import Base

config = context.config


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=Base.metadata,
        include_object=modelled,
        render_as_batch=True,
        compare_type=True,
        **options,
    )


def _run_on(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_on_own_engine(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_on)
    finally:
        await engine.dispose()


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or os.environ["DATABASE_URL"]


if context.is_offline_mode():
    _configure(url=_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (shared := config.attributes.get("connection")) is not None:
    _run_on(shared)
else:  # the `alembic` command line
    asyncio.run(_run_on_own_engine(_url()))
