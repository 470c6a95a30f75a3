from __future__ import annotations

import pytest

from nlu.evaluation import Confusion, evaluate
from nlu.result import IntentScore, Parse
from nlu.training_data import Example
from nlu.vocabulary import Intent


class ScriptedParser:
    """Answers each text with the intent it was given."""

    def __init__(self, answers: dict[str, Intent]) -> None:
        self.answers = answers

    def parse(self, text: str) -> Parse:
        intent = self.answers[text]
        return Parse(text, intent, 0.9, (IntentScore(intent, 0.9),))

    def set_catalog(self, products: object) -> None:
        pass


CASES = [
    ("hola", Intent.GREET, Intent.GREET),
    ("buenas", Intent.GREET, Intent.GREET),
    ("hello", Intent.GREET, Intent.GREET),
    ("gracias hola", Intent.GREET, Intent.THANKS),
    ("gracias", Intent.THANKS, Intent.THANKS),
    ("thanks", Intent.THANKS, Intent.THANKS),
    ("no", Intent.DENY, Intent.DENY),
    ("no sé", Intent.DENY, Intent.AFFIRM),
]


def test_accuracy_macro_f1_per_intent_scores_and_confusions():
    parser = ScriptedParser({text: predicted for text, _, predicted in CASES})
    report = evaluate(parser, [Example(text, expected) for text, expected, _ in CASES])
    assert report.examples == 8 and report.accuracy == 0.75
    greet, thanks, deny = (report.per_intent[name] for name in ("greet", "thanks", "deny"))
    assert (greet.precision, greet.recall, greet.support) == (1.0, 0.75, 4)
    assert (thanks.precision, thanks.recall) == (pytest.approx(2 / 3), 1.0)
    assert (deny.precision, deny.recall, deny.f1) == (1.0, 0.5, pytest.approx(2 / 3))
    assert set(report.per_intent) == {"greet", "thanks", "deny"}
    assert report.macro_f1 == pytest.approx((6 / 7 + 0.8 + 2 / 3) / 3)
    assert report.confusions == [Confusion("greet", "thanks", 1), Confusion("deny", "affirm", 1)]


def test_the_report_as_a_dict_has_what_the_json_output_promises():
    report = evaluate(ScriptedParser({"hola": Intent.GREET}), [Example("hola", Intent.GREET)])
    assert report.to_dict() == {
        "examples": 1, "accuracy": 1.0, "macro_f1": 1.0,
        "per_intent": {"greet": {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}},
        "confusions": [],
    }
