"""The Rasa backend against a fake Rasa server; the built-in backend when Rasa fails."""

from __future__ import annotations

import logging
import time
from decimal import Decimal

import pytest

from nlu.builtin import BuiltinParser
from nlu.rasa_http import RasaParser
from nlu.result import Item
from nlu.vocabulary import EntityType, Intent
from tests.nlu.conftest import product
from tests.nlu.fake_rasa import FakeRasa

ORDER = (
    "quiero [2](quantity) [cafés colombianos](product) y [una](quantity) [taza grande](product)"
)
ORDER_TEXT = "quiero 2 cafés colombianos y una taza grande"


@pytest.fixture
def rasa():
    server = FakeRasa()
    yield server
    server.stop()


@pytest.fixture
def rasa_parser(rasa, parser):
    return RasaParser(rasa.url, parser, timeout=0.5, confidence_threshold=0.6)


def test_rasas_answer_becomes_a_parse_with_catalog_skus(rasa, rasa_parser):
    rasa.teach(ORDER, [("add_to_cart", 0.97), ("search_product", 0.02), ("chitchat", 0.01)])
    parse = rasa_parser.parse(ORDER_TEXT)
    assert parse.backend == "rasa"
    assert (parse.intent, parse.confidence) == (Intent.ADD_TO_CART, 0.97)
    assert [s.intent for s in parse.ranking] == [Intent.ADD_TO_CART, Intent.SEARCH_PRODUCT]
    assert [(e.entity, e.value, e.start, e.end) for e in parse.entities] == [
        (EntityType.QUANTITY, 2, 7, 8),
        (EntityType.PRODUCT, "CAF-COL-500", 9, 26),
        (EntityType.QUANTITY, 1, 29, 32),
        (EntityType.PRODUCT, "TAZ-GRA", 33, 44),
    ]
    assert parse.items == (
        Item("CAF-COL-500", 2, True, ("CAF-COL-M250",)), Item("TAZ-GRA", 1, True)
    )
    assert rasa.requests == [{"json": {"text": ORDER_TEXT}, "content_type": "application/json"}]


def test_shaped_values_are_normalized_and_unknown_entities_or_products_dropped(rasa, rasa_parser):
    text = "mi mail es Ana@Example.COM, quiero un unicornio azul"
    rasa.teach(
        "mi mail es [Ana@Example.COM](email), quiero [un unicornio](product) azul",
        [("update_profile", 0.88)],
    )
    colour = {"entity": "color", "start": 48, "end": 52, "value": "azul", "extractor": "DIET"}
    rasa.taught[text]["entities"].append(colour)
    parse = rasa_parser.parse(text)
    assert [(e.entity, e.value) for e in parse.entities] == [(EntityType.EMAIL, "ana@example.com")]


def test_phones_from_rasa_are_read_for_the_shops_country(rasa, model):
    rasa_parser = RasaParser(rasa.url, BuiltinParser(model, country="AR"), timeout=0.5)
    rasa.teach("mi cel es [011 4444-5555](phone)", [("update_profile", 0.9)])
    assert rasa_parser.parse("mi cel es 011 4444-5555").first(EntityType.PHONE) == "+541144445555"


def test_a_negative_or_decimal_quantity_from_rasa_stays_what_was_said(rasa, rasa_parser):
    rasa.teach("quiero [-2](quantity) [tazas grandes](product) y [1,5](quantity) "
               "[cafés etíopes](product)", [("add_to_cart", 0.9)])
    parse = rasa_parser.parse("quiero -2 tazas grandes y 1,5 cafés etíopes")
    assert [(i.sku, i.quantity) for i in parse.items] == [
        ("TAZ-GRA", -2), ("CAF-ETI-250", Decimal("1.5"))
    ]


def test_rasas_fallback_intent_makes_the_parse_uncertain(rasa, rasa_parser):
    rasa.teach("mmm capaz", [("nlu_fallback", 0.7), ("affirm", 0.35), ("deny", 0.3)])
    parse = rasa_parser.parse("mmm capaz")
    assert (parse.intent, parse.confidence, parse.uncertain) == (Intent.AFFIRM, 0.35, True)


@pytest.mark.parametrize(
    "break_it",
    [
        lambda rasa: setattr(rasa, "status", 500),
        lambda rasa: setattr(rasa, "status", 409),
        lambda rasa: setattr(rasa, "raw_body", b"<html>Bad gateway</html>"),
        lambda rasa: setattr(rasa, "raw_body", b'{"text": "no intent here"}'),
        lambda rasa: rasa.stop(),
    ],
    ids=["500", "409 no model", "not json", "no intent", "down"],
)
def test_when_rasa_fails_the_built_in_backend_answers(rasa, rasa_parser, break_it, caplog):
    break_it(rasa)
    with caplog.at_level(logging.WARNING, logger="nlu.rasa_http"):
        parse = rasa_parser.parse(ORDER_TEXT)
    assert parse.backend == "builtin" and parse.intent == Intent.ADD_TO_CART
    assert "using the built-in NLU" in caplog.text


def test_a_slow_rasa_times_out_and_the_built_in_backend_answers(rasa, rasa_parser):
    rasa.delay = 2.0
    started = time.monotonic()
    parse = rasa_parser.parse(ORDER_TEXT)
    assert parse.backend == "builtin" and time.monotonic() - started < 1.5
    assert [item.sku for item in parse.items] == ["CAF-COL-500", "TAZ-GRA"]


def test_after_a_failure_rasa_is_left_alone_for_a_while(rasa, parser):
    rasa.status = 500
    resting = RasaParser(rasa.url, parser, timeout=0.5, retry_after=60)
    eager = RasaParser(rasa.url, parser, timeout=0.5, retry_after=0)
    resting.parse("hola"), resting.parse("hola")
    assert len(rasa.requests) == 1
    eager.parse("hola"), eager.parse("hola")
    assert len(rasa.requests) == 3


def test_text_without_words_is_not_sent_to_rasa(rasa, rasa_parser):
    assert rasa_parser.parse("  👍 ").intent == Intent.OUT_OF_SCOPE
    assert rasa.requests == []


def test_products_are_resolved_in_the_catalog_given_to_the_rasa_parser(rasa, model):
    rasa_parser = RasaParser(rasa.url, BuiltinParser(model), timeout=0.5)
    rasa.teach("quiero [yerba playadito](product)", [("add_to_cart", 0.9)])
    assert rasa_parser.parse("quiero yerba playadito").items == ()
    rasa_parser.set_catalog([product("YER-PLA", "Yerba mate Playadito 1 kg")])
    assert [i.sku for i in rasa_parser.parse("quiero yerba playadito").items] == ["YER-PLA"]
