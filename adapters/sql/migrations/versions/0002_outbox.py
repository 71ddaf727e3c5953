"""The outbox: outbound messages recorded with their idempotency key before they are sent.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("delivery_id", sa.String(128), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(200), nullable=False),
        sa.Column("author", sa.String(16), nullable=False),
        sa.Column("reply", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("not_before", TIME, nullable=True),
        sa.Column("claimed_until", TIME, nullable=True),
        sa.Column("created_at", TIME, nullable=False),
        sa.Column("sent_at", TIME, nullable=True),
        sa.PrimaryKeyConstraint("delivery_id", name="pk_outbox"),
    )
    op.create_index("ix_outbox_status_not_before", "outbox", ["status", "not_before"])


def downgrade() -> None:
    op.drop_index("ix_outbox_status_not_before", table_name="outbox")
    op.drop_table("outbox")
