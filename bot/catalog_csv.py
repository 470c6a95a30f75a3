"""Catalog CSV: `sku,name,description,category,price,tax_category,stock,features[,image]`.

Reading validates every row and reports every problem with its line number; nothing is
written unless the whole file is good.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TextIO

from domain.catalog import SKU_PATTERN, Product, check_price
from domain.errors import DomainError
from domain.money import Money, minor_unit

REQUIRED = ("sku", "name", "description", "category", "price", "tax_category", "stock",
            "features")
COLUMNS = (*REQUIRED, "image")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class CatalogFile:
    products: list[Product]
    errors: list[RowError]
    line_of: dict[str, int]


def parse_features(text: str) -> dict[str, str]:
    """'origen=Colombia; tueste=medio' → {'origen': 'Colombia', 'tueste': 'medio'}."""
    features: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
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
    if not text.isdigit():
        raise ValueError(f"stock {text!r} must be a whole number ≥ 0")
    return int(text)


def parse_sku(text: str) -> str:
    sku = (text or "").strip()
    if not SKU_PATTERN.fullmatch(sku):
        raise ValueError(f"sku {sku!r} must be 1-64 letters, digits, '.', '_' or '-'")
    return sku


def parse_name(text: str) -> str:
    name = (text or "").strip()
    if not name:
        raise ValueError("name is empty")
    return name


def parse_tax_category(text: str, tax_categories: set[str]) -> str:
    text = (text or "").strip()
    if text not in tax_categories:
        raise ValueError(f"tax_category {text!r} is not one of {', '.join(sorted(tax_categories))}")
    return text


def parse_row(row: dict[str, str], currency: str, tax_categories: set[str]) -> Product:
    """Every problem of the row in one message, not just the first."""
    problems: list[str] = []

    def checked(parse: Callable[..., object], *args: object) -> object:
        try:
            return parse(*args)
        except (ValueError, DomainError) as error:
            problems.append(str(error))
            return None

    sku = checked(parse_sku, row["sku"])
    name = checked(parse_name, row["name"])
    price = checked(parse_price, row["price"], currency)
    stock = checked(parse_stock, row["stock"])
    features = checked(parse_features, row["features"])
    tax_category = checked(parse_tax_category, row["tax_category"], tax_categories)
    if problems:
        raise ValueError("; ".join(problems))
    return Product(
        sku=sku, name=name,
        description=(row["description"] or "").strip(), category=row["category"] or "",
        price=price, tax_category=tax_category, stock_on_hand=stock, features=features,
        image=(row.get("image") or "").strip() or None,
    )


def header_errors(fieldnames: list[str] | None) -> list[RowError]:
    if not fieldnames:
        return [RowError(1, "the file is empty; a header line is required")]
    missing = [c for c in REQUIRED if c not in fieldnames]
    unknown = [c for c in fieldnames if c not in COLUMNS]
    problems = ([f"missing columns: {', '.join(missing)}"] if missing else []) + \
               ([f"unknown columns: {', '.join(unknown)}"] if unknown else [])
    return [RowError(1, problem) for problem in problems]


def read_catalog(
    source: TextIO, currency: str, tax_categories: set[str],
    progress: Callable[[int], None] = lambda advance: None,
) -> CatalogFile:
    reader = csv.DictReader(source)
    errors = header_errors(reader.fieldnames)
    if errors:
        return CatalogFile([], errors, {})
    products: list[Product] = []
    first_line: dict[str, int] = {}
    start = reader.line_num + 1
    for row in reader:
        line, start = start, reader.line_num + 1
        progress(1)
        try:
            if None in row or any(row[c] is None for c in REQUIRED):
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
    return CatalogFile(products, errors, first_line)


def rows(products: Iterable[Product]) -> Iterator[list[str]]:
    for p in products:
        yield [p.sku, p.name, p.description, p.category, str(p.price.amount), p.tax_category,
               str(p.stock_on_hand), format_features(p.features), p.image or ""]


def write_catalog(products: Iterable[Product], target: IO[str]) -> int:
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(products):
        writer.writerow(row)
        count += 1
    return count
