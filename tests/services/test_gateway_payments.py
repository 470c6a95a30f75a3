"""Payments reported by the platform: once, in any order, flagged when the shop must look."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.invoice import DocumentKind, InvoiceStatus
from domain.money import Money
from domain.order import OrderStatus, PaymentState
from domain.payment import PaymentStatus
from domain.payment_gateway import GatewayPayment, GatewayStatus
from domain.pricing import CartItem
from domain.services import ordering
from domain.services.gateway_payments import FLAGGED_TOPIC, Flag, apply_gateway_payment
from tests.services.conftest import ars
from tests.services.test_order_to_cash import place, quote


@pytest.fixture
def order_id(uow_factory, shop, seeded) -> int:
    """An approved, invoiced order of 2 Taza grande paid by MercadoPago."""
    quote_id = quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 2)])
    order = place(uow_factory, shop, seeded, quote_id, method="mercadopago")
    with uow_factory() as uow:
        ordering.approve_order(uow, shop, order)
        uow.commit()
    return order


def total(uow_factory, order_id) -> Money:
    with uow_factory() as uow:
        return uow.orders.get(order_id).totals.total


def report(uow_factory, shop, order_id, status, amount=None, reference="1319525843",
           refunded=None, currency="ARS", order_reference=None):
    amount = amount if amount is not None else total(uow_factory, order_id).amount
    reported = GatewayPayment(reference, GatewayStatus(status), Money.of(amount, currency),
                              order_reference or str(order_id),
                              Money.of(refunded, currency) if refunded is not None else None,
                              detail="cc_rejected_other_reason" if status == "rejected" else None)
    with uow_factory() as uow:
        payment = apply_gateway_payment(uow, shop, reported)
        uow.commit()
    return payment


def state(uow_factory, order_id):
    with uow_factory() as uow:
        order = uow.orders.get(order_id)
        payments = [(p.status, p.refunded_amount) for p in uow.payments.for_order(order_id)]
        documents = [(i.kind, i.status) for i in uow.invoices.for_order(order_id)]
        flags = [m.payload["flag"] for m in uow.outbox.pending(100, (FLAGGED_TOPIC,))]
        return order.payment_state, payments, documents, flags


def test_an_approved_payment_pays_the_order_and_its_invoice_once(uow_factory, shop, order_id):
    for _ in range(3):  # MercadoPago notifies several times
        report(uow_factory, shop, order_id, "approved")
    paid, payments, documents, flags = state(uow_factory, order_id)
    assert paid is PaymentState.PAID
    assert payments == [(PaymentStatus.APPROVED, Decimal(0))]
    assert documents == [(DocumentKind.INVOICE, InvoiceStatus.PAID)]
    assert flags == []


@pytest.mark.parametrize("sequence", [
    ("pending", "in_process", "approved"),
    ("approved", "pending"),  # a late notification of an older status
    ("in_process", "approved", "in_process", "approved"),
])
def test_notifications_in_any_order_end_in_the_platforms_state(uow_factory, shop, order_id,
                                                               sequence):
    for status in sequence:
        report(uow_factory, shop, order_id, status)
    paid, payments, _, _ = state(uow_factory, order_id)
    assert paid is PaymentState.PAID
    assert payments == [(PaymentStatus.APPROVED, Decimal(0))]


def test_a_refund_reported_before_the_approval_credits_the_whole_payment(
        uow_factory, shop, order_id):
    amount = total(uow_factory, order_id).amount
    report(uow_factory, shop, order_id, "refunded", refunded=amount)
    report(uow_factory, shop, order_id, "approved")
    paid, payments, documents, _ = state(uow_factory, order_id)
    assert payments == [(PaymentStatus.REFUNDED, amount)]
    assert paid is PaymentState.REFUNDED
    assert (DocumentKind.CREDIT_NOTE, InvoiceStatus.ISSUED) in documents


def test_a_partial_refund_from_the_platforms_panel_is_followed_to_the_cent(
        uow_factory, shop, order_id):
    report(uow_factory, shop, order_id, "approved")
    report(uow_factory, shop, order_id, "approved", refunded="1000.01")
    report(uow_factory, shop, order_id, "approved", refunded="1000.01")
    _, payments, documents, _ = state(uow_factory, order_id)
    assert payments == [(PaymentStatus.APPROVED, Decimal("1000.01"))]
    with uow_factory() as uow:
        [note] = [i for i in uow.invoices.for_order(order_id)
                  if i.kind is DocumentKind.CREDIT_NOTE]
        assert note.totals.total == ars("1000.01")


def test_a_chargeback_takes_the_money_back_and_is_flagged(uow_factory, shop, order_id):
    report(uow_factory, shop, order_id, "approved")
    report(uow_factory, shop, order_id, "charged_back")
    paid, payments, _, flags = state(uow_factory, order_id)
    assert payments[0][0] is PaymentStatus.REFUNDED
    assert paid is PaymentState.REFUNDED
    assert flags == [Flag.CHARGED_BACK]


def test_a_rejected_payment_is_recorded_as_rejected_and_the_order_still_owes(
        uow_factory, shop, order_id):
    report(uow_factory, shop, order_id, "rejected")
    paid, payments, _, _ = state(uow_factory, order_id)
    assert paid is PaymentState.UNPAID
    assert payments == [(PaymentStatus.REJECTED, Decimal(0))]
    report(uow_factory, shop, order_id, "approved", reference="1319525999")  # paid on retry
    assert state(uow_factory, order_id)[0] is PaymentState.PAID


def test_partial_and_excess_payments_count_and_are_flagged(uow_factory, shop, order_id):
    report(uow_factory, shop, order_id, "approved", amount="1000.00", reference="1")
    assert state(uow_factory, order_id)[0] is PaymentState.PARTIALLY_PAID
    rest = total(uow_factory, order_id).amount - Decimal("1000.00")
    report(uow_factory, shop, order_id, "approved", amount=rest + 500, reference="2")
    paid, _, _, flags = state(uow_factory, order_id)
    assert paid is PaymentState.OVERPAID
    assert flags == [Flag.PARTIAL, Flag.OVERPAID]


@pytest.mark.parametrize("change, flag", [
    (dict(currency="USD"), Flag.CURRENCY_MISMATCH),
    (dict(order_reference="999999"), Flag.UNKNOWN_ORDER),
    (dict(order_reference="someone else's"), Flag.UNKNOWN_ORDER),
])
def test_a_payment_that_fits_no_order_changes_nothing_and_is_flagged(
        uow_factory, shop, order_id, change, flag):
    assert report(uow_factory, shop, order_id, "approved", **change) is None
    paid, payments, _, flags = state(uow_factory, order_id)
    assert (paid, payments, flags) == (PaymentState.UNPAID, [], [flag])


def test_money_for_a_cancelled_order_is_flagged_not_taken(uow_factory, shop, order_id):
    with uow_factory() as uow:
        ordering.cancel_order(uow, shop, order_id, reason="sin stock")
        uow.commit()
    report(uow_factory, shop, order_id, "pending")
    report(uow_factory, shop, order_id, "approved")
    paid, payments, _, flags = state(uow_factory, order_id)
    assert payments == [] and paid is PaymentState.UNPAID
    assert flags == [Flag.ORDER_CANCELLED]
    with uow_factory() as uow:
        assert uow.orders.get(order_id).status is OrderStatus.CANCELLED
