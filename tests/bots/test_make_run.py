"""`make run` on a fresh database: seeds the demo shop and serves; `/healthz` answers."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
        return response.status, response.read()


def test_make_run_serves_the_playground_and_health(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'dangol.db'}",
    }
    env.pop("REDIS_URL", None)
    process = subprocess.Popen(
        ["make", "-s", "run"],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert process.poll() is None, (
                    process.stdout.read().decode() if process.stdout else ""
                )
                assert time.monotonic() < deadline, "make run did not serve within 90 s"
                time.sleep(0.2)
        assert status == 200 and b"ok" in body
        page_status, page = get(f"http://127.0.0.1:{port}/")
        assert page_status == 200 and b"<html" in page.lower()
        _, customers = get(f"http://127.0.0.1:{port}/webchat/customers")
        assert b"order_no" in customers
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
