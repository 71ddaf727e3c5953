"""Transcript rows and escalation tickets."""

from datetime import UTC

from sql_shop import at, utc
from sqlalchemy import select

from adapters.sql import Sessions, SqlEscalationQueue, SqlTranscript
from adapters.sql.tables import EventRow, MessageRow, TicketRow
from core.models import Channel, ConversationKey, TrackEvent
from core.ports import TranscriptEntry

KEY = ConversationKey(Channel.INSTAGRAM, "ig-1")
OTHER = ConversationKey(Channel.WEBCHAT, "web-1")


async def test_messages_are_recorded_and_the_last_inbound_is_known(sessions: Sessions) -> None:
    transcript = SqlTranscript(sessions)
    assert await transcript.last_inbound_at(KEY) is None

    first = TranscriptEntry("in", "배송 언제 와요?", at(1), "order_status", 0.9)
    await transcript.record_turn(KEY, [first], at=at(1))
    turn = [TranscriptEntry("in", "?", at(2)), TranscriptEntry("out", "확인해 드릴게요", at(3))]
    await transcript.record_turn(KEY, turn, [TrackEvent("asked", {"n": "1"})], at=at(3))
    await transcript.record_turn(OTHER, [TranscriptEntry("in", "hi", at(4))], at=at(4))

    last = await transcript.last_inbound_at(KEY)
    assert last == at(2)
    assert utc(last)
    async with sessions() as session:
        rows = (await session.scalars(select(MessageRow).order_by(MessageRow.id))).all()
    assert [(r.direction, r.text, r.intent, r.confidence) for r in rows[:2]] == [
        ("in", "배송 언제 와요?", "order_status", 0.9),
        ("in", "?", None, None),
    ]
    assert (rows[0].channel, rows[0].user_id) == ("instagram", "ig-1")
    async with sessions() as session:
        event = await session.scalar(select(EventRow))
    assert event is not None and (event.name, event.data) == ("asked", {"n": "1"})


async def test_events_are_recorded_with_their_data(sessions: Sessions) -> None:
    transcript = SqlTranscript(sessions)
    await transcript.record_event(KEY, "flow_finished", {"flow": "cancel", "result": "ok"}, at(5))

    async with sessions() as session:
        row = await session.scalar(select(EventRow))
    assert row is not None
    assert (row.channel, row.user_id, row.name) == ("instagram", "ig-1", "flow_finished")
    assert row.data == {"flow": "cancel", "result": "ok"}
    assert row.at == at(5).astimezone(UTC)


async def test_open_ticket_is_reused_until_closed(sessions: Sessions) -> None:
    queue = SqlEscalationQueue(sessions)

    first = await queue.open(KEY, reason="human_agent", summary="상담원 요청", customer_id="C-1")
    again = await queue.open(KEY, reason="complaint", summary="화남", customer_id="C-1")
    other = await queue.open(OTHER, reason="bot_missed", summary="?", customer_id=None)

    assert first == again
    assert first.startswith("T-")
    assert len(first) == len("T-000123")
    assert other != first
    await queue.close(first)
    after = await queue.open(KEY, reason="complaint", summary="다시", customer_id="C-1")
    assert after not in (first, other)
    async with sessions() as session:
        rows = (await session.scalars(select(TicketRow).order_by(TicketRow.id))).all()
    assert [(r.user_id, r.reason, r.status) for r in rows] == [
        ("ig-1", "human_agent", "closed"),
        ("web-1", "bot_missed", "open"),
        ("ig-1", "complaint", "open"),
    ]
    assert rows[0].customer_id == "C-1"
    assert utc(rows[0].created_at)
