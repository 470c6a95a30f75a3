"""The bundled font, and customer text made printable with it.

Customers type anything: emoji, scripts the font lacks, control and bidi characters, names
of ten thousand characters. `printable` turns any of it into text the font can draw and the
layout can hold, so rendering never fails on content.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

FAMILY = "DejaVu"
FONT_FILES = {
    "": Path(__file__).with_name("fonts") / "DejaVuSans.ttf",
    "B": Path(__file__).with_name("fonts") / "DejaVuSans-Bold.ttf",
}
ELLIPSIS = "…"
UNKNOWN = "?"
DROPPED_CATEGORIES = {"Cf", "Cs", "Co", "Cn"}  # invisible formatting, surrogates, unassigned
RUNS_OF_SPACES = re.compile(" {2,}")


@cache
def drawable() -> frozenset[int]:
    """Code points every style of the family has a glyph for."""
    maps = []
    for path in FONT_FILES.values():
        with TTFont(path, lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps))


def printable(text: str, limit: int) -> str:
    """At most `limit` characters, on one line, all of them in the font.

    Symbols and marks the font lacks (most emoji) are dropped, as a name reads better
    without them; letters it lacks (CJK, for one) become '?', so the reader sees that
    something was there."""
    kept = "".join(_printable_char(char) for char in unicodedata.normalize("NFC", text))
    return _shortened(RUNS_OF_SPACES.sub(" ", kept).strip(" "), limit)


def _printable_char(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp") or (char.isspace() and category != "Zs"):
        return " "
    if category in DROPPED_CATEGORIES:
        return ""
    if ord(char) in drawable():
        return char
    if category == "Zs":
        return " "
    return "" if category[0] in "SM" else UNKNOWN


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
