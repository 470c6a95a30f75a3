"""Words with their place in the text, folded and stemmed so that plurals and accents match."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.catalog import fold

MAX_CHARS = 1000
WORD = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    folded: str
    stem: str

    @property
    def is_number(self) -> bool:
        return self.text.isdecimal()


def truncate(text: str, limit: int = MAX_CHARS) -> str:
    """Chat messages longer than `limit` are cut at the last space before it."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def stem(word: str) -> str:
    """Folded word without a plural 's' or final 'e': cafés/cafe, coladores/colador, mugs/mug."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    return [token.stem for token in tokenize(text)]


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in WORD.finditer(text):
        folded = fold(match.group())
        tokens.append(Token(match.group(), match.start(), match.end(), folded, stem(folded)))
    return tokens
