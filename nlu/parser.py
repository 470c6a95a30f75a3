"""What every backend offers the dialogs, and how any text becomes something safe to parse."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from domain.catalog import Product
from nlu.result import IntentScore, Parse
from nlu.text import truncate
from nlu.vocabulary import Intent

RANKING_LENGTH = 10


class Parser(Protocol):
    def parse(self, text: str) -> Parse:
        """Intent, entities and items of a customer's message; never raises on any text."""
        ...

    def set_catalog(self, products: Iterable[Product]) -> None:
        """Match products against this catalog from now on (call it when the catalog changes)."""
        ...


def prepare(text: str | None) -> str:
    """Valid UTF-8 (lone surrogates replaced), at most MAX_CHARS long."""
    return truncate((text or "").encode("utf-8", "replace").decode("utf-8"))


def has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def wordless(text: str) -> Parse:
    """Empty text, emoji or punctuation only: nothing the shop can act on."""
    return Parse(text, Intent.OUT_OF_SCOPE, 1.0, (IntentScore(Intent.OUT_OF_SCOPE, 1.0),))
