"""Delivery delays: empathy, the facts from the parcel's scans and what happens next."""

from datetime import datetime

from conversations.handoff import answer_time, escalation_summary
from conversations.order_view import next_step, parcel, status_name
from conversations.ownership import OrderGate
from conversations.speech import Speech, choice, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Escalate
from core.orders import Order, OrderStatus

STALL_DAYS = 2
"""Days without a new scan after which a person follows the parcel up."""


def _shipping(order: Order) -> bool:
    return order.status is OrderStatus.SHIPPING


def _facts(speech: Speech, order: Order, now: datetime) -> list[str]:
    shipment = order.shipment
    if order.status is OrderStatus.DELIVERED and order.delivered_at is not None:
        return [speech("delay.delivered", at=speech.moment(order.delivered_at, now))]
    if order.status is not OrderStatus.SHIPPING or shipment is None:
        status = status_name(speech, order.status)
        return [speech("delay.status", status=status), next_step(speech, order, now)]
    expected = shipment.expected_at
    late = expected is not None and now.date() > expected.astimezone(now.tzinfo).date()
    texts = [
        speech("delay.late", day=speech.day(expected, now))
        if late and expected is not None
        else speech("delay.on_way"),
        parcel(speech, order, now, expected=not late),
    ]
    last = shipment.last_event.at if shipment.last_event else shipment.shipped_at
    idle = (now - last).days
    key = "delay.stalled" if idle >= STALL_DAYS else "delay.next"
    texts.append(speech(key, days=idle, stall_days=STALL_DAYS))
    return texts


class DeliveryFlow:
    """Explains a late parcel from its scans and files a delivery inquiry on request."""

    name = "delivery"
    intents = frozenset({Intent.DELIVERY_DELAY})

    def __init__(self) -> None:
        self._gate = OrderGate(self.name, prefer=_shipping)

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the gate or the offer of an inquiry."""
        offered = turn.state.step == "offer" and choice(turn, "delivery") is not None
        return offered or self._gate.answers(turn)

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Give the facts, then file a 배송 문의 when the shopper wants one."""
        speech = Speech.of(turn, ctx)
        if turn.state.flow == self.name and turn.state.step == "offer":
            picked = choice(turn, "delivery")
            if picked in ("yes", "ticket"):
                return self._ticket(turn, speech)
            if picked == "no":
                return say(turn.state.leave(), [speech("delay.declined")], speech.menu())
        found = await self._gate.resolve(turn, ctx)
        if isinstance(found, Decision):
            return found
        order = found.order
        quick = [
            speech.quick("delivery_ticket", "delivery:ticket"),
            speech.start(Intent.HUMAN_AGENT),
            speech.quick("no_thanks", "delivery:no"),
        ]
        waiting = found.state.enter(self.name, "offer", order_no=order.order_no)
        texts = [*_facts(speech, order, turn.now), speech("delay.offer")]
        return say(waiting, texts, quick, found.effects, tone="delay")

    @staticmethod
    def _ticket(turn: Turn, speech: Speech) -> Decision:
        reason = Intent.DELIVERY_DELAY.value
        effect = Escalate(reason=reason, summary=escalation_summary(turn, reason))
        texts = [speech("delay.ticket"), answer_time(speech, turn.now)]
        return say(turn.state.leave(), texts, effects=[effect])
