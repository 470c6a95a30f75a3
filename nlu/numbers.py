"""Quantities in digits and words, Spanish and English: 2, dos, three, una docena, half a dozen."""

from __future__ import annotations

from dataclasses import dataclass

from text_to_num import find_numbers

from nlu.text import Token, tokenize

LANGUAGES = ("es", "en")
GROUP_SIZES = {"docena": 12, "dozen": 12, "par": 2, "pair": 2, "coupl": 2}
HALVES = frozenset({"media", "medio", "half"})
ARTICLES = frozenset({"un", "una"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """`article` marks 'un'/'una', which count as 1 only when they come before a product."""

    value: int
    first: int
    last: int
    start: int
    end: int
    article: bool = False


class _Word:
    """A token as text_to_num reads it."""

    def __init__(self, token: Token) -> None:
        self._text = token.text.lower()

    def text(self) -> str:
        return self._text

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def find_quantities(tokens: list[Token]) -> list[Quantity]:
    by_first = {quantity.first: quantity for quantity in _numbers(tokens)}
    for index, token in enumerate(tokens):
        if token.stem in GROUP_SIZES:
            grouped = _grouped(tokens, index, GROUP_SIZES[token.stem], by_first)
            for first in range(grouped.first, grouped.last + 1):
                by_first.pop(first, None)
            by_first[grouped.first] = grouped
    return sorted(by_first.values(), key=lambda quantity: quantity.first)


def _numbers(tokens: list[Token]) -> list[Quantity]:
    found = [_quantity(tokens, i, i, int(t.text)) for i, t in enumerate(tokens) if t.is_number]
    taken = {token for quantity in found for token in range(quantity.first, quantity.last + 1)}
    words = [_Word(token) for token in tokens]
    for language in LANGUAGES:
        for number in find_numbers(words, language, threshold=0):
            span = set(range(number.start, number.end))
            if number.is_ordinal or span & taken or number.value != int(number.value):
                continue
            found.append(_quantity(tokens, number.start, number.end - 1, int(number.value)))
            taken |= span
    return found


def _grouped(
    tokens: list[Token], index: int, size: int, by_first: dict[int, Quantity]
) -> Quantity:
    """'dos docenas' → 24, 'media docena' / 'half a dozen' → 6, 'una docena' / 'docena' → 12."""
    before = next((q for q in by_first.values() if q.last == index - 1), None)
    if before is not None:
        return _quantity(tokens, before.first, index, before.value * size)
    for distance in (1, 2):
        if index >= distance and tokens[index - distance].folded in HALVES:
            return _quantity(tokens, index - distance, index, size // 2)
    return _quantity(tokens, index, index, size)


def _quantity(tokens: list[Token], first: int, last: int, value: int) -> Quantity:
    article = first == last and tokens[first].folded in ARTICLES
    return Quantity(value, first, last, tokens[first].start, tokens[last].end, article)


def quantity_in(text: str) -> int | None:
    """The first quantity said in a phrase ('dos', 'a dozen', '3'), if any."""
    found = find_quantities(tokenize(text))
    return found[0].value if found else None
