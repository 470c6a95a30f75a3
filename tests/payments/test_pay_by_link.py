"""A whole purchase paid through a MercadoPago link, through the console's JSONL interface:
the link arrives as a button to open, the payment notified is applied, and a declined card
offers a retry or another way to pay."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bot.bootstrap import build
from bot.chat_wiring import build_engine
from bot.console import run_jsonl
from bot.payment_webhook import PaymentNotifications
from bot.payment_wiring import payment_gateway, payment_jobs
from domain.invoice import DocumentKind
from domain.order import PaymentState
from domain.services import ordering
from storage.demo import load_demo
from tests.channels.server_harness import config_with_channels
from tests.conversations.checkout_helpers import customer_with_quote
from tests.payments.fake_mercadopago import FakeMercadoPago, preference_total


class Console:
    """JSONL lines in, the lines out, with the payment platform's job in the dispatcher."""

    def __init__(self, database_url: str, files: Path, mercadopago: FakeMercadoPago,
                 config: Path) -> None:
        self.mercadopago = mercadopago
        self.app = build(config, {"DATABASE_URL": database_url})
        with self.app.uow() as uow:
            load_demo(uow, self.app.shop.currency, self.app.shop.taxes.rates)
            uow.commit()
        self.engine = build_engine(self.app, {"ORDERBOT_FILES": str(files)})
        self.gateway = payment_gateway(self.app)
        self.out: list[dict] = []

    def send(self, who: str = "ana", **line) -> list[dict]:
        """One line from `who`; nothing but what others caused, without `line`."""
        sink = io.StringIO()
        typed = json.dumps({"from": who, **line}) + "\n" if line else ""
        run_jsonl(self.engine, io.StringIO(typed), sink,
                  jobs=payment_jobs(self.engine, self.gateway))
        self.out = [json.loads(row) for row in sink.getvalue().splitlines()]
        return self.out

    def uow(self):
        return self.app.uow()

    def text(self) -> str:
        return "\n".join(row.get("text", "") for row in self.out)

    def buttons(self) -> list[dict]:
        return [button for row in self.out for button in row.get("buttons", ())]

    def notified(self, payment_id: str) -> None:
        PaymentNotifications(self.gateway, self.app.uow, self.app.shop).apply(payment_id)


@pytest.fixture
def console(database_url: str, tmp_path: Path) -> Iterator[Console]:
    with FakeMercadoPago() as mercadopago:
        config = config_with_channels(tmp_path, mercadopago_url=mercadopago.url)
        yield Console(database_url, tmp_path / "files", mercadopago, config)


def place_with_mercadopago(console: Console) -> int:
    _, quote_id = customer_with_quote(console, "ana")
    console.send(button=f"checkout:{quote_id}")
    console.send(button="checkout:addr:0")
    assert "checkout:pay:mercadopago" in json.dumps(console.out)
    console.send(button="checkout:pay:mercadopago")
    console.send(button=f"checkout:confirm:{quote_id}")
    with console.app.uow() as uow:
        [order] = uow.orders.for_customer(uow.customers.by_identity("console", "ana").id)
    return order.id


def test_a_purchase_paid_through_the_link(console):
    order_id = place_with_mercadopago(console)
    assert "link de Mercado Pago" in console.text()
    [link] = [b for b in console.buttons() if "url" in b]
    [preference] = console.mercadopago.preferences()
    assert link["url"] == preference["init_point"]
    assert preference["external_reference"] == str(order_id)
    with console.app.uow() as uow:
        order = uow.orders.get(order_id)
    assert preference_total(preference) == order.balance.amount
    assert {"label": link["label"], "url": link["url"]} == link and "Pagar" in link["label"]

    console.mercadopago.add_payment(42424242, "approved", order.balance.amount,
                                    external_reference=str(order_id))
    console.notified("42424242")
    console.notified("42424242")
    told = {row["to"]: row["text"] for row in console.send() if "text" in row}
    assert "Confirmamos tu pago del pedido" in told["ana"]
    assert "Mercado Pago acreditó $40.400,00" in told["admin"]
    with console.app.uow() as uow:
        assert uow.orders.get(order_id).payment_state is PaymentState.PAID
        assert len(uow.payments.for_order(order_id)) == 1


def test_staff_refund_part_of_a_paid_order_through_mercado_pago(console):
    order_id = place_with_mercadopago(console)
    with console.app.uow() as uow:
        ordering.approve_order(uow, console.app.shop, order_id)
        uow.commit()
    console.mercadopago.add_payment(73737373, "approved", "40400.00",
                                    external_reference=str(order_id))
    console.notified("73737373")
    assert "No puedo reembolsar" in json.dumps(console.send("admin", text=f"/reembolsar {order_id} 99999"),
                                    ensure_ascii=False)
    assert "Así se usa" in json.dumps(console.send("admin", text="/reembolsar"),
                                      ensure_ascii=False)
    out = console.send("admin", text=f"/reembolsar {order_id} 5000 taza rota")
    said = {row.get("to"): row.get("text", "") for row in out if "text" in row}
    assert "Pedí a Mercado Pago el reembolso de $5.000,00" in json.dumps(out, ensure_ascii=False)
    assert "Mercado Pago reembolsó $5.000,00" in said["admin"]
    assert any(row.get("to") == "ana" and row.get("file") for row in out)  # the credit note
    with console.app.uow() as uow:
        order = uow.orders.get(order_id)
        notes = [i for i in uow.invoices.for_order(order_id)
                 if i.kind is DocumentKind.CREDIT_NOTE]
        assert [n.totals.total.amount for n in notes] == [Decimal("5000.00")]
        assert order.payment_state is PaymentState.PARTIALLY_REFUNDED
        assert [e.action for e in uow.audit.recent(10)] == ["payment.refund_requested"]
    assert "/reembolsar" in json.dumps(console.send("ana", text=f"/reembolsar {order_id}"),
                                       ensure_ascii=False)  # a customer: an unknown command


def test_asking_to_pay_again_gives_the_same_link(console):
    order_id = place_with_mercadopago(console)
    first = [b["url"] for b in console.buttons() if "url" in b]
    console.send(button=f"pay:{order_id}")
    again = [b["url"] for b in console.buttons() if "url" in b]
    assert first == again and len(console.mercadopago.preferences()) == 1


def test_a_declined_card_may_pay_another_way(console):
    order_id = place_with_mercadopago(console)
    console.send(button=f"paywith:{order_id}")
    assert f"paywith:{order_id}:bank_transfer" in json.dumps(console.out)
    console.send(button=f"paywith:{order_id}:bank_transfer")
    assert "CBU" in console.text() or "transferí" in console.text()
    with console.app.uow() as uow:
        assert uow.orders.get(order_id).payment_method == "bank_transfer"
    console.send(button=f"paywith:{order_id}:mercadopago")  # back, while nothing is paid
    assert [b for b in console.buttons() if "url" in b]


def test_a_declined_card_is_offered_a_retry_or_another_way(console):
    order_id = place_with_mercadopago(console)
    console.mercadopago.add_payment(5151, "rejected", "40400.00",
                                    external_reference=str(order_id),
                                    status_detail="cc_rejected_insufficient_amount")
    console.notified("5151")
    [told] = [row for row in console.send() if row.get("to") == "ana"]
    assert "rechazó el pago del pedido" in told["text"]
    assert [b["payload"] for b in told["buttons"]] == [f"pay:{order_id}",
                                                        f"paywith:{order_id}"]


def test_staff_hear_of_a_payment_that_does_not_match_the_order(console):
    order_id = place_with_mercadopago(console)
    console.mercadopago.add_payment(6161, "approved", "10.00", currency="USD",
                                    external_reference=str(order_id))
    console.notified("6161")
    alerts = [row for row in console.send() if row.get("to") in ("admin", "staff")]
    assert {row["to"] for row in alerts} == {"admin", "staff"}
    assert all("otra moneda (10.00 USD)" in row["text"] for row in alerts)
    with console.app.uow() as uow:
        assert uow.orders.get(order_id).payment_state is PaymentState.UNPAID


def test_without_credentials_mercadopago_is_not_offered(database_url, tmp_path):
    app = build(None, {"DATABASE_URL": database_url})
    assert payment_gateway(app) is None
    assert "mercadopago" not in app.shop.payment_methods
