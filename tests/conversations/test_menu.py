"""Welcome, menu, language, commands and what the bot does when it does not understand."""

from __future__ import annotations


def test_start_greets_in_spanish_and_shows_the_menu(chat):
    replies = chat.say("ana", "/start")
    assert "Café del Sur" in chat.texts("ana", replies)
    assert "Ver productos" in chat.buttons(replies)


def test_the_customer_can_switch_to_english_and_it_sticks_after_a_restart(chat):
    chat.press("ana", "lang:en")
    chat.restart()
    assert "Browse products" in chat.buttons(chat.say("ana", "/menu"))


def test_two_misunderstandings_offer_a_person(chat):
    first = chat.say("ana", "qwzx plorf")
    second = chat.say("ana", "blorp zzkq")
    assert "no te entendí" in chat.texts("ana", first)
    assert "persona" in chat.texts("ana", second)
    assert "human" in chat.buttons(second).values()


def test_unknown_commands_and_forged_buttons_get_a_friendly_answer(chat):
    assert "/foo" in chat.texts("ana", chat.say("ana", "/foo"))
    assert "botón" in chat.texts("ana", chat.press("ana", "order:999999:cancel"))


def test_a_platform_retry_of_the_same_message_is_answered_once(chat):
    from bot.console import incoming_from
    incoming = incoming_from({"from": "ana", "text": "/start"}, "same-id", chat.engine.deps.files)
    assert chat.deliver(incoming)
    assert chat.deliver(incoming) == []


def test_the_nlu_sees_products_added_to_the_catalog_after_the_start(chat, monkeypatch):
    from decimal import Decimal

    from dialogs import engine
    from domain.catalog import Product
    from domain.money import Money
    monkeypatch.setattr(engine, "CATALOG_REFRESH_SECONDS", 0)
    with chat.uow() as uow:
        uow.catalog.add(Product("YER-ORG-1", "Yerba mate orgánica Tucumana", Money(
            Decimal("5200.00"), "ARS"), "iva21", "Almacén", stock_on_hand=10))
        uow.commit()
    parse = chat.engine.deps.parser.parse("quiero 2 yerba tucumana")
    assert "YER-ORG-1" not in [item.sku for item in parse.items]
    chat.say("ana", "hola")
    parse = chat.engine.deps.parser.parse("quiero 2 yerba tucumana")
    assert "YER-ORG-1" in [item.sku for item in parse.items]


def test_the_language_can_be_switched_by_saying_it(chat):
    assert "Browse products" in chat.buttons(chat.say("eve", "english please"))
    assert "Ver productos" in chat.buttons(chat.say("eve", "hablame en español"))
