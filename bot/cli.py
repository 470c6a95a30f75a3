"""The `orderbot` command."""

from pathlib import Path

import typer

from bot import cli_catalog, cli_config, cli_nlu
from bot.bootstrap import App
from bot.catalog_csv import COLUMNS
from bot.cli_config import ConfigOption, app_from
from domain.services.ordering import release_expired_reservations
from storage.demo import load_demo

app = typer.Typer(help="orderbot: a conversational ordering bot", no_args_is_help=True)
app.add_typer(cli_config.app, name="config")
app.add_typer(cli_catalog.app, name="catalog")
app.add_typer(cli_nlu.app, name="nlu")


def ready(config: Path | None) -> tuple[App, str]:
    """The database migrated, with the demo catalog when it is empty and the shop sells like
    the demo's (in ARS, with iva21 and iva105); and a line saying what it found."""
    bot = app_from(config)
    with bot.uow() as uow:
        loaded = load_demo(uow, bot.shop.currency, bot.shop.taxes.rates)
        empty = uow.catalog.count() == 0
        uow.commit()
    if loaded:
        return bot, "database ready, demo catalog and promotions loaded"
    if empty:
        return bot, ("database ready; the catalog is empty: import yours with `orderbot "
                     f"catalog import products.csv` (columns {','.join(COLUMNS)})")
    return bot, "database ready"


@app.command()
def init(config: ConfigOption = None) -> None:
    """Create or migrate the database; load the demo catalog and promotions when empty (and
    the shop sells in ARS with the tax categories iva21 and iva105)."""
    print(ready(config)[1])


@app.command("release-reservations")
def release_reservations(config: ConfigOption = None) -> None:
    """Cancel orders left unpaid past orders.reservation_hours, so their stock sells again
    (run it from cron until the scheduler does)."""
    bot = app_from(config)
    with bot.uow() as uow:
        released = release_expired_reservations(uow, bot.shop)
        uow.commit()
    print(f"{len(released)} orders released" + (f": {released}" if released else ""))


@app.command()
def chat(
    as_: str = typer.Option("me", "--as", help="who you are: any id, or a staff id "
                                                "from config.yml"),
    jsonl: bool = typer.Option(False, "--jsonl", help="JSON lines on stdin and stdout"),
    config: ConfigOption = None,
) -> None:
    """Chat with the bot in this terminal, as a customer (or as staff with --as)."""
    # NLU and PDF libraries load only to chat, so the other commands start fast.
    from bot.chat_wiring import build_engine
    from bot.console import run_interactive, run_jsonl
    from bot.payment_wiring import payment_gateway, payment_jobs

    bot, _ = ready(config)
    engine = build_engine(bot)
    jobs = payment_jobs(engine, payment_gateway(bot))
    if jsonl:
        run_jsonl(engine, jobs=jobs)
    else:
        print(f"orderbot — {bot.settings.business.name}. Ctrl-D to leave; a number presses "
              "a button; @/path/file sends a file.")
        run_interactive(engine, as_, jobs=jobs)


HostOption = typer.Option("0.0.0.0", "--host", help="the address to listen on")
PortOption = typer.Option(8080, "--port", help="the port to listen on")


@app.command()
def serve(host: str = HostOption, port: int = PortOption, config: ConfigOption = None) -> None:
    """The web server for the platforms' webhooks (Telegram, WhatsApp, payments), with the
    workers that answer them. Telegram's webhook is registered when telegram.webhook_url is
    set."""
    _serve(config, host, port, poll_telegram=False)


@app.command()
def run(host: str = HostOption, port: int = PortOption, config: ConfigOption = None) -> None:
    """Like serve, but Telegram updates are fetched by long polling: no public URL needed."""
    _serve(config, host, port, poll_telegram=True)


def _serve(config: Path | None, host: str, port: int, poll_telegram: bool) -> None:
    import asyncio
    import logging
    import signal

    from bot.server import serve as serve_forever

    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # A line per webhook request drowns what matters; refusals are logged by the handlers.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    bot, found = ready(config)
    print(found)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve_forever(bot, host, port, poll_telegram=poll_telegram, stop=stop,
                            started=lambda bound: print(f"listening on {host}:{bound}"))

    asyncio.run(main())
