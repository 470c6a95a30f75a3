"""`orderbot config …`: look at the business configuration before the bot runs on it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from bot.config import ConfigError, Settings, load_config

app = typer.Typer(help="Check the business configuration (config.yml).", no_args_is_help=True)

ConfigPath = Annotated[
    Path,
    typer.Option("--config", "-c", envvar="ORDERBOT_CONFIG", help="The configuration file."),
]


@app.command()
def check(config: ConfigPath = Path("config.yml")) -> None:
    """Validate the file; list every problem with its YAML path and exit 1 if any."""
    try:
        settings = load_config(config)
    except ConfigError as error:
        count = len(error.issues)
        typer.echo(f"{config} has {count} error{'s' if count > 1 else ''}:", err=True)
        for issue in error.issues:
            typer.echo(f"  {issue}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{config} is valid")
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
