"""Texts cut to the Bot API's limits at paragraph, then line, then word boundaries."""

from __future__ import annotations

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
BOUNDARIES = ("\n\n", "\n", " ")


def units(text: str) -> int:
    """The length as UTF-16 code units: never less than what Telegram counts, however it
    counts emoji (reports disagree), so a text within the limit here is within it there."""
    return len(text.encode("utf-16-le")) // 2


def chunks(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """`text` in order as pieces within `limit`; blank pieces are left out (Telegram refuses
    an empty message and trims the rest anyway)."""
    pieces = _split(text, limit, BOUNDARIES)
    return [piece.strip() for piece in pieces if piece.strip()]


def _split(text: str, limit: int, boundaries: tuple[str, ...]) -> list[str]:
    if units(text) <= limit:
        return [text]
    if not boundaries:
        return _cut(text, limit)
    boundary, finer = boundaries[0], boundaries[1:]
    done: list[str] = []
    current: str | None = None
    for part in text.split(boundary):
        joined = part if current is None else current + boundary + part
        if units(joined) <= limit:
            current = joined
            continue
        if current is not None:
            done.append(current)
        *whole, current = _split(part, limit, finer)
        done.extend(whole)
    if current is not None:
        done.append(current)
    return done


def _cut(text: str, limit: int) -> list[str]:
    """A run without boundaries, cut between characters (never inside a surrogate pair)."""
    pieces, start, size = [], 0, 0
    for index, char in enumerate(text):
        width = units(char)
        if size + width > limit:
            pieces.append(text[start:index])
            start, size = index, 0
        size += width
    pieces.append(text[start:])
    return pieces
