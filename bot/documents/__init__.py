"""PDF documents: quotes, purchase orders, invoices and credit notes (fpdf2)."""

from bot.documents.profile import BankDetails, BusinessProfile, profile_from
from bot.documents.render import render_invoice, render_order, render_quote

__all__ = ["BankDetails", "BusinessProfile", "profile_from", "render_invoice", "render_order",
           "render_quote"]
