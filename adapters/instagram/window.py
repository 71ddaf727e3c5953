"""Instagram's messaging window: who may write to a shopper, and how long after (pure)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from core.outbound import Author

STANDARD_WINDOW: Final = timedelta(hours=24)
HUMAN_AGENT_WINDOW: Final = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class WindowDecision:
    """Whether a message may go out, and the `messaging_type`/`tag` it must carry."""

    allowed: bool
    messaging_type: str | None = None
    tag: str | None = None
    reason: str = ""


def messaging_window(
    author: Author, last_inbound_at: datetime | None, now: datetime
) -> WindowDecision:
    """Decide whether `author` may message a shopper who last wrote at `last_inbound_at`.

    Anyone may answer within 24 hours (`RESPONSE`); a human agent may answer up to 7 days
    after with the `HUMAN_AGENT` tag; nobody may write first.
    """
    if last_inbound_at is None:
        return WindowDecision(
            False, reason="outside messaging window: the shopper never wrote on Instagram"
        )
    elapsed = max(now - last_inbound_at, timedelta(0))
    if elapsed < STANDARD_WINDOW:
        return WindowDecision(True, messaging_type="RESPONSE")
    if author is Author.AGENT and elapsed < HUMAN_AGENT_WINDOW:
        return WindowDecision(True, messaging_type="MESSAGE_TAG", tag="HUMAN_AGENT")
    limit = "7 days (HUMAN_AGENT)" if author is Author.AGENT else "24 hours"
    return WindowDecision(
        False,
        reason=(
            f"outside messaging window: the shopper last wrote {_ago(elapsed)} ago, "
            f"{author} messages may be sent within {limit}"
        ),
    )


def _ago(elapsed: timedelta) -> str:
    hours = elapsed.total_seconds() / 3600
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"
