"""Whole Spanish purchases through the running server: on Telegram by long polling with the
real aiogram bot (a button press, a shared contact, a receipt photo), on WhatsApp through
signed webhook posts; replies read at the fake platforms, which refuse what breaks their
limits. A customer who bought on Telegram is recognised on WhatsApp by the same number."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from domain.invoice import DocumentKind
from domain.payment import PaymentStatus
from domain.services import ordering
from tests.channels import whatsapp_payloads as wa
from tests.channels.fake_graph import FakeGraph
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.server_harness import RunningServer, config_with_channels, wait_for
from tests.channels.telegram_updates import (
    ANA,
    callback_update,
    contact_update,
    photo_update,
    text_update,
)
from tests.conversations.checkout_helpers import tiny_png

PHONE = "5491122334455"


def settled(server: RunningServer) -> bool:
    """Every update handled and every reply sent."""
    with server.app.uow() as uow:
        return uow.inbound.waiting() == 0 and not uow.outbox.pending(1, ("message",))


def approve_the_order(server: RunningServer, channel: str, sender: str) -> int:
    """Staff approve (their chat commands are another issue's): the invoice follows."""
    with server.app.uow() as uow:
        customer = uow.customers.by_identity(channel, sender)
        [order] = uow.orders.for_customer(customer.id)
        assert [p.status for p in uow.payments.for_order(order.id)] == [PaymentStatus.PENDING]
        ordering.approve_order(uow, server.app.shop, order.id)
        uow.commit()
    return order.id


def quote_as_a_new_customer(ana, share_phone: Callable[[], object]) -> None:
    """Browse, add by text, ask for a quote, register on the way, quote with BIENVENIDA."""
    ana.press("cat")
    ana.press(ana.payload("cat:"))
    ana.say("quiero 2 cafe colombia en grano")
    assert "2 ×" in ana.text()
    ana.press("quote")
    ana.say("Ana García")
    ana.say("Av. Corrientes 1234, CABA")
    share_phone()
    ana.press("registration:skip")
    ana.press("registration:skip")
    ana.press("registration:confirm")
    assert "Ya tenés tu cuenta" in ana.text()
    ana.press("quote:delivery")
    ana.say("BIENVENIDA")
    assert "$36.710,00" in ana.text()


def check_out_by_transfer(ana) -> None:
    ana.press(ana.payload("checkout:"))
    ana.press("checkout:addr:0")
    ana.press("checkout:pay:bank_transfer")
    ana.press(ana.payload("checkout:confirm:"))


class TelegramCustomer:
    def __init__(self, telegram: FakeTelegram, server: RunningServer) -> None:
        self.telegram, self.server = telegram, server
        self.update_id, self.seen = 500, 0
        self.replies: list[dict[str, Any]] = []

    def send(self, update_for) -> list[dict[str, Any]]:
        self.update_id += 1
        self.telegram.push_update(update_for(self.update_id))
        wait_for(lambda: len(self.telegram.sent(ANA.id)) > self.seen, what="a reply")
        wait_for(lambda: settled(self.server), what="every reply")
        sent = self.telegram.sent(ANA.id)
        self.replies, self.seen = sent[self.seen:], len(sent)
        return self.replies

    def text(self) -> str:
        return "\n".join(m.get("text") or m.get("caption") or "" for m in self.replies)

    def payload(self, prefix: str) -> str:
        return next(button["callback_data"] for message in self.replies
                    for row in message.get("reply_markup", {}).get("inline_keyboard", [])
                    for button in row if button["callback_data"].startswith(prefix))

    def say(self, text: str) -> list[dict[str, Any]]:
        return self.send(lambda n: text_update(n, text))

    def press(self, payload: str) -> list[dict[str, Any]]:
        return self.send(lambda n: callback_update(n, payload))


def test_a_whole_purchase_on_telegram_by_long_polling(database_url: str, tmp_path: Path):
    with FakeTelegram() as telegram:
        config = config_with_channels(tmp_path, telegram_url=telegram.url)
        with RunningServer(config, database_url, tmp_path / "files",
                           poll_telegram=True) as server:
            ana = TelegramCustomer(telegram, server)
            ana.say("/start")
            assert "Café del Sur" in ana.text()

            def share_contact() -> None:
                share = telegram.calls("sendMessage")[-1].params["reply_markup"]
                assert share["keyboard"][0][0]["request_contact"] is True
                ana.send(lambda n: contact_update(n, PHONE))

            quote_as_a_new_customer(ana, share_contact)
            assert [m["document"]["file_name"] for m in ana.replies if "document" in m]
            check_out_by_transfer(ana)
            assert any("document" in m for m in ana.replies)  # the purchase order
            telegram.add_file("AgACAgEAAxkBAAIBreceipt", tiny_png(tmp_path / "r.png").read_bytes())
            ana.send(lambda n: photo_update(n, "AgACAgEAAxkBAAIBreceipt", 68))
            assert "Recibí el comprobante" in ana.text()
            assert telegram.calls("answerCallbackQuery")
            order_id = approve_the_order(server, "telegram", str(ANA.id))
            wait_for(lambda: any("Tu factura B" in (m.get("caption") or m.get("text") or "")
                                 for m in telegram.sent(ANA.id)[ana.seen:]),
                     what="the invoice")
            with server.app.uow() as uow:
                [invoice] = uow.invoices.for_order(order_id)
                assert invoice.kind is DocumentKind.INVOICE
                assert uow.customers.by_identity("telegram", str(ANA.id)).phone == f"+{PHONE}"


class WhatsAppCustomer:
    def __init__(self, graph: FakeGraph, server: RunningServer, number: str = PHONE) -> None:
        self.graph, self.server, self.number = graph, server, number
        self.seen, self.replies = 0, []

    def send(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        raw = wa.encoded(body)
        answer = requests.post(f"{self.server.url}/whatsapp/webhook", data=raw, timeout=30,
                               headers={"X-Hub-Signature-256": wa.sign(raw),
                                        "Content-Type": "application/json"})
        assert answer.status_code == 200
        wait_for(lambda: len(self._mine()) > self.seen, what="a reply")
        wait_for(lambda: settled(self.server), what="every reply")
        mine = self._mine()
        self.replies, self.seen = mine[self.seen:], len(mine)
        return self.replies

    def _mine(self) -> list[dict[str, Any]]:
        return [m for m in self.graph.sent() if m["to"] == self.number]

    def text(self) -> str:
        def words(message: dict[str, Any]) -> str:
            kind = message["type"]
            if kind == "text":
                return message["text"]["body"]
            if kind == "interactive":
                return message["interactive"]["body"]["text"]
            return message.get(kind, {}).get("caption", "")
        return "\n".join(words(m) for m in self.replies)

    def ids(self) -> list[str]:
        ids = []
        for message in self.replies:
            action = message.get("interactive", {}).get("action", {})
            ids += [b["reply"]["id"] for b in action.get("buttons", [])]
            ids += [row["id"] for section in action.get("sections", []) for row in
                    section["rows"]]
        return ids

    def payload(self, prefix: str) -> str:
        return next(found for found in self.ids() if found.startswith(prefix))

    def say(self, text: str) -> list[dict[str, Any]]:
        return self.send(wa.text(text, sender=self.number))

    def press(self, payload: str) -> list[dict[str, Any]]:
        assert payload in self.ids(), f"{payload} is not among {self.ids()}"
        return self.send(wa.button_reply(payload, payload[:20], sender=self.number))


def test_a_whole_purchase_on_whatsapp_through_signed_webhooks(database_url: str,
                                                               tmp_path: Path):
    with FakeGraph() as graph:
        config = config_with_channels(tmp_path, graph_url=graph.url)
        with RunningServer(config, database_url, tmp_path / "files") as server:
            ana = WhatsAppCustomer(graph, server)
            ana.say("hola")
            assert "Café del Sur" in ana.text()
            # WhatsApp vouches for the number a message comes from: typing it is enough.
            quote_as_a_new_customer(ana, lambda: ana.say(f"+{PHONE}"))
            assert any(m["type"] == "document" for m in ana.replies)
            check_out_by_transfer(ana)
            assert any(m["type"] == "document" for m in ana.replies)
            graph.add_media("1029384756", tiny_png(tmp_path / "r.png").read_bytes(),
                            "image/jpeg")
            ana.send(wa.media("image", "1029384756", "image/jpeg"))
            assert "Recibí el comprobante" in ana.text()
            order_id = approve_the_order(server, "whatsapp", PHONE)
            wait_for(lambda: any(m["type"] == "document" and "factura" in
                                 m["document"].get("caption", "").lower()
                                 for m in ana._mine()[ana.seen:]), what="the invoice")
            assert graph.refused() == []
            with server.app.uow() as uow:
                assert uow.invoices.for_order(order_id)


def test_a_telegram_customer_writing_on_whatsapp_is_the_same_customer(database_url: str,
                                                                      tmp_path: Path):
    with FakeGraph() as graph, FakeTelegram() as telegram:
        config = config_with_channels(tmp_path, telegram.url, graph.url)
        with RunningServer(config, database_url, tmp_path / "files",
                           poll_telegram=True) as server:
            ana = TelegramCustomer(telegram, server)
            ana.press("register")
            for answer in ("Ana García", "Av. Corrientes 1234, CABA"):
                ana.say(answer)
            ana.send(lambda n: contact_update(n, PHONE))
            ana.press("registration:skip")
            ana.press("registration:skip")
            ana.press("registration:confirm")
            on_whatsapp = WhatsAppCustomer(graph, server)
            on_whatsapp.say("mi perfil")
            assert "Ana García" in on_whatsapp.text()
            with server.app.uow() as uow:
                customer = uow.customers.by_identity("whatsapp", PHONE)
                assert customer is not None
                assert {i.channel for i in customer.identities} == {"telegram", "whatsapp"}
