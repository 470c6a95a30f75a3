import typer

app = typer.Typer(help="Train, try and evaluate the language understanding.", no_args_is_help=True)
