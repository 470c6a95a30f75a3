from __future__ import annotations

from decimal import Decimal

import pytest

from nlu.numbers import find_quantities, quantity_in


def said(text: str) -> list[tuple[int | Decimal, str]]:
    return [(q.value, text[q.start:q.end]) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("quiero 2 cafés y 15 filtros", [(2, "2"), (15, "15")]),
        ("dos tazas y tres molinillos", [(2, "dos"), (3, "tres")]),
        ("veintidós filtros", [(22, "veintidós")]),
        ("dos mil filtros", [(2000, "dos mil")]),
        ("three mugs and twenty one filters", [(3, "three"), (21, "twenty one")]),
        ("una docena de filtros", [(12, "una docena")]),
        ("dos docenas de tazas", [(24, "dos docenas")]),
        ("media docena de tazas", [(6, "media docena")]),
        ("half a dozen mugs", [(6, "half a dozen")]),
        ("a dozen mugs", [(12, "dozen")]),
        ("un par de tazas", [(2, "un par")]),
        ("a couple of grinders", [(2, "couple")]),
    ],
)
def test_quantities_in_digits_and_words_of_both_languages(text, quantities):
    assert said(text) == quantities


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("quiero -5 tazas", [(-5, "-5")]),
        ("quiero −3 tazas", [(-3, "−3")]),
        ("-2 cafés", [(-2, "-2")]),
        ("quiero 2.5 cafés", [(Decimal("2.5"), "2.5")]),
        ("quiero 2,5 cafés", [(Decimal("2.5"), "2,5")]),
        ("0,75 kilos", [(Decimal("0.75"), "0,75")]),
        ("quiero .5 kilos", [(Decimal("0.5"), ".5")]),
        ("1,5 docenas de tazas", [(18, "1,5 docenas")]),
        ("1.000 filtros", [(1000, "1.000")]),
        ("1,000 filters", [(1000, "1,000")]),
        ("10.000.000 de tazas", [(10_000_000, "10.000.000")]),
        ("quiero 2.", [(2, "2")]),
    ],
)
def test_signs_decimals_and_thousands_make_one_number(text, quantities):
    assert said(text) == quantities


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("pedido:\n-2 cafés\n-1 taza", [(2, "2"), (1, "1")]),
        ("entre 2-3 tazas", [(2, "2"), (3, "3")]),
        ("alert(1)", []),
        ("<script>alert(1)</script>", []),
        ("WHERE id=1", []),
        ("vence el 12.05.2024", []),
    ],
)
def test_dashes_that_are_not_signs_and_numbers_in_code_or_dates(text, quantities):
    assert said(text) == quantities


def test_un_and_una_are_marked_as_articles_and_uno_is_not():
    found = find_quantities("una taza y uno de esos")
    assert [(q.value, q.article) for q in found] == [(1, True), (1, False)]


def test_ordinals_are_not_quantities():
    assert said("es mi primer pedido, the second one") == [(1, "one")]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("dos", 2), ("3", 3), ("a dozen", 12), ("media docena", 6), ("x", None), ("-4", -4),
     ("2,5", Decimal("2.5"))],
)
def test_the_quantity_in_a_phrase(phrase, value):
    assert quantity_in(phrase) == value
