"""What a parse tells the dialogs: the intent, its ranking, the entities and the ordered items."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from nlu.vocabulary import EntityType, Intent

Value = str | int | Decimal


def _json_value(value: Value) -> str | int | float:
    """A Decimal quantity is a JSON number, as Rasa gives it (2.5); a string if no float can."""
    if not isinstance(value, Decimal):
        return value
    number = float(value)
    return number if math.isfinite(number) else str(value)


@dataclass(frozen=True, slots=True)
class IntentScore:
    intent: Intent
    confidence: float

    def to_rasa_dict(self) -> dict[str, object]:
        return {"name": str(self.intent), "confidence": round(self.confidence, 4)}


@dataclass(frozen=True, slots=True)
class Entity:
    """A span of the text and what it means: a product's value is its SKU, a quantity's the
    number said (an int, or a Decimal for '2,5'; see nlu.numbers), any other entity's a str."""

    entity: EntityType
    value: Value
    start: int
    end: int
    confidence: float = 1.0
    extractor: str = "orderbot"
    alternatives: tuple[str, ...] = ()

    def to_rasa_dict(self) -> dict[str, object]:
        rasa: dict[str, object] = {
            "entity": str(self.entity),
            "value": _json_value(self.value),
            "start": self.start,
            "end": self.end,
            "confidence_entity": round(self.confidence, 4),
            "extractor": self.extractor,
        }
        if self.alternatives:
            rasa["additional_info"] = {"alternatives": list(self.alternatives)}
        return rasa


@dataclass(frozen=True, slots=True)
class Item:
    """One product the customer asked for; `quantity_given` is False when 1 was assumed.

    `quantity` is what the customer said, even -5, 2.5 or a million: the dialogs refuse what
    the domain refuses (`domain.catalog.check_quantity`), rather than the NLU guessing.
    """

    sku: str
    quantity: int | Decimal
    quantity_given: bool
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Parse:
    text: str
    intent: Intent
    confidence: float
    ranking: tuple[IntentScore, ...]
    entities: tuple[Entity, ...] = ()
    items: tuple[Item, ...] = ()
    uncertain: bool = False
    backend: str = "builtin"

    def values(self, entity: EntityType) -> list[Value]:
        return [found.value for found in self.entities if found.entity == entity]

    def first(self, entity: EntityType) -> Value | None:
        return next(iter(self.values(entity)), None)

    def to_rasa_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "intent": IntentScore(self.intent, self.confidence).to_rasa_dict(),
            "entities": [found.to_rasa_dict() for found in self.entities],
            "intent_ranking": [score.to_rasa_dict() for score in self.ranking],
        }
