"""Quotes, orders, invoices and credit notes as one printable shape: a Sheet.

Each document type only says what it shows (title, facts, conditions); the layout draws
every Sheet the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from bot.documents.profile import BankDetails, BusinessProfile
from dialogs.i18n import Translator
from domain.customer import Customer
from domain.documents import DocumentLine, Totals
from domain.invoice import DocumentKind, Invoice, Party
from domain.money import Money
from domain.order import Order
from domain.promotions import AppliedPromotion
from domain.quote import Quote
from domain.services.invoicing import buyer_of


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Sheet:
    title: str
    number: str | None
    issued_at: datetime
    facts: tuple[Fact, ...]  # beside the title: dates, validity, references
    buyer: Party
    lines: tuple[DocumentLine, ...]
    totals: Totals
    subtitle: str | None = None  # the fiscal name when the title is translated ("Factura B")
    remarks: tuple[Fact, ...] = ()  # below the buyer: why a credit note was issued
    promotions: tuple[AppliedPromotion, ...] = ()
    promo_code: str | None = None
    conditions: tuple[Fact, ...] = ()
    footnote: str | None = None
    net_prices: bool = False  # an A document: lines net of tax, the tax added per rate


def quote_sheet(quote: Quote, customer: Customer, t: Translator) -> Sheet:
    address = customer.addresses[0] if customer.addresses else ""
    return Sheet(
        title=t.t("documents.quote"), number=_number(quote.id, t),
        issued_at=quote.created_at,
        facts=(Fact(t.t("documents.date"), t.date(quote.created_at)),
               Fact(t.t("documents.valid_until"), t.datetime(quote.valid_until))),
        buyer=Party(customer.name, customer.tax_id, address),
        lines=tuple(quote.lines), totals=quote.totals, promotions=tuple(quote.promotions),
        promo_code=quote.promo_code,
        conditions=(Fact(t.t("documents.delivery"),
                         t.t(f"delivery_methods.{quote.delivery}")),),
    )


def order_sheet(order: Order, customer: Customer, profile: BusinessProfile,
                t: Translator) -> Sheet:
    return Sheet(
        title=t.t("documents.order"), number=_number(order.id, t),
        issued_at=order.placed_at,
        facts=(Fact(t.t("documents.date"), t.datetime(order.placed_at)),),
        buyer=buyer_of(customer, order),
        lines=tuple(order.lines), totals=order.totals, promotions=tuple(order.promotions),
        conditions=order_conditions(order, profile, t),
    )


def invoice_sheet(invoice: Invoice, profile: BusinessProfile, t: Translator,
                  order: Order | None = None, credited: Invoice | None = None) -> Sheet:
    """An invoice or a credit note; `credited` names the invoice a credit note corrects."""
    title = t.t(f"documents.{invoice.kind}", letter=invoice.letter)
    fiscal_title = profile.fiscal_titles.get((invoice.kind, invoice.letter))
    remarks = (Fact(t.t("documents.reason"), invoice.reason),) if invoice.reason else ()
    return Sheet(
        title=title, subtitle=fiscal_title if fiscal_title != title else None,
        number=invoice.display_number, issued_at=invoice.issued_at,
        facts=_invoice_facts(invoice, t, order, credited),
        buyer=invoice.buyer, remarks=remarks,
        lines=tuple(invoice.lines), totals=invoice.totals,
        conditions=order_conditions(order, profile, t) if order else (),
        footnote=t.t("documents.fiscal_code", code=invoice.fiscal_code)
        if invoice.fiscal_code else None,
        net_prices=invoice.letter in profile.net_price_letters,
    )


def _invoice_facts(invoice: Invoice, t: Translator, order: Order | None,
                   credited: Invoice | None) -> tuple[Fact, ...]:
    facts = [Fact(t.t("documents.issued"), t.datetime(invoice.issued_at))]
    if order is not None and order.id is not None:
        facts.append(Fact(t.t("documents.order_number"), str(order.id)))
    if invoice.kind is DocumentKind.CREDIT_NOTE:
        related = credited.display_number if credited else str(invoice.credited_invoice_id)
        facts.append(Fact(t.t("documents.related_invoice"), related))
    return tuple(facts)


def order_conditions(order: Order, profile: BusinessProfile,
                     t: Translator) -> tuple[Fact, ...]:
    delivery = t.t(f"delivery_methods.{order.delivery}")
    if order.delivery_address:
        delivery = f"{delivery}: {order.delivery_address}"
    method = t.t(f"payment_methods.{order.payment_method}")
    facts = [Fact(t.t("documents.payment_method"), method),
             Fact(t.t("documents.delivery"), delivery)]
    if order.conditions:
        facts.append(Fact(t.t("documents.conditions"), order.conditions))
    if order.payment_method == "bank_transfer" and profile.bank_transfer:
        details = _bank_details(profile.bank_transfer, tax_id_label(profile, t), t)
        facts.append(Fact(t.t("documents.bank_details"), details))
    return tuple(facts)


def _bank_details(bank: BankDetails, tax_id_name: str, t: Translator) -> str:
    pairs = [(t.t("documents.bank"), bank.bank), (t.t("documents.holder"), bank.holder),
             (tax_id_name, bank.tax_id), (t.t("documents.cbu"), bank.cbu),
             (t.t("documents.alias"), bank.alias)]
    details = " · ".join(f"{label}: {value}" for label, value in pairs if value)
    return f"{details}. {bank.instructions}" if bank.instructions else details


@dataclass(frozen=True)
class TaxRow:
    label: str
    base: Money
    tax: Money


def tax_rows(sheet: Sheet, profile: BusinessProfile, t: Translator) -> list[TaxRow]:
    """The totals' breakdown per rate, named as the shop names the tax ("IVA 21%")."""
    categories: dict[Decimal, str] = {}
    for line in sheet.lines:
        categories.setdefault(line.tax_rate, line.tax_category)
    return [TaxRow(_tax_label(categories.get(part.rate), part.rate, profile, t),
                   part.base, part.tax) for part in sheet.totals.taxes]


def _tax_label(category: str | None, rate: Decimal, profile: BusinessProfile,
               t: Translator) -> str:
    label = profile.tax_labels.get(category) if category else None
    return label or t.t("documents.tax_rate", rate=t.percent(rate))


def taxes_included(sheet: Sheet) -> bool:
    """Whether the prices shown already include taxes: never on a sheet of net prices, else
    as the catalog's convention makes the totals add up."""
    totals = sheet.totals
    return (not sheet.net_prices
            and totals.subtotal - totals.discount + totals.shipping == totals.total)


def net_unit_price(line: DocumentLine) -> Money:
    """What one unit costs net of tax and discounts, rounded for display: only the line's
    net amount is exact, so quantity × this price may differ from it by a cent."""
    return Money(line.net.amount / line.quantity, line.net.currency).rounded()


def tax_id_label(profile: BusinessProfile, t: Translator) -> str:
    """The name the country gives its tax id (CUIT, RFC…), else a generic one."""
    return profile.tax_id_name or t.t("documents.tax_id")


def _number(document_id: int | None, t: Translator) -> str | None:
    return t.t("documents.number", number=document_id) if document_id is not None else None
