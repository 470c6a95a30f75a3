"""The cart: adding from buttons and from sentences, quantities checked against the rules and
the stock, changing and removing lines, totals with volume tiers."""

from __future__ import annotations

import pytest

from domain.catalog import Product
from domain.money import Money

COLOMBIA = "CAF-GR-COL-500"  # $18.450; from 3 u. $17.500; from 6 u. $16.900
PRESS = "CAFT-PRE-600"  # $24.990
CROISSANTS = "PAN-MED-X6"  # $5.400


def cart_of(chat, who):
    with chat.uow() as uow:
        return dict(uow.conversations.lock("console", who).data.get("cart", {}))


def set_stock(chat, sku, on_hand):
    with chat.uow() as uow:
        uow.catalog.get(sku).set_stock(on_hand)
        uow.commit()


@pytest.mark.parametrize("language, added, line, total", [
    ("es", "Agregué 1 × Prensa francesa 600 ml al carrito.",
     "• 2 × Prensa francesa 600 ml — $24.990,00 c/u = $49.980,00",
     "Total estimado: $55.380,00"),
    ("en", "I added 1 × Prensa francesa 600 ml to your cart.",
     "• 2 × Prensa francesa 600 ml — ARS\xa024,990.00 each = ARS\xa049,980.00",
     "Estimated total: ARS\xa055,380.00"),
])
def test_browse_add_from_the_card_and_see_the_cart_totals(chat, language, added, line, total):
    chat.press("ana", f"lang:{language}")
    card = chat.press("ana", f"prod:{PRESS}")
    add_one = next(p for p in chat.buttons(card).values() if p.startswith("cart:add:"))
    assert added in chat.texts("ana", chat.press("ana", add_one))
    chat.press("ana", add_one)
    chat.press("ana", f"cart:add:{CROISSANTS}:1")
    cart = chat.press("ana", "cart")
    assert line in chat.texts("ana", cart)
    assert total in chat.texts("ana", cart)
    assert {"quote", "cat", "cart:clear", f"cart:edit:{PRESS}"} <= \
        set(chat.buttons(cart).values())


def test_volume_tiers_lower_the_unit_price_in_the_cart(chat):
    chat.press("ana", f"cart:add:{COLOMBIA}:3")
    text = chat.texts("ana", chat.press("ana", "cart"))
    assert "3 × Café en grano Colombia Supremo 500 g — $17.500,00 c/u = $52.500,00" in text


def test_one_sentence_adds_several_products(chat):
    replies = chat.say("ana", "quiero 2 prensas francesas y 3 medialunas")
    assert "Agregué 2 × Prensa francesa 600 ml" in chat.texts("ana", replies)
    assert "Agregué 3 × Medialunas de manteca x 6" in chat.texts("ana", replies)
    assert cart_of(chat, "ana") == {PRESS: 2, CROISSANTS: 3}


def test_ambiguous_names_are_asked_back_with_buttons_and_both_get_added(chat):
    replies = chat.say("ana", "quiero 2 cafés colombianos y una taza")
    choices = chat.buttons(replies)
    assert choices["Café en grano Colombia Supremo 500 g"] == f"cart:add:{COLOMBIA}:2"
    assert choices["Café molido Colombia 250 g"] == "cart:add:CAF-MO-COL-250:2"
    assert choices["Taza de cerámica Café del Sur 300 ml"] == "cart:add:TAZ-CER-300:1"
    assert cart_of(chat, "ana") == {}
    chat.press("ana", choices["Café en grano Colombia Supremo 500 g"])
    chat.press("ana", choices["Taza de cerámica Café del Sur 300 ml"])
    assert cart_of(chat, "ana") == {COLOMBIA: 2, "TAZ-CER-300": 1}


@pytest.mark.parametrize("sentence", ["3 de esos", "quiero 3 de esos", "3", "tres"])
def test_a_quantity_after_a_card_means_that_product(chat, sentence):
    chat.press("ana", f"prod:{PRESS}")
    assert "Agregué 3 × Prensa francesa" in chat.texts("ana", chat.say("ana", sentence))
    assert cart_of(chat, "ana") == {PRESS: 3}


def test_three_more_of_those_after_adding_by_text(chat):
    chat.say("ana", "quiero 2 medialunas")
    chat.press("ana", "cat")
    chat.say("ana", "quiero 3 de esos")
    assert cart_of(chat, "ana") == {CROISSANTS: 5}


@pytest.mark.parametrize("typed, quantity", [("tres", 3), ("una docena", 12), ("7", 7),
                                             ("4 unidades", 4)])
def test_the_quantity_step_takes_numbers_and_words(chat, typed, quantity):
    asked = chat.press("ana", f"cart:qty:{COLOMBIA}")
    assert "¿Cuántas unidades" in chat.texts("ana", asked)
    chat.say("ana", typed)
    assert cart_of(chat, "ana") == {COLOMBIA: quantity}


@pytest.mark.parametrize("typed, answer", [
    ("0", "tiene que ser 1 o más"), ("-1", "tiene que ser 1 o más"),
    ("1000000000", "hasta 100.000 unidades"), ("200", "quedan solo 60"),
    ("muchos", "No entendí la cantidad"),
    ("🙂", "No entendí la cantidad"), ("9" * 10_000, "demasiado largo"),
])
def test_bad_quantities_get_a_friendly_answer_and_change_nothing(chat, typed, answer):
    chat.press("ana", f"cart:add:{PRESS}:1")
    chat.press("ana", f"cart:qty:{COLOMBIA}")
    replies = chat.say("ana", typed)
    assert answer in chat.texts("ana", replies)
    assert chat.buttons(replies)  # always a way on
    assert cart_of(chat, "ana") == {PRESS: 1}
    chat.say("ana", "2")
    assert cart_of(chat, "ana") == {PRESS: 1, COLOMBIA: 2}


def test_naming_another_product_in_the_quantity_step_adds_that_product(chat):
    chat.press("ana", f"cart:qty:{COLOMBIA}")
    chat.say("ana", "mejor quiero 2 medialunas")
    assert cart_of(chat, "ana") == {CROISSANTS: 2}


def test_an_impossible_quantity_in_a_sentence_changes_nothing(chat):
    replies = chat.say("ana", "quiero 99999999999999999999 tazas")
    assert "Puedo anotar hasta 100.000 unidades" in chat.texts("ana", replies)
    assert cart_of(chat, "ana") == {}


def test_bad_quantities_are_answered_in_english_too(chat, tmp_path):
    chat.press("bob", "lang:en")
    chat.press("bob", f"cart:qty:{COLOMBIA}")
    assert "must be 1 or more" in chat.texts("bob", chat.say("bob", "-1"))
    receipt = tmp_path / "receipt.jpg"
    receipt.write_bytes(b"\xff\xd8\xff")
    assert "type it" in chat.texts("bob", chat.send("bob", file=str(receipt)))
    assert cart_of(chat, "bob") == {}


@pytest.mark.parametrize("payload", [
    "cart:add:X:-5", f"cart:add:{PRESS}:-5", f"cart:add:{PRESS}:0", f"cart:add:{PRESS}:abc",
    f"cart:add:{PRESS}:1000000000", f"cart:add:{PRESS}", f"cart:set:{PRESS}:0",
    "cart:rm:NOPE", f"cart:zap:{PRESS}", "cart:add:../x:1", "cart:clear:maybe",
])
def test_forged_cart_payloads_change_nothing(chat, payload):
    chat.press("ana", f"cart:add:{PRESS}:1")
    replies = chat.press("ana", payload)
    assert chat.texts("ana", replies)
    assert "salió mal" not in chat.texts("ana", replies)
    assert cart_of(chat, "ana") == {PRESS: 1}


def test_never_more_than_is_available_and_the_customer_is_told_how_many_are_left(chat):
    set_stock(chat, PRESS, 4)
    chat.press("ana", f"cart:add:{PRESS}:3")
    replies = chat.press("ana", f"cart:add:{PRESS}:2")
    assert "De Prensa francesa 600 ml quedan solo 4 y ya tenés 3 en el carrito" in \
        chat.texts("ana", replies)
    assert cart_of(chat, "ana") == {PRESS: 3}
    chat.press("ana", chat.buttons(replies)["Llevar 4"])
    assert cart_of(chat, "ana") == {PRESS: 4}


def test_an_out_of_stock_product_cannot_be_added(chat):
    set_stock(chat, PRESS, 0)
    assert "sin stock" in chat.texts("ana", chat.press("ana", f"cart:add:{PRESS}:1"))
    assert cart_of(chat, "ana") == {}


def test_a_line_changes_with_more_less_another_quantity_and_remove(chat):
    chat.press("ana", f"cart:add:{PRESS}:2")
    line = chat.buttons(chat.press("ana", f"cart:edit:{PRESS}"))
    chat.press("ana", line["➕ Uno más"])
    assert cart_of(chat, "ana") == {PRESS: 3}
    line = chat.buttons(chat.press("ana", f"cart:edit:{PRESS}"))
    chat.press("ana", line["➖ Uno menos"])
    assert cart_of(chat, "ana") == {PRESS: 2}
    chat.press("ana", line["Otra cantidad"])
    updated = chat.say("ana", "5")
    assert "Listo: 5 × Prensa francesa 600 ml." in chat.texts("ana", updated)
    assert cart_of(chat, "ana") == {PRESS: 5}
    removed = chat.press("ana", line["Quitar"])
    assert "Quité Prensa francesa 600 ml del carrito." in chat.texts("ana", removed)
    assert cart_of(chat, "ana") == {}


def test_one_less_of_the_last_unit_removes_the_line(chat):
    chat.press("ana", f"cart:add:{PRESS}:1")
    line = chat.buttons(chat.press("ana", f"cart:edit:{PRESS}"))
    assert line["➖ Uno menos"] == f"cart:rm:{PRESS}"


def test_removing_by_text(chat):
    chat.say("ana", "quiero 2 prensas francesas y 3 medialunas")
    assert "Quité Medialunas" in chat.texts("ana", chat.say("ana", "sacá las medialunas"))
    chat.say("ana", "sacá 1 prensa")
    assert cart_of(chat, "ana") == {PRESS: 1}
    assert "no está en tu carrito" in chat.texts("ana", chat.say("ana", "sacá la balanza"))


def test_emptying_the_cart_asks_first(chat):
    chat.press("ana", f"cart:add:{PRESS}:1")
    asked = chat.press("ana", "cart:clear")
    assert cart_of(chat, "ana") == {PRESS: 1}
    assert "Tu carrito quedó vacío" not in chat.texts("ana", asked)
    chat.press("ana", chat.buttons(asked)["Sí, vaciarlo"])
    assert cart_of(chat, "ana") == {}


def test_a_product_withdrawn_from_sale_leaves_the_cart_with_a_note(chat):
    chat.press("ana", f"cart:add:{PRESS}:1")
    chat.press("ana", f"cart:add:{CROISSANTS}:1")
    with chat.uow() as uow:
        uow.catalog.get(CROISSANTS).active = False
        uow.commit()
    text = chat.texts("ana", chat.press("ana", "cart"))
    assert "ya no está disponible" in text and "Medialunas" not in text
    assert cart_of(chat, "ana") == {PRESS: 1}


def test_the_cart_survives_a_restart(chat):
    chat.press("ana", f"cart:add:{PRESS}:2")
    chat.restart()
    assert "2 × Prensa francesa" in chat.texts("ana", chat.say("ana", "ver carrito"))


def test_a_product_with_the_longest_sku_still_works_with_buttons(chat):
    sku = "YERBA-" + "L" * 58
    with chat.uow() as uow:
        uow.catalog.add(Product(sku=sku, name="Yerba mate de prueba 1 kg", category="Yerbas",
                                price=Money.of("5000.00", "ARS"), tax_category="iva21",
                                stock_on_hand=9))
        uow.commit()
    chat.press("ana", "search")
    found = chat.say("ana", "yerba")
    card = chat.press("ana", chat.buttons(found)["Yerba mate de prueba 1 kg"])
    chat.press("ana", chat.buttons(card)["Agregar 1"])
    line = chat.press("ana", chat.buttons(chat.press("ana", "cart"))[
        "✏️ Yerba mate de prueba 1 kg"])
    chat.press("ana", chat.buttons(line)["➕ Uno más"])
    assert cart_of(chat, "ana") == {sku: 2}
    payloads = [*chat.buttons(found).values(), *chat.buttons(card).values(),
                *chat.buttons(line).values()]
    assert all(len(payload.encode()) <= 64 for payload in payloads)
    chat.press("ana", chat.buttons(line)["Quitar"])
    assert cart_of(chat, "ana") == {}


@pytest.mark.parametrize("text", ["quiero 2,5 cafe colombia en grano", "quiero -3 cafe colombia en grano"])
def test_a_fraction_or_negative_quantity_adds_nothing(chat, text):
    replies = chat.say("ana", text)
    assert chat.texts("ana", replies)
    with chat.uow() as uow:
        conversation = uow.conversations.lock("console", "ana")
        assert not conversation.data.get("cart")


@pytest.mark.parametrize("sentence", ["quiero 1000000000 prensas francesas",
                                      "i want 1000000000 french presses"])
def test_a_huge_number_heard_as_a_phone_is_a_quantity_refused_as_too_big(chat, sentence):
    replies = chat.say("ana", sentence)
    text = chat.texts("ana", replies)
    assert "100.000" in text or "100,000" in text
    assert chat.buttons(replies)
    assert cart_of(chat, "ana") == {}


def test_a_long_number_away_from_the_product_asks_how_many_instead_of_adding_one(chat):
    replies = chat.say("ana", "quiero prensas francesas 1000000000")
    assert "No entendí la cantidad" in chat.texts("ana", replies)
    assert f"cart:qty:{PRESS}" in chat.buttons(replies).values()
    assert cart_of(chat, "ana") == {}


@pytest.mark.parametrize("typed, answer", [
    ("0", "tiene que ser 1 o más"), ("-1", "tiene que ser 1 o más"),
    ("1000000000", "hasta 100.000 unidades"),
])
def test_bad_quantities_after_editing_a_line_get_the_quantity_answers_with_buttons(
        chat, typed, answer):
    chat.press("ana", f"cart:add:{PRESS}:1")
    chat.press("ana", f"cart:edit:{PRESS}")
    replies = chat.say("ana", typed)
    assert answer in chat.texts("ana", replies)
    assert {f"cart:edit:{PRESS}", "cart"} <= set(chat.buttons(replies).values())
    assert cart_of(chat, "ana") == {PRESS: 1}
    chat.say("ana", "3")  # a number typed after "edit" is the line's new quantity
    assert cart_of(chat, "ana") == {PRESS: 3}


@pytest.mark.parametrize("typed, answer", [
    ("0", "tiene que ser 1 o más"), ("-1", "tiene que ser 1 o más"),
    ("1000000000", "hasta 100.000 unidades"),
])
def test_bad_quantities_outside_any_step_get_the_same_answers_with_buttons(chat, typed, answer):
    chat.press("ana", f"cart:add:{PRESS}:1")
    chat.press("ana", "cart")
    replies = chat.say("ana", typed)
    assert answer in chat.texts("ana", replies)
    assert chat.buttons(replies)
    assert cart_of(chat, "ana") == {PRESS: 1}
