"""Order numbers, promo codes, emails and phones, found by the regexes of the training data."""

from __future__ import annotations

import pytest

from nlu.vocabulary import EntityType

ORDER, PROMO, EMAIL, PHONE = (EntityType.ORDER_NUMBER, EntityType.PROMO_CODE, EntityType.EMAIL,
                              EntityType.PHONE)


def shaped(parse) -> list[tuple[EntityType, str | int, str]]:
    return [(e.entity, e.value, parse.text[e.start:e.end]) for e in parse.entities
            if e.entity in (ORDER, PROMO, EMAIL, PHONE)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("where is my order 1043?", [(ORDER, "1043", "1043")]),
        ("estado del pedido #2051", [(ORDER, "2051", "2051")]),
        ("mi pedido es el nro 3320", [(ORDER, "3320", "3320")]),
        ("cancelá la orden N° 4521", [(ORDER, "4521", "4521")]),
        ("tengo el cupón VERANO20", [(PROMO, "VERANO20", "VERANO20")]),
        ("use code save15 please", [(PROMO, "SAVE15", "save15")]),
        ("código de descuento: HOTSALE30", [(PROMO, "HOTSALE30", "HOTSALE30")]),
        ("mi mail es Ana.Lopez@Example.com.ar", [(EMAIL, "ana.lopez@example.com.ar",
                                                  "Ana.Lopez@Example.com.ar")]),
        ("my phone is +54 9 11 2233-4455", [(PHONE, "+5491122334455", "+54 9 11 2233-4455")]),
        ("llamame al (011) 4444-5555", [(PHONE, "01144445555", "(011) 4444-5555")]),
    ],
)
def test_shaped_entities_and_their_normalized_values(parser, text, found):
    assert shaped(parser.parse(text)) == found


@pytest.mark.parametrize(
    "text",
    ["quiero 2 cafés", "tengo un cupón para usar", "hacer un pedido de 12 tazas", "hola 1234"],
)
def test_numbers_and_words_that_only_look_shaped_are_not_taken(parser, text):
    assert shaped(parser.parse(text)) == []


def test_an_order_number_is_not_also_a_quantity(parser):
    parse = parser.parse("cancelar el pedido 1043")
    assert parse.values(EntityType.QUANTITY) == [] and parse.first(ORDER) == "1043"
