"""Each module is one flow; importing them registers their handlers."""

from dialogs.flows import (
    admin_catalog, admin_customers, admin_fulfillment, admin_help, admin_orders, admin_payments,
    admin_promotions, admin_reports, admin_tickets, broadcast, cart, catalog, catalog_order,
    catalog_search, checkout, handoff, handoff_text, menu, orders, payment, profile, quote,
    registration, restock, satisfaction, support,
)

__all__ = ["admin_catalog", "admin_customers", "admin_fulfillment", "admin_help",
           "admin_orders", "admin_payments", "admin_promotions", "admin_reports",
           "admin_tickets", "broadcast", "cart", "catalog", "catalog_order", "catalog_search",
           "checkout", "handoff", "handoff_text", "menu", "orders", "payment", "profile",
           "quote", "registration", "restock", "satisfaction", "support"]
