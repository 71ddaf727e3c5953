"""Parked late Kakao replies, in memory and on a real Redis: shown once, joined, isolated."""

import pytest

from adapters.kakao.parking import MemoryParkedReplies, ParkedReplies, RedisParkedReplies
from core.models import Channel, ConversationKey, QuickReply, Reply, Text

KEY = ConversationKey(Channel.KAKAO, "bot:user-1")
OTHER = ConversationKey(Channel.KAKAO, "bot:user-2")


@pytest.fixture(params=["memory", "redis"])
def parked(request: pytest.FixtureRequest) -> ParkedReplies:
    if request.param == "memory":
        return MemoryParkedReplies()
    redis, namespace = request.getfixturevalue("redis"), request.getfixturevalue("namespace")
    return RedisParkedReplies(redis, prefix=namespace)


async def test_a_parked_reply_is_taken_once(parked: ParkedReplies) -> None:
    reply = Reply(
        parts=(Text("늦은 답변"),), quick_replies=(QuickReply("메뉴", "intent:greeting"),)
    )
    await parked.park(KEY, reply)
    assert await parked.take(OTHER) is None
    assert await parked.take(KEY) == reply
    assert await parked.take(KEY) is None


async def test_two_late_replies_are_joined_in_order(parked: ParkedReplies) -> None:
    await parked.park(KEY, Reply(parts=(Text("하나"),)))
    await parked.park(KEY, Reply(parts=(Text("둘"),), quick_replies=(QuickReply("네", "x:yes"),)))
    joined = await parked.take(KEY)
    assert joined == Reply(
        parts=(Text("하나"), Text("둘")), quick_replies=(QuickReply("네", "x:yes"),)
    )


async def test_memory_keeps_at_most_its_capacity() -> None:
    parked = MemoryParkedReplies(capacity=2)
    for n in range(3):
        await parked.park(ConversationKey(Channel.KAKAO, f"b:{n}"), Reply(parts=(Text(str(n)),)))
    assert await parked.take(ConversationKey(Channel.KAKAO, "b:0")) is None
    assert await parked.take(ConversationKey(Channel.KAKAO, "b:2")) is not None
