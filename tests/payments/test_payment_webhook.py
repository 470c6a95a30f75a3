"""MercadoPago notifications to the running server, the real SDK asking a fake MercadoPago
what each payment is; refunds through the SDK with a credit note."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from bot.payment_refunds import refund_order
from bot.payments.mercadopago import MercadoPagoGateway
from bot.payments.mercadopago_signature import signature_for
from domain.errors import InvalidTransition
from domain.invoice import DocumentKind
from domain.money import Money
from domain.order import PaymentState
from domain.payment import PaymentStatus
from domain.services import ordering
from domain.services.gateway_payments import FLAGGED_TOPIC
from storage.schema import inbound_updates, outbox
from tests.channels.server_harness import (
    MP_WEBHOOK_SECRET,
    RunningServer,
    config_with_channels,
    wait_for,
)
from tests.conversations.checkout_helpers import placed_order
from tests.payments.fake_mercadopago import FakeMercadoPago


class Shop:
    def __init__(self, server: RunningServer, mercadopago: FakeMercadoPago) -> None:
        self.server, self.mercadopago = server, mercadopago
        self.app = server.app

    def order(self, approve: bool = True) -> int:
        _, order_id = placed_order(self.server, "ana", "mercadopago")
        if approve:
            with self.app.uow() as uow:
                ordering.approve_order(uow, self.app.shop, order_id)
                uow.commit()
        return order_id

    def total(self, order_id: int) -> Decimal:
        with self.app.uow() as uow:
            return uow.orders.get(order_id).totals.total.amount

    def notify(self, payment_id: str, request_id: str | None = None, ts: int | None = None,
               secret: str = MP_WEBHOOK_SECRET, signed: bool = True,
               topic: str = "payment") -> requests.Response:
        request_id = request_id or str(uuid.uuid4())
        ts = ts if ts is not None else int(time.time() * 1000)
        headers = {"x-request-id": request_id}
        if signed:
            headers["x-signature"] = signature_for(secret, payment_id, request_id, ts)
        return requests.post(
            f"{self.server.url}/payments/mercadopago",
            params={"data.id": payment_id, "type": topic}, headers=headers, timeout=30,
            json={"action": "payment.updated", "api_version": "v1", "type": topic,
                  "data": {"id": payment_id}, "live_mode": False})

    def settled(self) -> None:
        def done() -> bool:
            with self.app.uow() as uow:
                return uow.inbound.waiting() == 0
        wait_for(done, what="the notifications to be handled")

    def state(self, order_id: int):
        with self.app.uow() as uow:
            order = uow.orders.get(order_id)
            payments = [(p.provider_reference, p.status) for p in uow.payments.for_order(order_id)]
            flags = [payload["flag"] for payload in uow.session.execute(  # told to staff or not
                select(outbox.c.payload).where(outbox.c.topic == FLAGGED_TOPIC)).scalars()]
            kept = uow.session.execute(select(func.count()).select_from(inbound_updates)
                                       ).scalar_one()
        return order.payment_state, payments, flags, kept


@pytest.fixture
def shop(database_url: str, tmp_path: Path) -> Iterator[Shop]:
    with FakeMercadoPago() as mercadopago:
        config = config_with_channels(tmp_path, mercadopago_url=mercadopago.url)
        with RunningServer(config, database_url, tmp_path / "files") as server:
            yield Shop(server, mercadopago)


def test_an_approved_payment_notified_pays_the_order_once(shop):
    order_id = shop.order()
    shop.mercadopago.add_payment(1319525843, "approved", shop.total(order_id),
                                 external_reference=str(order_id))
    request_id = str(uuid.uuid4())
    for _ in range(3):  # MercadoPago retries; each retry is signed again
        assert shop.notify("1319525843", request_id=request_id).status_code == 200
    assert shop.notify("1319525843").status_code == 200  # another notification, same payment
    shop.settled()
    paid, payments, flags, kept = shop.state(order_id)
    assert paid is PaymentState.PAID
    assert payments == [("1319525843", PaymentStatus.APPROVED)]
    assert (flags, kept) == ([], 2)
    asked = shop.mercadopago.requests("GET", "/v1/payments/1319525843")
    assert asked and all(r.headers["authorization"].startswith("Bearer ") for r in asked)


@pytest.mark.parametrize("change, status", [
    (dict(signed=False), 401),
    (dict(secret="not-our-secret"), 403),
    (dict(ts=int(time.time() * 1000) - 3_600_000), 403),  # an hour old: replayed
    (dict(ts=int(time.time() * 1000) + 3_600_000), 403),
])
def test_forged_or_stale_notifications_change_nothing(shop, change, status):
    order_id = shop.order()
    shop.mercadopago.add_payment(1319525843, "approved", shop.total(order_id),
                                 external_reference=str(order_id))
    assert shop.notify("1319525843", **change).status_code == status
    paid, payments, _, kept = shop.state(order_id)
    assert (paid, payments, kept) == (PaymentState.UNPAID, [], 0)


def test_notifications_out_of_order_end_in_the_current_state(shop):
    order_id = shop.order()
    shop.mercadopago.add_payment(555, "in_process", shop.total(order_id),
                                 external_reference=str(order_id))
    late_pending = str(uuid.uuid4())
    shop.mercadopago.set_status(555, "approved")
    shop.notify("555")
    shop.settled()
    shop.notify("555", request_id=late_pending)  # the in_process notice arrives last
    shop.settled()
    paid, payments, _, _ = shop.state(order_id)
    assert paid is PaymentState.PAID and payments == [("555", PaymentStatus.APPROVED)]


def test_a_rejected_payment_leaves_the_order_owing_and_a_retry_pays_it(shop):
    order_id = shop.order()
    shop.mercadopago.add_payment(601, "rejected", shop.total(order_id),
                                 external_reference=str(order_id))
    shop.notify("601")
    shop.settled()
    assert shop.state(order_id)[:2] == (PaymentState.UNPAID, [("601", PaymentStatus.REJECTED)])
    shop.mercadopago.add_payment(602, "approved", shop.total(order_id),
                                 external_reference=str(order_id))
    shop.notify("602")
    shop.settled()
    assert shop.state(order_id)[0] is PaymentState.PAID


def test_unknown_payments_and_other_topics_are_answered_and_ignored(shop):
    order_id = shop.order()
    assert shop.notify("999999999").status_code == 200
    assert shop.notify("123", topic="merchant_order").status_code == 200
    shop.settled()
    assert shop.state(order_id)[:3] == (PaymentState.UNPAID, [], [])


@pytest.mark.parametrize("amount, currency, expected, flag", [
    ("1000.00", "ARS", PaymentState.PARTIALLY_PAID, "partial"),
    (None, "USD", PaymentState.UNPAID, "currency_mismatch"),
])
def test_a_payment_not_matching_the_order_is_not_taken_as_paid_and_staff_hear(
        shop, amount, currency, expected, flag):
    order_id = shop.order()
    shop.mercadopago.add_payment(700, "approved", amount or shop.total(order_id),
                                 currency=currency, external_reference=str(order_id))
    shop.notify("700")
    shop.settled()
    paid, _, flags, _ = shop.state(order_id)
    assert (paid, flags) == (expected, [flag])


def test_a_payment_for_a_cancelled_order_is_flagged_and_the_order_stays_cancelled(shop):
    order_id = shop.order(approve=False)
    with shop.app.uow() as uow:
        ordering.cancel_order(uow, shop.app.shop, order_id, reason="sin stock")
        uow.commit()
    shop.mercadopago.add_payment(710, "approved", shop.total(order_id),
                                 external_reference=str(order_id))
    shop.notify("710")
    shop.settled()
    paid, payments, flags, _ = shop.state(order_id)
    assert (paid, payments, flags) == (PaymentState.UNPAID, [], ["order_cancelled"])


def test_a_refund_through_the_sdk_issues_a_credit_note_and_the_notification_adds_nothing(
        shop):
    order_id = shop.order()
    total = shop.total(order_id)
    shop.mercadopago.add_payment(800, "approved", total, external_reference=str(order_id))
    shop.notify("800")
    shop.settled()
    gateway = MercadoPagoGateway.from_config(shop.app.settings.payments.mercadopago,
                                             shop.app.shop.clock)
    part = Money.of("5000.00", "ARS")
    assert refund_order(shop.app.uow, shop.app.shop, gateway, order_id, part, "taza rota") == part
    shop.notify("800")  # MercadoPago tells us of the refund we made
    shop.settled()
    rest = refund_order(shop.app.uow, shop.app.shop, gateway, order_id, None, "devolución")
    assert rest == Money.of(total - Decimal("5000.00"), "ARS")
    shop.notify("800")
    shop.settled()
    with shop.app.uow() as uow:
        order = uow.orders.get(order_id)
        notes = [i.totals.total.amount for i in uow.invoices.for_order(order_id)
                 if i.kind is DocumentKind.CREDIT_NOTE]
        [payment] = uow.payments.for_order(order_id)
    assert order.payment_state is PaymentState.REFUNDED
    assert sorted(notes) == sorted([Decimal("5000.00"), total - Decimal("5000.00")])
    assert payment.status is PaymentStatus.REFUNDED
    assert len(shop.mercadopago.requests("POST", "/v1/payments/800/refunds")) == 2
    with pytest.raises(InvalidTransition):
        refund_order(shop.app.uow, shop.app.shop, gateway, order_id, None, "otra vez")
