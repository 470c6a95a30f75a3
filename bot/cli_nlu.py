"""`orderbot nlu`: train the built-in model, parse a message, evaluate on a test file.

parse and evaluate use the parser the bot would: the `nlu` settings and business country of
config.yml, and the shop's products from its database (or a catalog CSV given with --catalog).
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

from bot.bootstrap import App
from bot.catalog_csv import read_catalog
from bot.cli_config import ConfigOption, app_from
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
Backend = Annotated[
    Optional[str], typer.Option(help="builtin or rasa (default: nlu.backend of config.yml).")
]
RasaUrl = Annotated[
    Optional[str],
    typer.Option(help="Rasa server, e.g. http://localhost:5005 (default: nlu.rasa_url)."),
]


def products_of(path: Path, currency: str) -> list[Product]:
    """The catalog CSV's products, priced in the shop's currency; any tax category is accepted:
    the NLU only matches names."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise typer.BadParameter(f"not UTF-8 text: {error}", param_hint="--catalog") from None
    taxes = {row.get("tax_category") or "" for row in csv.DictReader(io.StringIO(text))}
    catalog = read_catalog(io.StringIO(text), currency, {tax.strip() for tax in taxes})
    if catalog.errors:
        raise typer.BadParameter("; ".join(map(str, catalog.errors[:5])), param_hint="--catalog")
    return catalog.products


def shop_products(bot: App) -> list[Product]:
    with bot.uow() as uow:
        products = uow.catalog.list()
    if not products:
        typer.echo("The shop's catalog is empty: no product will be recognized (run `orderbot "
                   "init` or `orderbot catalog import`, or pass --catalog).", err=True)
    return products


def _parser(
    config: Path | None,
    backend: str | None,
    rasa_url: str | None,
    cache_dir: Path | None,
    catalog: Path | None,
) -> Parser:
    from nlu import create_parser

    bot = app_from(config)
    settings = bot.settings.nlu
    products = products_of(catalog, bot.shop.currency) if catalog else shop_products(bot)
    try:
        return create_parser(
            backend or settings.backend,
            rasa_url=rasa_url or settings.rasa_url,
            timeout=settings.timeout_seconds,
            confidence_threshold=settings.confidence_threshold,
            cache_dir=cache_dir,
            products=products,
            country=bot.settings.business.country,
        )
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
    config: ConfigOption = None,
    catalog: Catalog = None,
    backend: Backend = None,
    rasa_url: RasaUrl = None,
    cache_dir: CacheDir = None,
) -> None:
    """Print the parse of TEXT as JSON in Rasa's shape."""
    parser = _parser(config, backend, rasa_url, cache_dir, catalog)
    typer.echo(json.dumps(parser.parse(text).to_rasa_dict(), ensure_ascii=False, indent=2))


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Rasa NLU YAML.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    config: ConfigOption = None,
    catalog: Catalog = None,
    backend: Backend = None,
    rasa_url: RasaUrl = None,
    cache_dir: CacheDir = None,
) -> None:
    """Accuracy, macro F1, per-intent precision/recall/F1 and the most confused intents."""
    from nlu.evaluation import evaluate as run_evaluation
    from nlu.training_data import TrainingDataError, load_training_data

    try:
        examples = load_training_data(file).examples
    except TrainingDataError as error:
        raise typer.BadParameter(str(error)) from None
    report = run_evaluation(_parser(config, backend, rasa_url, cache_dir, catalog), examples)
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
