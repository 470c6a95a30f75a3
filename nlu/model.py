"""The trained built-in model, cached on disk under a hash of the training data."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sklearn
from threadpoolctl import threadpool_limits

from nlu.calibration import fit_temperature
from nlu.intent_model import IntentModel, fit
from nlu.lexicon import Lexicon
from nlu.training_data import DEFAULT_DATA_DIR, data_files, load_training_data

CACHE_ENV = "ORDERBOT_NLU_CACHE"
UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError)
FORMAT = "orderbot-nlu-2"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NluModel:
    intents: IntentModel
    lexicon: Lexicon
    fingerprint: str


def default_cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "orderbot" / "nlu"


def fingerprint(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """Changes with any byte of the data, and with the model format or scikit-learn version."""
    digest = hashlib.sha256(f"{FORMAT}|{sklearn.__version__}".encode())
    for file in data_files(data_dir):
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()[:32]


def train(data_dir: Path = DEFAULT_DATA_DIR) -> NluModel:
    data = load_training_data(data_dir)
    # The matrices are small: BLAS threads only fight each other (3x slower on two cores).
    with threadpool_limits(limits=1):
        intents = IntentModel(*fit(data.examples), fit_temperature(data.examples))
    return NluModel(intents, Lexicon.from_training_data(data), fingerprint(data_dir))


def model_path(data_dir: Path = DEFAULT_DATA_DIR, cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / f"{fingerprint(data_dir)}.pickle"


def load_or_train(data_dir: Path = DEFAULT_DATA_DIR, cache_dir: Path | None = None) -> NluModel:
    """The cached model for this data, trained and cached first if there is none yet."""
    path = model_path(data_dir, cache_dir)
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except UNREADABLE as error:
            log.warning("NLU model cache %s is unreadable (%s); training again", path, error)
    model = train(data_dir)
    save(model, path)
    return model


def save(model: NluModel, path: Path) -> None:
    """Written to a temporary file and renamed, so concurrent processes never read half a file."""
    content = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as file:
        file.write(content)
    os.replace(file.name, path)
