"""The `orderbot` command."""

from pathlib import Path

import typer

from bot import cli_catalog, cli_config, cli_nlu
from bot.bootstrap import App, build
from domain.services.ordering import release_expired_reservations
from storage.demo import load_demo

app = typer.Typer(help="orderbot: a conversational ordering bot", no_args_is_help=True)
app.add_typer(cli_config.app, name="config")
app.add_typer(cli_catalog.app, name="catalog")
app.add_typer(cli_nlu.app, name="nlu")


def ready(config: Path | None) -> tuple[App, bool]:
    """The database migrated, with the demo shop when it is empty."""
    bot = build(config)
    with bot.uow() as uow:
        loaded = load_demo(uow)
        uow.commit()
    return bot, loaded


@app.command()
def init(config: Path | None = cli_catalog.ConfigOption) -> None:
    """Create or migrate the database; load the demo catalog and promotions when empty."""
    _, loaded = ready(config)
    print("database ready" + (", demo catalog and promotions loaded" if loaded else ""))


@app.command("release-reservations")
def release_reservations(config: Path | None = cli_catalog.ConfigOption) -> None:
    """Cancel orders left unpaid past orders.reservation_hours, so their stock sells again
    (run it from cron until the scheduler does)."""
    bot = build(config)
    with bot.uow() as uow:
        released = release_expired_reservations(uow, bot.shop)
        uow.commit()
    print(f"{len(released)} orders released" + (f": {released}" if released else ""))


@app.command()
def chat(
    as_: str = typer.Option("me", "--as", help="who you are: any id, or a staff id "
                                                "from config.yml"),
    jsonl: bool = typer.Option(False, "--jsonl", help="JSON lines on stdin and stdout"),
    config: Path | None = cli_catalog.ConfigOption,
) -> None:
    """Chat with the bot in this terminal, as a customer (or as staff with --as)."""
    # NLU and PDF libraries load only to chat, so the other commands start fast.
    from bot.chat_wiring import build_engine
    from bot.console import run_interactive, run_jsonl

    bot, _ = ready(config)
    engine = build_engine(bot)
    if jsonl:
        run_jsonl(engine)
    else:
        print(f"orderbot — {bot.settings.business.name}. Ctrl-D to leave; a number presses "
              "a button; @/path/file sends a file.")
        run_interactive(engine, as_)
