"""Entities with a shape (emails, order numbers, phones, promo codes) found by the data's regexes.

A regex may name the part that is the value with `(?P<value>...)`, so that the words around it
('pedido', 'código') anchor the match without being part of the entity.

A phone must be possible in the shop's country (ISO 3166 code, e.g. AR), or in the country its
'+' prefix names; it is then written in E.164 (+541144445555). Without a country, a number
written without '+' keeps its digits: 8 to 15 of them, and at most 12 when they are one run
with no separator, so that a long number like 1000000000000 is not taken for a phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers

from nlu.lexicon import Lexicon
from nlu.result import Entity
from nlu.vocabulary import EntityType

PRIORITY = (EntityType.EMAIL, EntityType.ORDER_NUMBER, EntityType.PHONE, EntityType.PROMO_CODE)
PHONE_DIGITS = range(8, 16)  # E.164: at most 15 digits
BARE_PHONE_DIGITS = range(8, 13)


def _phone(raw: str, country: str | None) -> str | None:
    digits = re.sub(r"\D", "", raw)
    if len(digits) not in PHONE_DIGITS:
        return None
    if country or raw.startswith("+"):
        try:
            number = phonenumbers.parse(raw, country)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_possible_number(number):
            return None
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if raw.isdigit() and len(digits) not in BARE_PHONE_DIGITS:
        return None
    return digits


NORMALIZERS: dict[EntityType, Callable[[str, str | None], str | None]] = {
    EntityType.EMAIL: lambda raw, country: raw.lower(),
    EntityType.ORDER_NUMBER: lambda raw, country: re.sub(r"\D", "", raw) or None,
    EntityType.PHONE: _phone,
    EntityType.PROMO_CODE: lambda raw, country: raw.upper(),
}


def normalize_value(entity: EntityType, raw: str, country: str | None = None) -> str | None:
    """The canonical value of a shaped entity, or None when the text is not a valid one;
    `country`: the shop's, for phones (see above)."""
    return NORMALIZERS[entity](raw.strip(), country)


def find_shaped_entities(
    text: str, lexicon: Lexicon, country: str | None = None
) -> list[Entity]:
    found: list[Entity] = []
    for entity in PRIORITY:
        for pattern in lexicon.regexes.get(entity, ()):
            for match in pattern.finditer(text):
                group = "value" if "value" in pattern.groupindex else 0
                start, end = match.span(group)
                value = normalize_value(entity, match[group], country)
                if value and not any(start < other.end and other.start < end for other in found):
                    found.append(Entity(entity, value, start, end, extractor="regex"))
    return found
