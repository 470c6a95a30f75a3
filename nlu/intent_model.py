"""Intent classification: TF-IDF of character and word n-grams, multinomial logistic regression.

Product and category mentions are replaced by a slot word, in training (besides the original
example) and in parsing when the catalog recognizes them, so that the verbs around a product
decide the intent rather than which products happened to be in the examples.

scikit-learn fits the model; a single message is then scored with the fitted weights directly,
because scikit-learn's per-call checks cost about a millisecond, far more than the arithmetic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from domain.catalog import fold
from nlu.result import IntentScore
from nlu.training_data import Example
from nlu.vocabulary import EntityType, Intent

DIGIT = re.compile(r"\d")
REGULARIZATION = 10.0
SLOT = "xproductx"
SLOTTED = frozenset({EntityType.PRODUCT, EntityType.CATEGORY})


def classifier_text(text: str) -> str:
    """Folded, with every digit a 0: 'pedido 1043' and 'pedido 2051' read the same."""
    return DIGIT.sub("0", fold(text))


def with_slots(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + SLOT + text[end:]
    return text


def _with_slotted_copies(examples: list[Example]) -> list[Example]:
    slotted = [
        replace(example, text=with_slots(example.text, spans))
        for example in examples
        if (spans := [(e.start, e.end) for e in example.entities if e.entity in SLOTTED])
    ]
    return examples + slotted


def fit(examples: list[Example]) -> tuple[list[TfidfVectorizer], LogisticRegression]:
    examples = _with_slotted_copies(examples)
    texts = [classifier_text(example.text) for example in examples]
    vectorizers = [
        TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True, lowercase=False)
        for analyzer, ngrams in (("char_wb", (2, 5)), ("word", (1, 2)))
    ]
    classifier = LogisticRegression(
        C=REGULARIZATION, solver="newton-cg", max_iter=1000, class_weight="balanced"
    )
    classifier.fit(features(vectorizers, texts, fitting=True), [e.intent.value for e in examples])
    return vectorizers, classifier


def features(
    vectorizers: list[TfidfVectorizer], texts: list[str], fitting: bool = False
) -> csr_matrix:
    transform = [v.fit_transform if fitting else v.transform for v in vectorizers]
    return hstack([function(texts) for function in transform]).tocsr()


@dataclass
class _Part:
    """One vectorizer's share of the features, starting at column `offset`."""

    analyze: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    offset: int

    def add_scores(self, text: str, weights: np.ndarray, logits: np.ndarray) -> None:
        """logits += this part's l2-normalized sublinear TF-IDF vector · weights."""
        counts = Counter(self.vocabulary[g] for g in self.analyze(text) if g in self.vocabulary)
        if not counts:
            return
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        values = (1 + np.log(tf)) * self.idf[columns]
        logits += (values / np.linalg.norm(values)) @ weights[columns + self.offset]


class IntentModel:
    def __init__(
        self,
        vectorizers: list[TfidfVectorizer],
        classifier: LogisticRegression,
        temperature: float = 1.0,
    ) -> None:
        """Logits are divided by `temperature` (see nlu.calibration) before the softmax."""
        self.intents = [Intent(name) for name in classifier.classes_]
        weights, bias = classifier.coef_, classifier.intercept_
        if len(self.intents) == 2:  # scikit-learn keeps one row: the second class vs the first
            weights, bias = np.vstack([0 * weights, weights]), np.append(0.0, bias)
        self.weights = weights.T / temperature
        self.bias = bias / temperature
        self.parts, offset = [], 0
        for vectorizer in vectorizers:
            vocabulary = vectorizer.vocabulary_
            analyze = vectorizer.build_analyzer()
            self.parts.append(_Part(analyze, vocabulary, vectorizer.idf_, offset))
            offset += len(vocabulary)

    def logits(self, text: str, slots: Iterable[tuple[int, int]] = ()) -> np.ndarray:
        """One score per intent of `self.intents`; `slots` are spans of recognized products."""
        logits = self.bias.copy()
        prepared = classifier_text(with_slots(text, slots))
        for part in self.parts:
            part.add_scores(prepared, self.weights, logits)
        return logits

    def rank(self, text: str, slots: Iterable[tuple[int, int]] = ()) -> list[IntentScore]:
        """All intents, most likely first."""
        logits = self.logits(text, slots)
        probabilities = np.exp(logits - logits.max())
        probabilities /= probabilities.sum()
        order = np.argsort(-probabilities)
        return [IntentScore(self.intents[i], float(probabilities[i])) for i in order]
