"""Trained models reused across starts, keyed by a hash of everything they were trained from.

Training needs scikit-learn (about a second to import) and fits two models; a later start
with the same examples and settings loads the merged feature space from a `ModelStore`
instead. Changing any example, hyper-parameter or the format changes the key, so a stale
model is never used. Where models are kept (files, …) is an adapter's business.
"""

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Protocol

from core.nlu.linear import FeatureSpace

FORMAT = 2


class ModelStore(Protocol):
    """Keeps trained feature spaces by key."""

    def load(self, key: str, heads: int) -> FeatureSpace | None:
        """Return the feature space of `heads` heads stored under `key`, or None."""
        ...

    def save(self, key: str, space: FeatureSpace) -> None:
        """Store `space` under `key` (best effort: a failure only costs the next start)."""
        ...


def cache_key(settings: object, *datasets: Sequence[tuple[str, str]]) -> str:
    """A hex digest of the format, the training settings and every (text, label) pair."""
    payload = json.dumps([FORMAT, settings, *datasets], ensure_ascii=False, default=repr)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def load_or_train(
    store: ModelStore, key: str, heads: int, train: Callable[[], FeatureSpace]
) -> FeatureSpace:
    """The feature space stored under `key`, else `train()` and store it."""
    stored = store.load(key, heads)
    if stored is not None:
        return stored
    space = train()
    store.save(key, space)
    return space
