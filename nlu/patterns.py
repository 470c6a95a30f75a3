"""Entities with a shape (emails, order numbers, phones, promo codes) found by the data's regexes.

A regex may name the part that is the value with `(?P<value>...)`, so that the words around it
('pedido', 'código') anchor the match without being part of the entity.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nlu.lexicon import Lexicon
from nlu.result import Entity
from nlu.vocabulary import EntityType

PRIORITY = (EntityType.EMAIL, EntityType.ORDER_NUMBER, EntityType.PHONE, EntityType.PROMO_CODE)
PHONE_DIGITS = range(8, 16)


def _phone(raw: str) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if len(digits) not in PHONE_DIGITS:
        return None
    return ("+" if raw.startswith("+") else "") + digits


NORMALIZERS: dict[EntityType, Callable[[str], str | None]] = {
    EntityType.EMAIL: str.lower,
    EntityType.ORDER_NUMBER: lambda raw: re.sub(r"\D", "", raw) or None,
    EntityType.PHONE: _phone,
    EntityType.PROMO_CODE: str.upper,
}


def normalize_value(entity: EntityType, raw: str) -> str | None:
    """The canonical value of a shaped entity, or None when the text is not a valid one."""
    return NORMALIZERS[entity](raw.strip())


def find_shaped_entities(text: str, lexicon: Lexicon) -> list[Entity]:
    found: list[Entity] = []
    for entity in PRIORITY:
        for pattern in lexicon.regexes.get(entity, ()):
            for match in pattern.finditer(text):
                group = "value" if "value" in pattern.groupindex else 0
                start, end = match.span(group)
                value = normalize_value(entity, match[group])
                if value and not any(start < other.end and other.start < end for other in found):
                    found.append(Entity(entity, value, start, end, extractor="regex"))
    return found
