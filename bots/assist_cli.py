"""`dangol assist summary|suggest CHANNEL USER_ID`: the language model's help for agents."""

import argparse
import asyncio
import json
import sys

from redis.asyncio import Redis

from adapters.llm import OpenAIModel
from adapters.memory import MemoryDialogStore
from adapters.redis import RedisDialogStore
from adapters.sql import (
    SqlCustomerDirectory,
    SqlOrderBackend,
    make_engine,
    make_sessions,
    migrate,
)
from adapters.sql.history import SqlConversationHistory
from bots.llm import build_language_model
from bots.settings import Settings
from core.assist import AgentAssist, AgentNote, EmptyConversation
from core.models import Channel, ConversationKey
from core.ports import DialogStore

_TASKS = {
    "summary": ("summarise one conversation for the agent taking it over", "summary"),
    "suggest": ("suggest the agent's next reply in one conversation", "suggestion"),
}
"""Sub-command: (help, the output field of the model's text)."""


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add `assist summary` and `assist suggest` to the `dangol` command."""
    assist = subparsers.add_parser(
        "assist", help="conversation help for agents (needs OPENAI_API_KEY); prints JSON"
    )
    commands = assist.add_subparsers(dest="assist_command", required=True)
    for task, (text, _) in _TASKS.items():
        command = commands.add_parser(task, help=text)
        command.add_argument("channel", choices=[channel.value for channel in Channel])
        command.add_argument("user_id", help="the shopper's id on that channel")
        command.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    key = ConversationKey(Channel(args.channel), args.user_id)
    model = build_language_model(settings)
    if model is None:
        result: dict[str, object] = {"error": "no language model: OPENAI_API_KEY is not set"}
    else:
        result = asyncio.run(_assist(settings, model, key, args.assist_command))
    out = {"channel": key.channel.value, "user_id": key.user_id, **result}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if "error" in result else 0


async def _assist(
    settings: Settings, model: OpenAIModel, key: ConversationKey, task: str
) -> dict[str, object]:
    await migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    # Embedded mode keeps dialog state in the server's memory: nothing counts as proven here.
    store: DialogStore = RedisDialogStore(redis) if redis else MemoryDialogStore()
    sessions = make_sessions(engine)
    assist = AgentAssist(
        model=model,
        history=SqlConversationHistory(sessions),
        store=store,
        customers=SqlCustomerDirectory(sessions),
        orders=SqlOrderBackend(sessions),
    )
    ask = assist.summary if task == "summary" else assist.suggest
    try:
        note = await ask(key)
    except EmptyConversation:
        return {"error": "no messages in this conversation"}
    finally:
        await model.aclose()
        if redis is not None:
            await redis.aclose()
        await engine.dispose()
    return _note_json(task, note)


def _note_json(task: str, note: AgentNote | None) -> dict[str, object]:
    if note is None:
        return {"error": "the language model gave no usable answer"}
    _, field = _TASKS[task]
    return {field: note.text, "messages": note.messages}
