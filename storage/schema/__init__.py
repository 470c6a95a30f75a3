"""Every table of the database, on one `metadata` (the target of the migrations)."""

from storage.schema.catalog import (
    categories,
    product_tiers,
    products,
    promotion_redemptions,
    promotions,
)
from storage.schema.channels import delivery_statuses, inbound_updates
from storage.schema.columns import metadata
from storage.schema.conversations import (
    conversations,
    outbox,
    processed_updates,
    ticket_messages,
    tickets,
)
from storage.schema.customers import channel_identities, customer_addresses, customers
from storage.schema.documents import (
    invoice_lines,
    invoice_series,
    invoices,
    order_lines,
    order_promotions,
    orders,
    quote_lines,
    quote_promotions,
    quotes,
)
from storage.schema.engagement import (
    broadcast_recipients,
    broadcasts,
    order_ratings,
    restock_requests,
)
from storage.schema.fulfillment import payments, shipment_items, shipments
from storage.schema.staff import staff_audit

__all__ = [
    "broadcast_recipients", "broadcasts", "order_ratings", "restock_requests",
    "categories", "channel_identities", "conversations", "customer_addresses", "customers",
    "delivery_statuses", "inbound_updates",
    "invoice_lines", "invoice_series", "invoices", "metadata", "order_lines",
    "order_promotions", "orders", "outbox", "payments", "processed_updates",
    "product_tiers", "products", "promotion_redemptions", "promotions", "quote_lines",
    "quote_promotions", "quotes", "shipment_items", "shipments", "staff_audit", "ticket_messages",
    "tickets",
]
