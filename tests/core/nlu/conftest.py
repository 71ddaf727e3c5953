"""One understander trained on the bot's own content, shared by the NLU tests."""

import pytest

from bots.nlu_cli import build_understander
from core.nlu import CatalogTerm, Understander

CATALOG = (
    CatalogTerm("P-HOOD", ("오버핏 후드티", "overfit hoodie")),
    CatalogTerm("P-DENIM", ("와이드 데님 팬츠", "wide denim pants")),
    CatalogTerm("P-SNEAK", ("캔버스 스니커즈", "canvas sneakers")),
)


@pytest.fixture(scope="session")
def catalog() -> tuple[CatalogTerm, ...]:
    return CATALOG


@pytest.fixture(scope="session")
def understander() -> Understander:
    return build_understander(CATALOG)
