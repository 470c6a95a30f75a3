"""Quotes: delivery or pickup, promo codes accepted or refused with the reason, taxes and
shipping, the PDF that says the same as the message, and stock checked at quote time."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dialogs.i18n import Translator
from domain.promotions import Promotion, PromotionKind
from domain.services.customers import register_customer
from storage.schema import quotes

PRESS = "CAFT-PRE-600"  # $24.990
CROISSANTS = "PAN-MED-X6"  # $5.400, IVA 10,5%


def register(chat, who, language="es"):
    with chat.uow() as uow:
        register_customer(uow, chat.app.shop, channel="console", external_id=who,
                          name="Ana Pérez", phone="11 2345-6789", address="Defensa 1020, CABA",
                          language=language)
        uow.commit()


def quote_of(chat, who):
    with chat.uow() as uow:
        quote_id = uow.conversations.lock("console", who).data["quote_id"]
        return uow.quotes.get(quote_id)


def quote_count(chat):
    with chat.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(quotes))


def shopping(chat, who, language="es", **cart):
    chat.press(who, f"lang:{language}")
    register(chat, who, language)
    for sku, quantity in (cart or {PRESS: 1}).items():
        chat.press(who, f"cart:add:{sku}:{quantity}")


def total_line(text):
    return re.search(r"^Total: (.+)$", text, re.MULTILINE).group(1)


@pytest.mark.parametrize("language, title, discount, valid", [
    ("es", "Presupuesto N°", "🎁 BIENVENIDA: -$5.538,00", "Válido hasta el"),
    ("en", "Quote No.", "🎁 BIENVENIDA: -ARS\xa05,538.00", "Valid until"),
])
def test_a_first_order_with_bienvenida_gets_ten_percent(chat, language, title, discount, valid):
    shopping(chat, "ana", language, **{PRESS: 2, CROISSANTS: 1})
    asked = chat.press("ana", "quote")
    assert {"quote:delivery", "quote:pickup"} <= set(chat.buttons(asked).values())
    chat.press("ana", "quote:delivery")
    chat.press("ana", "quote:code")
    replies = chat.say("ana", "BIENVENIDA")
    text = chat.texts("ana", replies)
    quote = quote_of(chat, "ana")
    assert quote.totals.discount.amount == Decimal("5538.00")  # 10% of 55.380
    for shown in (title, discount, valid, "BIENVENIDA", "IVA 21%", "IVA 10,5%"):
        assert shown in text
    assert text.count("-$5.538,00" if language == "es" else "-ARS\xa05,538.00") == 1
    t = Translator.for_language(language, "es_AR")
    assert total_line(text) == t.money(quote.totals.total)
    assert chat.buttons(replies)[t.t("quote.confirm")] == f"checkout:{quote.id}"


def test_the_promo_code_can_come_in_a_sentence(chat):
    shopping(chat, "ana", **{PRESS: 1})
    chat.press("ana", "quote:pickup")
    chat.say("ana", "tengo el código bienvenida")
    assert quote_of(chat, "ana").promo_code == "BIENVENIDA"


@pytest.mark.parametrize("code, reason", [("NOEXISTE", "No encuentro el código NOEXISTE"),
                                          ("VIEJO10", "El código VIEJO10 ya venció")])
def test_a_refused_code_says_why_and_the_quote_comes_without_it(chat, code, reason):
    with chat.uow() as uow:
        uow.promotions.add(Promotion("Viejo 10%", PromotionKind.PERCENT, Decimal(10),
                                     code="VIEJO10", ends_at=datetime(2020, 1, 1, tzinfo=UTC)))
        uow.commit()
    shopping(chat, "ana", **{PRESS: 1})
    chat.press("ana", "quote:delivery")
    replies = chat.say("ana", f"tengo el código {code}")
    assert reason in chat.texts("ana", replies)
    quote = quote_of(chat, "ana")
    assert quote.promo_code is None and quote.totals.discount.is_zero()
    assert "Tengo un código" in chat.buttons(replies)


def test_a_code_that_reaches_no_minimum_says_the_minimum(chat):
    shopping(chat, "ana", **{CROISSANTS: 1})
    chat.press("ana", "quote:pickup")
    chat.press("ana", "quote:code")
    text = chat.texts("ana", chat.say("ana", "NAVIDAD"))
    assert "El código NAVIDAD es para compras desde $30.000,00" in text


def test_something_that_is_not_a_code_is_asked_again(chat):
    shopping(chat, "ana")
    chat.press("ana", "quote:pickup")
    chat.press("ana", "quote:code")
    count = quote_count(chat)
    assert "no parece un código" in chat.texts("ana", chat.say("ana", "!!! ¿qué? !!!"))
    assert quote_count(chat) == count
    assert "Presupuesto N°" in chat.texts("ana", chat.press("ana", "quote:nocode"))


def test_no_code_after_all_gives_the_quote_without_one(chat):
    shopping(chat, "ana")
    chat.press("ana", "quote:pickup")
    chat.press("ana", "quote:code")
    assert "Presupuesto N°" in chat.texts("ana", chat.say("ana", "no tengo"))
    assert quote_of(chat, "ana").promo_code is None


def test_a_wish_for_products_leaves_the_code_step(chat):
    shopping(chat, "ana")
    chat.press("ana", "quote:pickup")
    chat.press("ana", "quote:code")
    assert "Agregué 2 × Medialunas" in chat.texts("ana", chat.say("ana", "sumame 2 medialunas"))


def test_delivery_charges_the_flat_fee_and_pickup_nothing(chat):
    shopping(chat, "ana", **{PRESS: 1})
    delivered = chat.texts("ana", chat.press("ana", "quote:delivery"))
    assert "Envío: $3.500,00" in delivered and "Total: $28.490,00" in delivered
    picked_up = chat.texts("ana", chat.press("ana", "quote:pickup"))
    assert "Retiro en el local: Defensa 1020" in picked_up and "Total: $24.990,00" in picked_up


def test_shipping_is_free_above_the_threshold(chat):
    shopping(chat, "ana", **{PRESS: 3})
    assert "Envío: ¡gratis!" in chat.texts("ana", chat.press("ana", "quote:delivery"))


def test_delivery_or_pickup_can_be_typed(chat):
    shopping(chat, "ana")
    chat.press("ana", "quote")
    assert "Retiro en el local" in chat.texts("ana", chat.say("ana", "retiro en el local"))
    assert quote_of(chat, "ana").delivery == "pickup"


def test_the_delivery_question_is_asked_again_when_the_answer_is_unclear(chat):
    shopping(chat, "ana")
    chat.press("ana", "quote")
    assert "¿Cómo preferís recibir" in chat.texts("ana", chat.say("ana", "mmm no sé"))
    assert "Tu carrito" in chat.texts("ana", chat.say("ana", "ver carrito"))


def test_the_pdf_is_on_disk_and_its_total_is_the_messages(chat):
    shopping(chat, "ana", **{PRESS: 2, CROISSANTS: 3})
    replies = chat.press("ana", "quote:delivery")
    document = next(o.reply.document for o in replies if o.reply.document)
    assert Path(document.path).is_file() and document.filename.endswith(".pdf")
    total = total_line(chat.texts("ana", replies))
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(["pdftotext", "-layout", document.path, "-"], check=True,
                                  capture_output=True, text=True).stdout
        assert re.search(r"Total\s+" + re.escape(total.replace("\xa0", " ")),
                         pdf_text.replace("\xa0", " "))
    else:
        assert Translator.for_language("es").money(quote_of(chat, "ana").totals.total) == total


def test_out_of_stock_at_quote_time_says_which_and_how_many_are_left(chat):
    shopping(chat, "ana", **{PRESS: 5})
    with chat.uow() as uow:
        uow.catalog.get(PRESS).set_stock(2)
        uow.commit()
    count = quote_count(chat)
    replies = chat.press("ana", "quote:delivery")
    assert "De Prensa francesa 600 ml quedan solo 2" in chat.texts("ana", replies)
    assert quote_count(chat) == count
    chat.press("ana", chat.buttons(replies)["Llevar 2"])
    assert "Presupuesto N°" in chat.texts("ana", chat.press("ana", "quote"))


def test_an_empty_cart_gets_no_quote(chat):
    register(chat, "ana")
    assert "Tu carrito está vacío" in chat.texts("ana", chat.say("ana", "quiero un presupuesto"))


def test_an_unregistered_customer_registers_first_and_the_quote_resumes(chat):
    chat.press("ana", f"cart:add:{PRESS}:1")
    count = quote_count(chat)
    chat.press("ana", "quote")
    assert quote_count(chat) == count
    with chat.uow() as uow:
        assert uow.conversations.lock("console", "ana").data["resume"] == "quote"


@pytest.mark.parametrize("payload", ["quote:zzz", "quote:pickup:extra", "quote:" + "x" * 58])
def test_forged_quote_payloads_get_a_friendly_answer(chat, payload):
    shopping(chat, "ana")
    replies = chat.press("ana", payload)
    assert chat.texts("ana", replies) and "salió mal" not in chat.texts("ana", replies)


@pytest.mark.parametrize("language, each, promotions", [
    ("es", "Descuento: -$", ["5% llevando 3 o más cafés en grano", "BIENVENIDA"]),
    ("en", "Discount: -ARS", ["5% llevando 3 o más cafés en grano", "BIENVENIDA"]),
])
def test_each_discount_is_listed_once_per_line_only_with_several_promotions(
        chat, language, each, promotions):
    shopping(chat, "ana", language, **{"CAF-GR-COL-500": 3})
    one = chat.texts("ana", chat.press("ana", "quote:delivery"))
    assert promotions[0] in one and each not in one
    assert ("Descuentos:" if language == "es" else "Discounts:") not in one
    chat.press("ana", "quote:code")
    several = chat.texts("ana", chat.say("ana", "BIENVENIDA"))
    assert all(name in several for name in promotions)
    assert each in several
    assert ("Descuentos:" if language == "es" else "Discounts:") in several


@pytest.mark.parametrize("language, answer", [
    ("es", "No existe ese código"), ("en", "That code doesn't exist"),
])
def test_an_unknown_code_typed_alone_after_a_quote_says_it_does_not_exist(
        chat, language, answer):
    shopping(chat, "ana", language, **{PRESS: 1})
    chat.press("ana", "quote:delivery")
    before = quote_count(chat)
    replies = chat.say("ana", "NOEXISTE")
    assert answer in chat.texts("ana", replies)
    assert {"quote:code", f"checkout:{quote_of(chat, 'ana').id}"} <= \
        set(chat.buttons(replies).values())
    assert quote_count(chat) == before


def test_a_capitalized_word_without_a_quote_is_not_taken_for_a_code(chat):
    register(chat, "ana")
    assert "No existe ese código" not in chat.texts("ana", chat.say("ana", "NOEXISTE"))


def test_free_shipping_is_said_to_count_the_amount_after_discounts(chat):
    shopping(chat, "ana", **{PRESS: 1})
    asked = chat.texts("ana", chat.press("ana", "quote"))
    assert "con los descuentos ya aplicados" in asked
