"""Phones: a plausible length and shape, for the shop's country when the parser knows it."""

from __future__ import annotations

import pytest

from nlu.builtin import BuiltinParser
from nlu.vocabulary import EntityType


@pytest.fixture
def argentine(model, products) -> BuiltinParser:
    return BuiltinParser(model, products, country="AR")


def phones(parse) -> list[tuple[str | int, str]]:
    return [(e.value, parse.text[e.start:e.end]) for e in parse.entities
            if e.entity == EntityType.PHONE]


@pytest.mark.parametrize("text", ["1000000000000", "mi cel es 1000000000000",
                                  "+1000000000000", "call 1234567890123456"])
def test_digits_too_long_for_a_national_number_are_no_phone(parser, argentine, text):
    assert phones(parser.parse(text)) == [] and phones(argentine.parse(text)) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("llamame al (011) 4444-5555", [("+541144445555", "(011) 4444-5555")]),
        ("mi cel 011 15 4444-5555", [("+5491144445555", "011 15 4444-5555")]),
        ("mi cel es 1122334455", [("+541122334455", "1122334455")]),
        ("my phone is +54 9 11 2233-4455", [("+5491122334455", "+54 9 11 2233-4455")]),
        ("my phone is +34 612 345 678", [("+34612345678", "+34 612 345 678")]),
    ],
)
def test_with_the_shops_country_phones_are_written_in_e164(argentine, text, found):
    assert phones(argentine.parse(text)) == found


def test_the_country_decides_what_is_a_possible_number(argentine):
    assert phones(argentine.parse("mi número es 5491122334455")) == [
        ("+5491122334455", "5491122334455")
    ]
    assert phones(argentine.parse("mi número es 99 9999 9999 9999")) == []


def test_without_a_country_only_a_run_of_digits_is_held_to_twelve(parser):
    assert phones(parser.parse("mi cel 011 15 4444-5555")) == [
        ("0111544445555", "011 15 4444-5555")
    ]
    assert phones(parser.parse("mi cel 112233445566")) == [("112233445566", "112233445566")]
