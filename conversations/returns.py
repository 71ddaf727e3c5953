"""Returns and exchanges: window check, item, reason, option, photo, confirmation, pickup."""

from datetime import timedelta

from conversations.options import OptionQuestion, find_product
from conversations.order_view import (
    RETURN_DAYS,
    refund_timing,
    request_no,
    status_name,
)
from conversations.ownership import OrderGate
from conversations.speech import Speech, choice, mentions, ordinal, pick_one, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Effect, QuickReply, RequestKind, ServiceRequest, SubmitRequest
from core.orders import Order, OrderStatus
from core.state import DialogState

REASONS: tuple[str, ...] = ("change_of_mind", "size", "defect", "wrong_item", "other")
SHOP_PAYS = frozenset({"defect", "wrong_item"})
"""Reasons for which the shop pays the shipping both ways."""
_REASON_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("defect", ("불량", "파손", "찢어", "오염", "하자", "defect", "damaged", "broken", "torn")),
    ("wrong_item", ("오배송", "다른 상품", "잘못 왔", "wrong item", "wrong one")),
    ("size", ("사이즈", "size", "작아", "커요", "too small", "too big")),
    ("change_of_mind", ("변심", "마음", "changed my mind", "don't like", "dont like")),
)
_SKIP_WORDS = ("건너", "없어", "없습니다", "없는데", "skip", "no photo", "don't have", "dont have")
_STEPS = frozenset({"item", "reason", "option", "photo", "confirm"})
_DELIVERED = frozenset({OrderStatus.DELIVERED, OrderStatus.CONFIRMED})

OPTIONS = OptionQuestion(flow="return", field="option", copy="returns")


def _delivered(order: Order) -> bool:
    return order.status in _DELIVERED


class ReturnsFlow:
    """Files a return or an exchange of a delivered item within the legal window."""

    name = "returns"
    intents = frozenset({Intent.RETURN_REQUEST, Intent.EXCHANGE_REQUEST})

    def __init__(self) -> None:
        self._gate = OrderGate(self.name, prefer=_delivered)

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the question the return flow asked."""
        step, text = turn.state.step, turn.message.text
        entities = turn.understanding.entities
        answered = {
            "item": lambda: ordinal(text) is not None,
            "reason": lambda: any(mentions(text, words) for _, words in _REASON_WORDS),
            "option": lambda: bool(entities.color or entities.size or "/" in text),
            "photo": lambda: bool(turn.message.attachments) or _skipped(turn),
            "confirm": lambda: choice(turn, "return") is not None,
        }
        check = answered.get(step or "")
        return (check is not None and check()) or self._gate.answers(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Check the window, collect the details, confirm, then file the request."""
        speech = Speech.of(turn, ctx)
        if turn.state.flow == self.name and turn.state.step in _STEPS:
            order = await self._gate.reload(turn, ctx)
            if order is not None:
                return await self._answer(turn, ctx, speech, order)
        kind = "exchange" if turn.intent is Intent.EXCHANGE_REQUEST else "return"
        if turn.state.flow == self.name:
            kind = turn.state.slots.get("kind", kind)
        found = await self._gate.resolve(turn, ctx, kind=kind)
        if isinstance(found, Decision):
            return found
        order, state = found.order, found.state.leave()
        refusal = _refusal(turn, speech, order)
        if refusal is not None:
            texts, quick = refusal
            return say(state, texts, quick, found.effects)
        state = state.enter(self.name, "item", order_no=order.order_no, kind=kind)
        return await self._next(state, ctx, speech, order, found.effects)

    async def _answer(
        self, turn: Turn, ctx: FlowContext, speech: Speech, order: Order
    ) -> Decision:
        state, step = turn.state, turn.state.step
        picked = choice(turn, "return")
        notice = ""
        if step == "confirm":
            if picked == "yes":
                return self._submit(state, speech, order)
            if picked == "no":
                return say(state.leave(), [speech("returns.kept")], speech.menu())
        elif step == "item" and (index := _item(turn, picked, order)) is not None:
            state = state.enter(self.name, "reason", item=str(index))
        elif step == "item":
            notice = speech("returns.item_unclear")
        elif step == "reason" and (reason := _reason(turn, picked)):
            state = state.enter(self.name, "option", reason=reason)
        elif step == "option":
            item = order.items[int(state.slots.get("item", "0"))]
            product = await find_product(ctx, item.product_id)
            same = "" if state.slots.get("reason") in SHOP_PAYS else item.option
            option, notice = OPTIONS.answer(turn, picked, speech, product, same)
            if option:
                state = state.enter(self.name, "photo", option=option)
        elif step == "photo":
            photos = [a.ref for a in turn.message.attachments if a.kind == "image"]
            if photos or picked == "skip" or _skipped(turn):
                state = state.enter(self.name, "confirm", photos=" ".join(photos))
        return await self._next(state, ctx, speech, order, notice=notice)

    async def _next(
        self,
        state: DialogState,
        ctx: FlowContext,
        speech: Speech,
        order: Order,
        effects: tuple[Effect, ...] = (),
        notice: str = "",
    ) -> Decision:
        slots = state.slots
        kind = speech(f"returns.kind.{slots['kind']}")
        if "item" not in slots and len(order.items) > 1:
            quick = [
                QuickReply(item.name[:14], f"return:item:{index}")
                for index, item in enumerate(order.items)
            ]
            text = notice or speech("returns.ask_item", kind=kind)
            return say(state.enter(self.name, "item"), [text], quick, effects)
        state = state.enter(self.name, "reason", item=slots.get("item", "0"))
        item = order.items[int(state.slots["item"])]
        if "reason" not in slots:
            quick = [speech.quick(f"reason_{code}", f"return:reason:{code}") for code in REASONS]
            text = speech("returns.ask_reason", item=item.name, kind=kind)
            return say(state, [text], quick, effects)
        if slots["kind"] == "exchange" and "option" not in slots:
            same = "" if slots["reason"] in SHOP_PAYS else item.option
            quick = await OPTIONS.replies(ctx, item.product_id, same)
            text = notice or speech("returns.ask_option", item=item.name, current=item.option)
            return say(state.enter(self.name, "option"), [text], quick, effects)
        if slots["reason"] in SHOP_PAYS and "photos" not in slots:
            quick = [speech.quick("skip", "return:skip")]
            text = speech("returns.ask_photo")
            return say(state.enter(self.name, "photo"), [text], quick, effects)
        quick = [speech.quick("yes_request", "return:yes"), speech.quick("no", "return:no")]
        text = speech(
            f"returns.confirm.{slots['kind']}",
            item=item.name,
            reason=speech(f"qr.reason_{slots['reason']}"),
            option=slots.get("option", ""),
        )
        fee = _fee(speech, slots["kind"], slots["reason"])
        return say(state.enter(self.name, "confirm"), [text, fee], quick, effects)

    @staticmethod
    def _submit(state: DialogState, speech: Speech, order: Order) -> Decision:
        slots = state.slots
        item = order.items[int(slots["item"])]
        exchange = slots["kind"] == "exchange"
        details = {"item": item.product_id, "item_name": item.name, "from": item.option}
        if exchange:
            details["to"] = slots.get("option", "")
        number = request_no("X" if exchange else "R", order.order_no, item.product_id)
        request = ServiceRequest(
            request_no=number,
            kind=RequestKind.EXCHANGE if exchange else RequestKind.RETURN,
            order_no=order.order_no,
            customer_id=order.customer_id,
            reason=slots["reason"],
            details=details,
            photos=tuple(slots.get("photos", "").split()),
        )
        # The fee was on the confirmation the shopper just said yes to: not repeated here.
        after = (
            speech("returns.exchange_next")
            if exchange
            else f"{speech('returns.refund_next')} {refund_timing(speech, order.payment_method)}"
        )
        texts = [
            speech(f"returns.done.{slots['kind']}", request_no=number),
            speech("returns.pickup"),
            after,
        ]
        return say(state.leave(), texts, speech.menu(), [SubmitRequest(request)])


def _refusal(
    turn: Turn, speech: Speech, order: Order
) -> tuple[list[str], list[QuickReply]] | None:
    human = speech.start(Intent.HUMAN_AGENT)
    if order.status.before_shipping:
        return [speech("returns.not_shipped")], [speech.start(Intent.CANCEL_ORDER), human]
    if order.status not in _DELIVERED:
        text = speech("returns.not_now", status=status_name(speech, order.status))
        return [text], [speech.start(Intent.ORDER_STATUS), human]
    received = order.delivered_at
    if received is None or (turn.now - received).days <= RETURN_DAYS:
        return None
    texts = [
        speech(
            "returns.window_passed",
            received=speech.day(received, turn.now),
            deadline=speech.day(received + timedelta(days=RETURN_DAYS), turn.now),
        ),
        speech("returns.defect_rule"),
    ]
    return texts, [human, speech.quick("menu", "intent:greeting")]


def _reason(turn: Turn, picked: str | None) -> str | None:
    if picked and picked.startswith("reason:") and picked[7:] in REASONS:
        return picked.removeprefix("reason:")
    if turn.message.postback or not turn.message.text.strip():
        return None
    for code, words in _REASON_WORDS:
        if mentions(turn.message.text, words):
            return code
    return "other"


def _item(turn: Turn, picked: str | None, order: Order) -> int | None:
    if picked and picked.startswith("item:"):
        return int(picked.removeprefix("item:"))
    if turn.message.postback:
        return None
    return pick_one([item.name for item in order.items], turn.message.text)


def _skipped(turn: Turn) -> bool:
    """Return True when the shopper says there is no photo ("사진 없어요", "skip")."""
    text = turn.message.text
    return bool(text) and (mentions(text, _SKIP_WORDS) or choice(turn, "return") == "no")


def _fee(speech: Speech, kind: str, reason: str) -> str:
    payer = "shop" if reason in SHOP_PAYS else "customer"
    return speech(f"returns.fee.{payer}.{kind}")
