"""Catalog CSV: `sku,name,description,category,price,tax_category,stock,features[,image]
[,active]`.

Reading validates every row and reports every problem with its line number; nothing is
written unless the whole file is good. Every value read fits the database's columns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, TypeVar, cast

from sqlalchemy import String

from domain.catalog import SKU_PATTERN, Product, check_price
from domain.errors import DomainError
from domain.money import Money, minor_unit
from storage.schema.catalog import products as product_table

if TYPE_CHECKING:
    import _csv

REQUIRED = ("sku", "name", "description", "category", "price", "tax_category", "stock",
            "features")
COLUMNS = (*REQUIRED, "image", "active")

T = TypeVar("T")

MAX_LENGTH = {
    **{column: cast(String, product_table.c[column].type).length
       for column in ("name", "category", "image")},
    "description": 2000,  # shown whole in one chat message; Telegram's hold 4096 characters
}
MAX_STOCK = 1_000_000_000  # the stock columns are 32-bit integers
# C0 and C1 control characters (NUL, bell, escape…): PostgreSQL refuses NUL in text, the
# others garble chats. Line breaks and tabs are fine in a description only.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ACTIVE = {"true": True, "yes": True, "sí": True, "si": True, "1": True, "": True,
          "false": False, "no": False, "0": False}


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class NotUtf8(Exception):
    """The file is in another encoding (often Latin-1 or Windows-1252, from a spreadsheet)."""

    def __init__(self, line: int, error: UnicodeDecodeError) -> None:
        self.line = line
        byte = error.object[error.start]
        super().__init__(f"line {line} is not UTF-8 text (it has the byte 0x{byte:02x}); "
                         "save the file as \"CSV UTF-8\"")


def utf8_lines(raw: Iterable[bytes]) -> Iterator[str]:
    """The lines of a file read in binary, decoded; NotUtf8 names the first bad line."""
    for number, line in enumerate(raw, 1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise NotUtf8(number, error) from None


@dataclass(frozen=True)
class CatalogFile:
    products: list[Product]
    errors: list[RowError]
    line_of: dict[str, int]
    sets_active: bool = False  # the file has the `active` column


def parse_features(text: str | None) -> dict[str, str]:
    """'origen=Colombia; tueste=medio' → {'origen': 'Colombia', 'tueste': 'medio'}."""
    features: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in parse_text("features", text).split(";"))):
        key, sep, value = (s.strip() for s in part.partition("="))
        if not sep or not key or not value:
            raise ValueError(f"feature {part!r} is not key=value")
        if key in features:
            raise ValueError(f"feature {key!r} appears twice")
        features[key] = value
    return features


def format_features(features: dict[str, str]) -> str:
    return "; ".join(f"{key}={value}" for key, value in features.items())


def parse_price(text: str, currency: str) -> Money:
    text = (text or "").strip()
    if not text or not all(ch.isdigit() or ch == "." for ch in text) or text.count(".") > 1:
        raise ValueError(f"price {text!r} must be a number with a dot for decimals, like 1234.50")
    amount = check_price(Decimal(text))
    if amount != amount.quantize(minor_unit(currency)):
        raise ValueError(f"price {text} has more decimals than {currency} allows")
    return Money(amount, currency)


def parse_stock(text: str) -> int:
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > MAX_STOCK:
        raise ValueError(f"stock {text[:20]!r} must be a whole number from 0 to {MAX_STOCK:,}")
    return int(text)


def parse_sku(text: str) -> str:
    sku = (text or "").strip()
    if not SKU_PATTERN.fullmatch(sku):
        raise ValueError(f"sku {sku!r} must be 1-64 letters, digits, '.', '_' or '-'")
    return sku


def parse_text(column: str, text: str | None) -> str:
    """The value stripped; refused if longer than its column or with control characters."""
    text = (text or "").strip()
    limit = MAX_LENGTH.get(column)
    if limit is not None and len(text) > limit:
        raise ValueError(f"{column} is longer than {limit} characters ({len(text):,})")
    control = CONTROL_BUT_LINE_BREAKS if column == "description" else CONTROL
    if found := control.search(text):
        raise ValueError(f"{column} contains the control character "
                         f"{_character_name(found.group())}")
    return text


def parse_name(text: str) -> str:
    name = parse_text("name", text)
    if not name:
        raise ValueError("name is empty")
    return name


def parse_active(text: str | None) -> bool:
    value = (text or "").strip()
    if value.casefold() not in ACTIVE:
        raise ValueError(f"active {value[:20]!r} must be true or false")
    return ACTIVE[value.casefold()]


def parse_tax_category(text: str, tax_categories: set[str]) -> str:
    text = (text or "").strip()
    if text not in tax_categories:
        raise ValueError(f"tax_category {text!r} is not one of {', '.join(sorted(tax_categories))}")
    return text


def parse_row(row: dict[str, str], currency: str, tax_categories: set[str]) -> Product:
    """Every problem of the row in one message, not just the first."""
    problems: list[str] = []

    def checked(parse: Callable[..., T], *args: object) -> T:
        try:
            return parse(*args)
        except (ValueError, DomainError) as error:
            problems.append(str(error))
            return cast(T, None)  # never used: the row is refused below

    sku = checked(parse_sku, row["sku"])
    name = checked(parse_name, row["name"])
    description = checked(parse_text, "description", row["description"])
    category = checked(parse_text, "category", row["category"])
    price = checked(parse_price, row["price"], currency)
    stock = checked(parse_stock, row["stock"])
    features = checked(parse_features, row["features"])
    tax_category = checked(parse_tax_category, row["tax_category"], tax_categories)
    image = checked(parse_text, "image", row.get("image"))
    active = checked(parse_active, row.get("active"))
    if problems:
        raise ValueError("; ".join(problems))
    return Product(
        sku=sku, name=name, description=description, category=category, price=price,
        tax_category=tax_category, stock_on_hand=stock, features=features,
        image=image or None, active=active,
    )


def header_errors(fieldnames: list[str] | None) -> list[RowError]:
    if not fieldnames:
        return [RowError(1, "the file is empty; a header line is required")]
    missing = [c for c in REQUIRED if c not in fieldnames]
    unknown = [c for c in fieldnames if c not in COLUMNS]
    problems = ([f"missing columns: {', '.join(missing)}"] if missing else []) + \
               ([f"unknown columns: {', '.join(unknown)}"] if unknown else [])
    return [RowError(1, problem) for problem in problems]


def read_catalog(lines: Iterable[str], currency: str, tax_categories: set[str]) -> CatalogFile:
    """`lines` of text, like an open text file or `utf8_lines` of a binary one."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as error:
        return CatalogFile([], [RowError(1, _csv_problem(error))], {})
    errors = header_errors(header)
    if errors or header is None:
        return CatalogFile([], errors, {})
    products: list[Product] = []
    first_line: dict[str, int] = {}
    for line, fields in _records(reader, errors):
        try:
            row = dict(zip(header, fields))
            if len(fields) > len(header) or any(column not in row for column in REQUIRED):
                raise ValueError("wrong number of fields")
            product = parse_row(row, currency, tax_categories)
        except (ValueError, DomainError) as error:
            errors.append(RowError(line, str(error)))
            continue
        if product.sku in first_line:
            errors.append(RowError(line, f"SKU {product.sku} already on line "
                                         f"{first_line[product.sku]}"))
            continue
        first_line[product.sku] = line
        products.append(product)
    return CatalogFile(products, errors, first_line, "active" in header)


def _records(
    reader: _csv.Reader, errors: list[RowError]
) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each record but blank ones; one the csv module cannot read
    is an error, and reading goes on with the next line."""
    while True:
        line = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            errors.append(RowError(line, _csv_problem(error)))
            continue
        if fields:
            yield line, fields


def rows(products: Iterable[Product]) -> Iterator[list[str]]:
    for p in products:
        yield [p.sku, p.name, p.description, p.category, str(p.price.amount), p.tax_category,
               str(p.stock_on_hand), format_features(p.features), p.image or "",
               "true" if p.active else "false"]


def write_catalog(products: Iterable[Product], target: IO[str]) -> int:
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(products):
        writer.writerow(row)
        count += 1
    return count


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if text.startswith("field larger than field limit"):
        return f"a field is longer than {csv.field_size_limit():,} characters"
    return f"not valid CSV: {text}"


def _character_name(character: str) -> str:
    return "NUL" if character == "\x00" else f"U+{ord(character):04X}"
