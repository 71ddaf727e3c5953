"""A migrated SQLite database per test, for every adapter suite that needs SQL."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.sql import Sessions, make_engine, make_sessions, migrate


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'dangol.db'}"


@pytest.fixture
async def sessions(db_url: str) -> AsyncIterator[Sessions]:
    await migrate(db_url)
    engine = make_engine(db_url)
    yield make_sessions(engine)
    await engine.dispose()
