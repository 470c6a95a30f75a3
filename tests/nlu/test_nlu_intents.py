from __future__ import annotations

import numpy as np
import pytest

from nlu.builtin import BuiltinParser
from nlu.calibration import best_temperature
from nlu.evaluation import evaluate
from nlu.intent_model import IntentModel, classifier_text, features, fit
from nlu.parser import RANKING_LENGTH
from nlu.training_data import load_training_data
from nlu.vocabulary import EntityType, Intent
from tests.nlu.conftest import HELD_OUT


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hola, quiero 2 cafés colombianos y una taza grande", Intent.ADD_TO_CART),
        ("¿cuánto sale el molinillo?", Intent.SEARCH_PRODUCT),
        ("where is my order 1043?", Intent.ORDER_STATUS),
        ("necesito la factura", Intent.INVOICE_REQUEST),
        ("quiero hablar con alguien", Intent.HUMAN_HANDOFF),
        ("sacá la taza grande del carrito", Intent.REMOVE_FROM_CART),
        ("tengo el cupón VERANO20", Intent.APPLY_PROMO),
        ("me llegó roto el molinillo", Intent.SUPPORT_REQUEST),
        ("do you take credit cards?", Intent.PAYMENT_METHODS),
    ],
)
def test_the_messages_of_the_issue_get_their_intent(parser, text, intent):
    parse = parser.parse(text)
    assert parse.intent == intent and not parse.uncertain


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("mis pedidos", Intent.ORDER_STATUS),
        ("my orders", Intent.ORDER_STATUS),
        ("qué pedidos tengo?", Intent.ORDER_STATUS),
        ("historial de compras", Intent.ORDER_STATUS),
        ("what orders do I have?", Intent.ORDER_STATUS),
        ("order history", Intent.ORDER_STATUS),
        ("no quiero cancelar", Intent.DENY),
        ("don't confirm", Intent.DENY),
        ("dont confirm", Intent.DENY),
        ("dont cancel", Intent.DENY),
        ("do not place the order", Intent.DENY),
        ("no quiero pagar todavía", Intent.DENY),
        ("I don't want to pay yet", Intent.DENY),
        ("quiero pagar", Intent.PAY),
        ("ya transferí", Intent.PAY),
        ("te mando el comprobante", Intent.PAY),
        ("te deposité", Intent.PAY),
        ("ya deposité", Intent.PAY),
        ("te pasé la plata", Intent.PAY),
        ("I sent the money", Intent.PAY),
        ("I wired the money", Intent.PAY),
        ("asesor", Intent.HUMAN_HANDOFF),
    ],
)
def test_everyday_shop_phrasings_get_their_intent(parser, text, intent):
    parse = parser.parse(text)
    assert parse.intent == intent and not parse.uncertain


@pytest.mark.parametrize(
    ("text", "intent", "number"),
    [
        ("dónde está mi pedido 12", Intent.ORDER_STATUS, "12"),
        ("ya aboné el pedido 1043", Intent.PAY, "1043"),
        ("I've paid for order 12", Intent.PAY, "12"),
    ],
)
def test_an_order_number_comes_with_its_intent(parser, text, intent, number):
    parse = parser.parse(text)
    assert (parse.intent, parse.uncertain) == (intent, False)
    assert parse.values(EntityType.ORDER_NUMBER) == [number]
    assert parse.values(EntityType.QUANTITY) == [] and parse.items == ()


def test_the_built_in_backend_scores_at_least_0_90_macro_f1_on_the_held_out_file(parser):
    report = evaluate(parser, load_training_data(HELD_OUT).examples)
    assert report.macro_f1 >= 0.90 and report.accuracy >= 0.90


def test_the_ranking_is_a_probability_distribution_most_likely_first(parser):
    parse = parser.parse("cuánto me sale todo con envío?")
    confidences = [score.confidence for score in parse.ranking]
    assert len(parse.ranking) == RANKING_LENGTH
    assert confidences == sorted(confidences, reverse=True) and sum(confidences) <= 1.0
    assert (parse.intent, parse.confidence) == (parse.ranking[0].intent, confidences[0])


def test_below_the_threshold_a_parse_is_uncertain(model):
    text = "me pasás lo de siempre?"
    assert BuiltinParser(model, confidence_threshold=1.0).parse(text).uncertain
    assert not BuiltinParser(model, confidence_threshold=0.0).parse(text).uncertain


@pytest.fixture(scope="module")
def fitted():
    return fit(load_training_data().examples[::3])


def test_the_fast_scoring_gives_exactly_scikit_learns_probabilities(fitted):
    vectorizers, classifier = fitted
    model = IntentModel(vectorizers, classifier)
    for text in ["quiero 2 cafés", "where is order 1043?", "zzz", "la taza vino rota"]:
        expected = classifier.predict_proba(features(vectorizers, [classifier_text(text)]))[0]
        ours = {score.intent.value: score.confidence for score in model.rank(text)}
        assert np.allclose([ours[name] for name in classifier.classes_], expected, atol=1e-12)


def test_a_temperature_below_one_sharpens_the_probabilities(fitted):
    plain, sharp = IntentModel(*fitted), IntentModel(*fitted, temperature=0.5)
    before = np.array([score.confidence for score in plain.rank("quiero 2 cafés")])
    after = np.array([score.confidence for score in sharp.rank("quiero 2 cafés")])
    assert np.allclose(after, before**2 / (before**2).sum())


def test_confidences_are_calibrated_on_the_held_out_file(parser):
    examples = load_training_data(HELD_OUT).examples
    parses = [(parser.parse(example.text), example.intent) for example in examples]
    confidence = np.mean([parse.confidence for parse, _ in parses])
    accuracy = np.mean([parse.intent == intent for parse, intent in parses])
    assert abs(confidence - accuracy) < 0.05


def test_an_underconfident_classifier_gets_a_temperature_below_one():
    logits = np.array([[1.0, 0.0, 0.0]] * 50)
    assert best_temperature(logits, np.zeros(50, dtype=int)) < 0.2
    assert best_temperature(logits, np.array([0, 1] * 25)) > 1.0
