import typer

app = typer.Typer(help="Check the business configuration (config.yml).", no_args_is_help=True)
