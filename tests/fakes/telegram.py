"""A fake Telegram Bot API: a small aiohttp app that records calls and fails on demand."""

import asyncio
import itertools
import json
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

BOT_ID = 7000001
# Parameters the Bot API takes as JSON-serialized values.
_JSON_PARAMS = frozenset({"reply_markup", "allowed_updates"})
_DESCRIPTIONS = {
    400: "Bad Request: chat not found",
    403: "Forbidden: bot was blocked by the user",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass(frozen=True, slots=True)
class RecordedCall:
    """One request to `/bot{token}/{method}` with its decoded parameters and our status."""

    method: str
    params: dict[str, Any]
    status: int


@dataclass(frozen=True, slots=True)
class _Failure:
    status: int
    description: str
    retry_after: int | None
    delay: float


class FakeTelegram:
    """Plays the Bot API methods Dangol uses; serve `app` with `aiohttp_server`.

    Requests with another token get 401. `fail_next` queues failures per method, answered
    instead of its next calls. `updates` is what getUpdates serves (from its offset on).
    """

    def __init__(self, token: str) -> None:
        self.token = token
        self.url = ""  # the served root, set by whoever serves `app`
        self.calls: list[RecordedCall] = []
        self.updates: list[dict[str, Any]] = []
        self.user_agents: set[str] = set()
        self._failures: defaultdict[str, deque[_Failure]] = defaultdict(deque)
        self._message_ids = itertools.count(1)
        self._recorded = asyncio.Condition()
        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle)

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        description: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer the next call of `method` with `status` after `delay` seconds.

        A 429 carries `parameters.retry_after`; the description defaults to Telegram's wording
        for the status (403 is "bot was blocked by the user", 400 "chat not found").
        """
        text = description or _DESCRIPTIONS.get(status, "Error").format(retry_after=retry_after)
        after = retry_after if status == 429 else None
        self._failures[method].append(_Failure(status, text, after, delay))

    async def wait_for_call(self, predicate: Callable[[RecordedCall], bool]) -> RecordedCall:
        """Wait until a recorded call satisfies `predicate`; return the first that does."""
        async with self._recorded:
            await self._recorded.wait_for(lambda: any(predicate(c) for c in self.calls))
        return next(c for c in self.calls if predicate(c))

    def sent(self, method: str) -> list[dict[str, Any]]:
        """Return the parameters of every successful call of `method`, in order."""
        return [c.params for c in self.calls if c.method == method and c.status == 200]

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.user_agents.add(request.headers.get("User-Agent", ""))
        params = await _params(request)
        if request.match_info["token"] != self.token:
            return await self._error(method, params, 401, "Unauthorized", None)
        if self._failures[method]:
            failure = self._failures[method].popleft()
            await asyncio.sleep(failure.delay)
            return await self._error(
                method, params, failure.status, failure.description, failure.retry_after
            )
        answer = getattr(self, f"_{method}", None)
        if answer is None:
            return await self._error(method, params, 404, "Not Found: method not found", None)
        result = await answer(params)
        await self._record(RecordedCall(method, params, 200))
        return web.json_response({"ok": True, "result": result})

    async def _record(self, call: RecordedCall) -> None:
        async with self._recorded:
            self.calls.append(call)
            self._recorded.notify_all()

    async def _error(
        self,
        method: str,
        params: dict[str, Any],
        status: int,
        description: str,
        retry_after: int | None,
    ) -> web.Response:
        await self._record(RecordedCall(method, params, status))
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=status)

    async def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Dangol", "username": "dangol_bot"}

    async def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**self._message(params), "text": params["text"]}

    async def _sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        size = {"file_id": "sent-photo", "file_unique_id": "u1", "width": 1, "height": 1}
        return {**self._message(params), "photo": [size]}

    async def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    async def _setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    async def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        pending = [u for u in self.updates if u["update_id"] >= offset]
        if not pending:
            await asyncio.sleep(0.01)  # a (very) short long poll
        return pending

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = {"id": int(params["chat_id"]), "type": "private", "first_name": "Shopper"}
        return {"message_id": next(self._message_ids), "date": 1710000000, "chat": chat}


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        params = dict(await request.json())
    else:
        form = await request.post()
        params = {
            name: value.file.read() if isinstance(value, web.FileField) else value
            for name, value in form.items()
        }
    return {
        name: json.loads(value) if name in _JSON_PARAMS and isinstance(value, str) else value
        for name, value in params.items()
    }
