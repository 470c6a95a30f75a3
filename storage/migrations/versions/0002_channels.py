"""Chat platforms: updates kept from acknowledgement until handled, delivery statuses, and
the outbox's claims (a message is being sent by one dispatcher until claimed_until).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "inbound_updates",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("update_key", sa.String(128), nullable=False),
        sa.Column("chat_key", sa.String(200)),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", UTC, nullable=False),
        sa.Column("claimed_until", UTC),
        sa.Column("processed_at", UTC),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(500)),
        sa.PrimaryKeyConstraint("id", name="pk_inbound_updates"),
        sa.UniqueConstraint("channel", "update_key",
                            name="uq_inbound_updates_channel_update_key"),
    )
    op.create_index("ix_inbound_updates_processed_at", "inbound_updates", ["processed_at"])
    op.create_table(
        "delivery_statuses",
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("message_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("error", sa.String(500)),
        sa.PrimaryKeyConstraint("channel", "message_id", "status", name="pk_delivery_statuses"),
    )
    op.create_index("ix_delivery_statuses_chat_id", "delivery_statuses", ["chat_id"])
    with op.batch_alter_table("outbox") as outbox:
        outbox.add_column(sa.Column("claimed_until", UTC))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as outbox:
        outbox.drop_column("claimed_until")
    op.drop_table("delivery_statuses")
    op.drop_table("inbound_updates")
