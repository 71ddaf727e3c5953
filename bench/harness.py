"""Shared webhook benchmark harness: loopback servers, one aiohttp client, interleaved rounds.

Each target is served with aiohttp's runner on an ephemeral loopback port and driven by the
same client at fixed concurrency for a fixed time; rounds alternate between targets so that
machine noise hits them alike, and medians are printed with each target's share of the first
(the ceiling). No thresholds: figures only.
"""

import asyncio
import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import aiohttp
from aiohttp import web

from core.models import InboundMessage, Reply, Text
from core.outbound import Delivery

ROUNDS = 5
ROUND_SECONDS = 1.5
CONCURRENCY = 32
REPLY = Reply(parts=(Text("네, 주문 내역을 확인해 드릴게요."),))

Request = tuple[bytes, dict[str, str]]


class ConstantEngine:
    """Answers every message the same way, so a benchmark measures the adapter alone."""

    async def handle(self, message: InboundMessage) -> Reply:
        return REPLY


class CountingOutbox:
    """Counts enqueued deliveries."""

    def __init__(self) -> None:
        self.count = 0

    async def enqueue(self, delivery: Delivery) -> bool:
        self.count += 1
        return True


@dataclass(frozen=True)
class Target:
    """One server under test: how to build it, where to post, and what."""

    name: str
    make_app: Callable[[], web.Application]
    path: str
    requests: Sequence[Request]


def ceiling(path: str, requests: Sequence[Request]) -> Target:
    """Return the bare webhook: read the body, parse JSON, answer a small JSON reply."""

    def make_app() -> web.Application:
        async def handle(request: web.Request) -> web.Response:
            payload = json.loads(await request.read())
            return web.json_response({"ok": bool(payload)})

        app = web.Application()
        app.router.add_post(path, handle)
        return app

    return Target("bare JSON webhook (ceiling)", make_app, path, requests)


async def _measure(session: aiohttp.ClientSession, target: Target) -> float:
    runner = web.AppRunner(target.make_app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}{target.path}"
    pending = iter(target.requests)
    done = 0
    deadline = time.perf_counter() + ROUND_SECONDS

    async def client_loop() -> None:
        nonlocal done
        for data, headers in pending:
            if time.perf_counter() >= deadline:
                return
            async with session.post(url, data=data, headers=headers) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"{target.name}: HTTP {response.status}")
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    await runner.cleanup()
    return done / elapsed


async def compare(targets: Sequence[Target], *, rounds: int = ROUNDS) -> None:
    """Measure every target `rounds` times, interleaved; print medians and shares."""
    results: dict[str, list[float]] = {t.name: [] for t in targets}
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:
        await _measure(session, targets[0])  # warm-up
        for _ in range(rounds):
            for target in targets:
                results[target.name].append(await _measure(session, target))
    base = statistics.median(results[targets[0].name])
    for target in targets:
        rps = statistics.median(results[target.name])
        print(f"{target.name:<40} {rps:8.0f} req/s  {rps / base:6.0%}  (median of {rounds})")
