"""Proof of ownership: order details only for orders the shopper proved, with limited tries."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from conversations.order_view import pick_reply
from conversations.speech import Speech, compact, fresh, ordinal, pick_one, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Effect, LinkIdentity, QuickReply
from core.orders import Order
from core.state import DialogState

GATE_STEPS: Final = frozenset({"ask_order", "verify", "pick_order"})
"""The steps the gate owns inside any order flow."""
ORDER_POSTBACK: Final = "order:"
MAX_FAILURES: Final = 5
LOCK_WINDOW: Final = timedelta(hours=1)
_PICK_LIMIT = 5
_POINTING = re.compile(
    r"이거|이것|이건|이 ?주문|그거|그 ?주문|\b(?:this|it|that one)\b", re.IGNORECASE
)
_ORDER_NO = re.compile(r"(?<!\d)(20\d{6})-?(\d{7})(?!\d)")
_PHONE = re.compile(r"(?<!\d)01[016789][-\s]?\d{3,4}[-\s]?\d{4}(?!\d)")
_LAST4 = re.compile(r"(?<![\d-])\d{4}(?![\d-])")


@dataclass(frozen=True, slots=True)
class Proven:
    """An order the shopper may see, the state that remembers it and effects to carry out."""

    order: Order
    state: DialogState
    effects: tuple[Effect, ...] = ()


def order_no_in(turn: Turn) -> str | None:
    """Return the order number the message mentions, if any."""
    if turn.understanding.entities.order_no:
        return turn.understanding.entities.order_no
    match = _ORDER_NO.search(turn.message.text)
    return f"{match[1]}-{match[2]}" if match else None


def recent_failures(state: DialogState, now: datetime) -> tuple[str, ...]:
    """Return the failed verifications within the lock window."""
    return tuple(
        at for at in state.failed_verifications if now - datetime.fromisoformat(at) < LOCK_WINDOW
    )


def _everything(order: Order) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class OrderGate:
    """Finds the order a flow is about and makes sure the shopper may see it.

    An order counts as proven when this conversation proved it before, when it belongs to the
    linked customer, or when the shopper gives its number with the orderer's phone (or its last
    four digits) or name. Unknown numbers and wrong details read the same, and five failures
    within an hour lock further checks. `prefer` picks among a linked customer's orders.
    """

    flow: str
    prefer: Callable[[Order], bool] = _everything

    async def resolve(self, turn: Turn, ctx: FlowContext, **keep: str) -> Proven | Decision:
        """Return the proven order, or the decision that asks for what is missing.

        `keep` are slots of the flow that stay while the gate asks.
        """
        state = fresh(turn, self.flow)
        state = state.evolve(
            failed_verifications=recent_failures(state, turn.now), slots={**state.slots, **keep}
        )
        order_no = self._order_no(turn, state)
        if order_no is None and state.step == "pick_order":
            order_no = await self._picked(turn, ctx, state)
        if order_no is None:
            return await self._choose(turn, ctx, state)
        return await self._check(order_no, turn, ctx, state)

    def answers(self, turn: Turn) -> bool:
        """Return True when the message answers the gate's question: an order, proof, a pick."""
        step = turn.state.step
        if step not in GATE_STEPS:
            return False
        if (turn.message.postback or "").startswith(ORDER_POSTBACK) or order_no_in(turn):
            return True
        if step == "verify":
            return any(_phone_proof(turn))
        return step == "pick_order" and ordinal(turn.message.text) is not None

    async def reload(self, turn: Turn, ctx: FlowContext) -> Order | None:
        """Return the order in the flow's slots when this conversation proved it."""
        order_no = turn.state.slots.get("order_no", "")
        if order_no not in turn.state.verified_orders:
            return None
        return await ctx.orders.get_order(order_no)

    @staticmethod
    def _order_no(turn: Turn, state: DialogState) -> str | None:
        postback = turn.message.postback or ""
        if postback.startswith(ORDER_POSTBACK):
            return postback.removeprefix(ORDER_POSTBACK)
        if mentioned := order_no_in(turn):
            return mentioned
        if state.step == "verify":
            return state.slots.get("order_no")
        return None

    async def _check(
        self, order_no: str, turn: Turn, ctx: FlowContext, state: DialogState
    ) -> Proven | Decision:
        order = await ctx.orders.get_order(order_no)
        if order is not None and (
            order_no in state.verified_orders or order.customer_id == state.customer_id
        ):
            return _prove(order, state, link=False)
        if len(state.failed_verifications) >= MAX_FAILURES:
            return _locked(turn, ctx, state)
        if order is not None and _matches(order, turn):
            return _prove(order, state, link=state.customer_id is None)
        speech = Speech.of(turn, ctx)
        if not _attempted(turn, state):
            asking = state.enter(self.flow, "verify", order_no=order_no)
            return say(asking, [speech("gate.ask_proof", order_no=order_no)], _help(speech))
        failures = (*state.failed_verifications, turn.now.isoformat())
        state = state.evolve(failed_verifications=failures)
        if len(failures) >= MAX_FAILURES:
            return _locked(turn, ctx, state)
        retry = state.enter(self.flow, "verify", order_no=order_no)
        left = MAX_FAILURES - len(failures)
        return say(retry, [speech("gate.mismatch", left=left)], _help(speech))

    async def _ranked(self, ctx: FlowContext, state: DialogState) -> list[Order]:
        """Return the shopper's orders, the ones this flow prefers first (as offered)."""
        candidates = await _known_orders(ctx, state)
        preferred = [order for order in candidates if self.prefer(order)]
        return preferred + [order for order in candidates if order not in preferred]

    async def _picked(self, turn: Turn, ctx: FlowContext, state: DialogState) -> str | None:
        """Return the offered order a typed answer names ("두번째요", "니트요"), if one."""
        offered = (await self._ranked(ctx, state))[:_PICK_LIMIT]
        labels = [
            " ".join((f"{o.ordered_at.astimezone(turn.now.tzinfo):%m/%d}", *_names(o)))
            for o in offered
        ]
        index = pick_one(labels, turn.message.text)
        return offered[index].order_no if index is not None else None

    async def _choose(self, turn: Turn, ctx: FlowContext, state: DialogState) -> Proven | Decision:
        speech = Speech.of(turn, ctx)
        candidates = await _known_orders(ctx, state)
        preferred = [order for order in candidates if self.prefer(order)]
        # The order just discussed, when it suits this flow, when another flow was still busy
        # with it, or when the shopper points at it ("이거 취소해 주세요" right after its
        # status: the flow then says why it can't).
        focus = state.verified_orders[-1] if state.verified_orders else ""
        pointed = turn.state.flow is not None or _POINTING.search(turn.message.text) is not None
        focused = [
            order
            for order in candidates
            if order.order_no == focus and (pointed or self.prefer(order))
        ]
        for pool in (focused, preferred, candidates):
            if len(pool) == 1:
                return _prove(pool[0], state, link=False)
        if candidates:
            ranked = await self._ranked(ctx, state)
            quick = [pick_reply(speech, order, turn.now) for order in ranked[:_PICK_LIMIT]]
            picking = state.enter(self.flow, "pick_order")
            key = "gate.pick_again" if state.step == "pick_order" else "gate.pick"
            return say(picking, [speech(key)], quick)
        if len(state.failed_verifications) >= MAX_FAILURES:
            return _locked(turn, ctx, state)
        key = "gate.ask_again" if state.step == "ask_order" else "gate.ask_order"
        return say(state.enter(self.flow, "ask_order"), [speech(key)], _help(speech))


async def _known_orders(ctx: FlowContext, state: DialogState) -> list[Order]:
    orders = await ctx.orders.orders_of(state.customer_id) if state.customer_id else []
    mine = {order.order_no for order in orders}
    for order_no in reversed(state.verified_orders):
        if order_no not in mine and (order := await ctx.orders.get_order(order_no)):
            orders.append(order)
    return orders


def _names(order: Order) -> tuple[str, ...]:
    return tuple(item.name for item in order.items)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _phone_proof(turn: Turn) -> tuple[str, str]:
    """Return (full phone digits, last four digits) the message gives, either may be empty.

    The understanding layer's entities come first; the patterns catch a phone or four digits
    written right after an order number, which it may read as one number.
    """
    entities = turn.understanding.entities
    if entities.phone or entities.phone_last4:
        return _digits(entities.phone or ""), entities.phone_last4 or ""
    rest = _ORDER_NO.sub(" ", turn.message.text)
    if phone := _PHONE.search(rest):
        return _digits(phone[0]), ""
    last4 = _LAST4.search(rest)
    return "", last4[0] if last4 else ""


def _matches(order: Order, turn: Turn) -> bool:
    phone, last4 = _phone_proof(turn)
    orderer = _digits(order.orderer_phone)
    if phone:
        return phone == orderer
    if last4:
        return last4 == orderer[-4:]
    name = compact(order.orderer_name)
    return len(name) >= 2 and name in compact(turn.message.text)


def _attempted(turn: Turn, state: DialogState) -> bool:
    if any(_phone_proof(turn)):
        return True
    waiting = state.step == "verify" and order_no_in(turn) is None
    return waiting and any(ch.isalpha() for ch in turn.message.text)


def _prove(order: Order, state: DialogState, *, link: bool) -> Proven:
    verified = (*(no for no in state.verified_orders if no != order.order_no), order.order_no)
    effects: tuple[Effect, ...] = (LinkIdentity(order.customer_id),) if link else ()
    return Proven(order, state.evolve(verified_orders=verified), effects)


def _locked(turn: Turn, ctx: FlowContext, state: DialogState) -> Decision:
    speech = Speech.of(turn, ctx)
    oldest = min(datetime.fromisoformat(at) for at in state.failed_verifications)
    retry = (oldest + LOCK_WINDOW).astimezone(turn.now.tzinfo)
    text = speech("gate.locked", time=f"{retry:%H:%M}")
    return say(state.leave(), [text], [speech.start(Intent.HUMAN_AGENT)])


def _help(speech: Speech) -> list[QuickReply]:
    return [speech.start(Intent.HUMAN_AGENT)]
