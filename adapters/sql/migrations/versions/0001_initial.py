"""Initial schema: shop, identities, service requests, tickets, transcript and events.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _key(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(64), nullable=nullable)


def _fk(column: str, target: str, table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [target], name=f"fk_{table}_{column}_{target.split('.')[0]}"
    )


def _conversation() -> list[sa.Column[str]]:
    return [
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "customers",
        _key("customer_id"),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("phone", sa.String(32), nullable=False),
        sa.Column("segment", sa.String(16), nullable=False),
        sa.Column("marketing_consent", sa.Boolean(), nullable=False),
        sa.Column("joined_at", TIME, nullable=False),
        sa.Column("grade", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("customer_id", name="pk_customers"),
    )
    op.create_index("ix_customers_phone", "customers", ["phone"])
    op.create_table(
        "identities",
        _id(),
        *_conversation(),
        _key("customer_id", nullable=True),
        sa.Column("marketing_consent", sa.Boolean(), nullable=True),
        sa.Column("unreachable", sa.Boolean(), nullable=False),
        sa.Column("linked_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_identities"),
        sa.UniqueConstraint("channel", "user_id", name="uq_identities_channel_user_id"),
        _fk("customer_id", "customers.customer_id", "identities"),
    )
    op.create_index("ix_identities_customer_id", "identities", ["customer_id"])
    op.create_table(
        "products",
        _key("product_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("material", sa.String(200), nullable=False),
        sa.Column("colors", sa.JSON(), nullable=False),
        sa.Column("sizes", sa.JSON(), nullable=False),
        sa.Column("stock", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("product_id", name="pk_products"),
    )
    op.create_table(
        "orders",
        _key("order_no"),
        _key("customer_id"),
        sa.Column("orderer_name", sa.String(100), nullable=False),
        sa.Column("orderer_phone", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("ordered_at", TIME, nullable=False),
        sa.Column("payment_method", sa.String(64), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("delivered_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("order_no", name="pk_orders"),
        _fk("customer_id", "customers.customer_id", "orders"),
    )
    op.create_index("ix_orders_customer_id_ordered_at", "orders", ["customer_id", "ordered_at"])
    op.create_table(
        "order_items",
        _id(),
        _key("order_no"),
        sa.Column("position", sa.Integer(), nullable=False),
        _key("product_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("option", sa.String(100), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_order_items"),
        _fk("order_no", "orders.order_no", "order_items"),
    )
    op.create_index("ix_order_items_order_no", "order_items", ["order_no"])
    op.create_table(
        "shipments",
        _key("order_no"),
        sa.Column("courier", sa.String(64), nullable=False),
        sa.Column("tracking_no", sa.String(64), nullable=False),
        sa.Column("shipped_at", TIME, nullable=False),
        sa.Column("expected_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("order_no", name="pk_shipments"),
        _fk("order_no", "orders.order_no", "shipments"),
    )
    op.create_table(
        "tracking_events",
        _id(),
        _key("order_no"),
        sa.Column("at", TIME, nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tracking_events"),
        _fk("order_no", "shipments.order_no", "tracking_events"),
    )
    op.create_index("ix_tracking_events_order_no", "tracking_events", ["order_no"])
    op.create_table(
        "refunds",
        _key("order_no"),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("requested_at", TIME, nullable=False),
        sa.Column("expected_at", TIME, nullable=True),
        sa.Column("completed_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("order_no", name="pk_refunds"),
        _fk("order_no", "orders.order_no", "refunds"),
    )
    op.create_table(
        "wallets",
        _key("customer_id"),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("points_expiring", sa.Integer(), nullable=False),
        sa.Column("points_expiring_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("customer_id", name="pk_wallets"),
        _fk("customer_id", "customers.customer_id", "wallets"),
    )
    op.create_table(
        "coupons",
        _id(),
        _key("customer_id"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("discount", sa.String(64), nullable=False),
        sa.Column("expires_at", TIME, nullable=False),
        sa.Column("min_spend", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_coupons"),
        _fk("customer_id", "customers.customer_id", "coupons"),
    )
    op.create_index("ix_coupons_customer_id", "coupons", ["customer_id"])
    op.create_table(
        "service_requests",
        _id(),
        _key("request_no"),
        sa.Column("kind", sa.String(32), nullable=False),
        _key("order_no"),
        _key("customer_id"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service_requests"),
        sa.UniqueConstraint("request_no", name="uq_service_requests_request_no"),
    )
    op.create_index("ix_service_requests_order_no", "service_requests", ["order_no"])
    op.create_index("ix_service_requests_customer_id", "service_requests", ["customer_id"])
    op.create_table(
        "tickets",
        _id(),
        *_conversation(),
        _key("customer_id", nullable=True),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tickets"),
    )
    op.create_index(
        "ix_tickets_channel_user_id_status", "tickets", ["channel", "user_id", "status"]
    )
    op.create_table(
        "messages",
        _id(),
        *_conversation(),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("intent", sa.String(32), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_messages"),
    )
    op.create_index("ix_messages_at", "messages", ["at"])
    op.create_index("ix_messages_channel_user_id_at", "messages", ["channel", "user_id", "at"])
    op.create_table(
        "events",
        _id(),
        *_conversation(),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("at", TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_name_at", "events", ["name", "at"])


def downgrade() -> None:
    for table in (
        "events",
        "messages",
        "tickets",
        "service_requests",
        "coupons",
        "wallets",
        "refunds",
        "tracking_events",
        "shipments",
        "order_items",
        "orders",
        "products",
        "identities",
        "customers",
    ):
        op.drop_table(table)
