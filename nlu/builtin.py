"""The embedded backend: the cached intent model plus entity extraction over the live catalog."""

from __future__ import annotations

from collections.abc import Iterable

from domain.catalog import Product
from nlu.catalog_index import CatalogIndex
from nlu.extraction import extract
from nlu.intent_model import SLOTTED
from nlu.model import NluModel
from nlu.parser import RANKING_LENGTH, has_words, prepare, wordless
from nlu.result import Parse


class BuiltinParser:
    name = "builtin"

    def __init__(
        self,
        model: NluModel,
        products: Iterable[Product] = (),
        confidence_threshold: float = 0.6,
        country: str | None = None,
    ) -> None:
        """`country`: the shop's ISO 3166 code, for phone numbers written without '+'."""
        self.model = model
        self.confidence_threshold = confidence_threshold
        self.country = country
        self.catalog = CatalogIndex(products, model.lexicon)

    def set_catalog(self, products: Iterable[Product]) -> None:
        self.catalog = CatalogIndex(products, self.model.lexicon)

    def parse(self, text: str) -> Parse:
        text = prepare(text)
        if not has_words(text):
            return wordless(text)
        found = extract(text, self.catalog, self.country)
        slots = [(e.start, e.end) for e in found.entities if e.entity in SLOTTED]
        ranking = self.model.intents.rank(text, slots)[:RANKING_LENGTH]
        top = ranking[0]
        return Parse(
            text, top.intent, top.confidence, tuple(ranking), found.entities, found.items,
            uncertain=top.confidence < self.confidence_threshold, backend=self.name,
        )
