"""Trained models saved to disk, keyed by a hash of everything they were trained from.

Training needs scikit-learn (about a second to import) and fits two models; a later start
with the same examples and settings loads the exported arrays instead. Changing any example,
hyper-parameter or the file format changes the key, so a stale file is never read.
"""

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from core.nlu.linear import LinearTextModel

FORMAT = 1
_PREFIX = "nlu-"
_SUFFIX = ".npz"


def default_cache_dir() -> Path:
    """`$DANGOL_NLU_CACHE`, else `$XDG_CACHE_HOME/dangol/nlu`, else `~/.cache/dangol/nlu`."""
    if explicit := os.environ.get("DANGOL_NLU_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dangol" / "nlu"


def cache_key(settings: object, *datasets: Sequence[tuple[str, str]]) -> str:
    """A hex digest of the format, the training settings and every (text, label) pair."""
    payload = json.dumps([FORMAT, settings, *datasets], ensure_ascii=False, default=repr)
    return hashlib.sha256(payload.encode()).hexdigest()[:24]


def _save(path: Path, models: Sequence[LinearTextModel]) -> None:
    arrays: dict[str, np.ndarray] = {}
    for number, model in enumerate(models):
        grams = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
        arrays[f"{number}.grams"] = np.array(grams, dtype=str)
        arrays[f"{number}.idf"] = model.idf
        arrays[f"{number}.weights"] = model.weights
        arrays[f"{number}.bias"] = model.bias
        arrays[f"{number}.labels"] = np.array(model.labels, dtype=str)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    os.replace(partial, path)
    for stale in path.parent.glob(f"{_PREFIX}*{_SUFFIX}"):
        if stale != path:
            stale.unlink(missing_ok=True)


def _load(path: Path, count: int) -> tuple[LinearTextModel, ...]:
    with np.load(path, allow_pickle=False) as stored:
        return tuple(
            LinearTextModel(
                vocabulary={gram: row for row, gram in enumerate(stored[f"{n}.grams"].tolist())},
                idf=np.asarray(stored[f"{n}.idf"], dtype=np.float64),
                weights=np.ascontiguousarray(stored[f"{n}.weights"], dtype=np.float64),
                bias=np.asarray(stored[f"{n}.bias"], dtype=np.float64),
                labels=tuple(stored[f"{n}.labels"].tolist()),
            )
            for n in range(count)
        )


def load_or_train(
    directory: Path, key: str, count: int, train: Callable[[], Sequence[LinearTextModel]]
) -> tuple[LinearTextModel, ...]:
    """The `count` models stored under `key`, else `train()` them and store the result."""
    path = directory / f"{_PREFIX}{key}{_SUFFIX}"
    try:
        return _load(path, count)
    except (OSError, KeyError, ValueError):
        pass
    models = tuple(train())
    with contextlib.suppress(OSError):  # a read-only cache directory only costs speed
        _save(path, models)
    return models
