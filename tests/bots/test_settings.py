"""Settings from the environment, and what the worker makes of the send limits."""

import pytest

from adapters.outbox.ratelimit import ChannelRates, Rate
from bots.settings import DEFAULT_DATABASE_URL, Settings, SettingsError
from bots.worker import channel_rates
from core.models import Channel


def test_defaults_are_embedded_and_safe() -> None:
    settings = Settings.from_env({})
    assert settings.embedded and settings.database_url == DEFAULT_DATABASE_URL
    assert settings.port == 8080 and settings.tz_shop == "Asia/Seoul"
    assert settings.kakao_skill_secret is None


def test_values_are_read_and_converted() -> None:
    settings = Settings.from_env(
        {"PORT": "9000", "REDIS_URL": "redis://r:6379/1", "KAKAO_INLINE_BUDGET_S": "2.5", "X": "y"}
    )
    assert settings.port == 9000 and settings.kakao_inline_budget_s == 2.5
    assert not settings.embedded


def test_an_empty_value_means_unset() -> None:
    assert Settings.from_env({"REDIS_URL": ""}).embedded


def test_a_bad_number_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="PORT"):
        Settings.from_env({"PORT": "eighty"})


def test_send_limits_come_from_settings() -> None:
    rates = channel_rates(
        Settings.from_env({"TELEGRAM_RATE_PER_S": "20", "TELEGRAM_CHAT_RATE_PER_S": "0.5"})
    )
    assert rates[Channel.TELEGRAM] == ChannelRates(Rate(20, 1.0), Rate(1, 2.0))
    assert rates[Channel.INSTAGRAM] == ChannelRates(Rate(300, 1.0), Rate(1, 1.0))
