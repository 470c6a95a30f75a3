"""Whatever a customer sends, the parse is an answer, never an exception."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlu.text import MAX_CHARS
from nlu.vocabulary import EntityType, Intent


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "👍👍", "🙂☕", "?!...", None])
def test_text_without_words_is_out_of_scope(parser, text):
    parse = parser.parse(text)
    assert parse.intent == Intent.OUT_OF_SCOPE and parse.entities == ()


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM orders; DROP TABLE customers;--",
        "<script>alert('hola')</script>",
        "Ich möchte bitte mit dem Geschäftsführer sprechen",
        "今天天气怎么样",
        "lorem ipsum dolor sit amet consectetur",
        "asdf qwer zxcv",
    ],
)
def test_foreign_or_code_like_text_is_out_of_scope_or_uncertain(parser, text):
    parse = parser.parse(text)
    assert parse.intent == Intent.OUT_OF_SCOPE or parse.uncertain


def test_a_10000_character_message_is_cut_at_a_word_boundary(parser):
    text = "quiero 2 cafés colombianos " + "bla " * 2500
    parse = parser.parse(text)
    assert len(parse.text) <= MAX_CHARS and text.startswith(parse.text)
    assert parse.items[0].quantity == 2


def test_a_lone_surrogate_does_not_break_parsing(parser):
    assert parser.parse("hola \ud800 quiero café").text == "hola ? quiero café"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_any_text_parses_with_entities_inside_it(parser, products, text):
    parse = parser.parse(text)
    skus = {product.sku for product in products}
    assert 0.0 <= parse.confidence <= 1.0
    for entity in parse.entities:
        assert 0 <= entity.start < entity.end <= len(parse.text)
        if entity.entity == EntityType.PRODUCT:
            assert entity.value in skus
    assert all(item.sku in skus for item in parse.items)
    json.dumps(parse.to_rasa_dict(), allow_nan=False)
