"""The live catalog as the NLU sees it: product names, SKUs and categories, ready for matching.

A mention is a run of words that appear in product names. Its best product is the one with the
highest IDF-weighted Jaccard similarity; its score is the (IDF-weighted) share of the mention's
words that the name contains. Products that contain the same words are kept as alternatives, so
an ambiguous "café colombiano" lets the dialogs ask which one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from domain.catalog import Product, fold
from nlu.lexicon import Lexicon, Term
from nlu.text import Token, tokenize

JOINERS = frozenset({"de", "del", "en", "para", "con", "of", "for", "with", "the", "la", "el"})
CONJUNCTIONS = frozenset({"y", "e", "o", "u", "and", "or"})
SKU_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")
RUN_GAP = re.compile(rf"[\s'’/°º#-]*(?:(?:{'|'.join(JOINERS)})\s+)?")
MAX_ALTERNATIVES = 5
MAX_CORRECTIONS = 10_000


@dataclass(frozen=True, slots=True)
class ProductMatch:
    sku: str
    start: int
    end: int
    score: float
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    path: str
    start: int
    end: int


Match = ProductMatch | CategoryMatch


class CatalogIndex:
    """Built per catalog version: when the catalog changes, build a new one and swap it in."""

    def __init__(self, products: Iterable[Product], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.products = [product for product in products if product.active]
        self._names = [self._name_stems(product.name) for product in self.products]
        self._skus = {fold(product.sku): product.sku for product in self.products}
        self._members = _category_members(self.products)
        self._categories = _category_keys(self._members, lexicon)
        self._index_words()
        self._corrections: dict[str, str | None] = {}

    def _name_stems(self, name: str) -> tuple[str, ...]:
        terms = self.lexicon.terms(tokenize(name))
        return tuple(dict.fromkeys(term.stem for term in terms if term.stem not in JOINERS))

    def _index_words(self) -> None:
        postings: dict[str, list[int]] = {}
        for index, words in enumerate(self._names):
            for word in words:
                postings.setdefault(word, []).append(index)
        count = max(len(self.products), 1)
        self._idf = {word: math.log(1 + count / len(ids)) for word, ids in postings.items()}
        self._postings = {word: np.array(ids) for word, ids in postings.items()}
        self._weights = np.array([sum(self._idf[w] for w in words) for words in self._names])
        self._spellable = [word for word in postings if word.isalpha() and len(word) >= 4]

    def find_skus(self, text: str) -> list[ProductMatch]:
        """SKUs typed as such; all-digit SKUs only from 5 digits on, so quantities stay so."""
        found = []
        for match in SKU_LIKE.finditer(text):
            word = match.group()
            sku = self._skus.get(fold(word))
            if sku and (not word.isdigit() or len(word) >= 5):
                found.append(ProductMatch(sku, match.start(), match.end(), 1.0))
        return found

    def find_mentions(
        self, tokens: list[Token], text: str, numbers: Collection[int] = ()
    ) -> list[Match]:
        """Products and categories named in the text; `numbers`: tokens of spelled quantities."""
        terms = [t for t in self.lexicon.terms(tokens) if t.first not in numbers]
        known = [term for term in map(self._catalog_term, terms) if term]
        runs = _runs(known, tokens, text)
        return [match for run in runs for match in self._segment(run, tokens)]

    def match_phrase(self, phrase: str) -> Match | None:
        """What a phrase another extractor called a product or category refers to here."""
        matches = self.find_mentions(tokenize(phrase), phrase)
        return matches[0] if matches else None

    def _catalog_term(self, term: Term) -> Term | None:
        if term.stem in self._postings:
            return term
        corrected = self._correction(term.stem)
        return Term(corrected, term.first, term.last) if corrected else None

    def _correction(self, word: str) -> str | None:
        """A misspelt product word ('molinilo') → the catalog's word, remembered per index."""
        if word not in self._corrections:
            if len(self._corrections) >= MAX_CORRECTIONS:
                self._corrections.clear()
            self._corrections[word] = self._closest_word(word)
        return self._corrections[word]

    def _closest_word(self, word: str) -> str | None:
        if not self._distinctive(word):
            return None
        cutoff = 75 if len(word) == 4 else 80
        best = process.extractOne(word, self._spellable, scorer=fuzz.ratio, score_cutoff=cutoff)
        return best[0] if best else None

    def _segment(self, run: list[Term], tokens: list[Token]) -> list[Match]:
        """The best match of a run, then whatever products the words left on each side name.

        'pava y balanza' is two products, 'galletitas de avena y miel' one: a run is cut at a
        conjunction unless one product's name has the words on both sides and the conjunction."""
        run = _trimmed(run, tokens)
        if not run:
            return []
        joint = next((i for i, term in enumerate(run) if term.stem in CONJUNCTIONS), None)
        if joint is not None and not self._names_across(run, joint):
            return self._segment(run[:joint], tokens) + self._segment(run[joint + 1:], tokens)
        start, end = tokens[run[0].first].start, tokens[run[-1].last].end
        category = self._categories.get(frozenset(term.stem for term in run))
        if category and len(self._members[category]) > 1:
            return [CategoryMatch(category, start, end)]
        if category:
            return [ProductMatch(self.products[self._members[category][0]].sku, start, end, 1.0)]
        best = self._best_product({term.stem for term in run})
        if best is None:
            return []
        index, score, alternatives = best
        covered = [i for i, term in enumerate(run) if term.stem in self._names[index]]
        first, last = covered[0], covered[-1]
        match = ProductMatch(
            self.products[index].sku,
            tokens[run[first].first].start,
            tokens[run[last].last].end,
            score,
            alternatives,
        )
        return self._segment(run[:first], tokens) + [match] + self._segment(run[last + 1:], tokens)

    def _names_across(self, run: list[Term], joint: int) -> bool:
        best = self._best_product({term.stem for term in run if term.stem not in CONJUNCTIONS})
        if best is None:
            return False
        name = self._names[best[0]]
        return run[joint].stem in name and all(
            any(term.stem in name for term in side) for side in (run[:joint], run[joint + 1:])
        )

    def _best_product(self, words: set[str]) -> tuple[int, float, tuple[str, ...]] | None:
        shared = np.zeros(len(self.products))
        for word in words:
            shared[self._postings[word]] += self._idf[word]
        asked = sum(self._idf[word] for word in words)
        similarity = shared / (asked + self._weights - shared)
        best = int(similarity.argmax())
        if not self._names_it(best, words & set(self._names[best])):
            return None
        tied = np.flatnonzero(np.isclose(shared, shared[best]))
        ranked = sorted((i for i in tied if i != best), key=lambda i: -similarity[i])
        alternatives = tuple(self.products[i].sku for i in ranked[:MAX_ALTERNATIVES])
        return best, float(shared[best] / asked), alternatives

    def _names_it(self, index: int, matched: set[str]) -> bool:
        """Its head noun, two of its words, or one distinctive word (a brand) name a product."""
        return (
            self._names[index][0] in matched
            or len(matched) >= 2
            or any(self._distinctive(word) for word in matched)
        )

    def _distinctive(self, word: str) -> bool:
        return word.isalpha() and len(word) >= 4 and not self.lexicon.is_everyday(word)


def _trimmed(run: list[Term], tokens: list[Token]) -> list[Term]:
    """Starting as a run starts, and not ending with a conjunction: '1 balanza y' → 'balanza'."""
    first = next((i for i, term in enumerate(run) if _starts_run(term, tokens)), len(run))
    last = max((i for i, term in enumerate(run) if term.stem not in CONJUNCTIONS), default=-1)
    return run[first:last + 1]


def _starts_run(term: Term, tokens: list[Token]) -> bool:
    return (
        len(term.stem) > 1 and not tokens[term.first].is_number and term.stem not in CONJUNCTIONS
    )


def _runs(terms: list[Term], tokens: list[Token], text: str) -> list[list[Term]]:
    """Catalog words next to each other (or joined by one 'de', 'para'...) form one run.

    A run starts with a word: numbers and letters like the 'g' of '500 g' only continue one."""
    runs: list[list[Term]] = []
    for term in terms:
        if runs and _continues(runs[-1][-1], term, tokens, text):
            runs[-1].append(term)
        elif _starts_run(term, tokens):
            runs.append([term])
    return runs


def _continues(previous: Term, term: Term, tokens: list[Token], text: str) -> bool:
    if term.first <= previous.last:
        return True
    gap = text[tokens[previous.last].end:tokens[term.first].start]
    return RUN_GAP.fullmatch(fold(gap)) is not None


def _category_members(products: list[Product]) -> dict[str, list[int]]:
    """Each category path and its ancestors, with the products under it."""
    members: dict[str, list[int]] = {}
    for index, product in enumerate(products):
        parts = product.category.split("/") if product.category else []
        for depth in range(len(parts)):
            members.setdefault("/".join(parts[: depth + 1]), []).append(index)
    return members


def _category_keys(paths: Iterable[str], lexicon: Lexicon) -> dict[frozenset[str], str]:
    """A category is named by the words of its full path or of its last part."""
    keys: dict[frozenset[str], str] = {}
    for path in sorted(paths, key=lambda p: (p.count("/"), p)):
        for phrase in (path.replace("/", " "), path.rsplit("/", 1)[-1]):
            terms = lexicon.terms(tokenize(phrase))
            keys.setdefault(frozenset(t.stem for t in terms if t.stem not in JOINERS), path)
    return keys
