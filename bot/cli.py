"""The `orderbot` command."""

import typer

from bot import cli_config, cli_nlu

app = typer.Typer(help="orderbot: a conversational ordering bot", no_args_is_help=True)
app.add_typer(cli_config.app, name="config")
app.add_typer(cli_nlu.app, name="nlu")
