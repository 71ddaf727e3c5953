"""What every flow speaks through: copy in the shopper's locale, dates, money and menus."""

import re
from collections.abc import Iterable, Sequence
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


class OneShot:
    """A flow that answers in one turn and never waits for an answer."""

    def expects(self, turn: Turn) -> bool:
        """Return False: nothing is ever awaited."""
        return False


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


_YES_KO = frozenset(
    {
        "네",
        "넵",
        "넹",
        "네네",
        "예",
        "응",
        "ㅇㅇ",
        "ㅇㅋ",
        "오케이",
        "좋아요",
        "좋습니다",
        "그래요",
    }
)
_YES_KO_PHRASES = (
    "맞아요",
    "맞습니다",
    "해주세요",
    "해 주세요",
    "해줘요",
    "부탁",
    "접수",
    "신청할게요",
    "취소할게요",
    "진행해",
)
_NO_KO = ("아니", "아뇨", "괜찮아요", "됐어요", "안할", "안 할", "안해", "안 해", "그만", "말아")
_YES_EN = frozenset({"yes", "yeah", "yep", "sure", "ok", "okay", "please", "confirm"})
_NO_EN = frozenset({"no", "nope", "nah", "stop", "don't", "dont"})
_WORD = re.compile(r"[0-9a-z가-힣ㄱ-ㅎ']+")
_KO_TAIL = ("요", "용")
_ORDINALS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (0, ("첫번째", "첫째", "첫번", "1번", "first", "1st")),
    (1, ("두번째", "둘째", "2번", "second", "2nd")),
    (2, ("세번째", "셋째", "3번", "third", "3rd")),
    (3, ("네번째", "넷째", "4번", "fourth", "4th")),
    (4, ("다섯번째", "다섯째", "5번", "fifth", "5th")),
    (-1, ("마지막", "맨아래", "맨밑", "last")),
)


def words_of(text: str) -> list[str]:
    """Return the message's words, lower-cased, with a polite 요 ending dropped (네요 → 네)."""
    out = []
    for word in _WORD.findall(text.lower()):
        for tail in _KO_TAIL:
            if len(word) > 1 and word.endswith(tail) and word[:-1] in _YES_KO:
                word = word[:-1]
        out.append(word)
    return out


def yes_or_no(text: str) -> str | None:
    """Return "yes" or "no" when the text answers a yes/no question in words, else None.

    Short words (네, 예, 응, yes) count only as whole words, so 언제예요 or 대응 is no "yes".
    """
    words = set(words_of(text))
    if words & _NO_EN or mentions(text, _NO_KO):
        return "no"
    if words & (_YES_EN | _YES_KO) or mentions(text, _YES_KO_PHRASES):
        return "yes"
    return None


def ordinal(text: str) -> int | None:
    """Return the 0-based position a shopper names ("두번째요", "the second one"), -1 for last."""
    folded = compact(text)
    for index, words in sorted(_ORDINALS, key=lambda pair: -len(max(pair[1], key=len))):
        if any(word in folded for word in words):
            return index
    return None


def pick_one(names: Sequence[str], text: str) -> int | None:
    """Return the index of the one entry the shopper named by position or by name, if any.

    "두번째요", "the second one" and "마지막" pick by position; "데님이요" picks the entry whose
    name has a word (two letters or more) in the text, when exactly one has.
    """
    position = ordinal(text)
    if position is not None and -len(names) <= position < len(names):
        return position % len(names)
    folded = compact(text)
    named = [
        index
        for index, name in enumerate(names)
        if any(len(word) >= 2 and word in folded for word in name.lower().split())
    ]
    return named[0] if len(named) == 1 else None


def choice(turn: Turn, prefix: str) -> str | None:
    """Return what the shopper chose: the rest of a `<prefix>:` postback, or yes/no in words."""
    postback = turn.message.postback or ""
    if postback.startswith(f"{prefix}:"):
        return postback.removeprefix(f"{prefix}:")
    return yes_or_no(turn.message.text)
