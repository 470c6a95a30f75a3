"""Products matched against the live catalog, and the items of multi-item orders."""

from __future__ import annotations

import pytest

from nlu.builtin import BuiltinParser
from nlu.result import Item
from nlu.vocabulary import EntityType
from tests.nlu.conftest import product


def matched(parse) -> list[tuple[str, str | int]]:
    return [(parse.text[e.start:e.end], e.value) for e in parse.entities
            if e.entity in (EntityType.PRODUCT, EntityType.CATEGORY)]


def test_a_spanish_multi_item_order_gives_one_item_per_product(parser):
    parse = parser.parse("hola, quiero 2 cafés colombianos y una taza grande")
    assert parse.items == (
        Item("CAF-COL-500", 2, True, ("CAF-COL-M250",)),
        Item("TAZ-GRA", 1, True),
    )
    assert matched(parse) == [("cafés colombianos", "CAF-COL-500"), ("taza grande", "TAZ-GRA")]


def test_an_english_order_matches_the_spanish_catalog_through_synonyms(parser):
    parse = parser.parse("two ethiopian coffees and a large mug please")
    assert [(item.sku, item.quantity) for item in parse.items] == [
        ("CAF-ETI-250", 2), ("TAZ-GRA", 1)
    ]
    assert parse.items[1].quantity_given is False


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("dame una docena de filtros y media docena de tazas chicas",
         [("FIL-4", 12), ("TAZ-CHI", 6)]),
        ("cafe brasilero x 3", [("CAF-BRA-500", 3)]),
        ("3 del cafe etiope", [("CAF-ETI-250", 3)]),
        ("quiero tres molinillos manuales, dos cafeteras italianas",
         [("MOL-MAN", 3), ("CFT-ITA6", 2)]),
        ("una cafetera italiana y un molinillo electrico", [("CFT-ITA6", 1), ("MOL-ELE", 1)]),
    ],
)
def test_each_quantity_goes_to_its_product(parser, text, items):
    assert [(item.sku, item.quantity) for item in parser.parse(text).items] == items


@pytest.mark.parametrize(
    ("text", "sku"),
    [
        ("quiero el molinilo electrico", "MOL-ELE"),
        ("tenés cafe etiope molido?", "CAF-ETI-250"),
        ("TAZA GRANDE", "TAZ-GRA"),
        ("una prensa francesa", "CFT-FRA"),
        ("a french press", "CFT-FRA"),
        ("quiero una playadito", "YER-PLA"),
        ("the colombian ground coffee", "CAF-COL-M250"),
        ("mandame 2 caf-bra-500", "CAF-BRA-500"),
    ],
)
def test_typos_accents_case_plurals_brands_and_skus_find_the_product(parser, text, sku):
    assert [value for _, value in matched(parser.parse(text))] == [sku]


@pytest.mark.parametrize(
    "text",
    ["hola", "quiero hablar con una persona", "un pedido grande", "gracias, muy amable",
     "where is my order?", "necesito ayuda con mi cuenta"],
)
def test_no_product_where_none_is_named(parser, text):
    parse = parser.parse(text)
    assert matched(parse) == [] and parse.items == ()


def test_naming_a_category_gives_the_category_not_a_guess(parser):
    parse = parser.parse("qué molinillos tienen?")
    assert matched(parse) == [("molinillos", "Accesorios/Molinillos")]
    assert parse.items == ()


def test_a_category_with_a_single_product_names_that_product(parser):
    assert matched(parser.parse("tenés yerba?")) == [("yerba", "YER-PLA")]


def test_an_ambiguous_product_lists_the_alternatives(parser):
    (entity,) = parser.parse("quiero café colombiano").entities
    assert entity.value == "CAF-COL-500" and entity.alternatives == ("CAF-COL-M250",)


def test_the_catalog_is_live_new_products_match_and_inactive_ones_do_not(parser, products):
    parser.set_catalog([*products, product("MAT-CAL", "Mate de calabaza", "Mate")])
    assert [i.sku for i in parser.parse("quiero un mate de calabaza").items] == ["MAT-CAL"]
    parser.set_catalog([product("MAT-CAL", "Mate de calabaza", "Mate", active=False)])
    assert parser.parse("quiero un mate de calabaza").items == ()


def test_without_a_catalog_there_are_no_products_but_the_rest_is_parsed(model):
    parse = BuiltinParser(model).parse("quiero 2 cafés colombianos")
    assert parse.intent == "add_to_cart"
    assert [(e.entity, e.value) for e in parse.entities] == [(EntityType.QUANTITY, 2)]
