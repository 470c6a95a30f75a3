"""Catalog validation: quantities, prices, SKUs, categories, and stock that never goes negative."""

from copy import deepcopy
from decimal import Decimal

import pytest
from domain_strategies import PROPERTY, ars, product
from hypothesis import given
from hypothesis import strategies as st

from domain.catalog import (
    MAX_QUANTITY, Category, Product, check_price, check_quantity, fold, normalize_category,
)
from domain.errors import InvalidValue, OutOfStock
from domain.money import Money


@pytest.mark.parametrize("quantity", [0, -1, -10**9, MAX_QUANTITY + 1, 10**12, 1.5, 2.0, "3",
                                      None, True, Decimal(2)])
def test_a_quantity_that_is_not_a_sane_whole_number_is_refused(quantity):
    with pytest.raises(InvalidValue):
        check_quantity(quantity)


@pytest.mark.parametrize("quantity", [1, 2, MAX_QUANTITY])
def test_a_quantity_from_one_to_the_maximum_is_accepted(quantity):
    assert check_quantity(quantity) == quantity


@pytest.mark.parametrize("amount", [0, "0.00", -1, "-0.01", 1.5, "abc", "NaN", "Infinity",
                                    "1e15", "99999999999999999", True])
def test_a_price_that_is_not_positive_finite_and_exact_is_refused(amount):
    with pytest.raises(InvalidValue):
        check_price(amount)


@pytest.mark.parametrize("amount", [0, "-5"])
def test_a_product_cannot_be_created_or_repriced_at_zero_or_below(amount):
    with pytest.raises(InvalidValue):
        product("A", amount)
    item = product("A", "10")
    with pytest.raises(InvalidValue):
        item.set_price(amount)
    assert item.price == ars(10)


def test_a_product_is_repriced_in_its_own_currency():
    item = product("A", "10", currency="CLP")
    item.set_price("2500")
    assert item.price == Money.of(2500, "CLP")


@pytest.mark.parametrize("sku", ["A", "CAFE-250G", "cafe_molido.1", "9", "X" * 64])
def test_a_sku_of_letters_digits_dots_dashes_and_underscores_is_accepted(sku):
    assert product(sku).sku == sku


@pytest.mark.parametrize("sku", ["", "-A", ".A", "_A", "A B", "café", "A/B", "X" * 65, "A;B",
                                 " A", "A\tB", "'; DROP TABLE products;--"])
def test_a_sku_outside_the_pattern_is_refused(sku):
    with pytest.raises(InvalidValue, match="invalid SKU"):
        product(sku)


def test_a_sku_with_a_trailing_newline_is_refused():
    with pytest.raises(InvalidValue):
        product("CAFE-1\n")


def test_a_product_needs_a_name():
    with pytest.raises(InvalidValue):
        Product("A", "   ", ars(10), "iva21")


@pytest.mark.parametrize("path, expected", [
    ("Café / Molido ", "Café/Molido"), ("Café", "Café"), ("", ""), ("  ", ""),
])
def test_a_category_path_is_tidied(path, expected):
    assert normalize_category(path) == expected


@pytest.mark.parametrize("path", ["Café//Molido", "/Café", "Café/ /Molido"])
def test_a_category_path_with_an_empty_part_is_refused(path):
    with pytest.raises(InvalidValue):
        normalize_category(path)


def test_a_category_knows_its_name_parent_and_what_it_contains():
    cafe = Category("Café/Grano")
    assert (cafe.name, cafe.parent) == ("Grano", "Café")
    assert cafe.contains("Café/Grano/Tostado") and cafe.contains("Café/Grano")
    assert not cafe.contains("Café/Granola") and not cafe.contains("Café")


def test_matching_text_folds_case_and_accents():
    assert fold("CAFÉ Molído") == fold("cafe molido") == "cafe molido"


# stock ----------------------------------------------------------------------------------------

def stocked(on_hand: int = 10) -> Product:
    return product("A", "10", stock_on_hand=on_hand)


def test_reserving_more_than_is_available_is_refused_and_changes_nothing():
    item = stocked(5)
    item.reserve(3)
    with pytest.raises(OutOfStock) as refused:
        item.reserve(3)
    assert refused.value.details == {"sku": "A", "available": 2, "requested": 3}
    assert (item.stock_on_hand, item.stock_reserved, item.available) == (5, 3, 2)


def test_an_inactive_product_cannot_be_reserved():
    item = product("A", "10", stock_on_hand=5, active=False)
    with pytest.raises(OutOfStock):
        item.reserve(1)
    assert item.stock_reserved == 0


def test_shipping_takes_reserved_units_out_of_the_warehouse():
    item = stocked(10)
    item.reserve(4)
    item.ship(3)
    assert (item.stock_on_hand, item.stock_reserved, item.available) == (7, 1, 6)
    with pytest.raises(InvalidValue):
        item.ship(2)
    assert (item.stock_on_hand, item.stock_reserved) == (7, 1)


def test_stock_cannot_be_set_negative_or_below_what_is_reserved():
    item = stocked(10)
    item.reserve(6)
    for bad in (-1, 5, 2.5, True):
        with pytest.raises(InvalidValue):
            item.set_stock(bad)
    assert item.stock_on_hand == 10
    item.set_stock(6)
    assert item.available == 0


def test_a_product_cannot_start_with_negative_stock():
    with pytest.raises(InvalidValue):
        product("A", stock_on_hand=-1)


stock_operations = st.lists(st.tuples(
    st.sampled_from(["reserve", "release", "ship", "set_stock"]), st.integers(-3, 30)),
    max_size=25)


@PROPERTY
@given(st.integers(0, 40), stock_operations)
def test_stock_on_hand_reserved_and_available_never_go_negative(on_hand, operations):
    item = stocked(on_hand)
    for name, quantity in operations:
        before = deepcopy(vars(item))
        try:
            getattr(item, name)(quantity)
        except (InvalidValue, OutOfStock):
            assert vars(item) == before
        assert 0 <= item.stock_reserved <= item.stock_on_hand
        assert item.available >= 0
        if name == "reserve" and quantity > 0 and quantity <= before["stock_on_hand"] - \
                before["stock_reserved"]:
            assert item.stock_reserved == before["stock_reserved"] + quantity
        if name == "ship" and 0 < quantity <= before["stock_reserved"]:
            assert item.stock_on_hand == before["stock_on_hand"] - quantity
