"""Issuing invoices and credit notes, numbered without gaps."""

from __future__ import annotations

from domain.customer import Customer
from domain.documents import DocumentLine
from domain.errors import InvalidValue
from domain.invoice import DocumentKind, Invoice, InvoiceStatus, Party, series_key
from domain.documents import credit_lines
from domain.money import Money
from domain.order import Order
from domain.ports import UnitOfWork
from domain.pricing import DeliveryMethod
from domain.shop import Shop


def buyer_of(customer: Customer, order: Order) -> Party:
    """The customer as billed: a pickup order's address is the shop's counter, not theirs."""
    if order.delivery is DeliveryMethod.PICKUP:
        address = customer.addresses[0] if customer.addresses else ""
    else:
        address = order.delivery_address
    return Party(customer.name, customer.tax_id, address)


def _issue(uow: UnitOfWork, shop: Shop, kind: DocumentKind, letter: str, order: Order,
           buyer: Party, lines: list[DocumentLine], **extra: object) -> Invoice:
    policy = shop.invoicing
    series = uow.invoices.lock_series(series_key(kind, letter, policy.point_of_sale))
    invoice = Invoice(kind=kind, letter=letter, point_of_sale=policy.point_of_sale,
                      number=series.take(), order_id=order.id, customer_id=order.customer_id,
                      seller=policy.seller, buyer=buyer, currency=order.currency,
                      lines=lines, issued_at=shop.clock.now(), **extra)
    invoice.fiscal_code = shop.fiscal.authorize(invoice)
    uow.invoices.add(invoice)
    uow.flush()
    invoice.record(f"{kind.value}.issued", invoice_id=invoice.id, order_id=order.id,
                   number=invoice.display_number)
    return invoice


def issue_invoice(uow: UnitOfWork, shop: Shop, order: Order, customer: Customer) -> Invoice:
    if current_invoice(uow, order) is not None:
        raise InvalidValue(f"order {order.id} already has an invoice")
    letter = shop.invoicing.letter_for(customer.tax_id)
    invoice = _issue(uow, shop, DocumentKind.INVOICE, letter, order, buyer_of(customer, order),
                     list(order.lines))
    if order.is_paid:
        invoice.mark_paid()
    return invoice


def current_invoice(uow: UnitOfWork, order: Order) -> Invoice | None:
    return next((doc for doc in uow.invoices.for_order(order.id)
                 if doc.kind is DocumentKind.INVOICE
                 and doc.status is not InvoiceStatus.CREDITED), None)


def _credit_in_full(uow: UnitOfWork, shop: Shop, invoice: Invoice, reason: str) -> Invoice:
    order = uow.orders.get(invoice.order_id)
    note = _issue(uow, shop, DocumentKind.CREDIT_NOTE, invoice.letter, order, invoice.buyer,
                  list(invoice.lines), credited_invoice_id=invoice.id, reason=reason)
    invoice.mark_credited()
    return note


def credited_so_far(uow: UnitOfWork, invoice: Invoice) -> Money:
    notes = [doc.totals.total for doc in uow.invoices.for_order(invoice.order_id)
             if doc.credited_invoice_id == invoice.id]
    return sum(notes, Money.zero(invoice.currency))


def credit_amount(uow: UnitOfWork, shop: Shop, invoice: Invoice, amount: Money,
                  reason: str) -> Invoice | None:
    """A credit note for part of an invoice, spread over its lines by their amounts; never
    more than what is left uncredited (an overpayment refunded was never invoiced)."""
    if amount.in_minor_units().amount <= 0:
        raise InvalidValue(f"a credit note must be greater than zero, not {amount}")
    left = invoice.totals.total - credited_so_far(uow, invoice)
    if left.is_zero():
        return None
    if amount >= left == invoice.totals.total:
        return _credit_in_full(uow, shop, invoice, reason)
    lines = credit_lines(invoice.lines, min(amount, left), shop.taxes.prices_include_tax)
    order = uow.orders.get(invoice.order_id)
    note = _issue(uow, shop, DocumentKind.CREDIT_NOTE, invoice.letter, order, invoice.buyer,
                  lines, credited_invoice_id=invoice.id, reason=reason)
    if amount >= left:
        invoice.mark_credited()
    return note
