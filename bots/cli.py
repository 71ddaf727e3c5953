"""The `dangol` command."""

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from aiohttp import web

from bots import assist_cli, customers_cli, demo_cli, nlu_cli, telegram_cli
from bots.senders import push_channels
from bots.settings import Settings, SettingsError
from bots.web import create_app
from bots.wiring import build_services
from bots.worker import run_worker


def _serve(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    host = args.host or settings.host
    port = args.port or settings.port
    web.run_app(create_app(settings), host=host, port=port)
    return 0


def _worker(_args: argparse.Namespace) -> int:
    settings = Settings.from_env()

    async def work() -> None:
        async with build_services(settings) as services, push_channels(services) as push:
            await run_worker(settings, push.senders)

    asyncio.run(work())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the parser for every `dangol` sub-command."""
    parser = argparse.ArgumentParser(prog="dangol", description="Dangol customer-service bot")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the webhooks and the playground")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(run=_serve)
    worker = sub.add_parser("worker", help="deliver queued replies (needs REDIS_URL)")
    worker.set_defaults(run=_worker)
    demo_cli.register(sub)
    nlu_cli.register(sub)
    telegram_cli.register(sub)
    assist_cli.register(sub)
    customers_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `dangol` command line."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except SettingsError as exc:
        print(f"dangol: {exc}", file=sys.stderr)  # noqa: T201
        return 2


if __name__ == "__main__":
    sys.exit(main())
