"""The documents a customer receives in chat, as PDF bytes, in the translator's language."""

from __future__ import annotations

from bot.documents.layout import render
from bot.documents.profile import BusinessProfile
from bot.documents.sheet import invoice_sheet, order_sheet, quote_sheet
from dialogs.i18n import Translator
from domain.customer import Customer
from domain.invoice import Invoice
from domain.order import Order
from domain.quote import Quote


def render_quote(quote: Quote, customer: Customer, profile: BusinessProfile,
                 t: Translator) -> bytes:
    return render(quote_sheet(quote, customer, t), profile, t)


def render_order(order: Order, customer: Customer, profile: BusinessProfile,
                 t: Translator) -> bytes:
    """The purchase order, with its conditions of sale and how to pay."""
    return render(order_sheet(order, customer, profile, t), profile, t)


def render_invoice(invoice: Invoice, profile: BusinessProfile, t: Translator, *,
                   order: Order | None = None, credited: Invoice | None = None) -> bytes:
    """An invoice or a credit note (by `invoice.kind`). With `order`, its number and
    conditions are printed; a credit note names `credited` (else only its id)."""
    return render(invoice_sheet(invoice, profile, t, order, credited), profile, t)
