"""What people send, checked the same on every channel: text as typed (control characters
out), places on Earth, and files told by their first bytes, not by the name or type they
claim (a renamed program is not a PDF)."""

from __future__ import annotations

import unicodedata

from dialogs.contract import Location

MAX_KEPT_BYTES = 25 * 1024 * 1024  # larger files are refused by whoever expects one
SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"),
              (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
              (b"GIF89a", "image/gif"), (b"RIFF", "riff"))


def clean_text(text: str) -> str:
    """Control characters (NUL and the like) are not something a person types."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def sniffed_type(content: bytes) -> str:
    for signature, mime in SIGNATURES:
        if content.startswith(signature):
            return "image/webp" if mime == "riff" and content[8:12] == b"WEBP" else mime
    return "application/octet-stream"


def location(value: object) -> Location:
    try:
        lat, lon = float(value["lat"]), float(value["lon"])  # type: ignore[index]
    except (TypeError, KeyError, ValueError):
        raise ValueError('"location" must be {"lat": number, "lon": number}') from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError('"location" must be a place on Earth')
    return Location(lat, lon)
