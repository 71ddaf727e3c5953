"""Order status and delivery tracking: where the order is and what happens next."""

from conversations.order_view import follow_ups, next_step, parcel, summary
from conversations.ownership import OrderGate
from conversations.speech import Speech, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.orders import Order, OrderStatus

_SETTLED = frozenset({OrderStatus.DELIVERED, OrderStatus.CONFIRMED, OrderStatus.CANCELLED})


def _in_progress(order: Order) -> bool:
    return order.status not in _SETTLED


class OrderStatusFlow:
    """Shows a proven order: status, items, parcel scans and the next step."""

    name = "order_status"
    intents = frozenset({Intent.ORDER_STATUS, Intent.DELIVERY_TRACKING})

    def __init__(self) -> None:
        self._gate = OrderGate(self.name, prefer=_in_progress)

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the gate (an order, its proof, a pick)."""
        return self._gate.answers(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Answer with the order's status once the shopper proved it."""
        found = await self._gate.resolve(turn, ctx)
        if isinstance(found, Decision):
            return found
        speech = Speech.of(turn, ctx)
        order = found.order
        texts = [
            summary(speech, order, turn.now),
            parcel(speech, order, turn.now),
            next_step(speech, order, turn.now),
        ]
        return say(found.state.leave(), texts, follow_ups(speech, order), found.effects)
