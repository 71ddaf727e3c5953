"""Settings from the environment (a `.env` file is read when present)."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/dangol.db"


class SettingsError(ValueError):
    """A setting has a value Dangol cannot use."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, read once at start-up. Unset platform tokens disable it."""

    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    outbox_queue: str = "dangol:outbox"
    host: str = "127.0.0.1"
    port: int = 8080
    tz_shop: str = "Asia/Seoul"
    kakao_bot_id: str | None = None
    kakao_skill_secret: str | None = None
    kakao_inline_budget_s: float = 3.5
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base: str = "https://api.telegram.org"
    meta_app_secret: str | None = None
    meta_verify_token: str | None = None
    instagram_access_token: str | None = None
    graph_api_base: str = "https://graph.facebook.com"
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_escalation_channel: str | None = None
    slack_api_base: str = "https://slack.com/api/"
    telegram_rate_per_s: float = 30.0
    telegram_chat_rate_per_s: float = 1.0
    instagram_rate_per_s: float = 300.0
    instagram_chat_rate_per_s: float = 1.0
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout_s: float = 2.0
    admin_token: str | None = None

    @property
    def embedded(self) -> bool:
        """Return True when no Redis is configured: one process, in-memory state."""
        return self.redis_url is None

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, dotenv: Path | None = None
    ) -> "Settings":
        """Build settings from `env` (default: os.environ over `.env`)."""
        if env is None:
            file_values = dotenv_values(dotenv or Path(".env"))
            env = {**{k: v for k, v in file_values.items() if v is not None}, **os.environ}
        values: dict[str, object] = {}
        for name, field in cls.__dataclass_fields__.items():
            raw = env.get(name.upper())
            if raw is None or raw == "":
                continue
            values[name] = _convert(name, raw, field.type)
        return cls(**values)  # type: ignore[arg-type]


def _convert(name: str, raw: str, kind: object) -> object:
    try:
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name.upper()} must be a number, got {raw!r}") from exc
    return raw
