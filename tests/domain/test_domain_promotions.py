"""Promotions honour every condition and limit, one best per level plus the stackable ones."""

from datetime import timedelta
from decimal import Decimal

import pytest
from domain_strategies import NOW, PROPERTY, ars, cart_cases, later, price, product
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValue
from domain.money import Money
from domain.promotions import (
    LineBase, Promotion, PromotionContext, PromotionKind, PromotionScope, apply_promotions,
)

PERCENT, FIXED = PromotionKind.PERCENT, PromotionKind.FIXED
PRODUCT, CATEGORY, ORDER = PromotionScope.PRODUCT, PromotionScope.CATEGORY, PromotionScope.ORDER
CATALOG = [product("MOL-1", "1000", category="Café/Molido"),
           product("GRA-1", "2000", category="Café/Grano"),
           product("TE-1", "500", "iva105", category="Té")]


def promo(value="10", kind=PERCENT, scope=ORDER, target=None, id=1, **kwargs) -> Promotion:
    return Promotion(f"promo {id}", kind, Decimal(value), scope, target, id=id, **kwargs)


def discount_of(promotions, items=(("MOL-1", 1),), **kwargs) -> Money:
    cart = price(list(items), CATALOG, promotions, **kwargs)
    return sum((line.discount for line in cart.lines), Money.zero("ARS"))


def applied_ids(promotions, items=(("MOL-1", 1),), **kwargs) -> list[int]:
    return [p.promotion_id for p in price(list(items), CATALOG, promotions, **kwargs).promotions]


# conditions -----------------------------------------------------------------------------------

def test_a_promotion_does_not_apply_before_it_starts_and_does_from_its_first_instant():
    start = later(hours=1)
    assert discount_of([promo(starts_at=start)]) == ars(0)
    assert discount_of([promo(starts_at=start)], now=start) == ars(100)


def test_a_promotion_expires_at_ends_at_exactly():
    end = later(hours=1)
    assert discount_of([promo(ends_at=end)], now=end - timedelta(microseconds=1)) == ars(100)
    assert discount_of([promo(ends_at=end)], now=end) == ars(0)


def test_a_coded_promotion_needs_its_code_typed_in_any_case_and_spacing():
    coded = promo(code="Verano24")
    assert discount_of([coded]) == ars(0)
    assert discount_of([coded], code="otro") == ars(0)
    for typed in ("VERANO24", "verano24", "  VeRaNo24 "):
        assert discount_of([coded], code=typed) == ars(100)


def test_a_minimum_amount_is_inclusive():
    assert discount_of([promo(min_amount=Decimal("1000.01"))]) == ars(0)
    assert discount_of([promo(min_amount=Decimal("1000"))]) == ars(100)


def test_a_minimum_quantity_counts_the_units_the_promotion_matches():
    by_category = promo(scope=CATEGORY, target="Café", min_quantity=3)
    assert discount_of([by_category], [("MOL-1", 1), ("TE-1", 5)]) == ars(0)
    assert discount_of([by_category], [("MOL-1", 1), ("GRA-1", 2)]) == ars(500)


def test_a_first_order_promotion_is_for_first_orders_only():
    welcome = promo(first_order_only=True)
    assert discount_of([welcome], first_order=True) == ars(100)
    assert discount_of([welcome], first_order=False) == ars(0)


def test_a_promotion_stops_at_its_total_number_of_uses():
    limited = promo(max_uses=2, uses=1)
    assert discount_of([limited]) == ars(100)
    limited.record_use()
    assert discount_of([limited]) == ars(0)
    with pytest.raises(InvalidValue, match="no uses left"):
        limited.record_use()
    assert limited.uses == 2


def test_a_promotion_stops_at_its_uses_per_customer():
    once_each = promo(max_uses_per_customer=1, id=7)
    assert discount_of([once_each], uses={}) == ars(100)
    assert discount_of([once_each], uses={8: 5}) == ars(100)
    assert discount_of([once_each], uses={7: 1}) == ars(0)


def test_an_inactive_promotion_never_applies():
    assert discount_of([promo(active=False)]) == ars(0)


@pytest.mark.parametrize("kwargs", [
    dict(value="0"), dict(value="-5"), dict(value="100.01"), dict(scope=PRODUCT),
    dict(scope=CATEGORY, target=""),
    dict(starts_at=NOW, ends_at=NOW), dict(starts_at=NOW, ends_at=NOW - timedelta(days=1)),
])
def test_a_promotion_that_cannot_make_sense_is_refused(kwargs):
    with pytest.raises(InvalidValue):
        promo(**kwargs)


def test_a_fixed_promotion_may_exceed_one_hundred_but_a_percent_may_not():
    assert promo("5000", FIXED).value == 5000
    assert promo("100", PERCENT).value == 100


# amounts, levels and choice -------------------------------------------------------------------

def test_a_fixed_discount_is_never_more_than_its_base():
    assert discount_of([promo("5000", FIXED)]) == ars(1000)
    assert discount_of([promo("5000", FIXED, PRODUCT, "TE-1")], [("MOL-1", 1), ("TE-1", 2)]) \
        == ars(1000)


def test_a_fixed_order_discount_is_spread_over_the_lines_in_proportion():
    cart = price([("MOL-1", 1), ("GRA-1", 1)], CATALOG, [promo("300", FIXED)])
    assert [line.discount for line in cart.lines] == [ars(100), ars(200)]


def test_levels_apply_product_then_category_then_order_each_on_what_is_left():
    promotions = [promo(scope=ORDER, id=3), promo(scope=CATEGORY, target="Café", id=2),
                  promo(scope=PRODUCT, target="MOL-1", id=1)]
    cart = price([("MOL-1", 1)], CATALOG, promotions)
    assert [(p.promotion_id, p.amount) for p in cart.promotions] == \
        [(1, ars(100)), (2, ars(90)), (3, ars("81"))]


def test_a_category_promotion_covers_its_subcategories_but_not_lookalikes():
    cafe = promo(scope=CATEGORY, target=" Café ")
    catalog = [*CATALOG, product("CAFETERA", "1000", category="Cafetería")]
    cart = price([("MOL-1", 1), ("GRA-1", 1), ("CAFETERA", 1)], catalog, [cafe])
    assert [line.discount for line in cart.lines] == [ars(100), ars(200), ars(0)]


def test_only_the_best_non_stackable_promotion_of_a_level_applies():
    promotions = [promo("10", id=1), promo("15", id=2), promo("400", FIXED, id=3)]
    assert applied_ids(promotions, [("MOL-1", 1), ("GRA-1", 1)]) == [2]
    assert applied_ids(promotions, [("MOL-1", 1)]) == [3]


def test_stackable_promotions_add_to_the_best_one_of_their_level():
    promotions = [promo("10", id=1), promo("15", id=2), promo("5", id=3, stackable=True)]
    assert sorted(applied_ids(promotions)) == [2, 3]
    assert discount_of(promotions) == ars(200)


def test_stacked_discounts_never_take_a_line_below_zero():
    promotions = [promo("80", id=1, stackable=True), promo("70", id=2, stackable=True)]
    cart = price([("MOL-1", 1)], CATALOG, promotions)
    assert cart.lines[0].discount == ars(1000) and cart.lines[0].amount == ars(0)


def test_two_products_each_get_their_own_product_promotion():
    promotions = [promo("10", scope=PRODUCT, target="MOL-1", id=1),
                  promo("20", scope=PRODUCT, target="GRA-1", id=2)]
    cart = price([("MOL-1", 1), ("GRA-1", 1)], CATALOG, promotions)
    assert [line.discount for line in cart.lines] == [ars(100), ars(400)]


def test_each_line_gets_the_best_non_stackable_promotion_of_its_level():
    promotions = [promo("10", scope=CATEGORY, target="Café", id=1),
                  promo("50", scope=CATEGORY, target="Café/Molido", id=2)]
    cart = price([("MOL-1", 1), ("GRA-1", 1)], CATALOG, promotions)
    assert [line.discount for line in cart.lines] == [ars(500), ars(200)]


@PROPERTY
@given(cart_cases(currency="ARS"))
def test_promotions_whose_conditions_fail_never_apply(case):
    cart = case.priced()
    applied = {p.promotion_id for p in cart.promotions}
    ctx = PromotionContext(NOW, case.code)
    for promotion in case.promotions:
        if promotion.refusal(ctx) is not None:
            assert promotion.id not in applied


# what the customer is told about a code -------------------------------------------------------

@pytest.mark.parametrize("promotion, typed, items, reason", [
    (promo(code="VERANO"), "INVIERNO", [("MOL-1", 1)], "unknown"),
    (promo(code="VERANO", ends_at=NOW), "verano", [("MOL-1", 1)], "expired"),
    (promo(code="VERANO", starts_at=later(days=1)), "verano", [("MOL-1", 1)], "not_started"),
    (promo(code="VERANO", active=False), "verano", [("MOL-1", 1)], "inactive"),
    (promo(code="VERANO", first_order_only=True), "verano", [("MOL-1", 1)], "first_order_only"),
    (promo(code="VERANO", max_uses=3, uses=3), "verano", [("MOL-1", 1)], "exhausted"),
    (promo(code="VERANO", max_uses_per_customer=1, id=9), "verano", [("MOL-1", 1)],
     "customer_limit"),
    (promo(code="VERANO", min_amount=Decimal(5000)), "verano", [("MOL-1", 1)], "min_amount"),
    (promo(code="VERANO", min_quantity=2), "verano", [("MOL-1", 1)], "min_quantity"),
    (promo(code="VERANO", scope=CATEGORY, target="Té"), "verano", [("MOL-1", 1)],
     "no_matching_products"),
    (promo(code="VERANO"), " verano ", [("MOL-1", 1)], None),
])
def test_a_code_that_gives_nothing_says_why(promotion, typed, items, reason):
    cart = price(items, CATALOG, [promotion], code=typed, first_order=False, uses={9: 1})
    assert cart.code_refusal == reason


def test_a_code_beaten_by_a_better_promotion_of_its_level_is_not_best():
    promotions = [promo("20", id=1), promo("5", code="VERANO", id=2)]
    cart = price([("MOL-1", 1)], CATALOG, promotions, code="verano")
    assert cart.code_refusal == "not_best"
    assert [p.promotion_id for p in cart.promotions] == [1]


def test_no_code_typed_means_no_refusal():
    assert price([("MOL-1", 1)], CATALOG, [promo(code="VERANO")]).code_refusal is None


def test_a_code_that_misses_its_minimum_after_earlier_discounts_says_min_amount():
    promotions = [promo("10", scope=PRODUCT, target="MOL-1", id=1),
                  promo("5", code="VERANO", min_amount=Decimal(1000), id=2)]
    cart = price([("MOL-1", 1)], CATALOG, promotions, code="verano")
    assert [p.promotion_id for p in cart.promotions] == [1]
    assert cart.code_refusal == "min_amount"


def test_apply_promotions_reports_one_discount_per_line():
    lines = [LineBase("A", "Café", 1, ars(100)), LineBase("B", "Té", 2, ars(300))]
    result = apply_promotions(lines, [promo("10")], PromotionContext(NOW), "ARS")
    assert result.discounts == [ars(10), ars(30)]
    assert [(a.promotion_id, a.amount) for a in result.applied] == [(1, ars(40))]


@PROPERTY
@given(st.integers(1, 1000), st.integers(1, 10**8))
def test_a_percent_discount_is_the_rounded_percent_of_its_base(tenths, cents):
    base = Money(Decimal(cents) / 100, "ARS")
    value = Decimal(tenths) / 10
    discount = promo(value).discount_on(base)
    assert discount == (base * (value / 100)).rounded()
    assert Money.zero("ARS") <= discount <= base
