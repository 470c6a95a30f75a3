"""Quantities in digits and words, Spanish and English: 2, dos, three, una docena, half a dozen.

A quantity is the number as said, for the dialogs to accept or refuse with the domain's rule
(`domain.catalog.check_quantity`): "-5" is -5, "2,5" and "2.5" are Decimal("2.5"), and a number
above MAX_QUANTITY stays what it is. Separators followed by exactly three digits group
thousands ("1.000", "1,000" → 1000); any other single separator is a decimal mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import find_numbers

from nlu.text import Token, tokenize

LANGUAGES = ("es", "en")
GROUP_SIZES = {"docena": 12, "dozen": 12, "par": 2, "pair": 2, "coupl": 2}
HALVES = frozenset({"media", "medio", "half"})
ARTICLES = frozenset({"un", "una"})
NUMERAL = re.compile(r"(?P<sign>[-−])?(?P<digits>(?:(?<![\w.,])[.,](?=\d))?\d+(?:[.,]\d+)*)")
THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:(?P<mark>[.,])\d{3})(?:(?P=mark)\d{3})*")
DECIMAL = re.compile(r"\d*[.,]\d+")
CODE_BEFORE = re.compile(r"(?:\w\(|=)\s*$")  # alert(1), id=1: arguments, not quantities
SIGN_AFTER = frozenset(" \t(:")

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Quantity:
    """`article` marks 'un'/'una', which count as 1 only when they come before a product."""

    value: Number
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


def find_quantities(text: str, tokens: list[Token] | None = None) -> list[Quantity]:
    """`tokens`: tokenize(text), when the caller has it already."""
    tokens = tokenize(text) if tokens is None else tokens
    by_first = {quantity.first: quantity for quantity in _numbers(text, tokens)}
    for index, token in enumerate(tokens):
        if token.stem in GROUP_SIZES:
            grouped = _grouped(tokens, index, GROUP_SIZES[token.stem], by_first)
            for first in range(grouped.first, grouped.last + 1):
                by_first.pop(first, None)
            by_first[grouped.first] = grouped
    return sorted(by_first.values(), key=lambda quantity: quantity.first)


def _numbers(text: str, tokens: list[Token]) -> list[Quantity]:
    found, taken = _numerals(text, tokens)
    words = [_Word(token) for token in tokens]
    for language in LANGUAGES:
        for number in find_numbers(words, language, threshold=0):
            span = set(range(number.start, number.end))
            if number.is_ordinal or span & taken or number.value != int(number.value):
                continue
            found.append(_quantity(tokens, number.start, number.end - 1, int(number.value)))
            taken |= span
    return found


def _numerals(text: str, tokens: list[Token]) -> tuple[list[Quantity], set[int]]:
    """Numbers in digits, and the tokens they cover (including those that are no quantity)."""
    first_at = {token.start: index for index, token in enumerate(tokens)}
    last_at = {token.end: index for index, token in enumerate(tokens)}
    found, taken = [], set()
    for match in NUMERAL.finditer(text):
        first_digit = match.start("digits") + (not match["digits"][0].isdecimal())
        first, last = first_at.get(first_digit), last_at.get(match.end())
        if first is None or last is None:
            continue
        taken.update(range(first, last + 1))
        value = _value(match["digits"])
        if value is None or CODE_BEFORE.search(text, 0, match.start()):
            continue
        start = match.start("digits")
        if match["sign"] and _is_sign(text, match.start()):
            value, start = -value, match.start()
        found.append(Quantity(value, first, last, start, match.end()))
    return found, taken


def _value(digits: str) -> Number | None:
    """'12' → 12, '1.000' → 1000, '2,5' → Decimal('2.5'), '.5' → Decimal('0.5'); dates and
    versions ('1.2.3') → None."""
    if digits.isdecimal():
        return int(digits)
    if THOUSANDS.fullmatch(digits):
        return int(re.sub(r"\D", "", digits))
    if DECIMAL.fullmatch(digits):
        return whole_if_possible(Decimal(digits.replace(",", ".")))
    return None


def _is_sign(text: str, dash: int) -> bool:
    """'quiero -5' is negative; '2-3', 'V60-02' and a list's '-2 cafés' on its own line are not."""
    line_start = text.rfind("\n", 0, dash) + 1
    if not text[line_start:dash].strip():
        return "\n" not in text.strip()
    return text[dash - 1] in SIGN_AFTER


def whole_if_possible(value: Number) -> Number:
    return int(value) if value == int(value) else value


def _grouped(
    tokens: list[Token], index: int, size: int, by_first: dict[int, Quantity]
) -> Quantity:
    """'dos docenas' → 24, 'media docena' / 'half a dozen' → 6, 'una docena' / 'docena' → 12."""
    before = next((q for q in by_first.values() if q.last == index - 1), None)
    if before is not None:
        value = whole_if_possible(before.value * size)
        return Quantity(value, before.first, index, before.start, tokens[index].end)
    for distance in (1, 2):
        if index >= distance and tokens[index - distance].folded in HALVES:
            return _quantity(tokens, index - distance, index, size // 2)
    return _quantity(tokens, index, index, size)


def _quantity(tokens: list[Token], first: int, last: int, value: Number) -> Quantity:
    article = first == last and tokens[first].folded in ARTICLES
    return Quantity(value, first, last, tokens[first].start, tokens[last].end, article)


def quantity_in(text: str) -> Number | None:
    """The first quantity said in a phrase ('dos', 'a dozen', '3', '-1'), if any."""
    found = find_quantities(text)
    return found[0].value if found else None
