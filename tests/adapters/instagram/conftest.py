"""Fixtures for the Instagram adapter tests."""

from typing import cast

import pytest

from adapters.memory import MemoryDeduplicator
from core.engine import ConversationEngine
from core.inbox import Inbox

from .doubles import EchoEngine, RecordingOutbox, RecordingTranscript


@pytest.fixture
def engine() -> EchoEngine:
    return EchoEngine()


@pytest.fixture
def inbox(engine: EchoEngine) -> Inbox:
    return Inbox(dedup=MemoryDeduplicator(), engine=cast(ConversationEngine, engine))


@pytest.fixture
def outbox() -> RecordingOutbox:
    return RecordingOutbox()


@pytest.fixture
def transcript() -> RecordingTranscript:
    return RecordingTranscript()
