"""Refund status: how much, by which method, where it stands and when it arrives."""

from conversations.order_view import refund_timing
from conversations.ownership import OrderGate
from conversations.speech import Speech, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.orders import Order, OrderStatus, RefundStatus


def _refunded(order: Order) -> bool:
    return order.refund is not None


class RefundFlow:
    """Tells where the refund of a proven order stands, or how to start one."""

    name = "refund"
    intents = frozenset({Intent.REFUND_STATUS})

    def __init__(self) -> None:
        self._gate = OrderGate(self.name, prefer=_refunded)

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the gate (an order, its proof, a pick)."""
        return self._gate.answers(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Answer from the order's refund record."""
        found = await self._gate.resolve(turn, ctx)
        if isinstance(found, Decision):
            return found
        speech = Speech.of(turn, ctx)
        order, state = found.order, found.state.leave()
        refund = order.refund
        if refund is None:
            start = Intent.CANCEL_ORDER if order.status.before_shipping else Intent.RETURN_REQUEST
            texts = [speech("refund.none", order_no=order.order_no), speech(f"refund.how.{start}")]
            quick = [speech.start(start), speech.start(Intent.HUMAN_AGENT)]
            return say(state, texts, quick, found.effects)
        texts = [
            speech(
                "refund.summary",
                order_no=order.order_no,
                amount=speech.won(refund.amount),
                method=refund.method,
                status=speech(f"refund.status.{refund.status}"),
            )
        ]
        if refund.status is RefundStatus.COMPLETED and refund.completed_at is not None:
            texts.append(speech("refund.completed", day=speech.day(refund.completed_at, turn.now)))
        elif refund.expected_at is not None:
            texts.append(speech("refund.expected", day=speech.day(refund.expected_at, turn.now)))
        elif order.status is OrderStatus.RETURN_IN_PROGRESS:
            texts.append(speech("refund.after_return"))
        texts.append(refund_timing(speech, refund.method))
        return say(state, texts, speech.menu(), found.effects)
