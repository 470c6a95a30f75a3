"""Running the `orderbot` command in-process and looking at what it stored."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from bot.bootstrap import build
from bot.cli import app
from domain.catalog import Product

CONFIG = Path(__file__).resolve().parents[2] / "config.yml"
HEADER = "sku,name,description,category,price,tax_category,stock,features\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def products() -> dict[str, Product]:
    with build(CONFIG).uow() as uow:
        return {p.sku: p for p in uow.catalog.list(active_only=False)}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
