"""`orderbot nlu`: train the built-in model, parse a message, evaluate on a test file.

nlu is imported inside the commands: it loads scikit-learn, which would slow every other command.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from bot.catalog_csv import read_catalog
from domain.catalog import Product

if TYPE_CHECKING:
    from nlu import Parser
    from nlu.evaluation import Evaluation

app = typer.Typer(help="Train, try and evaluate the language understanding.", no_args_is_help=True)
console = Console()

CacheDir = Annotated[
    Optional[Path],
    typer.Option(help="Model cache (default: $ORDERBOT_NLU_CACHE or ~/.cache/orderbot/nlu)."),
]
Catalog = Annotated[
    Optional[Path],
    typer.Option(
        "--catalog",
        exists=True,
        dir_okay=False,
        help="Products CSV (sku,name,description,category,price,tax_category,stock,features).",
    ),
]
Backend = Annotated[str, typer.Option(help="builtin or rasa.")]
RasaUrl = Annotated[Optional[str], typer.Option(help="Rasa server, e.g. http://localhost:5005.")]
Currency = Annotated[str, typer.Option(help="Currency of the catalog's prices.")]


def products_of(path: Path, currency: str) -> list[Product]:
    """The catalog CSV's products; any tax category is accepted, the NLU only matches names."""
    text = path.read_text(encoding="utf-8-sig")
    taxes = {row.get("tax_category") or "" for row in csv.DictReader(io.StringIO(text))}
    catalog = read_catalog(io.StringIO(text), currency, {tax.strip() for tax in taxes})
    if catalog.errors:
        raise typer.BadParameter("; ".join(map(str, catalog.errors[:5])), param_hint="--catalog")
    return catalog.products


def _parser(
    backend: str, rasa_url: str | None, cache_dir: Path | None, catalog: Path | None, currency: str
) -> Parser:
    from nlu import create_parser

    products = products_of(catalog, currency) if catalog else []
    try:
        return create_parser(backend, rasa_url=rasa_url, cache_dir=cache_dir, products=products)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.command()
def train(
    data: Annotated[Optional[Path], typer.Option(help="Rasa NLU YAML file or directory.")] = None,
    cache_dir: CacheDir = None,
) -> None:
    """Train the built-in model from the Rasa YAML data and store it in the cache."""
    from nlu.model import model_path, save
    from nlu.model import train as train_model
    from nlu.training_data import DEFAULT_DATA_DIR

    data = data or DEFAULT_DATA_DIR
    started = time.perf_counter()
    model = train_model(data)
    path = model_path(data, cache_dir)
    save(model, path)
    console.print(f"trained in {time.perf_counter() - started:.1f} s → {path}")


@app.command()
def parse(
    text: str,
    catalog: Catalog = None,
    backend: Backend = "builtin",
    rasa_url: RasaUrl = None,
    cache_dir: CacheDir = None,
    currency: Currency = "ARS",
) -> None:
    """Print the parse of TEXT as JSON in Rasa's shape."""
    parser = _parser(backend, rasa_url, cache_dir, catalog, currency)
    typer.echo(json.dumps(parser.parse(text).to_rasa_dict(), ensure_ascii=False, indent=2))


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Rasa NLU YAML.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    catalog: Catalog = None,
    backend: Backend = "builtin",
    rasa_url: RasaUrl = None,
    cache_dir: CacheDir = None,
    currency: Currency = "ARS",
) -> None:
    """Accuracy, macro F1, per-intent precision/recall/F1 and the most confused intents."""
    from nlu.evaluation import evaluate as run_evaluation
    from nlu.training_data import TrainingDataError, load_training_data

    try:
        examples = load_training_data(file).examples
    except TrainingDataError as error:
        raise typer.BadParameter(str(error)) from None
    report = run_evaluation(_parser(backend, rasa_url, cache_dir, catalog, currency), examples)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_report(report)


def _print_report(report: Evaluation) -> None:
    console.print(
        f"{report.examples} examples · accuracy {report.accuracy:.3f} · "
        f"macro F1 {report.macro_f1:.3f}"
    )
    table = Table("intent", "precision", "recall", "F1", "support")
    for intent, metrics in report.per_intent.items():
        table.add_row(
            intent, f"{metrics.precision:.2f}", f"{metrics.recall:.2f}", f"{metrics.f1:.2f}",
            str(metrics.support),
        )
    console.print(table)
    for confusion in report.confusions:
        console.print(f"{confusion.expected} → {confusion.predicted}: {confusion.count}")
