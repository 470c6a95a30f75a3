"""A Rasa /model/parse answer as a Parse, with products and categories resolved in our catalog."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from nlu.catalog_index import CatalogIndex
from nlu.extraction import match_entity
from nlu.items import pair_items
from nlu.numbers import quantity_in
from nlu.patterns import normalize_value
from nlu.result import Entity, IntentScore, Parse
from nlu.vocabulary import EntityType, Intent

FALLBACK_INTENT = "nlu_fallback"
KNOWN_INTENTS = frozenset(Intent.__members__.values())
KNOWN_ENTITIES = frozenset(EntityType.__members__.values())


def parse_from_rasa(
    text: str,
    answer: dict[str, Any],
    catalog: CatalogIndex,
    confidence_threshold: float,
    country: str | None = None,
) -> Parse:
    """Raises KeyError, TypeError or ValueError when the answer is not shaped like Rasa's."""
    named = answer["intent"]
    ranked = answer.get("intent_ranking") or [named]
    ranking = [_score(score) for score in ranked if score["name"] in KNOWN_INTENTS]
    top = ranking[0] if ranking else IntentScore(Intent.OUT_OF_SCOPE, 0.0)
    found = [_entity(text, raw, catalog, country) for raw in answer.get("entities") or []]
    entities = sorted((e for e in found if e), key=lambda e: e.start)
    products = [e for e in entities if e.entity in (EntityType.PRODUCT, EntityType.CATEGORY)]
    quantities = [e for e in entities if e.entity == EntityType.QUANTITY]
    items, _ = pair_items(text, products, quantities)
    uncertain = named["name"] == FALLBACK_INTENT or top.confidence < confidence_threshold
    return Parse(
        text, top.intent, top.confidence, tuple(ranking), tuple(entities), tuple(items),
        uncertain=uncertain, backend="rasa",
    )


def _score(raw: dict[str, Any]) -> IntentScore:
    return IntentScore(Intent(raw["name"]), float(raw["confidence"]))


def _entity(
    text: str, raw: dict[str, Any], catalog: CatalogIndex, country: str | None
) -> Entity | None:
    if raw.get("entity") not in KNOWN_ENTITIES:
        return None
    kind, start, end = EntityType(raw["entity"]), int(raw["start"]), int(raw["end"])
    confidence = float(raw.get("confidence_entity", 1.0))
    if kind in (EntityType.PRODUCT, EntityType.CATEGORY):
        match = catalog.match_phrase(text[start:end])
        resolved = match_entity(match) if match else None
        return replace(resolved, start=start, end=end, extractor="rasa") if resolved else None
    said = str(raw["value"])
    value = (
        quantity_in(said) if kind == EntityType.QUANTITY else normalize_value(kind, said, country)
    )
    return Entity(kind, value, start, end, confidence, "rasa") if value is not None else None
