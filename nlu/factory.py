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
    country: str | None = None,
) -> Parser:
    """The built-in backend always exists: it is the default and Rasa's fallback.

    `country`: the shop's (business.country in config.yml), for phone numbers."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown NLU backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "rasa" and not rasa_url:
        raise ValueError("the rasa NLU backend needs rasa_url")
    model = load_or_train(data_dir, cache_dir)
    builtin = BuiltinParser(model, products, confidence_threshold, country)
    if backend == "builtin":
        return builtin
    return RasaParser(str(rasa_url), builtin, timeout, confidence_threshold)
