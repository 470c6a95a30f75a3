"""`orderbot catalog import|export`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from bot.catalog_csv import (
    CatalogFile,
    NotUtf8,
    RowError,
    read_catalog,
    utf8_lines,
    write_catalog,
)
from bot.cli_config import ConfigOption, app_from
from domain.services.catalog import upsert_products
from domain.shop import Shop

app = typer.Typer(help="Import and export the product catalog as CSV.", no_args_is_help=True)


def read_with_progress(file: Path, shop: Shop) -> CatalogFile:
    """The file read in binary, the bar following the bytes read; exit 1 if not UTF-8."""
    try:
        with Progress(console=Console(stderr=True)) as bar, \
                bar.open(file, "rb", description="reading") as raw:
            return read_catalog(utf8_lines(raw), shop.currency, set(shop.taxes.rates))
    except NotUtf8 as error:
        typer.echo(f"{file}: {error}; nothing imported", err=True)
        raise typer.Exit(1) from None


@app.command("import")
def import_catalog(file: Path, config: ConfigOption = None) -> None:
    """Upsert products by SKU from FILE.csv; any bad row and nothing is imported."""
    if not file.is_file():
        typer.echo(f"{file}: no such file", err=True)
        raise typer.Exit(1)
    bot = app_from(config)
    parsed = read_with_progress(file, bot.shop)
    errors = [str(error) for error in parsed.errors]
    if not errors:
        with bot.uow() as uow:
            result = upsert_products(uow, parsed.products, parsed.sets_active)
            errors = [str(RowError(parsed.line_of[sku], reason))
                      for sku, reason in result.errors.items()]
            if not errors:
                uow.commit()
    if errors:
        typer.echo(f"{file}: {len(errors)} bad rows, nothing imported", err=True)
        for line in errors:
            typer.echo(f"  {line}", err=True)
        raise typer.Exit(1)
    print(f"{file}: {result.created} products created, {result.updated} updated")


@app.command("export")
def export_catalog(
    file: Annotated[Path | None, typer.Argument(help="default: standard output")] = None,
    config: ConfigOption = None,
) -> None:
    """Write every product, active or not, as CSV."""
    bot = app_from(config)
    with bot.uow() as uow:
        products = uow.catalog.list(active_only=False)
        if file is None:
            write_catalog(products, sys.stdout)
            return
        with file.open("w", encoding="utf-8", newline="") as target:
            count = write_catalog(products, target)
    typer.echo(f"{count} products written to {file}", err=True)
