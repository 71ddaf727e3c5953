"""Fixtures of the conversation scripts: the real understanding layer and fresh doubles."""

import pytest
from conv_script import CATALOG_TERMS, ConversationScript, World

from bots.nlu_cli import build_understander
from core.nlu import Understander


@pytest.fixture(scope="session")
def understander() -> Understander:
    """The real understanding layer, trained once per session on the bot's own examples."""
    return build_understander(CATALOG_TERMS)


@pytest.fixture
def world(understander: Understander) -> World:
    """Fresh doubles behind the engine."""
    return World(understander)


@pytest.fixture
def chat(world: World) -> ConversationScript:
    """One shopper on KakaoTalk."""
    return world.script()
