"""The `orderbot` command."""

from pathlib import Path

import typer

from bot import cli_catalog, cli_config, cli_nlu
from bot.bootstrap import build
from storage.demo import load_demo

app = typer.Typer(help="orderbot: a conversational ordering bot", no_args_is_help=True)
app.add_typer(cli_config.app, name="config")
app.add_typer(cli_catalog.app, name="catalog")
app.add_typer(cli_nlu.app, name="nlu")


@app.command()
def init(config: Path | None = cli_catalog.ConfigOption) -> None:
    """Create or migrate the database; load the demo catalog and promotions when empty."""
    bot = build(config)
    with bot.uow() as uow:
        loaded = load_demo(uow)
        uow.commit()
    print("database ready" + (", demo catalog and promotions loaded" if loaded else ""))
