"""A cart filled in the WhatsApp catalog becomes the cart here, under our prices and stock."""

from __future__ import annotations

from decimal import Decimal

from checkout_helpers import customer_with_quote

from dialogs.contract import Incoming, OrderedItem


def catalog_order(chat, who: str, *items: OrderedItem, text: str | None = None):
    return chat.deliver(Incoming("console", who, who, f"order-{who}-{len(items)}", text=text,
                                 order=tuple(items)))


def test_a_catalog_order_of_a_registered_customer_goes_on_to_the_quote(chat):
    customer_with_quote(chat, "ana")
    replies = catalog_order(chat, "ana", OrderedItem("CAF-GR-COL-500", 2, Decimal("18450.00"),
                                                     "ARS"),
                            OrderedItem("TAZ-CER-300", 1, Decimal("6500"), "ARS"))
    text = chat.texts("ana", replies)
    assert "Recibí tu pedido del catálogo" in text
    assert "diferencias" not in text
    with chat.uow() as uow:
        conversation = uow.conversations.lock("console", "ana")
    assert conversation.data["cart"] == {"CAF-GR-COL-500": 2, "TAZ-CER-300": 1}
    assert "envío" in text.lower() or "Presupuesto" in text  # delivery asked, or the quote


def test_our_prices_and_stock_rule_and_the_differences_are_said(chat):
    customer_with_quote(chat, "ana")
    replies = catalog_order(
        chat, "ana",
        OrderedItem("CAF-GR-COL-500", 2, Decimal("15000.00"), "ARS"),
        OrderedItem("CAF-MO-DESC-250", 500, Decimal("11300.00"), "ARS"),
        OrderedItem("NO-EXISTE", 1, Decimal("1.00"), "ARS"))
    text = chat.texts("ana", replies)
    assert "mostraba $15.000,00; el precio vigente es $18.450,00" in text
    assert "pediste 500 y quedan 25" in text
    assert "NO-EXISTE ya no está a la venta" in text
    with chat.uow() as uow:
        cart = uow.conversations.lock("console", "ana").data["cart"]
    assert cart == {"CAF-GR-COL-500": 2, "CAF-MO-DESC-250": 25}


def test_a_catalog_order_with_nothing_we_can_sell_leaves_the_cart_empty(chat):
    replies = catalog_order(chat, "beto", OrderedItem("NO-EXISTE", 3))
    assert "no puedo tomar ninguno" in chat.texts("beto", replies)
    with chat.uow() as uow:
        assert uow.conversations.lock("console", "beto").data["cart"] == {}


def test_a_new_customer_is_registered_before_the_quote(chat):
    replies = catalog_order(chat, "carla", OrderedItem("TAZ-CER-300", 2))
    text = chat.texts("carla", replies)
    assert "Recibí tu pedido del catálogo" in text
    assert "nombre" in text.lower()  # registration starts, the quote follows it
