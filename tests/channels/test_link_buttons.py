"""A button that opens a page (a payment link): an inline URL button on Telegram, a
call-to-action message on WhatsApp, a line with the address on the console."""

from __future__ import annotations

import json

from bot.console import jsonl_out
from dialogs.contract import Button, Outgoing, Reply
from tests.channels.fake_graph import FakeGraph, with_adapter as with_whatsapp
from tests.channels.fake_telegram import telegram_fixture  # noqa: F401
from tests.channels.telegram_harness import with_adapter as with_telegram
from tests.channels.telegram_updates import ANA

LINK = "https://www.mercadopago.com.ar/checkout/v1/redirect?pref_id=202809963-920c288b"
REPLY = Reply("Tu link de pago del pedido N° 12 ($36.710,00):",
              (Button("💳 Pagar con MercadoPago", url=LINK), Button("Menú", "menu")))


def test_telegram_shows_the_link_as_an_inline_url_button(telegram, tmp_path):
    outgoing = Outgoing("telegram", str(ANA.id), REPLY, {"language": "es"})
    with_telegram(telegram, tmp_path, lambda adapter: adapter.send(outgoing))
    [call] = telegram.calls("sendMessage")
    keyboard = call.params["reply_markup"]["inline_keyboard"]
    assert keyboard == [[{"text": "💳 Pagar con MercadoPago", "url": LINK}],
                        [{"text": "Menú", "callback_data": "menu"}]]


def test_whatsapp_sends_the_link_as_a_call_to_action_and_the_rest_as_buttons(tmp_path):
    outgoing = Outgoing("whatsapp", "5491122334455", REPLY, {"language": "es"})
    with FakeGraph() as graph:
        with_whatsapp(graph, tmp_path, lambda adapter: adapter.send(outgoing))
        assert graph.refused() == []
        link, choices = graph.sent()
    assert link["interactive"]["type"] == "cta_url"
    assert link["interactive"]["body"]["text"] == REPLY.text
    assert link["interactive"]["action"]["parameters"] == {
        "display_text": "💳 Pagar con Mercad…", "url": LINK}
    assert [b["reply"]["id"] for b in choices["interactive"]["action"]["buttons"]] == ["menu"]


def test_the_console_prints_the_address_of_a_link():
    line = jsonl_out(Outgoing("console", "ana", REPLY))
    assert line["buttons"] == [{"label": "💳 Pagar con MercadoPago", "url": LINK},
                               {"label": "Menú", "payload": "menu"}]
    assert json.loads(json.dumps(line, ensure_ascii=False)) == line
