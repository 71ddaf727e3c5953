"""Dialog state kept in this process's memory."""

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from core.errors import StaleState
from core.models import ConversationKey
from core.state import DialogState


class MemoryDialogStore:
    """A `DialogStore` for one process: a per-conversation asyncio lock and a dict.

    States are kept serialised, so a caller can never alias a stored state's slots. A lock
    lives only while some task holds or awaits it, so idle conversations cost no lock.
    """

    def __init__(self) -> None:
        self._states: dict[ConversationKey, str] = {}
        self._locks: weakref.WeakValueDictionary[ConversationKey, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    @asynccontextmanager
    async def lock(self, key: ConversationKey) -> AsyncIterator[None]:
        """Hold the conversation's lock for the body of the `async with`."""
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        async with lock:
            yield

    async def load(self, key: ConversationKey) -> DialogState:
        """Return the stored state, or a fresh one."""
        raw = self._states.get(key)
        return DialogState() if raw is None else DialogState.from_json(raw)

    async def save(self, key: ConversationKey, state: DialogState) -> DialogState:
        """Store `state` if nobody saved since it was loaded; return it with version + 1."""
        raw = self._states.get(key)
        stored_version = 0 if raw is None else DialogState.from_json(raw).version
        if stored_version != state.version:
            raise StaleState(f"{key}: stored version {stored_version}, saving {state.version}")
        saved = state.evolve(version=state.version + 1)
        self._states[key] = saved.to_json()
        return saved

    async def ping(self) -> None:
        """Always ready."""
