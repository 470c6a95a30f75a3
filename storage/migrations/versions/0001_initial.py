"""The initial schema: customers, catalog, promotions, sales documents, payments,
shipments, support tickets, the outbox, and the channels' and dialogs' state.

Self-contained on purpose: plain SQLAlchemy types spell out what storage.types puts in the
database (NUMERIC on PostgreSQL, a scaled BIGINT on SQLite; timestamps with time zone).

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

AMOUNT = sa.Numeric(18, 4).with_variant(sa.BigInteger(), "sqlite")  # scaled by 10**4
RATE = sa.Numeric(10, 6).with_variant(sa.BigInteger(), "sqlite")  # scaled by 10**6
UTC = sa.DateTime(timezone=True)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=f"pk_{table}")


def fk(table: str, column: str, target: str,
       ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_{table}_{column}_{referred}",
                                   ondelete=ondelete)


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=f"uq_{table}_{'_'.join(columns)}")


def index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column])


def status(name: str = "status") -> sa.Column:
    return sa.Column(name, sa.String(20), nullable=False)


def child_table(table: str, parent: str, target: str, *columns: sa.schema.SchemaItem,
                parent_type: sa.types.TypeEngine | None = None) -> None:
    """An ordered list owned by one row of `target`, keyed by (parent, position)."""
    op.create_table(
        table,
        sa.Column(parent, parent_type or sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        *columns,
        fk(table, parent, target, ondelete="CASCADE"),
        pk(table, parent, "position"),
    )


def document_lines(table: str, parent: str, target: str) -> None:
    child_table(
        table, parent, target,
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", AMOUNT, nullable=False),
        sa.Column("list_amount", AMOUNT, nullable=False),
        sa.Column("discount", AMOUNT, nullable=False),
        sa.Column("tax_category", sa.String(20), nullable=False),
        sa.Column("tax_rate", RATE, nullable=False),
        sa.Column("net", AMOUNT, nullable=False),
        sa.Column("tax", AMOUNT, nullable=False),
    )


def applied_promotions(table: str, parent: str, target: str) -> None:
    child_table(
        table, parent, target,
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("amount", AMOUNT, nullable=False),
    )


def party(role: str) -> list[sa.Column]:
    return [
        sa.Column(f"{role}_name", sa.String(200), nullable=False),
        sa.Column(f"{role}_tax_id", sa.String(30)),
        sa.Column(f"{role}_address", sa.String(300), nullable=False),
        sa.Column(f"{role}_tax_condition", sa.String(100)),
    ]


def create_customers() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("country", sa.CHAR(2), nullable=False),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("phone", sa.String(20)),
        sa.Column("email", sa.String(254)),
        sa.Column("tax_id", sa.String(30)),
        sa.Column("marketing_opt_in", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC),
        pk("customers", "id"),
    )
    index("customers", "phone")
    child_table("customer_addresses", "customer_id", "customers.id",
                sa.Column("text", sa.String(300), nullable=False))
    child_table("channel_identities", "customer_id", "customers.id",
                sa.Column("channel", sa.String(20), nullable=False),
                sa.Column("external_id", sa.String(128), nullable=False),
                unique("channel_identities", "channel", "external_id"))


def create_catalog() -> None:
    op.create_table(
        "categories",
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("parent", sa.String(200)),
        fk("categories", "parent", "categories.path"),
        pk("categories", "path"),
    )
    index("categories", "parent")
    op.create_table(
        "products",
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(200)),
        sa.Column("price", AMOUNT, nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("tax_category", sa.String(20), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("image", sa.String(500)),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("stock_on_hand", sa.Integer(), nullable=False),
        sa.Column("stock_reserved", sa.Integer(), nullable=False),
        sa.CheckConstraint("stock_reserved >= 0",
                           name="ck_products_stock_reserved_not_negative"),
        sa.CheckConstraint("stock_on_hand >= stock_reserved",
                           name="ck_products_stock_covers_reservations"),
        fk("products", "category", "categories.path"),
        pk("products", "sku"),
    )
    index("products", "category")
    child_table("product_tiers", "product_sku", "products.sku",
                sa.Column("min_quantity", sa.Integer(), nullable=False),
                sa.Column("unit_price", AMOUNT, nullable=False),
                parent_type=sa.String(64))


def create_promotions() -> None:
    op.create_table(
        "promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("value", AMOUNT, nullable=False),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("target", sa.String(200)),
        sa.Column("code", sa.String(40)),
        sa.Column("starts_at", UTC),
        sa.Column("ends_at", UTC),
        sa.Column("min_amount", AMOUNT),
        sa.Column("min_quantity", sa.Integer()),
        sa.Column("first_order_only", sa.Boolean(), nullable=False),
        sa.Column("max_uses", sa.Integer()),
        sa.Column("max_uses_per_customer", sa.Integer()),
        sa.Column("stackable", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        pk("promotions", "id"),
        unique("promotions", "code"),
    )


def create_quotes_and_orders() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("valid_until", UTC, nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("promo_code", sa.String(40)),
        status(),
        fk("quotes", "customer_id", "customers.id"),
        pk("quotes", "id"),
    )
    index("quotes", "customer_id")
    document_lines("quote_lines", "quote_id", "quotes.id")
    applied_promotions("quote_promotions", "quote_id", "quotes.id")
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("payment_method", sa.String(30), nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("delivery_address", sa.String(300), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("placed_at", UTC, nullable=False),
        status(),
        status("payment_state"),
        status("fulfillment"),
        sa.Column("amount_paid", AMOUNT, nullable=False),
        sa.Column("amount_refunded", AMOUNT, nullable=False),
        sa.Column("cancel_reason", sa.String(500)),
        fk("orders", "customer_id", "customers.id"),
        fk("orders", "quote_id", "quotes.id"),
        pk("orders", "id"),
        unique("orders", "quote_id"),
    )
    index("orders", "customer_id")
    document_lines("order_lines", "order_id", "orders.id")
    applied_promotions("order_promotions", "order_id", "orders.id")
    op.create_table(
        "promotion_redemptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        fk("promotion_redemptions", "promotion_id", "promotions.id"),
        fk("promotion_redemptions", "customer_id", "customers.id"),
        fk("promotion_redemptions", "order_id", "orders.id"),
        pk("promotion_redemptions", "id"),
        unique("promotion_redemptions", "promotion_id", "order_id"),
    )
    index("promotion_redemptions", "customer_id")
    index("promotion_redemptions", "order_id")


def create_invoices() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("letter", sa.String(2), nullable=False),
        sa.Column("point_of_sale", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(40), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        *party("seller"),
        *party("buyer"),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("issued_at", UTC, nullable=False),
        sa.Column("credited_invoice_id", sa.Integer()),
        sa.Column("reason", sa.Text()),
        sa.Column("fiscal_code", sa.String(100)),
        status(),
        fk("invoices", "order_id", "orders.id"),
        fk("invoices", "customer_id", "customers.id"),
        fk("invoices", "credited_invoice_id", "invoices.id"),
        pk("invoices", "id"),
        unique("invoices", "series", "number"),
    )
    index("invoices", "order_id")
    index("invoices", "customer_id")
    document_lines("invoice_lines", "invoice_id", "invoices.id")
    op.create_table(
        "invoice_series",
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        pk("invoice_series", "key"),
    )


def create_payments_and_shipments() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(30), nullable=False),
        sa.Column("amount", AMOUNT, nullable=False),
        sa.Column("currency", sa.CHAR(3), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        status(),
        sa.Column("provider_reference", sa.String(100)),
        sa.Column("receipt_file", sa.String(500)),
        sa.Column("note", sa.Text()),
        sa.Column("refunded_amount", AMOUNT, nullable=False),
        sa.Column("decided_at", UTC),
        fk("payments", "order_id", "orders.id"),
        pk("payments", "id"),
        unique("payments", "method", "provider_reference"),
    )
    index("payments", "order_id")
    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        status(),
        sa.Column("carrier", sa.String(100)),
        sa.Column("tracking_number", sa.String(100)),
        sa.Column("dispatched_at", UTC),
        sa.Column("delivered_at", UTC),
        fk("shipments", "order_id", "orders.id"),
        pk("shipments", "id"),
    )
    index("shipments", "order_id")
    child_table("shipment_items", "shipment_id", "shipments.id",
                sa.Column("sku", sa.String(64), nullable=False),
                sa.Column("quantity", sa.Integer(), nullable=False),
                sa.Column("checked", sa.Integer(), nullable=False))


def create_tickets() -> None:
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("order_id", sa.Integer()),
        sa.Column("priority", sa.String(10), nullable=False),
        status(),
        sa.Column("assignee", sa.String(100)),
        sa.Column("first_response_at", UTC),
        sa.Column("resolved_at", UTC),
        sa.Column("rating", sa.SmallInteger()),
        sa.Column("rating_comment", sa.String(1000)),
        fk("tickets", "customer_id", "customers.id"),
        fk("tickets", "order_id", "orders.id"),
        pk("tickets", "id"),
    )
    index("tickets", "customer_id")
    index("tickets", "order_id")
    child_table("ticket_messages", "ticket_id", "tickets.id",
                sa.Column("author", sa.String(20), nullable=False),
                sa.Column("author_id", sa.String(128), nullable=False),
                sa.Column("text", sa.Text(), nullable=False),
                sa.Column("at", UTC, nullable=False))


def create_messaging() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("topic", sa.String(100), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("chat_key", sa.String(200)),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("dispatched_at", UTC),
        sa.Column("last_error", sa.String(500)),
        pk("outbox", "id"),
    )
    index("outbox", "chat_key")
    index("outbox", "dispatched_at")
    op.create_table(
        "processed_updates",
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("message_id", sa.String(128), nullable=False),
        sa.Column("processed_at", UTC, nullable=False),
        pk("processed_updates", "channel", "message_id"),
    )
    index("processed_updates", "processed_at")
    op.create_table(
        "conversations",
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("chat_id", sa.String(128), nullable=False),
        sa.Column("flow", sa.String(50)),
        sa.Column("step", sa.String(50)),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(5)),
        sa.Column("updated_at", UTC, nullable=False),
        pk("conversations", "channel", "chat_id"),
    )


def upgrade() -> None:
    create_customers()
    create_catalog()
    create_promotions()
    create_quotes_and_orders()
    create_invoices()
    create_payments_and_shipments()
    create_tickets()
    create_messaging()


# Children before parents, so foreign keys never point at a dropped table.
TABLES_IN_DROP_ORDER = (
    "conversations", "processed_updates", "outbox",
    "ticket_messages", "tickets",
    "shipment_items", "shipments", "payments",
    "invoice_series", "invoice_lines", "invoices",
    "promotion_redemptions", "order_promotions", "order_lines", "orders",
    "quote_promotions", "quote_lines", "quotes",
    "promotions",
    "product_tiers", "products", "categories",
    "channel_identities", "customer_addresses", "customers",
)


def downgrade() -> None:
    for table in TABLES_IN_DROP_ORDER:
        op.drop_table(table)
