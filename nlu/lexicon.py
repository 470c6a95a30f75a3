"""What the training data teaches the entity extractors: synonyms, regexes and everyday words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.text import Token, stems
from nlu.training_data import TrainingData
from nlu.vocabulary import EntityType


@dataclass(frozen=True, slots=True)
class Term:
    """A stem after synonyms, covering tokens[first:last + 1] of the text."""

    stem: str
    first: int
    last: int


@dataclass(frozen=True)
class Lexicon:
    synonyms: dict[tuple[str, ...], tuple[str, ...]]
    longest_synonym: int
    regexes: dict[EntityType, tuple[re.Pattern[str], ...]]
    common_words: frozenset[str]

    @classmethod
    def from_training_data(cls, data: TrainingData) -> Lexicon:
        synonyms = {}
        for canonical, variants in data.synonyms.items():
            for phrase in (canonical, *variants):
                synonyms[tuple(stems(phrase))] = tuple(stems(canonical))
        regexes = {
            EntityType(name): tuple(re.compile(pattern) for pattern in patterns)
            for name, patterns in data.regexes.items()
            if name in EntityType.__members__.values()
        }
        longest = max(map(len, synonyms), default=1)
        return cls(synonyms, longest, regexes, frozenset(_words_outside_products(data)))

    def is_everyday(self, stem: str) -> bool:
        """Said in the training data outside product names: never a product name by itself."""
        return stem in self.common_words or (stem,) in self.synonyms

    def terms(self, tokens: list[Token]) -> list[Term]:
        """Stems with synonyms replaced, longest phrase first: 'coffee maker' → cafetera."""
        terms, index = [], 0
        while index < len(tokens):
            length, canonical = self._longest_synonym(tokens, index)
            terms.extend(Term(stem, index, index + length - 1) for stem in canonical)
            index += length
        return terms

    def _longest_synonym(self, tokens: list[Token], index: int) -> tuple[int, tuple[str, ...]]:
        for length in range(min(self.longest_synonym, len(tokens) - index), 0, -1):
            phrase = tuple(token.stem for token in tokens[index:index + length])
            if phrase in self.synonyms:
                return length, self.synonyms[phrase]
        return 1, (tokens[index].stem,)


def _words_outside_products(data: TrainingData) -> set[str]:
    words: set[str] = set()
    for example in data.examples:
        cursor = 0
        for entity in example.entities:
            if entity.entity not in (EntityType.PRODUCT, EntityType.CATEGORY):
                continue
            words.update(stems(example.text[cursor:entity.start]))
            cursor = entity.end
        words.update(stems(example.text[cursor:]))
    return words
