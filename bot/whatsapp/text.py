"""Text within WhatsApp's length limits.

Lengths are counted in UTF-16 code units, the stricter reading of Meta's "characters":
an emoji counts twice, so a title that fits here fits there."""

from __future__ import annotations

from collections.abc import Iterable

ELLIPSIS = "…"
_BREAKS = ("\n\n", "\n", " ")


def units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def prefix(text: str, limit: int) -> str:
    """The longest start of `text` within `limit` units, never half a surrogate pair."""
    head = text.encode("utf-16-le", "surrogatepass")[: 2 * limit]
    return head.decode("utf-16-le", "ignore")


def one_line(text: str) -> str:
    return " ".join(text.split())


def cut(text: str, limit: int) -> str:
    """`text` itself when it fits, else its start and "…"."""
    if units(text) <= limit:
        return text
    return prefix(text, limit - 1).rstrip() + ELLIPSIS


def split(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` units, cut at a paragraph, else a line, else a space."""
    pieces, rest = [], text.strip()
    while units(rest) > limit:
        head = prefix(rest, limit)
        end = next((i for i in (head.rfind(b) for b in _BREAKS) if i > 0), len(head))
        pieces.append(rest[:end].rstrip())
        rest = rest[end:].lstrip()
    return [*pieces, rest] if rest else pieces


def unique_titles(labels: Iterable[str], limit: int) -> list[str]:
    """Labels on one line, cut to `limit`, told apart by a number when two come out alike;
    an empty label becomes its position."""
    titles: list[str] = []
    for position, label in enumerate(labels, start=1):
        title = cut(one_line(label), limit) or str(position)
        number = 2
        while title in titles:
            suffix = f" {number}"
            title = cut(one_line(label), limit - len(suffix)) + suffix
            number += 1
        titles.append(title)
    return titles
