"""SQL storage through SQLAlchemy: SQLite embedded, PostgreSQL in production."""

from adapters.sql.customers import SqlCustomerDirectory
from adapters.sql.engine import Sessions, async_url, make_engine, make_sessions
from adapters.sql.escalation import SqlEscalationQueue
from adapters.sql.migrate import migrate
from adapters.sql.orders import SqlOrderBackend
from adapters.sql.shop import import_shop, shop_is_empty
from adapters.sql.transcript import SqlTranscript

__all__ = [
    "Sessions",
    "SqlCustomerDirectory",
    "SqlEscalationQueue",
    "SqlOrderBackend",
    "SqlTranscript",
    "async_url",
    "import_shop",
    "make_engine",
    "make_sessions",
    "migrate",
    "shop_is_empty",
]
