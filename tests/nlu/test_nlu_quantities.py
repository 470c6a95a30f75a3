from __future__ import annotations

import pytest

from nlu.numbers import find_quantities, quantity_in
from nlu.text import tokenize


def said(text: str) -> list[tuple[int, str]]:
    return [(q.value, text[q.start:q.end]) for q in find_quantities(tokenize(text))]


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


def test_un_and_una_are_marked_as_articles_and_uno_is_not():
    found = find_quantities(tokenize("una taza y uno de esos"))
    assert [(q.value, q.article) for q in found] == [(1, True), (1, False)]


def test_ordinals_are_not_quantities():
    assert said("es mi primer pedido, the second one") == [(1, "one")]


@pytest.mark.parametrize(
    ("phrase", "value"), [("dos", 2), ("3", 3), ("a dozen", 12), ("media docena", 6), ("x", None)]
)
def test_the_quantity_in_a_phrase(phrase, value):
    assert quantity_in(phrase) == value
