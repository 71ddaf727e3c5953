"""The outbox store on the shared migrated SQLite database."""

import pytest

from adapters.outbox.store import SqlOutboxStore
from adapters.sql import Sessions


@pytest.fixture
def store(sessions: Sessions) -> SqlOutboxStore:
    return SqlOutboxStore(sessions)
