"""Money: exact Decimal in one currency, half-up to the minor unit, allocation to the cent."""

import math
from decimal import Decimal

import pytest
from domain_strategies import PROPERTY
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import CurrencyMismatch, InvalidValue
from domain.money import MAX_AMOUNT, Money, allocate, minor_unit, to_decimal, total

MINOR_UNITS = {"ARS": Decimal("0.01"), "CLP": Decimal("1"), "JPY": Decimal("1")}


def fine_amounts(low: int = -10**9, high: int = 10**9):
    """Exact amounts with more decimals than any currency keeps, so rounding has work to do."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-4))


def test_money_keeps_the_exact_decimal_amount():
    assert Money.of("0.1", "ARS") + Money.of("0.2", "ARS") == Money.of("0.3", "ARS")
    assert Money.of(3, "ARS").amount == Decimal(3)
    assert Money.of(" 12.345 ", "ARS").amount == Decimal("12.345")


@pytest.mark.parametrize("build", [
    lambda: Money(0.1, "ARS"),
    lambda: Money.of(0.1, "ARS"),
    lambda: Money.of(1.0, "ARS"),
    lambda: Money.of("1", "ARS") * 1.5,
    lambda: to_decimal(2.5),
])
def test_money_refuses_a_float_anywhere(build):
    with pytest.raises(InvalidValue, match="exact"):
        build()


@pytest.mark.parametrize("value", [True, "abc", "", "NaN", "Infinity", "-Infinity", None,
                                   MAX_AMOUNT, -MAX_AMOUNT, "1e20"])
def test_money_refuses_what_is_not_a_finite_sane_number(value):
    with pytest.raises(InvalidValue):
        Money.of(value, "ARS")


@pytest.mark.parametrize("currency", ["ars", "PESO", "", "A1S", "AR"])
def test_money_refuses_a_currency_that_is_not_an_iso_code(currency):
    with pytest.raises(InvalidValue):
        Money.of(1, currency)


@pytest.mark.parametrize("operation", [
    lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a < b, lambda a, b: a <= b,
    lambda a, b: a > b, lambda a, b: a >= b,
])
def test_combining_two_currencies_raises_currency_mismatch(operation):
    with pytest.raises(CurrencyMismatch):
        operation(Money.of(1, "ARS"), Money.of(1, "USD"))


def test_a_total_over_mixed_currencies_raises_currency_mismatch():
    with pytest.raises(CurrencyMismatch):
        total([Money.of(1, "ARS"), Money.of(1, "CLP")], "ARS")


def test_money_cannot_be_multiplied_by_money():
    with pytest.raises(TypeError):
        Money.of(2, "ARS") * Money.of(2, "ARS")


def test_money_is_frozen():
    with pytest.raises(AttributeError):
        Money.of(1, "ARS").amount = Decimal(2)  # type: ignore[misc]


@pytest.mark.parametrize("currency, unit", sorted(MINOR_UNITS.items()))
def test_each_currency_has_its_iso_minor_unit(currency, unit):
    assert minor_unit(currency) == unit


@pytest.mark.parametrize("currency, amount, expected", [
    ("ARS", "0.005", "0.01"), ("ARS", "0.0049", "0.00"), ("ARS", "2.675", "2.68"),
    ("ARS", "-0.005", "-0.01"), ("ARS", "10", "10.00"),
    ("CLP", "2.5", "3"), ("CLP", "2.49", "2"), ("CLP", "-2.5", "-3"),
    ("JPY", "0.5", "1"), ("JPY", "1234.5", "1235"), ("JPY", "1234.4999", "1234"),
])
def test_rounding_is_half_up_to_the_currency_minor_unit(currency, amount, expected):
    rounded = Money.of(amount, currency).rounded()
    assert rounded.amount == Decimal(expected)
    assert rounded.amount.as_tuple().exponent == Decimal(expected).as_tuple().exponent


@PROPERTY
@given(st.sampled_from(sorted(MINOR_UNITS)), fine_amounts())
def test_rounding_moves_an_amount_by_at_most_half_a_minor_unit_ties_away_from_zero(
        currency, amount):
    unit = MINOR_UNITS[currency]
    rounded = Money(amount, currency).rounded().amount
    assert rounded % unit == 0
    assert abs(rounded - amount) <= unit / 2
    magnitude = Decimal(math.floor(abs(amount) / unit + Decimal("0.5"))) * unit
    assert rounded == magnitude.copy_sign(amount)


def test_money_prints_rounded_with_its_currency():
    assert str(Money.of("1234.565", "ARS")) == "ARS 1234.57"
    assert str(Money.of("1234.5", "CLP")) == "CLP 1235"


# allocate --------------------------------------------------------------------------------------

def minor_amounts(currency: str, low: int = 0, high: int = 10**9):
    return st.integers(low, high).map(lambda n: Decimal(n) * MINOR_UNITS[currency])


@st.composite
def allocations(draw, low: int = 0):
    currency = draw(st.sampled_from(sorted(MINOR_UNITS)))
    amount = Money(draw(minor_amounts(currency, low)), currency)
    weights = [Money(w, currency)
               for w in draw(st.lists(minor_amounts(currency, 0, 10**7), min_size=1, max_size=12))]
    return amount, weights


@PROPERTY
@given(allocations())
def test_allocated_shares_always_sum_exactly_to_the_amount(case):
    amount, weights = case
    shares = allocate(amount, weights)
    assert len(shares) == len(weights)
    assert total(shares, amount.currency) == amount
    assert all(share.amount % minor_unit(amount.currency) == 0 for share in shares)
    assert all(share.amount >= 0 for share in shares)


@PROPERTY
@given(allocations())
def test_allocated_shares_are_proportional_within_one_minor_unit(case):
    amount, weights = case
    whole = sum(w.amount for w in weights)
    unit = minor_unit(amount.currency)
    for share, weight in zip(allocate(amount, weights), weights):
        exact = amount.amount * weight.amount / whole if whole else amount.amount / len(weights)
        assert abs(share.amount - exact) < unit


def test_allocation_gives_the_leftover_unit_to_the_largest_remainder_then_the_earlier_weight():
    shares = allocate(Money.of("0.10", "ARS"), [Money.of(1, "ARS")] * 3)
    assert [s.amount for s in shares] == [Decimal("0.04"), Decimal("0.03"), Decimal("0.03")]
    shares = allocate(Money.of("1.00", "ARS"), [Money.of(1, "ARS"), Money.of(2, "ARS")])
    assert [s.amount for s in shares] == [Decimal("0.33"), Decimal("0.67")]


def test_allocation_over_zero_weights_splits_evenly_and_over_no_weights_gives_nothing():
    shares = allocate(Money.of(10, "CLP"), [Money.zero("CLP")] * 4)
    assert [s.amount for s in shares] == [3, 3, 2, 2]
    assert allocate(Money.of(10, "CLP"), []) == []


def test_allocating_a_negative_amount_still_sums_exactly_to_it():
    shares = allocate(Money.of("-0.10", "ARS"), [Money.of(1, "ARS")] * 3)
    assert total(shares, "ARS") == Money.of("-0.10", "ARS")
