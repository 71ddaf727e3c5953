"""`POST /webhooks/kakao`: verify, parse, answer inline or through the callback URL."""

import asyncio
import logging
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

import aiohttp
from aiohttp import web

from adapters.http import RequestRejected, guarded, json_reply, read_json
from adapters.kakao.parking import ParkedReplies
from adapters.kakao.parse import InvalidSkillRequest, parse_skill_request
from adapters.kakao.render import render_callback_wait, render_skill_response
from adapters.tasks import TaskRegistry
from core.inbox import Inbox
from core.models import ConversationKey, Reply, Text

INLINE_BUDGET_S: Final = 3.5  # Kakao gives a skill 5 s (platforms.md §1.4)
CALLBACK_TIMEOUT_S: Final = 10.0  # a callback URL stays valid for 1 minute (§1.5)

logger = logging.getLogger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class KakaoWebhook:
    """The skill server: answers within the inline budget, else by callback or a busy note.

    `busy_text` is shown while a slow answer is still being prepared (also as the callback
    waiting bubble); without a callback URL the late answer is parked and shown in front of
    the answer to the shopper's next message. `duplicate_text` answers a request that was
    already received.
    """

    def __init__(
        self,
        *,
        inbox: Inbox,
        tasks: TaskRegistry,
        http: aiohttp.ClientSession,
        skill_secret: str | None,
        bot_id: str | None,
        parked: ParkedReplies,
        busy_text: str,
        duplicate_text: str,
        inline_budget_s: float = INLINE_BUDGET_S,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._inbox = inbox
        self._tasks = tasks
        self._http = http
        self._skill_secret = skill_secret
        self._bot_id = bot_id
        self._parked = parked
        self._busy_text = busy_text
        self._duplicate_text = duplicate_text
        self._inline_budget_s = inline_budget_s
        self._now = now

    async def handle(self, request: web.Request) -> web.Response:
        """Answer one skill request with a skill response."""
        return await guarded(self._answer(request))

    async def _answer(self, request: web.Request) -> web.Response:
        # Kakao signs nothing; Open Builder can send a custom header instead (§1.3).
        if self._skill_secret is not None and not _same(
            request.headers.get("X-Skill-Secret", ""), self._skill_secret
        ):
            raise RequestRejected(401, "missing or wrong X-Skill-Secret")
        body = await read_json(request)
        try:
            skill = parse_skill_request(
                body, received_at=self._now(), request_id=request.headers.get("X-Request-Id")
            )
        except InvalidSkillRequest as exc:
            raise RequestRejected(400, str(exc)) from exc
        if self._bot_id is not None and not _same(skill.bot_id or "", self._bot_id):
            raise RequestRejected(401, "request is for another bot")
        key = skill.message.key
        task = self._tasks.spawn(self._inbox.receive(skill.message), name=f"kakao:{skill.bot_id}")
        done, _ = await asyncio.wait({task}, timeout=self._inline_budget_s)
        if done:
            late = await self._parked.take(key)
            return json_reply(self._render(task.result(), late))
        if skill.callback_url:
            callback = self._call_back(task, skill.callback_url, skill.message.event_id)
            self._tasks.spawn(callback, name=f"kakao-callback:{skill.bot_id}")
            return json_reply(render_callback_wait(self._busy_text))
        self._tasks.spawn(self._park_when_done(task, key), name=f"kakao-park:{skill.bot_id}")
        return json_reply(render_skill_response(Reply(parts=(Text(self._busy_text),))))

    async def _park_when_done(
        self, task: "asyncio.Task[Reply | None]", key: ConversationKey
    ) -> None:
        await asyncio.wait({task})
        if not task.cancelled() and task.exception() is None:
            reply = task.result()
            if reply is not None and not reply.empty:
                await self._parked.park(key, reply)

    async def _call_back(
        self, task: "asyncio.Task[Reply | None]", url: str, event_id: str | None
    ) -> None:
        await asyncio.wait({task})
        if task.cancelled() or task.exception() is not None:
            return  # the registry logged the failure; there is nothing to send
        log_extra = {"channel": "kakao", "event_id": event_id}
        # Single-use URL: posted exactly once, never retried (§1.5).
        try:
            async with self._http.post(
                url,
                json=self._render(task.result()),
                timeout=aiohttp.ClientTimeout(total=CALLBACK_TIMEOUT_S),
            ) as response:
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError):
            logger.warning("Kakao callback failed", exc_info=True, extra=log_extra)
            return
        status = answer.get("status") if isinstance(answer, dict) else None
        if response.status >= 400 or status not in (None, "SUCCESS"):
            logger.warning(
                "Kakao callback not accepted: HTTP %s, status %s",
                response.status,
                status,
                extra=log_extra,
            )

    def _render(self, reply: Reply | None, late: Reply | None = None) -> dict[str, Any]:
        if reply is None:
            reply = Reply(parts=(Text(self._duplicate_text),))
        if late is not None:
            reply = Reply(parts=(*late.parts, *reply.parts), quick_replies=reply.quick_replies)
        return render_skill_response(reply)


def _same(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())
