"""Broadcasts and who they went to, restock alerts, order ratings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_broadcasts"),
    )
    op.create_table(
        "broadcast_recipients",
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("outbox_id", BIG_ID, nullable=False),
        sa.ForeignKeyConstraint(["broadcast_id"], ["broadcasts.id"], ondelete="CASCADE",
                                name="fk_broadcast_recipients_broadcast_id_broadcasts"),
        sa.PrimaryKeyConstraint("broadcast_id", "outbox_id", name="pk_broadcast_recipients"),
    )
    op.create_table(
        "restock_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("notified_at", UTC),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name="fk_restock_requests_customer_id_customers"),
        sa.PrimaryKeyConstraint("id", name="pk_restock_requests"),
    )
    op.create_index("ix_restock_requests_customer_id", "restock_requests", ["customer_id"])
    op.create_index("ix_restock_requests_sku", "restock_requests", ["sku"])
    op.create_table(
        "order_ratings",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.String(1000)),
        sa.Column("rated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"],
                                name="fk_order_ratings_order_id_orders"),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name="fk_order_ratings_customer_id_customers"),
        sa.PrimaryKeyConstraint("order_id", name="pk_order_ratings"),
    )
    op.create_index("ix_order_ratings_customer_id", "order_ratings", ["customer_id"])


def downgrade() -> None:
    for table in ("order_ratings", "restock_requests", "broadcast_recipients", "broadcasts"):
        op.drop_table(table)
