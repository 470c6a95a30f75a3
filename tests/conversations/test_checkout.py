"""Checkout: from a quote to a placed order, with every payload and answer checked again."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from checkout_helpers import (
    available,
    conversation,
    customer_with_quote,
    latest_order,
    place_by_chat,
    tiny_png,
)

from domain.order import OrderStatus
from domain.pricing import DeliveryMethod
from domain.quote import QuoteStatus

COFFEE = "CAF-GR-COL-500"


def orders_of(chat, customer_id: int) -> list:
    with chat.uow() as uow:
        return uow.orders.for_customer(customer_id)


def test_checkout_by_bank_transfer_places_the_order_reserves_stock_and_sends_the_order_pdf(chat):
    customer_id, quote_id = customer_with_quote(chat, items={COFFEE: 2})
    before = available(chat, COFFEE)
    asked = chat.press("ana", f"checkout:{quote_id}")
    assert "¿A dónde te lo enviamos?" in chat.texts("ana", asked)
    assert chat.buttons(asked)["Av. Corrientes 1234, CABA"] == "checkout:addr:0"
    chat.press("ana", "checkout:addr:0")
    summary = chat.press("ana", "checkout:pay:bank_transfer")
    text = chat.texts("ana", summary)
    for shown in ("Transferencia bancaria", "Av. Corrientes 1234, CABA", "Total: $40.400,00",
                  "Condiciones de venta", "reservamos el stock"):
        assert shown in text
    replies = chat.press("ana", f"checkout:confirm:{quote_id}")
    order = latest_order(chat, customer_id)
    assert (order.quote_id, order.payment_method) == (quote_id, "bank_transfer")
    assert available(chat, COFFEE) == before - 2
    documents = [o.reply.document for o in replies if o.reply.document]
    assert documents and documents[0].filename == f"pedido-{order.id}.pdf"
    text = chat.texts("ana", replies)
    assert f"pedido N° {order.id}" in text and "CBU: 0070096200000412345678" in text
    state = conversation(chat, "ana")
    assert state.data["cart"] == {} and state.data["quote_id"] is None
    assert state.data["order_id"] == order.id
    assert (state.flow, state.step) == ("payment", "receipt")


def test_only_the_configured_payment_methods_are_offered_and_a_forged_one_is_refused(chat):
    customer_id, quote_id = customer_with_quote(chat)
    chat.press("ana", f"checkout:{quote_id}")
    offered = chat.press("ana", "checkout:addr:0")
    methods = {p for p in chat.buttons(offered).values() if p.startswith("checkout:pay:")}
    assert methods == {"checkout:pay:bank_transfer", "checkout:pay:cash_on_delivery"}
    refused = chat.press("ana", "checkout:pay:mercadopago")
    assert "no la tenemos" in chat.texts("ana", refused)
    chat.press("ana", f"checkout:confirm:{quote_id}")
    assert orders_of(chat, customer_id) == []


def test_a_new_address_typed_at_checkout_is_saved_and_bad_ones_change_nothing(chat, tmp_path):
    customer_id, quote_id = customer_with_quote(chat)
    chat.press("ana", f"checkout:{quote_id}")
    photo = chat.send("ana", file=str(tiny_png(tmp_path / "casa.png")))
    assert "necesito que me lo escribas" in chat.texts("ana", photo)
    for bad in ("x" * 10_000, "🏠🏠", "ab"):
        assert "Esa dirección no me sirve" in chat.texts("ana", chat.say("ana", bad))
    asked = chat.say("ana", "Rivadavia 5000, Caballito")
    assert "¿Cómo querés pagar?" in chat.texts("ana", asked)
    chat.say("ana", "en efectivo")
    chat.say("ana", "sí")
    with chat.uow() as uow:
        assert uow.customers.get(customer_id).addresses == [
            "Av. Corrientes 1234, CABA", "Rivadavia 5000, Caballito"]
    order = latest_order(chat, customer_id)
    assert (order.delivery_address, order.payment_method) == (
        "Rivadavia 5000, Caballito", "cash_on_delivery")


def test_a_pickup_quote_shows_the_pickup_address_and_takes_cash_in_english(chat):
    customer_id, quote_id = customer_with_quote(chat, delivery=DeliveryMethod.PICKUP)
    chat.press("ana", "lang:en")
    asked = chat.press("ana", f"checkout:{quote_id}")
    assert "You'll pick it up at Defensa 1020" in chat.texts("ana", asked)
    summary = chat.say("ana", "cash")
    assert "You pay in cash when you pick it up." in chat.texts("ana", summary)
    chat.say("ana", "don't confirm")
    assert orders_of(chat, customer_id) == [] and conversation(chat, "ana").flow is None
    chat.press("ana", f"checkout:{quote_id}")
    chat.say("ana", "cash")
    done = chat.say("ana", "yes")
    order = latest_order(chat, customer_id)
    text = chat.texts("ana", done)
    assert f"order no. {order.id}" in text and "ARS\xa036,900.00 in cash" in text
    assert order.delivery is DeliveryMethod.PICKUP
    assert conversation(chat, "ana").flow is None


def test_pressing_confirm_twice_says_it_is_already_confirmed_and_changes_nothing(chat):
    customer_id, quote_id = customer_with_quote(chat)
    place_by_chat(chat, "ana", quote_id, "cash_on_delivery")
    order = latest_order(chat, customer_id)
    stock = available(chat, COFFEE)
    again = chat.press("ana", f"checkout:confirm:{quote_id}")
    assert f"ya está confirmado: es el N° {order.id}" in chat.texts("ana", again)
    assert chat.buttons(again)["Ver el pedido"] == f"orders:show:{order.id}"
    assert len(orders_of(chat, customer_id)) == 1 and available(chat, COFFEE) == stock


def test_a_forged_checkout_of_someone_elses_quote_changes_nothing(chat):
    _, others_quote = customer_with_quote(chat, "beto")
    customer_id, _ = customer_with_quote(chat, "ana")
    for payload in (f"checkout:{others_quote}", f"checkout:confirm:{others_quote}",
                    "checkout:999999", "checkout:99999999999999999999", "checkout:-1",
                    "checkout:addr:0", "checkout:pay:bank_transfer", "checkout:x:y:z"):
        replies = chat.press("ana", payload)
        assert chat.texts("ana", replies), payload
        assert "Algo salió mal" not in chat.texts("ana", replies), payload
    assert orders_of(chat, customer_id) == []
    with chat.uow() as uow:
        assert uow.quotes.get(others_quote).status is not QuoteStatus.ACCEPTED


def test_an_expired_quote_is_refused_and_a_new_quote_is_offered(chat):
    customer_id, quote_id = customer_with_quote(chat)
    with chat.uow() as uow:
        quote = uow.quotes.get(quote_id)
        quote.valid_until = chat.app.shop.clock.now() - timedelta(minutes=1)
        uow.commit()
    replies = chat.press("ana", f"checkout:{quote_id}")
    assert "venció" in chat.texts("ana", replies)
    assert "quote" in chat.buttons(replies).values()
    assert orders_of(chat, customer_id) == []


def test_an_order_out_of_stock_at_confirmation_places_nothing_and_offers_a_new_quote(chat):
    espresso = "CAFT-EXP-15"  # 4 in stock
    customer_id, quote_id = customer_with_quote(chat, "ana", items={espresso: 3})
    chat.press("ana", f"checkout:{quote_id}")
    chat.press("ana", "checkout:addr:0")
    chat.press("ana", "checkout:pay:bank_transfer")
    _, rivals_quote = customer_with_quote(chat, "beto", items={espresso: 2})
    place_by_chat(chat, "beto", rivals_quote, "bank_transfer")
    replies = chat.press("ana", f"checkout:confirm:{quote_id}")
    text = chat.texts("ana", replies)
    assert "Cafetera espresso 15 bar: pediste 3, quedan 2" in text
    assert "quote" in chat.buttons(replies).values()
    assert orders_of(chat, customer_id) == [] and available(chat, espresso) == 2
    with chat.uow() as uow:
        assert uow.quotes.get(quote_id).status is not QuoteStatus.ACCEPTED


def test_with_automatic_approval_the_invoice_pdf_arrives_right_after_confirming(chat):
    chat.app = dataclasses.replace(
        chat.app, shop=dataclasses.replace(chat.app.shop, auto_approve=True))
    chat.restart()
    customer_id, quote_id = customer_with_quote(chat)
    replies = place_by_chat(chat, "ana", quote_id, "cash_on_delivery")
    order = latest_order(chat, customer_id)
    assert order.status is OrderStatus.APPROVED
    files = [o.reply.document.filename for o in replies if o.reply.document]
    assert files == [f"pedido-{order.id}.pdf", "invoice-B-0001-00000001.pdf"]


def test_an_unregistered_chat_is_asked_to_register_before_checking_out(chat):
    _, quote_id = customer_with_quote(chat, "beto")
    chat.press("zoe", f"checkout:{quote_id}")
    state = conversation(chat, "zoe")
    assert state.flow == "registration" and state.data["resume"] == f"checkout:{quote_id}"


def test_confirming_by_text_resumes_the_checkout_of_the_conversations_quote(chat):
    customer_id, quote_id = customer_with_quote(chat)
    early = chat.say("ana", "confirmo el pedido")
    assert "Todavía no tenés un presupuesto" in chat.texts("ana", early)
    chat.press("ana", f"checkout:{quote_id}")
    chat.say("ana", "/cancel")
    asked = chat.say("ana", "confirmo el pedido")
    assert "¿A dónde te lo enviamos?" in chat.texts("ana", asked)
    assert orders_of(chat, customer_id) == []


def test_asking_for_the_cart_mid_checkout_leaves_the_address_step_untouched(chat):
    customer_id, quote_id = customer_with_quote(chat)
    chat.press("ana", f"checkout:{quote_id}")
    replies = chat.say("ana", "ver el carrito")
    assert "dirección" not in chat.texts("ana", replies)
    with chat.uow() as uow:
        assert uow.customers.get(customer_id).addresses == ["Av. Corrientes 1234, CABA"]


def test_cash_on_delivery_is_not_offered_above_its_limit(chat):
    _, quote_id = customer_with_quote(chat, "ana", items={"CAFT-EXP-15": 1})  # 289,999.99
    chat.press("ana", f"checkout:{quote_id}")
    replies = chat.press("ana", "checkout:addr:0")
    assert "checkout:pay:cash_on_delivery" not in chat.buttons(replies).values()
    refused = chat.press("ana", "checkout:pay:cash_on_delivery")
    assert "checkout:pay:bank_transfer" in chat.buttons(refused).values()


def test_the_summary_adds_up_lines_minus_discounts_plus_shipping_and_so_does_the_order(chat):
    customer_id, quote_id = customer_with_quote(chat, items={COFFEE: 3})  # 5% for 3 coffees
    chat.press("ana", f"checkout:{quote_id}")
    chat.press("ana", "checkout:addr:0")
    summary = chat.texts("ana", chat.press("ana", "checkout:pay:bank_transfer"))
    shown = ("• 3 × Café en grano Colombia Supremo 500 g: $52.500,00", "Descuentos: -$2.625,00",
             "Envío: $3.500,00", "Total: $53.375,00")  # 52.500 − 2.625 + 3.500 = 53.375
    for line in shown:
        assert line in summary
    assert "−" not in summary  # one minus sign: "-$", as in the quote
    chat.press("ana", f"checkout:confirm:{quote_id}")
    order = latest_order(chat, customer_id)
    detail = chat.texts("ana", chat.press("ana", f"orders:show:{order.id}"))
    for line in ("• 3 × Café en grano Colombia Supremo 500 g: $52.500,00",
                 "Descuentos: -$2.625,00", "Envío: $3.500,00", "Total: $53.375,00"):
        assert line in detail


@pytest.mark.parametrize("language, typed, answer", [
    ("es", "¿qué tiempo hace?", "No te entendí. ¿Cómo querés pagar?"),
    ("en", "what's the weather?", "How would you like to pay?"),
])
def test_free_text_in_the_payment_step_asks_again_with_the_buttons(chat, language, typed,
                                                                  answer):
    _, quote_id = customer_with_quote(chat, language=language)
    chat.press("ana", f"lang:{language}")
    chat.press("ana", f"checkout:{quote_id}")
    chat.press("ana", "checkout:addr:0")
    replies = chat.say("ana", typed)
    text = chat.texts("ana", replies)
    assert answer in text
    assert "no la tenemos" not in text and "don't offer" not in text
    assert "checkout:pay:bank_transfer" in chat.buttons(replies).values()
    assert conversation(chat, "ana").step == "payment"


@pytest.mark.parametrize("typed", ["quiero pagar con bitcoin", "con mercadopago"])
def test_a_payment_method_the_shop_does_not_take_is_named_as_such(chat, typed):
    _, quote_id = customer_with_quote(chat)
    chat.press("ana", f"checkout:{quote_id}")
    chat.press("ana", "checkout:addr:0")
    replies = chat.say("ana", typed)
    assert "Esa forma de pago no la tenemos" in chat.texts("ana", replies)
    assert "checkout:pay:bank_transfer" in chat.buttons(replies).values()


def test_a_location_or_a_file_at_the_address_step_asks_again_with_the_address_buttons(
        chat, tmp_path):
    _, quote_id = customer_with_quote(chat)
    chat.press("ana", f"checkout:{quote_id}")
    located = chat.send("ana", location={"lat": -34.6, "lon": -58.4})
    assert "no puedo convertirla en una dirección" in chat.texts("ana", located)
    assert chat.buttons(located)["Av. Corrientes 1234, CABA"] == "checkout:addr:0"
    filed = chat.send("ana", file=str(tiny_png(tmp_path / "a.png")))
    assert chat.buttons(filed)["Av. Corrientes 1234, CABA"] == "checkout:addr:0"
    assert conversation(chat, "ana").step == "address"


@pytest.mark.parametrize("language, answer", [
    ("es", "fue reemplazado por uno más nuevo"), ("en", "was replaced by a newer one"),
])
def test_checking_out_a_quote_replaced_by_a_newer_one_offers_the_newer_one(
        chat, language, answer):
    customer_id, old_quote = customer_with_quote(chat, language=language)
    chat.press("ana", f"lang:{language}")
    chat.press("ana", f"cart:add:{COFFEE}:1")
    chat.press("ana", "quote:delivery")
    latest = conversation(chat, "ana").data["quote_id"]
    with chat.uow() as uow:
        assert uow.quotes.get(old_quote).status is QuoteStatus.REJECTED
    replies = chat.press("ana", f"checkout:{old_quote}")
    assert answer in chat.texts("ana", replies)
    assert f"checkout:{latest}" in chat.buttons(replies).values()
    assert orders_of(chat, customer_id) == []
    assert "¿A dónde" in chat.texts("ana", chat.press("ana", f"checkout:{latest}")) or \
        language == "en"
