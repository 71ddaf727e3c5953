"""What every flow speaks through: copy in the shopper's locale, dates, money and menus."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.flows import INTENT_POSTBACK, Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Effect, QuickReply, Reply, Text
from core.phrases import Phrasebook
from core.state import DialogState

MENU: tuple[tuple[str, str], ...] = (
    ("order_status", INTENT_POSTBACK + Intent.ORDER_STATUS),
    ("delivery_tracking", INTENT_POSTBACK + Intent.DELIVERY_TRACKING),
    ("claims", "menu:claims"),
    ("refund_status", INTENT_POSTBACK + Intent.REFUND_STATUS),
    ("coupon_or_points", INTENT_POSTBACK + Intent.COUPON_OR_POINTS),
    ("human_agent", INTENT_POSTBACK + Intent.HUMAN_AGENT),
)
"""The main menu: (label key, payload); `menu:claims` opens cancel/return/exchange."""


@dataclass(frozen=True, slots=True)
class Speech:
    """The phrasebook bound to one locale, with formatting for dates, times and money."""

    phrases: Phrasebook
    locale: str

    @classmethod
    def of(cls, turn: Turn, ctx: FlowContext) -> "Speech":
        """Return the speech for the turn's locale."""
        return cls(ctx.phrases, turn.locale)

    def __call__(self, key: str, /, **params: object) -> str:
        """Return the copy for `key`."""
        return self.phrases.say(self.locale, key, **params)

    def quick(self, label: str, payload: str) -> QuickReply:
        """Return a quick reply labelled by the copy `qr.<label>`."""
        return QuickReply(self(f"qr.{label}"), payload)

    def start(self, intent: Intent) -> QuickReply:
        """Return a quick reply that starts `intent`'s flow."""
        return self.quick(intent.value, INTENT_POSTBACK + intent.value)

    def menu(self) -> tuple[QuickReply, ...]:
        """Return the main menu."""
        return tuple(self.quick(label, payload) for label, payload in MENU)

    def won(self, amount: int) -> str:
        """Return a money amount: 39,000원 / ₩39,000."""
        return self("fmt.won", amount=f"{amount:,}")

    def day(self, at: datetime, now: datetime) -> str:
        """Return a date in the shop's zone: 11월 3일(월) / Mon, Nov 3."""
        local = at.astimezone(now.tzinfo)
        return self(
            "fmt.day",
            month=local.month,
            day=local.day,
            weekday=self(f"fmt.weekday.{local.weekday()}"),
            month_name=self(f"fmt.month.{local.month}"),
        )

    def moment(self, at: datetime, now: datetime) -> str:
        """Return a date and time: 11월 3일(월) 14:05."""
        local = at.astimezone(now.tzinfo)
        return self("fmt.moment", day=self.day(at, now), time=f"{local:%H:%M}")


def say(
    state: DialogState,
    texts: Iterable[str],
    quick: Iterable[QuickReply] = (),
    effects: Iterable[Effect] = (),
    tone: str = "",
) -> Decision:
    """Return a decision that says `texts` (one bubble each) and moves to `state`."""
    parts = tuple(Text(text) for text in texts if text)
    return Decision(
        reply=Reply(parts=parts, quick_replies=tuple(quick)),
        state=state,
        effects=tuple(effects),
        tone=tone,
    )


def fresh(turn: Turn, flow: str) -> DialogState:
    """Return the turn's state, left when another flow (or none) was active."""
    return turn.state if turn.state.flow == flow else turn.state.leave()


def compact(text: str) -> str:
    """Return text lower-cased without spaces, for keyword and name matching."""
    return "".join(text.lower().split())


def mentions(text: str, words: Iterable[str]) -> bool:
    """Return True when any of `words` occurs in `text` (spacing and case ignored)."""
    folded = compact(text)
    return any(compact(word) in folded for word in words)


_YES_KO = ("네", "예", "응", "좋아요", "그래요", "해주세요", "해 주세요", "부탁", "접수")
_NO_KO = ("아니", "아뇨", "괜찮아요", "됐어요", "안할", "안 할", "그만")
_YES_EN = frozenset({"yes", "yeah", "yep", "sure", "ok", "okay", "please", "confirm"})
_NO_EN = frozenset({"no", "nope", "nah", "stop", "don't", "dont"})


def choice(turn: Turn, prefix: str) -> str | None:
    """Return what the shopper chose: the rest of a `<prefix>:` postback, or yes/no in words."""
    postback = turn.message.postback or ""
    if postback.startswith(f"{prefix}:"):
        return postback.removeprefix(f"{prefix}:")
    text = turn.message.text.lower()
    words = set(text.replace(",", " ").replace(".", " ").replace("!", " ").split())
    if words & _NO_EN or mentions(text, _NO_KO):
        return "no"
    if words & _YES_EN or mentions(text, _YES_KO):
        return "yes"
    return None
