"""The catalog: a tree of categories, products with volume tiers and stock; promotions."""

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.schema.columns import (
    CATEGORY,
    NAME,
    SKU,
    TAX_CATEGORY,
    amount,
    child_table,
    currency,
    metadata,
    reference,
    timestamp,
)

categories = Table(
    "categories", metadata,
    Column("path", String(CATEGORY), primary_key=True),
    Column("parent", String(CATEGORY), ForeignKey("categories.path"), index=True),
)

products = Table(
    "products", metadata,
    Column("sku", String(SKU), primary_key=True),
    Column("name", String(NAME), nullable=False),
    Column("description", Text, nullable=False),
    Column("category", String(CATEGORY), ForeignKey("categories.path"), index=True),
    amount("price"),
    currency(),
    Column("tax_category", String(TAX_CATEGORY), nullable=False),
    Column("features", JSON, nullable=False),
    Column("image", String(500)),
    Column("active", Boolean, nullable=False),
    Column("stock_on_hand", Integer, nullable=False),
    Column("stock_reserved", Integer, nullable=False),
    CheckConstraint("stock_reserved >= 0", name="stock_reserved_not_negative"),
    CheckConstraint("stock_on_hand >= stock_reserved", name="stock_covers_reservations"),
)

product_tiers = child_table(
    "product_tiers", "product_sku", "products.sku",
    Column("min_quantity", Integer, nullable=False),
    amount("unit_price"),
    key_type=String(SKU),
)

promotions = Table(
    "promotions", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(NAME), nullable=False),
    Column("kind", String(10), nullable=False),
    amount("value"),
    Column("scope", String(10), nullable=False),
    Column("target", String(CATEGORY)),
    Column("code", String(40), unique=True),
    timestamp("starts_at", nullable=True),
    timestamp("ends_at", nullable=True),
    amount("min_amount", nullable=True),
    Column("min_quantity", Integer),
    Column("first_order_only", Boolean, nullable=False),
    Column("max_uses", Integer),
    Column("max_uses_per_customer", Integer),
    Column("stackable", Boolean, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("uses", Integer, nullable=False),
)

promotion_redemptions = Table(
    "promotion_redemptions", metadata,
    Column("id", Integer, primary_key=True),
    reference("promotion_id", "promotions.id", index=False),
    reference("customer_id", "customers.id"),
    reference("order_id", "orders.id"),
    UniqueConstraint("promotion_id", "order_id"),
)
