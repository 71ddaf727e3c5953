"""A migrated SQLite file per test and the small shop."""

import pytest
from sql_shop import small_shop

from adapters.demo import DemoShop


@pytest.fixture
def shop() -> DemoShop:
    return small_shop()
