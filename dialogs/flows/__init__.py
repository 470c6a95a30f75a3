"""Each module is one flow; importing them registers their handlers."""

from dialogs.flows import (
    cart, catalog, catalog_order, catalog_search, checkout, menu, orders, payment, profile, quote,
    registration, support,
)

__all__ = ["cart", "catalog", "catalog_order", "catalog_search", "checkout", "menu", "orders",
           "payment", "profile", "quote", "registration", "support"]
