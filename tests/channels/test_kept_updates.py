"""What was acknowledged is handled even if the process stopped before handling it; a cart
filled in the WhatsApp catalog arrives through the webhook and goes on to the quote."""

from __future__ import annotations

from pathlib import Path

from bot.bootstrap import build
from bot.whatsapp.updates import whatsapp_chat_key
from storage.repositories.inbound import Inbound
from tests.channels import whatsapp_payloads as wa
from tests.channels.fake_graph import FakeGraph
from tests.channels.server_harness import RunningServer, config_with_channels, wait_for
from tests.channels.test_purchase_over_channels import WhatsAppCustomer
from tests.conversations.checkout_helpers import customer_with_quote


def test_updates_kept_before_a_stop_are_handled_at_the_next_start(database_url: str,
                                                                  tmp_path: Path):
    with FakeGraph() as graph:
        config = config_with_channels(tmp_path, graph_url=graph.url)
        app = build(config, {"DATABASE_URL": database_url})
        with app.uow() as uow:  # acknowledged, then the process died
            body = wa.text("hola", message_id="wamid.K1")
            uow.inbound.keep([Inbound("whatsapp", "body-1", whatsapp_chat_key(body), body)],
                             app.shop.clock.now())
            uow.commit()
        with RunningServer(config, database_url, tmp_path / "files"):
            welcome = wait_for(graph.sent, what="the welcome")
        assert welcome[0]["to"] == wa.CUSTOMER


def test_a_whatsapp_catalog_order_becomes_the_cart_and_goes_on_to_the_quote(
        database_url: str, tmp_path: Path):
    with FakeGraph() as graph:
        config = config_with_channels(tmp_path, graph_url=graph.url)
        with RunningServer(config, database_url, tmp_path / "files") as server:
            customer_with_quote(server, "ana")  # registered with this number elsewhere
            ana = WhatsAppCustomer(graph, server)
            ana.send(wa.order([("CAF-GR-COL-500", 2, 18450.0, "ARS"),
                               ("TAZ-CER-300", 1, 6000.0, "ARS")], note="para el viernes"))
            assert "Recibí tu pedido del catálogo" in ana.text()
            assert "el catálogo mostraba $6.000,00; el precio vigente es $6.500,00" in ana.text()
            assert "quote:delivery" in ana.ids()
            with server.app.uow() as uow:
                chat = uow.conversations.lock("whatsapp", wa.CUSTOMER)
                assert chat.data["cart"] == {"CAF-GR-COL-500": 2, "TAZ-CER-300": 1}
