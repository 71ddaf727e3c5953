"""Order changes: delivery address or option, before shipping and with confirmation."""

from conversations.options import OptionQuestion, find_product
from conversations.order_view import item_text, request_no, status_name
from conversations.ownership import OrderGate
from conversations.speech import Speech, choice, mentions, ordinal, pick_one, say
from core.customers import mask_address
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Effect, QuickReply, RequestKind, ServiceRequest, SubmitRequest
from core.orders import Order
from core.state import DialogState

_ADDRESS_WORDS = ("주소", "배송지", "address", "ship to", "shipping to")
_OPTION_WORDS = ("옵션", "사이즈", "색상", "컬러", "size", "colour", "color", "option")
_STEPS = frozenset({"what", "address", "item", "option", "confirm"})
_MIN_ADDRESS = 5
_MIN_ADDRESS_WORDS = 2

OPTIONS = OptionQuestion(flow="change", field="opt", copy="change")


def _changeable(order: Order) -> bool:
    return order.status.before_shipping


class ChangeFlow:
    """Changes the address or an item's option of an order that has not shipped."""

    name = "change"
    intents = frozenset({Intent.CHANGE_ORDER})

    def __init__(self) -> None:
        self._gate = OrderGate(self.name, prefer=_changeable)

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the question the change flow asked."""
        step, text = turn.state.step, turn.message.text
        entities = turn.understanding.entities
        answered = {
            "what": lambda: _what(turn) is not None,
            "address": lambda: _looks_like_address(text),
            "item": lambda: ordinal(text) is not None,
            "option": lambda: bool(entities.color or entities.size or "/" in text),
            "confirm": lambda: choice(turn, "change") is not None,
        }
        check = answered.get(step or "")
        return (check is not None and check()) or self._gate.answers(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Collect what to change, confirm it, then file the change."""
        speech = Speech.of(turn, ctx)
        if turn.state.flow == self.name and turn.state.step in _STEPS:
            order = await self._gate.reload(turn, ctx)
            if order is not None:
                return await self._answer(turn, ctx, speech, order)
        found = await self._gate.resolve(turn, ctx)
        if isinstance(found, Decision):
            return found
        order = found.order
        if not order.status.before_shipping:
            texts = [speech("change.too_late", status=status_name(speech, order.status))]
            quick = [
                speech.start(Intent.EXCHANGE_REQUEST),
                speech.start(Intent.RETURN_REQUEST),
                speech.start(Intent.HUMAN_AGENT),
            ]
            return say(found.state.leave(), texts, quick, found.effects)
        state = found.state.leave().enter(self.name, "what", order_no=order.order_no)
        what = _what(turn)
        if what:
            state = state.enter(self.name, "what", what=what)
        return await self._next(state, ctx, speech, order, found.effects)

    async def _answer(
        self, turn: Turn, ctx: FlowContext, speech: Speech, order: Order
    ) -> Decision:
        state, step = turn.state, turn.state.step
        text = turn.message.text.strip()
        picked = choice(turn, "change")
        notice = ""
        if step == "confirm":
            if picked == "yes":
                return self._submit(state, speech, order)
            if picked == "no":
                return say(state.leave(), [speech("change.kept")], speech.menu())
        elif step == "what" and (what := _what(turn)):
            state = state.enter(self.name, "what", what=what)
        elif step == "address":
            if not turn.message.postback and _looks_like_address(text):
                state = state.enter(self.name, "confirm", new_address=text)
            elif text:
                notice = speech("change.address_unclear")
        elif step == "item" and (index := _item(turn, picked, order)) is not None:
            state = state.enter(self.name, "option", item=str(index))
        elif step == "option":
            item = order.items[int(state.slots.get("item", "0"))]
            product = await find_product(ctx, item.product_id)
            option, notice = OPTIONS.answer(turn, picked, speech, product, item.option)
            if option:
                state = state.enter(self.name, "confirm", new_option=option)
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
        what = slots.get("what")
        if what is None:
            quick = [
                speech.quick("change_address", "change:address"),
                speech.quick("change_option", "change:option"),
            ]
            return say(state.enter(self.name, "what"), [speech("change.ask_what")], quick, effects)
        if what == "address" and "new_address" not in slots:
            text = notice or speech("change.ask_address", current=mask_address(order.address))
            return say(state.enter(self.name, "address"), [text], effects=effects)
        if what == "option" and "item" not in slots and len(order.items) > 1:
            quick = [
                QuickReply(item.name[:14], f"change:item:{index}")
                for index, item in enumerate(order.items)
            ]
            return say(state.enter(self.name, "item"), [speech("change.ask_item")], quick, effects)
        if what == "option" and "new_option" not in slots:
            item = order.items[int(slots.get("item", "0"))]
            state = state.enter(self.name, "option", item=slots.get("item", "0"))
            quick = await OPTIONS.replies(ctx, item.product_id, item.option)
            text = notice or speech("change.ask_option", item=item_text(speech, item))
            return say(state, [text], quick, effects)
        quick = [speech.quick("yes", "change:yes"), speech.quick("no", "change:no")]
        if what == "address":
            text = speech("change.confirm_address", address=slots["new_address"])
        else:
            item = order.items[int(slots["item"])]
            text = speech(
                "change.confirm_option", item=item.name, old=item.option, new=slots["new_option"]
            )
        return say(state.enter(self.name, "confirm"), [text], quick, effects)

    @staticmethod
    def _submit(state: DialogState, speech: Speech, order: Order) -> Decision:
        slots = state.slots
        if slots.get("what") == "address":
            kind, prefix = RequestKind.CHANGE_ADDRESS, "A"
            details = {"address": slots["new_address"]}
        else:
            item = order.items[int(slots["item"])]
            kind, prefix = RequestKind.CHANGE_OPTION, "O"
            details = {"item": item.product_id, "from": item.option, "to": slots["new_option"]}
        number = request_no(prefix, order.order_no, *details.values())
        request = ServiceRequest(
            request_no=number,
            kind=kind,
            order_no=order.order_no,
            customer_id=order.customer_id,
            reason="shopper_request",
            details=details,
        )
        texts = [speech("change.done", request_no=number), speech("change.next")]
        return say(state.leave(), texts, speech.menu(), [SubmitRequest(request)])


def _what(turn: Turn) -> str | None:
    picked = choice(turn, "change")
    if picked in ("address", "option"):
        return picked
    text = turn.message.text
    if mentions(text, _ADDRESS_WORDS):
        return "address"
    entities = turn.understanding.entities
    if mentions(text, _OPTION_WORDS) or entities.size or entities.color:
        return "option"
    return None


def _looks_like_address(text: str) -> bool:
    """Return True for text that reads like an address: a few words with a number in them."""
    text = text.strip()
    return (
        len(text) >= _MIN_ADDRESS
        and len(text.split()) >= _MIN_ADDRESS_WORDS
        and any(ch.isdigit() for ch in text)
    )


def _item(turn: Turn, picked: str | None, order: Order) -> int | None:
    if picked and picked.startswith("item:"):
        return int(picked.removeprefix("item:"))
    if turn.message.postback:
        return None
    return pick_one([item.name for item in order.items], turn.message.text)
