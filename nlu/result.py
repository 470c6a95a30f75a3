"""What a parse tells the dialogs: the intent, its ranking, the entities and the ordered items."""

from __future__ import annotations

from dataclasses import dataclass

from nlu.vocabulary import EntityType, Intent


@dataclass(frozen=True, slots=True)
class IntentScore:
    intent: Intent
    confidence: float

    def to_rasa_dict(self) -> dict[str, object]:
        return {"name": str(self.intent), "confidence": round(self.confidence, 4)}


@dataclass(frozen=True, slots=True)
class Entity:
    """A span of the text and what it means; a product's value is its SKU, a quantity's an int."""

    entity: EntityType
    value: str | int
    start: int
    end: int
    confidence: float = 1.0
    extractor: str = "orderbot"
    alternatives: tuple[str, ...] = ()

    def to_rasa_dict(self) -> dict[str, object]:
        rasa: dict[str, object] = {
            "entity": str(self.entity),
            "value": self.value,
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
    """One product the customer asked for; `quantity_given` is False when 1 was assumed."""

    sku: str
    quantity: int
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

    def values(self, entity: EntityType) -> list[str | int]:
        return [found.value for found in self.entities if found.entity == entity]

    def first(self, entity: EntityType) -> str | int | None:
        return next(iter(self.values(entity)), None)

    def to_rasa_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "intent": IntentScore(self.intent, self.confidence).to_rasa_dict(),
            "entities": [found.to_rasa_dict() for found in self.entities],
            "intent_ranking": [score.to_rasa_dict() for score in self.ranking],
        }
