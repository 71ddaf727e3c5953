"""A fake OpenAI API: `POST /v1/chat/completions` with scripted answers, recording requests."""

import asyncio
import json
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

USAGE = {"prompt_tokens": 120, "completion_tokens": 7, "total_tokens": 127}


Reply = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class _Script:
    status: int
    content: str
    delay: float
    reply: Reply | None = None


class FakeOpenAI:
    """Plays chat completions; serve it with `serve(aiohttp_server)`.

    Each request takes the next scripted answer: `answer` (a JSON object as the message
    content, after an optional delay), `reply` (a JSON object made from the request's user
    payload), `answer_text` (any content, for malformed JSON) or `fail` (an HTTP error).
    With nothing scripted it answers 500, so no test passes by luck.
    """

    def __init__(self) -> None:
        self.url = ""
        self.requests: list[dict[str, Any]] = []
        self._scripts: deque[_Script] = deque()
        self.app = web.Application()
        self.app.router.add_post("/v1/chat/completions", self._completions)

    async def serve(
        self, aiohttp_server: Callable[[web.Application], Coroutine[Any, Any, TestServer]]
    ) -> "FakeOpenAI":
        """Serve the app on a local port and remember its root URL."""
        server = await aiohttp_server(self.app)
        self.url = str(server.make_url("")).rstrip("/")
        return self

    def answer(self, content: dict[str, Any], *, delay: float = 0.0) -> None:
        """Answer the next request with `content` as the JSON message content."""
        self._scripts.append(_Script(200, json.dumps(content, ensure_ascii=False), delay))

    def reply(self, make: Reply) -> None:
        """Answer the next request with the JSON object `make(user_payload)` returns."""
        self._scripts.append(_Script(200, "", 0.0, make))

    def answer_text(self, content: str) -> None:
        """Answer the next request with `content` as it is (malformed JSON, for example)."""
        self._scripts.append(_Script(200, content, 0.0))

    def fail(self, status: int) -> None:
        """Answer the next request with an OpenAI-style error of `status`."""
        self._scripts.append(_Script(status, "", 0.0))

    def prompts(self) -> list[str]:
        """Return every message text sent so far, system and user, in order."""
        return [m["content"] for r in self.requests for m in r["messages"]]

    def user_payload(self, index: int = -1) -> dict[str, Any]:
        """Return the JSON document of a request's user message."""
        [user] = [m for m in self.requests[index]["messages"] if m["role"] == "user"]
        payload: dict[str, Any] = json.loads(user["content"])
        return payload

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        script = self._scripts.popleft() if self._scripts else _Script(500, "", 0.0)
        await asyncio.sleep(script.delay)
        if script.status != 200:
            error = {"message": f"scripted {script.status}", "type": "error", "code": None}
            return web.json_response({"error": error}, status=script.status)
        content = script.content
        if script.reply is not None:
            content = json.dumps(script.reply(self.user_payload()), ensure_ascii=False)
        message = {"role": "assistant", "content": content, "refusal": None}
        choice = {"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}
        return web.json_response(
            {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": 1767225600,
                "model": body.get("model", ""),
                "choices": [choice],
                "usage": USAGE,
            }
        )
