"""Payments read back and refunded through the real SDK against the fake MercadoPago API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.payments.mercadopago import MercadoPagoGateway
from domain.money import Money
from domain.payment_gateway import GatewayPayment, GatewayStatus, PaymentGatewayError
from tests.payments.fake_mercadopago import FakeMercadoPago, running_fake

fake = pytest.fixture(running_fake)
PAYMENT_ID = "1319876543"


class Clock:
    def now(self) -> datetime:
        return datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def ars(amount: str) -> Money:
    return Money.of(amount, "ARS")


def gateway_for(fake: FakeMercadoPago, token: str | None = None) -> MercadoPagoGateway:
    return MercadoPagoGateway(token or fake.token, clock=Clock(), api_base_url=fake.url)


@pytest.mark.parametrize("status, detail", [
    ("approved", "accredited"), ("pending", "pending_waiting_transfer"),
    ("in_process", "pending_review_manual"), ("rejected", "cc_rejected_insufficient_amount"),
    ("cancelled", "expired"), ("refunded", "refunded"), ("charged_back", "settled"),
])
def test_a_payment_is_read_back_with_its_status_amount_and_order(fake, status, detail):
    fake.add_payment(PAYMENT_ID, status, "25999.99", "ARS", external_reference="1042",
                     status_detail=detail)
    assert gateway_for(fake).payment(PAYMENT_ID) == GatewayPayment(
        reference=PAYMENT_ID, status=GatewayStatus(status), amount=ars("25999.99"),
        order_reference="1042", refunded=ars("0"), detail=detail)
    [lookup] = fake.requests("GET")
    assert lookup.path == f"/v1/payments/{PAYMENT_ID}"


def test_the_payment_is_read_as_it_is_now(fake):
    fake.add_payment(PAYMENT_ID, "in_process", "100.00", external_reference="7")
    gateway = gateway_for(fake)
    assert gateway.payment(PAYMENT_ID).status is GatewayStatus.IN_PROCESS
    fake.set_status(PAYMENT_ID, "approved")
    assert gateway.payment(PAYMENT_ID).status is GatewayStatus.APPROVED


def test_a_payment_without_an_order_reference_says_so(fake):
    fake.add_payment(PAYMENT_ID, "approved", "100.00")
    assert gateway_for(fake).payment(PAYMENT_ID).order_reference is None


def test_an_unknown_payment_is_none(fake):
    assert gateway_for(fake).payment("999") is None


def test_a_reference_that_is_no_payment_id_is_none_without_asking(fake):
    assert gateway_for(fake).payment("../v1/users/me") is None
    assert fake.requests() == []


def test_a_lookup_with_a_bad_token_is_an_error_not_an_unknown_payment(fake):
    fake.add_payment(PAYMENT_ID, "approved", "100.00")
    with pytest.raises(PaymentGatewayError, match="401"):
        gateway_for(fake, "APP_USR-wrong").payment(PAYMENT_ID)


# refunds -----------------------------------------------------------------------------------

def test_a_partial_refund_gives_back_that_amount(fake):
    fake.add_payment(PAYMENT_ID, "approved", "1000.00", external_reference="7")
    gateway = gateway_for(fake)
    refund = gateway.refund(PAYMENT_ID, ars("250.50"), "refund-7-1")

    assert refund.amount == ars("250.50")
    [request] = fake.requests("POST")
    assert request.path == f"/v1/payments/{PAYMENT_ID}/refunds"
    assert request.body == {"amount": ars("250.50").amount}
    assert request.headers["X-Idempotency-Key"] == "refund-7-1"
    payment = gateway.payment(PAYMENT_ID)
    assert payment.status is GatewayStatus.APPROVED and payment.refunded == ars("250.50")
    assert payment.detail == "partially_refunded"


def test_a_total_refund_gives_back_what_is_left(fake):
    fake.add_payment(PAYMENT_ID, "approved", "1000.00")
    gateway = gateway_for(fake)
    gateway.refund(PAYMENT_ID, ars("100.00"), "refund-a")
    refund = gateway.refund(PAYMENT_ID, None, "refund-b")

    assert refund.amount == ars("900.00")
    assert fake.requests("POST")[-1].body == {}
    payment = gateway.payment(PAYMENT_ID)
    assert payment.status is GatewayStatus.REFUNDED and payment.refunded == ars("1000.00")


def test_the_same_key_refunds_once(fake):
    fake.add_payment(PAYMENT_ID, "approved", "1000.00")
    gateway = gateway_for(fake)
    first = gateway.refund(PAYMENT_ID, ars("300.00"), "refund-7-1")
    again = gateway.refund(PAYMENT_ID, ars("300.00"), "refund-7-1")

    assert again == first
    assert len(fake.payment(PAYMENT_ID)["refunds"]) == 1
    assert gateway.payment(PAYMENT_ID).refunded == ars("300.00")


@pytest.mark.parametrize("amount, error", [
    (ars("1000.01"), "400.*Invalid refund amount"),
    (Money.of("10.00", "USD"), "not USD"),
])
def test_a_refund_mercadopago_cannot_do_is_a_gateway_error(fake, amount, error):
    fake.add_payment(PAYMENT_ID, "approved", "1000.00")
    with pytest.raises(PaymentGatewayError, match=error):
        gateway_for(fake).refund(PAYMENT_ID, amount, "refund-x")
    assert fake.payment(PAYMENT_ID)["refunds"] == []


def test_a_refund_of_a_payment_not_approved_is_refused(fake):
    fake.add_payment(PAYMENT_ID, "pending", "1000.00")
    with pytest.raises(PaymentGatewayError, match="cannot be refunded"):
        gateway_for(fake).refund(PAYMENT_ID, None, "refund-x")


def test_a_refund_of_an_unknown_payment_is_a_gateway_error(fake):
    with pytest.raises(PaymentGatewayError, match="no payment 42"):
        gateway_for(fake).refund("42", None, "refund-x")
