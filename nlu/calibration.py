"""Temperature scaling: confidences that match how often the intent is right.

Logistic regression on a few hundred short examples is underconfident: correct answers come out
at 0.6 and the bot would ask again for no reason. One temperature, fitted on out-of-fold
predictions of the training data, rescales all logits so that their log loss is smallest.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax
from sklearn.model_selection import StratifiedKFold

from nlu.intent_model import IntentModel, fit
from nlu.training_data import Example

MAX_FOLDS = 3
TEMPERATURES = (0.05, 5.0)


def fit_temperature(examples: list[Example]) -> float:
    """1.0 (no change) when some intent has too few examples to be held out."""
    labels = np.array([example.intent.value for example in examples])
    folds = min(MAX_FOLDS, min(np.unique(labels, return_counts=True)[1]))
    if folds < 2:
        return 1.0
    logits, truth = [], []
    splits = StratifiedKFold(folds, shuffle=True, random_state=0).split(labels, labels)
    for train, held_out in splits:
        model = IntentModel(*fit([examples[i] for i in train]))
        logits.extend(model.logits(examples[i].text) for i in held_out)
        truth.extend(model.intents.index(examples[i].intent) for i in held_out)
    return best_temperature(np.array(logits), np.array(truth))


def best_temperature(logits: np.ndarray, truth: np.ndarray) -> float:
    def log_loss(temperature: float) -> float:
        return -log_softmax(logits / temperature, axis=1)[np.arange(len(truth)), truth].mean()

    return float(minimize_scalar(log_loss, bounds=TEMPERATURES, method="bounded").x)
