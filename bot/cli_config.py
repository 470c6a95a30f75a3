"""`orderbot config …`: look at the business configuration before the bot runs on it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from bot.bootstrap import App, DatabaseUnavailable, build, config_path
from bot.config import ConfigError, Settings, load_config

app = typer.Typer(help="Check the business configuration (config.yml).", no_args_is_help=True)

ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="config.yml to use (default: $ORDERBOT_CONFIG, "
                                        "else ./config.yml, else the demo shop's)"),
]


def app_from(config: Path | None) -> App:
    """bootstrap.build, or exit 1 saying what is wrong with the config or the database."""
    path = config_path(config)
    try:
        return build(path)
    except ConfigError as error:
        print_issues(path, error)
    except DatabaseUnavailable as error:
        typer.echo(str(error), err=True)
    raise typer.Exit(1)


def print_issues(path: Path, error: ConfigError) -> None:
    count = len(error.issues)
    typer.echo(f"{path} has {count} error{'s' if count > 1 else ''}:", err=True)
    for issue in error.issues:
        typer.echo(f"  {issue}", err=True)


@app.command()
def check(config: ConfigOption = None) -> None:
    """Validate the file; list every problem with its YAML path and exit 1 if any."""
    path = config_path(config)
    try:
        settings = load_config(path)
    except ConfigError as error:
        print_issues(path, error)
        raise typer.Exit(1) from None
    typer.echo(f"{path} is valid")
    for line in summary(settings):
        typer.echo(f"  {line}")


def summary(settings: Settings) -> list[str]:
    business, taxes = settings.business, settings.taxes
    zone = business.timezone.key
    rates = ", ".join(
        f"{name} {_percent(category.rate)}" for name, category in taxes.categories.items()
    )
    included = "included in" if taxes.prices_include_tax else "added to"
    available = settings.available_payment_methods
    unusable = [method for method in settings.payments.methods if method not in available]
    methods = ", ".join(available) or "none"
    if unusable:
        methods += f" (not offered, missing settings: {', '.join(unusable)})"
    return [
        f"business: {business.legal_name} ({business.country}, tax id {business.tax_id})",
        f"currency: {business.currency}, locale {business.locale}, time zone {zone}",
        f"tax rates: {rates} ({included} catalog prices)",
        f"payment methods: {methods}",
        f"staff: {len(settings.staff)}",
    ]


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"
