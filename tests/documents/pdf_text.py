"""The text of a PDF as poppler's pdftotext lays it out, and the amounts on each line."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import parse_decimal

from dialogs.i18n import Translator

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None,
                                     reason="pdftotext (poppler-utils) is not installed")
MONEY = re.compile(r"(-?)(?:\$|ARS)\s?(\d[\d.,]*\d)")


def pdf_pages(pdf: bytes) -> list[str]:
    assert PDFTOTEXT is not None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        shown = subprocess.run([PDFTOTEXT, "-layout", "-enc", "UTF-8", str(path), "-"],
                               capture_output=True, check=True, timeout=30)
    return shown.stdout.decode("utf-8").replace("\xa0", " ").split("\f")[:-1]


def amounts(line: str, t: Translator) -> list[Decimal]:
    return [parse_decimal(digits, locale=t.locale) * (-1 if minus else 1)
            for minus, digits in MONEY.findall(line)]


def rows_starting(text: str, start: str, t: Translator, count: int) -> list[list[Decimal]]:
    """The amounts of each line that begins with `start` and shows `count` amounts."""
    found = [amounts(line, t) for line in text.splitlines() if line.strip().startswith(start)]
    return [row for row in found if len(row) == count]


def one_row(text: str, start: str, t: Translator, count: int) -> list[Decimal]:
    rows = rows_starting(text, start, t, count)
    assert len(rows) == 1, f"{start!r} with {count} amounts: {rows}\n{text}"
    return rows[0]
