"""Cancellation: before shipping, with an explicit yes; after shipping, the return path."""

from conversations.order_view import (
    items_text,
    next_step,
    refund_timing,
    request_no,
    status_name,
)
from conversations.ownership import OrderGate, order_no_in
from conversations.speech import Speech, choice, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Effect, RequestKind, ServiceRequest, SubmitRequest
from core.orders import Order, OrderStatus
from core.state import DialogState


def _cancellable(order: Order) -> bool:
    return order.status.before_shipping


class CancelFlow:
    """Cancels an order that has not shipped yet, once the shopper confirms."""

    name = "cancel"
    intents = frozenset({Intent.CANCEL_ORDER})

    def __init__(self) -> None:
        self._gate = OrderGate(self.name, prefer=_cancellable)

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the gate or the yes/no question."""
        confirming = turn.state.step == "confirm" and choice(turn, "cancel") is not None
        return confirming or self._gate.answers(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Ask which order, confirm, then file the cancellation."""
        speech = Speech.of(turn, ctx)
        if turn.state.flow == self.name and turn.state.step == "confirm":
            order = await self._gate.reload(turn, ctx)
            picked = choice(turn, "cancel")
            if picked == "no":
                return say(turn.state.leave(), [speech("cancel.kept")], speech.menu())
            if order is not None and picked == "yes":
                return self._submit(turn, speech, order)
            if order is not None and not order_no_in(turn):
                return self._confirm(turn.state, speech, order, "cancel.confirm_again")
        found = await self._gate.resolve(turn, ctx)
        if isinstance(found, Decision):
            return found
        order, state = found.order, found.state
        if order.status.before_shipping:
            return self._confirm(state, speech, order, "cancel.confirm", found.effects)
        if order.status is OrderStatus.CANCELLED:
            return say(state.leave(), [speech("cancel.already")], speech.menu(), found.effects)
        texts = [speech("cancel.shipped", status=status_name(speech, order.status))]
        if order.status is OrderStatus.SHIPPING:
            # A return can only be filed once the parcel has arrived.
            texts.append(speech("cancel.return_after_delivery"))
            quick = [speech.start(Intent.ORDER_STATUS), speech.start(Intent.HUMAN_AGENT)]
        elif order.status in (OrderStatus.DELIVERED, OrderStatus.CONFIRMED):
            texts.append(speech("cancel.return_path"))
            quick = [speech.start(Intent.RETURN_REQUEST), speech.start(Intent.HUMAN_AGENT)]
        else:
            texts.append(next_step(speech, order, turn.now))
            quick = [speech.start(Intent.HUMAN_AGENT), speech.quick("menu", "intent:greeting")]
        return say(state.leave(), texts, quick, found.effects)

    def _confirm(
        self,
        state: DialogState,
        speech: Speech,
        order: Order,
        key: str,
        effects: tuple[Effect, ...] = (),
    ) -> Decision:
        text = speech(
            key,
            order_no=order.order_no,
            items=items_text(speech, order),
            total=speech.won(order.total),
        )
        quick = [speech.quick("yes_cancel", "cancel:yes"), speech.quick("no_keep", "cancel:no")]
        waiting = state.enter(self.name, "confirm", order_no=order.order_no)
        return say(waiting, [text], quick, effects)

    @staticmethod
    def _submit(turn: Turn, speech: Speech, order: Order) -> Decision:
        number = request_no("C", order.order_no)
        request = ServiceRequest(
            request_no=number,
            kind=RequestKind.CANCEL,
            order_no=order.order_no,
            customer_id=order.customer_id,
            reason="shopper_request",
        )
        refund = speech(
            "cancel.refund", total=speech.won(order.total), method=order.payment_method
        )
        texts = [
            speech("cancel.done", request_no=number, order_no=order.order_no),
            f"{refund} {refund_timing(speech, order.payment_method)}",
        ]
        return say(turn.state.leave(), texts, speech.menu(), [SubmitRequest(request)])
