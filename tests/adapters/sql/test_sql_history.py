"""SqlConversationHistory: one conversation's last messages, oldest first."""

from datetime import timedelta

from adapters.sql import Sessions, SqlTranscript
from adapters.sql.history import SqlConversationHistory
from core.models import Channel, ConversationKey
from core.ports import TranscriptEntry
from tests.conversations.conv_shop import NOW

MINE = ConversationKey(Channel.KAKAO, "bot:u1")
OTHER = ConversationKey(Channel.KAKAO, "bot:u2")
SAME_USER_ELSEWHERE = ConversationKey(Channel.TELEGRAM, "bot:u1")


async def test_last_messages_of_one_conversation_oldest_first(sessions: Sessions) -> None:
    transcript = SqlTranscript(sessions)
    for minute, text in enumerate(["하나", "둘", "셋", "넷"]):
        direction = "in" if minute % 2 == 0 else "out"
        at = NOW + timedelta(minutes=minute)
        await transcript.record_turn(MINE, [TranscriptEntry(direction, text, at)], at=at)
    await transcript.record_turn(OTHER, [TranscriptEntry("in", "남의 말", NOW)], at=NOW)
    elsewhere = [TranscriptEntry("in", "다른 앱", NOW)]
    await transcript.record_turn(SAME_USER_ELSEWHERE, elsewhere, at=NOW)
    history = SqlConversationHistory(sessions)
    lines = await history.messages(MINE, limit=3)
    assert [(line.direction, line.text) for line in lines] == [
        ("out", "둘"),
        ("in", "셋"),
        ("out", "넷"),
    ]
    assert lines[0].at == NOW + timedelta(minutes=1)
    assert await history.messages(ConversationKey(Channel.WEBCHAT, "nobody"), limit=5) == []
