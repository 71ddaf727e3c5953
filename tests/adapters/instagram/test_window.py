from datetime import timedelta

import pytest

from adapters.instagram.window import messaging_window
from core.outbound import Author

from .doubles import NOW


@pytest.mark.parametrize("author", [Author.BOT, Author.AGENT])
def test_window_allows_a_response_within_24_hours(author: Author) -> None:
    decision = messaging_window(author, NOW - timedelta(hours=23), NOW)
    assert (decision.allowed, decision.messaging_type, decision.tag) == (True, "RESPONSE", None)


def test_window_refuses_a_bot_after_24_hours() -> None:
    decision = messaging_window(Author.BOT, NOW - timedelta(hours=25), NOW)
    assert not decision.allowed
    assert decision.reason.startswith("outside messaging window")
    assert "25.0 hours" in decision.reason


def test_window_allows_an_agent_3_days_later_with_human_agent_tag() -> None:
    decision = messaging_window(Author.AGENT, NOW - timedelta(days=3), NOW)
    assert (decision.allowed, decision.messaging_type, decision.tag) == (
        True,
        "MESSAGE_TAG",
        "HUMAN_AGENT",
    )


def test_window_refuses_an_agent_after_8_days() -> None:
    decision = messaging_window(Author.AGENT, NOW - timedelta(days=8), NOW)
    assert not decision.allowed
    assert "8.0 days" in decision.reason
    assert "HUMAN_AGENT" in decision.reason


@pytest.mark.parametrize("author", [Author.BOT, Author.AGENT])
def test_window_refuses_when_the_shopper_never_wrote(author: Author) -> None:
    decision = messaging_window(author, None, NOW)
    assert not decision.allowed
    assert "never wrote" in decision.reason


def test_window_edges_are_exclusive() -> None:
    assert not messaging_window(Author.BOT, NOW - timedelta(hours=24), NOW).allowed
    assert not messaging_window(Author.AGENT, NOW - timedelta(days=7), NOW).allowed
    assert messaging_window(Author.BOT, NOW + timedelta(minutes=1), NOW).allowed
