"""A fake Graph API Send API: a small aiohttp app that records calls and fails on demand."""

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass(frozen=True, slots=True)
class RecordedCall:
    """One accepted `POST /{version}/me/messages`."""

    version: str
    access_token: str | None
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Failure:
    status: int
    code: int | None
    subcode: int | None
    retry_after: float | None
    delay: float
    at_attempt: int


class FakeGraph:
    """Plays `POST /{version}/me/messages`; serve `app` with `aiohttp_server`.

    Only requests carrying `access_token` are answered with success; `fail_next` queues
    failures answered, in order, instead of later calls (which are then not recorded).
    """

    def __init__(self, access_token: str) -> None:
        self.access_token = access_token
        self.calls: list[RecordedCall] = []
        self.attempts = 0
        self._failures: deque[_Failure] = deque()
        self._ids = itertools.count(1)
        self._recorded = asyncio.Condition()
        self.app = web.Application()
        self.app.router.add_post("/{version}/me/messages", self._messages)

    def fail_next(
        self,
        *,
        status: int,
        code: int | None = None,
        subcode: int | None = None,
        retry_after: float | None = None,
        delay: float = 0.0,
        after: int = 0,
    ) -> None:
        """Answer a call with `status` and a Graph error body (`code`, `subcode`).

        The failure hits the next call, or the one after `after` more calls; `delay` seconds
        pass before it is answered.
        """
        at_attempt = self.attempts + after + 1
        self._failures.append(_Failure(status, code, subcode, retry_after, delay, at_attempt))

    async def wait_for_calls(self, count: int) -> list[RecordedCall]:
        """Wait until `count` messages were sent; return them."""
        async with self._recorded:
            await self._recorded.wait_for(lambda: len(self.calls) >= count)
        return self.calls[:count]

    async def _messages(self, request: web.Request) -> web.Response:
        self.attempts += 1
        if self._failures and self._failures[0].at_attempt <= self.attempts:
            return await self._fail(self._failures.popleft())
        token = request.query.get("access_token")
        if token != self.access_token:
            return _graph_error(400, 190, None, "Invalid OAuth access token.")
        body = await request.json()
        async with self._recorded:
            self.calls.append(RecordedCall(request.match_info["version"], token, body))
            self._recorded.notify_all()
        return web.json_response(
            {"recipient_id": body["recipient"]["id"], "message_id": f"mid.sent.{next(self._ids)}"}
        )

    async def _fail(self, failure: _Failure) -> web.Response:
        await asyncio.sleep(failure.delay)
        response = _graph_error(failure.status, failure.code, failure.subcode, "injected")
        if failure.retry_after is not None:
            response.headers["Retry-After"] = f"{failure.retry_after:g}"
        return response


def _graph_error(status: int, code: int | None, subcode: int | None, message: str) -> web.Response:
    error: dict[str, Any] = {"message": message, "type": "OAuthException", "code": code}
    if subcode is not None:
        error["error_subcode"] = subcode
    return web.json_response({"error": error}, status=status)
