"""Migrations create the schema the models describe, on a fresh SQLite file."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from adapters.sql import make_engine, migrate
from adapters.sql.migrate import alembic_config, modelled
from adapters.sql.tables import Base


async def test_migrate_creates_every_table_in_a_new_folder(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'var' / 'nested' / 'dangol.db'}"

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()

    await migrate(url)
    await migrate(url)  # a second run finds the schema current and does nothing

    engine = make_engine(url)
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        versions = await connection.execute(text("SELECT version_num FROM alembic_version"))
        assert versions.scalars().all() == [head]
    await engine.dispose()
    assert {*Base.metadata.tables, "alembic_version"} <= tables
    assert {"customers", "identities", "service_requests", "tickets", "messages"} <= tables


async def test_migrated_schema_matches_the_models(db_url: str) -> None:
    """Every table a loaded model declares is exactly what the migrations create."""
    await migrate(db_url)
    engine = make_engine(db_url)
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda c: compare_metadata(
                MigrationContext.configure(c, opts={"include_object": modelled}), Base.metadata
            )
        )
    await engine.dispose()
    assert differences == []
