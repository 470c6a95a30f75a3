"""Items carry the quantity as said; the domain's rule (check_quantity) is what refuses it."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from domain.catalog import MAX_QUANTITY, check_quantity
from domain.errors import InvalidValue
from nlu.builtin import BuiltinParser
from nlu.result import Item
from nlu.vocabulary import EntityType
from tests.nlu.conftest import product

SHOP = [
    product("ACC-PAV-600", "Pava eléctrica cuello de cisne 600 ml", "Accesorios"),
    product("ACC-BAL-01", "Balanza digital con timer", "Accesorios"),
    product("ACC-FIL-100", "Filtros de papel V60 02 x 100", "Accesorios"),
    product("PAN-GAL-AVE", "Galletitas de avena y miel 250 g", "Panadería"),
    product("TAZ-CER-300", "Taza de cerámica Café del Sur 300 ml", "Tazas"),
    product("CAF-MO-COL-250", "Café molido Colombia 250 g", "Café/Molido"),
]


@pytest.fixture
def shop(model) -> BuiltinParser:
    return BuiltinParser(model, SHOP)


def items(parse) -> list[tuple[str, int | Decimal]]:
    return [(item.sku, item.quantity) for item in parse.items]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tres pavas y dos balanzas", [("ACC-PAV-600", 3), ("ACC-BAL-01", 2)]),
        ("una pava y dos balanzas", [("ACC-PAV-600", 1), ("ACC-BAL-01", 2)]),
        ("2 pavas y 1 balanza", [("ACC-PAV-600", 2), ("ACC-BAL-01", 1)]),
        ("pava y balanza", [("ACC-PAV-600", 1), ("ACC-BAL-01", 1)]),
        ("2 pavas, 1 balanza y 3 filtros",
         [("ACC-PAV-600", 2), ("ACC-BAL-01", 1), ("ACC-FIL-100", 3)]),
        ("dos galletitas de avena y miel", [("PAN-GAL-AVE", 2)]),
        ("un café colombia y una taza", [("CAF-MO-COL-250", 1), ("TAZ-CER-300", 1)]),
    ],
)
def test_y_between_products_separates_them_unless_it_is_part_of_the_name(
    shop, text, expected
):
    assert items(shop.parse(text)) == expected


def test_a_negative_quantity_is_kept_as_said_so_that_it_is_refused(shop):
    parse = shop.parse("quiero -5 pavas")
    assert parse.values(EntityType.QUANTITY) == [-5]
    assert parse.items == (Item("ACC-PAV-600", -5, True),)
    with pytest.raises(InvalidValue, match="at least 1"):
        check_quantity(parse.items[0].quantity)


@pytest.mark.parametrize("text", ["quiero 2.5 cafes colombia", "quiero 2,5 cafes colombia"])
def test_a_decimal_is_one_quantity_that_never_becomes_a_whole_one(shop, text):
    parse = shop.parse(text)
    assert parse.values(EntityType.QUANTITY) == [Decimal("2.5")]
    assert items(parse) == [("CAF-MO-COL-250", Decimal("2.5"))]
    with pytest.raises(InvalidValue, match="whole number"):
        check_quantity(parse.items[0].quantity)
    quantity = parse.to_rasa_dict()["entities"][0]
    assert json.loads(json.dumps(quantity))["value"] == 2.5


def test_a_quantity_above_the_domains_maximum_is_kept_so_that_it_is_refused(shop):
    parse = shop.parse(f"quiero {MAX_QUANTITY + 1} balanzas")
    assert items(parse) == [("ACC-BAL-01", MAX_QUANTITY + 1)]
    with pytest.raises(InvalidValue, match="allowed"):
        check_quantity(parse.items[0].quantity)


def test_a_number_in_code_is_not_a_quantity(shop):
    assert shop.parse("alert(1)").values(EntityType.QUANTITY) == []


def test_a_decimal_too_big_for_a_float_still_gives_valid_json(shop):
    parse = shop.parse("quiero " + "9" * 400 + ",5 pavas")
    assert json.loads(json.dumps(parse.to_rasa_dict(), allow_nan=False))


def test_a_number_after_y_is_the_next_products_quantity_not_part_of_its_name(model):
    coffee = product("CAF-BRA-1000", "Café en grano Brasil Santos 1 kg", "Café")
    parse = BuiltinParser(model, [*SHOP, coffee]).parse("2 pavas y 1 balanza")
    assert parse.items == (Item("ACC-PAV-600", 2, True), Item("ACC-BAL-01", 1, True))
