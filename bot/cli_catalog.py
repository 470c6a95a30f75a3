"""`orderbot catalog import|export`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

from bot.bootstrap import build
from bot.catalog_csv import RowError, read_catalog, write_catalog
from domain.services.catalog import upsert_products

app = typer.Typer(help="Import and export the product catalog as CSV.", no_args_is_help=True)
ConfigOption = typer.Option(None, "--config", "-c", help="config.yml to use")


def count_rows(path: Path) -> int:
    with path.open("rb") as file:
        return max(sum(1 for _ in file) - 1, 0)


@app.command("import")
def import_catalog(file: Path, config: Path | None = ConfigOption) -> None:
    """Upsert products by SKU from FILE.csv; any bad row and nothing is imported."""
    if not file.is_file():
        typer.echo(f"{file}: no such file", err=True)
        raise typer.Exit(1)
    bot = build(config)
    with file.open(encoding="utf-8-sig", newline="") as source, Progress(console=Console(stderr=True)) as bar:
        task = bar.add_task("reading", total=count_rows(file))
        parsed = read_catalog(source, bot.shop.currency, set(bot.shop.taxes.rates),
                              progress=lambda n: bar.advance(task, n))
    errors = [str(error) for error in parsed.errors]
    if not errors:
        with bot.uow() as uow:
            result = upsert_products(uow, parsed.products)
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
def export_catalog(file: Path | None = typer.Argument(None, help="default: standard output"),
                   config: Path | None = ConfigOption) -> None:
    """Write every product, active or not, as CSV."""
    bot = build(config)
    with bot.uow() as uow:
        products = uow.catalog.list(active_only=False)
        if file is None:
            write_catalog(products, sys.stdout)
            return
        with file.open("w", encoding="utf-8", newline="") as target:
            count = write_catalog(products, target)
    typer.echo(f"{count} products written to {file}", err=True)
