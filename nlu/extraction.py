"""All entities of a message, and the (product, quantity) items they add up to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nlu.catalog_index import CatalogIndex, CategoryMatch, Match, ProductMatch
from nlu.items import pair_items
from nlu.numbers import Quantity, find_quantities
from nlu.patterns import find_shaped_entities
from nlu.result import Entity, Item
from nlu.text import tokenize
from nlu.vocabulary import EntityType


@dataclass(frozen=True, slots=True)
class Extraction:
    entities: tuple[Entity, ...]
    items: tuple[Item, ...]


def extract(text: str, catalog: CatalogIndex, country: str | None = None) -> Extraction:
    """Shaped entities first, then SKUs, then product names and quantities in the words left.

    `country`: the shop's (ISO 3166), which tells what a phone number looks like."""
    shaped = find_shaped_entities(text, catalog.lexicon, country)
    skus = catalog.find_skus(_mask(text, shaped))
    masked = _mask(text, [*shaped, *skus])
    tokens = tokenize(masked)
    said = find_quantities(masked, tokens)
    spelled = {i for q in said for i in range(q.first, q.last + 1) if not tokens[i].is_number}
    matches = [*skus, *catalog.find_mentions(tokens, masked, spelled)]
    articles = {_quantity_entity(q): q.article for q in said if not _inside_any(q, matches)}
    products = [match_entity(match) for match in matches]
    items, paired = pair_items(text, products, list(articles))
    quantities = [q for q, article in articles.items() if q in paired or not article]
    entities = sorted([*shaped, *products, *quantities], key=lambda entity: entity.start)
    return Extraction(tuple(entities), tuple(items))


def match_entity(match: Match) -> Entity:
    if isinstance(match, CategoryMatch):
        return Entity(EntityType.CATEGORY, match.path, match.start, match.end, extractor="catalog")
    return Entity(
        EntityType.PRODUCT, match.sku, match.start, match.end, round(match.score, 4),
        "catalog", match.alternatives,
    )


def _quantity_entity(q: Quantity) -> Entity:
    return Entity(EntityType.QUANTITY, q.value, q.start, q.end, extractor="numbers")


def _inside_any(quantity: Quantity, matches: list[Match]) -> bool:
    return any(m.start <= quantity.start and quantity.end <= m.end for m in matches)


def _mask(text: str, spans: Iterable[Entity | ProductMatch]) -> str:
    """Blank out what is already recognized; '|' also keeps the words around from joining."""
    for span in spans:
        text = text[:span.start] + "|" * (span.end - span.start) + text[span.end:]
    return text
