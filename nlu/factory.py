"""One place that turns the NLU settings (from config.yml) into a parser."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from domain.catalog import Product
from nlu.builtin import BuiltinParser
from nlu.model import load_or_train
from nlu.parser import Parser
from nlu.rasa_http import RasaParser
from nlu.training_data import DEFAULT_DATA_DIR

BACKENDS = ("builtin", "rasa")


def create_parser(
    backend: str = "builtin",
    *,
    rasa_url: str | None = None,
    timeout: float = 5.0,
    confidence_threshold: float = 0.6,
    cache_dir: Path | None = None,
    data_dir: Path = DEFAULT_DATA_DIR,
    products: Iterable[Product] = (),
) -> Parser:
    """The built-in backend always exists: it is the default and Rasa's fallback."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown NLU backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "rasa" and not rasa_url:
        raise ValueError("the rasa NLU backend needs rasa_url")
    builtin = BuiltinParser(load_or_train(data_dir, cache_dir), products, confidence_threshold)
    if backend == "builtin":
        return builtin
    return RasaParser(str(rasa_url), builtin, timeout, confidence_threshold)
