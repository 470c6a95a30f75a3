"""Catalog and search: categories by index, pages, the product card, forged payloads, and
search that forgives typos, accents and plurals."""

from __future__ import annotations

import pytest

from domain.catalog import Product
from domain.money import Money

COLOMBIA = "CAF-GR-COL-500"


def change_product(chat, sku, **changes):
    with chat.uow() as uow:
        product = uow.catalog.get(sku)
        for name, value in changes.items():
            if name == "stock":
                product.set_stock(value)
            else:
                setattr(product, name, value)
        uow.commit()


def add_products(chat, category, count, prefix="TE"):
    with chat.uow() as uow:
        for n in range(count):
            uow.catalog.add(Product(sku=f"{prefix}-{n:02d}", name=f"Té número {n:02d}",
                                    price=Money.of("1000.00", "ARS"), tax_category="iva21",
                                    category=category, stock_on_hand=10))
        uow.commit()


def open_category(chat, who, *labels):
    """Press the category buttons named `labels`, from the top; the last replies."""
    replies = chat.press(who, "cat")
    for label in labels:
        while label not in chat.buttons(replies):
            replies = chat.press(who, chat.buttons(replies)["Siguiente"])
        replies = chat.press(who, chat.buttons(replies)[label])
    return replies


def test_browsing_goes_from_categories_to_the_product_card_in_spanish(chat):
    top = chat.press("ana", "cat")
    assert {"Café", "Tazas", "Molinillos"} <= set(chat.buttons(top))
    coffee = chat.press("ana", chat.buttons(top)["Café"])
    assert {"En grano", "Molido"} <= set(chat.buttons(coffee))
    beans = chat.press("ana", chat.buttons(coffee)["En grano"])
    assert "Café en grano Colombia Supremo 500 g — $18.450,00" in chat.texts("ana", beans)
    card = chat.press("ana", chat.buttons(beans)["Café en grano Colombia Supremo 500 g"])
    text = chat.texts("ana", card)
    for shown in ("Granos de altura del Huila", "• Origen: Colombia", "Precio: $18.450,00",
                  "Desde 3 u.: $17.500,00 c/u", "Desde 6 u.: $16.900,00 c/u", "Hay stock"):
        assert shown in text
    assert chat.buttons(card)["Agregar 1"] == f"cart:add:{COLOMBIA}:1"
    assert chat.buttons(card)["Elegir cantidad"] == f"cart:qty:{COLOMBIA}"
    assert chat.buttons(card)["Volver"] == chat.buttons(coffee)["En grano"]


def test_the_product_card_speaks_english(chat):
    chat.press("bob", "lang:en")
    card = chat.press("bob", f"prod:{COLOMBIA}")
    text = chat.texts("bob", card)
    assert "Price: ARS\xa018,450.00" in text
    assert "From 3 units: ARS\xa017,500.00 each" in text
    assert "In stock" in text
    assert {"Add 1", "Choose quantity", "Back"} <= set(chat.buttons(card))


def test_browsing_by_text_opens_the_named_category_or_product(chat):
    replies = chat.say("ana", "mostrame los molinillos")
    assert "Molinillo manual de muelas cerámicas" in chat.buttons(replies)
    card = chat.say("ana", "mostrame la prensa francesa")
    assert "Precio: $24.990,00" in chat.texts("ana", card)
    chat.press("bob", "lang:en")
    assert "Molinillo manual de muelas cerámicas" in chat.buttons(
        chat.say("bob", "show me the grinders"))


def test_products_are_paginated_with_next_and_previous(chat):
    add_products(chat, "Tés", 8)
    first = open_category(chat, "ana", "Tés")
    products = [label for label in chat.buttons(first) if label.startswith("Té número")]
    assert len(products) == 6 and "Página 1 de 2" in chat.texts("ana", first)
    assert "Anterior" not in chat.buttons(first)
    second = chat.press("ana", chat.buttons(first)["Siguiente"])
    assert [label for label in chat.buttons(second) if label.startswith("Té número")] == \
        ["Té número 06", "Té número 07"]
    assert "Siguiente" not in chat.buttons(second)
    back = chat.press("ana", chat.buttons(second)["Anterior"])
    assert chat.texts("ana", back) == chat.texts("ana", first)


def test_a_page_past_the_end_shows_the_last_page(chat):
    add_products(chat, "Tés", 8)
    first = open_category(chat, "ana", "Tés")
    replies = chat.press("ana", chat.buttons(first)["Siguiente"].replace(":p2", ":p999"))
    assert "Página 2 de 2" in chat.texts("ana", replies)


def test_a_category_path_longer_than_a_payload_is_named_by_its_index(chat):
    parent, child = "Infusiones y tés de especialidad", " ".join(["Hebras de montaña"] * 4)
    add_products(chat, f"{parent}/{child}", 1, prefix="HEBRA")
    replies = open_category(chat, "ana", parent, child)
    assert all(len(payload.encode()) <= 64 for payload in chat.buttons(replies).values())
    assert "Té número 00" in chat.buttons(replies)


@pytest.mark.parametrize("payload", ["cat:999", "cat:abc", "cat:-1", "cat:" + "9" * 50])
def test_a_forged_category_index_shows_the_catalog_from_the_top(chat, payload):
    replies = chat.press("ana", payload)
    assert "Esa categoría ya no está" in chat.texts("ana", replies)
    assert "Café" in chat.buttons(replies)


@pytest.mark.parametrize("payload", ["prod:NOPE-1", "prod:", "prod", "prod:../../etc",
                                     "prod:" + "X" * 59])
def test_an_unknown_sku_is_no_longer_available(chat, payload):
    assert "ya no está disponible" in chat.texts("ana", chat.press("ana", payload))


def test_an_inactive_product_is_no_longer_available(chat):
    change_product(chat, "PAN-MED-X6", active=False)
    assert "ya no está disponible" in chat.texts("ana", chat.press("ana", "prod:PAN-MED-X6"))


def test_the_card_says_when_few_are_left_and_when_none_are(chat):
    change_product(chat, "TAZ-CER-300", stock=3)
    assert "¡Quedan solo 3!" in chat.texts("ana", chat.press("ana", "prod:TAZ-CER-300"))
    change_product(chat, "TAZ-CER-300", stock=0)
    card = chat.press("ana", "prod:TAZ-CER-300")
    assert "Sin stock por ahora" in chat.texts("ana", card)
    assert "Agregar 1" not in chat.buttons(card)


def test_the_card_carries_the_product_photo_when_there_is_one(chat):
    assert chat.press("ana", f"prod:{COLOMBIA}")[-1].reply.image is None
    change_product(chat, COLOMBIA, image="https://example.com/colombia.jpg")
    assert chat.press("ana", f"prod:{COLOMBIA}")[-1].reply.image == \
        "https://example.com/colombia.jpg"


def test_search_asks_what_then_forgives_typos_and_plurals(chat):
    assert "¿Qué estás buscando?" in chat.texts("ana", chat.press("ana", "search"))
    found = chat.buttons(chat.say("ana", "molinilos"))
    assert {"Molinillo manual de muelas cerámicas",
            "Molinillo eléctrico de muelas cónicas"} <= set(found)


def test_search_ignores_accents_and_case(chat):
    chat.press("ana", "search")
    found = chat.buttons(chat.say("ana", "CAFES MOLIDOS"))
    assert {"Café molido Colombia 250 g", "Café molido Espresso 250 g"} <= set(found)
    assert "Café en grano Brasil Santos 1 kg" not in found


def test_search_from_a_sentence_and_in_features(chat):
    found = chat.buttons(chat.say("ana", "busco una prensa francesa"))
    assert found["Prensa francesa 600 ml"] == "prod:CAFT-PRE-600"
    chat.press("ana", "search")
    assert "Café en grano Colombia Supremo 500 g" in chat.buttons(chat.say("ana", "chocolate"))


def test_search_that_finds_nothing_says_so_and_offers_the_categories(chat):
    chat.press("bob", "lang:en")
    chat.press("bob", "search")
    replies = chat.say("bob", "zzqx plutonium")
    assert "I found nothing for \"zzqx plutonium\"" in chat.texts("bob", replies)
    assert {"Café", "Tazas"} <= set(chat.buttons(replies))


def test_a_clear_wish_leaves_the_search_step(chat):
    chat.press("ana", "search")
    assert "Tu carrito está vacío" in chat.texts("ana", chat.say("ana", "ver mi carrito"))
    assert "no te entendí" in chat.texts("ana", chat.say("ana", "qwzx plorf"))


@pytest.mark.parametrize("message", [{"text": "🙂🙂🙂"}, {"text": "a" * 10_000},
                                     {"location": {"lat": -34.6, "lon": -58.4}}])
def test_the_search_step_answers_odd_input_kindly(chat, message):
    chat.press("ana", "search")
    replies = chat.send("ana", **message)
    assert chat.texts("ana", replies)
    assert "salió mal" not in chat.texts("ana", replies)


@pytest.mark.parametrize("language, search, name", [
    ("es", "busco cafe", "cafe etiopia"), ("en", "looking for coffee", "cafe etiopia"),
])
def test_a_bare_product_name_after_a_search_shows_its_card_and_adds_nothing(
        chat, language, search, name):
    chat.press("ana", f"lang:{language}")
    chat.say("ana", search)
    replies = chat.say("ana", name)
    assert "Café en grano Etiopía Yirgacheffe 250 g" in chat.texts("ana", replies)
    assert "cart:add:CAF-GR-ETI-250:1" in chat.buttons(replies).values()
    with chat.uow() as uow:
        assert not uow.conversations.lock("console", "ana").data.get("cart")
    chat.say("ana", "2")  # the card is in focus: a quantity now adds it
    with chat.uow() as uow:
        assert uow.conversations.lock("console", "ana").data["cart"] == {"CAF-GR-ETI-250": 2}
