"""Per-conversation dialog state: versioned, immutable, JSON-serialisable."""

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Self


@dataclass(frozen=True, slots=True)
class DialogState:
    """Everything remembered between two messages of one conversation.

    `version` is the optimistic-concurrency counter; stores refuse to save a stale one.
    `slots` carry the active flow's answers so far; `failed_verifications` holds ISO times
    of failed ownership checks, `verified_orders` the orders this shopper proved;
    `soothed_turn` is the last turn the voice opened with an apology.
    """

    version: int = 0
    locale: str = "ko"
    flow: str | None = None
    step: str | None = None
    slots: dict[str, str] = field(default_factory=dict)
    customer_id: str | None = None
    verified_orders: tuple[str, ...] = ()
    failed_verifications: tuple[str, ...] = ()
    misses: int = 0
    turns: int = 0
    last_intent: str | None = None
    ticket_id: str | None = None
    soothed_turn: int | None = None

    def evolve(self, **changes: Any) -> Self:
        """Return a copy with `changes` applied."""
        return replace(self, **changes)

    def enter(self, flow: str, step: str, **slots: str) -> Self:
        """Return a copy that waits in `flow` at `step` with `slots` added."""
        return replace(self, flow=flow, step=step, slots={**self.slots, **slots})

    def leave(self) -> Self:
        """Return a copy with no active flow and no slots."""
        return replace(self, flow=None, step=None, slots={})

    def to_json(self) -> str:
        """Serialise for a store."""
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | bytes) -> Self:
        """Deserialise what `to_json` wrote; unknown keys from newer versions are ignored."""
        data = json.loads(raw)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        for name in ("verified_orders", "failed_verifications"):
            known[name] = tuple(known.get(name, ()))
        return cls(**known)
