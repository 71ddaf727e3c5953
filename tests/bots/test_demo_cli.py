import argparse
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from adapters.demo import DemoShop
from adapters.demo.generator import generate_shop
from adapters.demo.listing import list_customers
from adapters.sql import SqlOrderBackend, make_engine, make_sessions
from bots import demo_cli
from core.orders import OrderStatus

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Seoul"))


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="dangol")
    demo_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.run(args))


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder without DATABASE_URL: the default `var/dangol.db` is used."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "var" / "dangol.db"


def test_seed_then_list_json(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("demo", "seed") == 0
    assert database.exists()
    assert "Seeded" in capsys.readouterr().out

    assert run("demo", "seed") == 0
    assert "already" in capsys.readouterr().out

    assert run("demo", "list", "--json") == 0
    customers = json.loads(capsys.readouterr().out)
    assert len(customers) == 200
    phones = [customer["phone"] for customer in customers]
    assert len(set(phones)) == len(phones)
    orders = [order for customer in customers for order in customer["orders"]]
    assert len(orders) == 1000
    assert {order["status"] for order in orders} == {status.value for status in OrderStatus}
    for customer in customers:
        assert set(customer) == {"name", "phone", "orders"}
        assert re.fullmatch(r"010-\d{4}-\d{4}", customer["phone"])
        for order in customer["orders"]:
            assert set(order) == {"order_no", "status", "items"}
            assert re.fullmatch(r"\d{8}-\d{7}", order["order_no"])
            assert 1 <= len(order["items"]) <= 3
            assert all(isinstance(name, str) and name for name in order["items"])
    assert customers[0]["orders"], "the first customers listed have orders to try"


def test_list_limit_and_table(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("demo", "list", "--json", "--limit", "3") == 0  # seeds an empty database
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 3

    assert run("demo", "list", "--limit", "2") == 0
    table = capsys.readouterr().out
    assert listed[0]["name"] in table and listed[0]["phone"] in table
    assert listed[0]["orders"][0]["order_no"] in table
    assert listed[2]["name"] not in table


async def test_seed_if_empty_and_force(database: Path) -> None:
    url = f"sqlite+aiosqlite:///{database}"
    assert await demo_cli.seed_if_empty(url, NOW) is True
    assert await demo_cli.seed_if_empty(url, NOW) is False
    assert await stored_like(url, generate_shop(now=NOW))

    later = NOW + timedelta(days=3)
    assert await demo_cli._seed(url, later, force=True) is True
    assert await stored_like(url, generate_shop(now=later))


async def stored_like(url: str, shop: DemoShop) -> bool:
    """The database holds exactly the shop's customers and orders (sampled in full)."""
    engine = make_engine(url)
    sessions = make_sessions(engine)
    try:
        listed = await list_customers(sessions)
        sample = shop.orders[123]
        stored = await SqlOrderBackend(sessions).get_order(sample.order_no)
    finally:
        await engine.dispose()
    numbers = sorted(order["order_no"] for customer in listed for order in customer["orders"])
    return numbers == [order.order_no for order in shop.orders] and stored == sample
