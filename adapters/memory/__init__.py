"""In-process stores for the embedded, single-process mode."""

from adapters.memory.dedup import MemoryDeduplicator
from adapters.memory.dialog_store import MemoryDialogStore

__all__ = ["MemoryDeduplicator", "MemoryDialogStore"]
