"""Trained understanding models as files: one `.npz` per key, replaced atomically."""

import contextlib
import os
from pathlib import Path

import numpy as np

from core.nlu.linear import FeatureSpace, LinearHead

_PREFIX = "nlu-"
_SUFFIX = ".npz"


def default_model_dir() -> Path:
    """`$DANGOL_NLU_CACHE`, else `$XDG_CACHE_HOME/dangol/nlu`, else `~/.cache/dangol/nlu`."""
    if explicit := os.environ.get("DANGOL_NLU_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dangol" / "nlu"


class FileModelStore:
    """A `ModelStore` in a directory; the newest model replaces older ones."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def load(self, key: str, heads: int) -> FeatureSpace | None:
        """Return the stored feature space, or None when absent or unreadable."""
        try:
            return _load(self._path(key), heads)
        except (OSError, KeyError, ValueError):
            return None

    def save(self, key: str, space: FeatureSpace) -> None:
        """Store `space`; a read-only directory only costs speed."""
        with contextlib.suppress(OSError):
            _save(self._path(key), space)

    def _path(self, key: str) -> Path:
        return self._directory / f"{_PREFIX}{key}{_SUFFIX}"


def _save(path: Path, space: FeatureSpace) -> None:
    arrays: dict[str, np.ndarray] = {
        "grams": np.array(space.grams, dtype=str),
        "matrix": space.matrix,
    }
    for number, head in enumerate(space.heads):
        arrays[f"{number}.bias"] = head.bias
        arrays[f"{number}.labels"] = np.array(head.labels, dtype=str)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    os.replace(partial, path)
    for stale in path.parent.glob(f"{_PREFIX}*{_SUFFIX}"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _load(path: Path, count: int) -> FeatureSpace:
    with np.load(path, allow_pickle=False) as stored:
        heads = [
            LinearHead(
                labels=tuple(stored[f"{n}.labels"].tolist()),
                bias=np.asarray(stored[f"{n}.bias"], dtype=np.float64),
            )
            for n in range(count)
        ]
        return FeatureSpace(
            stored["grams"].tolist(),
            np.ascontiguousarray(stored["matrix"], dtype=np.float64),
            heads,
        )
