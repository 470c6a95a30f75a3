"""How well a parser recognizes the intents of a Rasa-format test file."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from sklearn.metrics import accuracy_score, precision_recall_fscore_support

from nlu.parser import Parser
from nlu.training_data import Example


@dataclass(frozen=True)
class IntentMetrics:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Confusion:
    expected: str
    predicted: str
    count: int


@dataclass(frozen=True)
class Evaluation:
    examples: int
    accuracy: float
    macro_f1: float
    per_intent: dict[str, IntentMetrics]
    confusions: list[Confusion]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def evaluate(parser: Parser, examples: list[Example], most_confused: int = 10) -> Evaluation:
    """Macro averages are over the intents of the test file."""
    expected = [example.intent.value for example in examples]
    predicted = [parser.parse(example.text).intent.value for example in examples]
    intents = sorted(set(expected))
    precision, recall, f1, support = precision_recall_fscore_support(
        expected, predicted, labels=intents, zero_division=0
    )
    per_intent = {
        intent: IntentMetrics(float(p), float(r), float(f), int(s))
        for intent, p, r, f, s in zip(intents, precision, recall, f1, support)
    }
    mistakes = Counter((e, p) for e, p in zip(expected, predicted) if e != p)
    return Evaluation(
        examples=len(examples),
        accuracy=float(accuracy_score(expected, predicted)) if examples else 0.0,
        macro_f1=float(f1.mean()) if intents else 0.0,
        per_intent=per_intent,
        confusions=[Confusion(e, p, n) for (e, p), n in mistakes.most_common(most_confused)],
    )
