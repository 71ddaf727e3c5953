"""Human agent: open a ticket and tell the shopper honestly when a person will answer."""

from datetime import datetime, time, timedelta

from conversations.speech import OneShot, Speech, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Escalate

OPENS = time(10, 0)
CLOSES = time(18, 0)
"""Business hours on weekdays, shop time."""


def escalation_summary(turn: Turn, reason: str) -> str:
    """Return a one-line summary of the conversation for the agent who takes it."""
    state = turn.state
    parts = [f"reason={reason}", f"locale={state.locale}", f"turns={state.turns}"]
    if state.last_intent:
        parts.append(f"last_intent={state.last_intent}")
    if state.flow:
        parts.append(f"flow={state.flow}/{state.step}")
    if order_no := state.slots.get("order_no"):
        parts.append(f"order={order_no}")
    elif state.verified_orders:
        parts.append(f"order={state.verified_orders[-1]}")
    if state.customer_id:
        parts.append(f"customer={state.customer_id}")
    if turn.understanding.sentiment.frustrated:
        parts.append("frustrated")
    if turn.message.text:
        parts.append(f'said="{turn.message.text[:120]}"')
    return "; ".join(parts)


def answer_time(speech: Speech, now: datetime) -> str:
    """Return when a person answers: soon within business hours, else the next opening."""
    if now.weekday() < 5 and OPENS <= now.time() < CLOSES:
        return speech("handoff.open_now")
    day = now if now.weekday() < 5 and now.time() < OPENS else now + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    key = "handoff.opens_today" if day.date() == now.date() else "handoff.opens_on"
    return speech(key, day=speech.day(day, now))


class HandoffFlow(OneShot):
    """Hands the conversation to a person with a short summary."""

    name = "handoff"
    intents = frozenset({Intent.HUMAN_AGENT})

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Open a ticket and say when a person will answer in this chat."""
        speech = Speech.of(turn, ctx)
        reason = Intent.HUMAN_AGENT.value
        effect = Escalate(reason=reason, summary=escalation_summary(turn, reason))
        texts = [speech("handoff.recorded"), answer_time(speech, turn.now)]
        return say(turn.state.leave(), texts, effects=[effect])
