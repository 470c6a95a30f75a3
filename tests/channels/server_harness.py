"""`orderbot serve` / `orderbot run` in a background thread, on the test's database, with
Telegram and WhatsApp pointed at the fake platform servers."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from bot.bootstrap import DEMO_CONFIG, App, build
from bot.server import serve
from storage.demo import load_demo
from tests.channels.fake_graph import ACCESS_TOKEN, PHONE_NUMBER_ID, TEMPLATE
from tests.channels.fake_telegram import TOKEN
from tests.channels.whatsapp_payloads import APP_SECRET
from tests.payments.fake_mercadopago import ACCESS_TOKEN as MP_ACCESS_TOKEN

TELEGRAM_SECRET = "webhook-Secret_123"
MP_WEBHOOK_SECRET = "a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3"
VERIFY_TOKEN = "verify-me-please"
T = TypeVar("T")


def config_with_channels(directory: Path, telegram_url: str | None = None,
                         graph_url: str | None = None, mercadopago_url: str | None = None,
                         **extra: Any) -> Path:
    """The demo shop's config.yml with the platforms whose fake servers are given."""
    settings = yaml.safe_load(DEMO_CONFIG.read_text(encoding="utf-8"))
    channels = settings["channels"]
    if mercadopago_url:
        settings["payments"]["mercadopago"] = {
            "access_token": MP_ACCESS_TOKEN, "webhook_secret": MP_WEBHOOK_SECRET,
            "api_base_url": mercadopago_url,
            "notification_url": "https://shop.example.com/payments/mercadopago",
            "back_urls": {"success": "https://shop.example.com/gracias"}}
    if telegram_url:
        channels["telegram"] = {"enabled": True, "token": TOKEN, "api_base_url": telegram_url,
                                "webhook_secret": TELEGRAM_SECRET,
                                **extra.get("telegram", {})}
    if graph_url:
        channels["whatsapp"] = {
            "enabled": True, "phone_number_id": PHONE_NUMBER_ID, "access_token": ACCESS_TOKEN,
            "app_secret": APP_SECRET, "verify_token": VERIFY_TOKEN,
            "graph_api_base_url": graph_url,
            "outside_24h_template": {"name": TEMPLATE, "language": "es_AR"},
            **extra.get("whatsapp", {})}
    path = directory / "config.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


class RunningServer:
    """Started on an ephemeral port; `stop()` ends it the way SIGTERM does."""

    def __init__(self, config: Path, database_url: str, files: Path,
                 poll_telegram: bool = False) -> None:
        self.environ = {"DATABASE_URL": database_url, "ORDERBOT_FILES": str(files)}
        self.app: App = build(config, self.environ)
        with self.app.uow() as uow:
            load_demo(uow, self.app.shop.currency, self.app.shop.taxes.rates)
            uow.commit()
        self.poll_telegram = poll_telegram
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._stop: asyncio.Event | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def uow(self):
        """Like the conversation tests' chat, for their setup helpers."""
        return self.app.uow()

    def start(self) -> RunningServer:
        self._thread.start()
        if not self._started.wait(60):
            raise RuntimeError(f"the server did not start: {self.error!r}")
        return self

    def stop(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    def __enter__(self) -> RunningServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._stop = asyncio.Event()
            await serve(self.app, "127.0.0.1", 0, poll_telegram=self.poll_telegram,
                        stop=self._stop, environ=self.environ, started=self._listening)

        try:
            self._loop.run_until_complete(main())
        except BaseException as error:  # shown by start() or the test
            self.error = error
            self._started.set()
        finally:
            self._loop.close()

    def _listening(self, port: int) -> None:
        self.port = port
        self._started.set()


def wait_for(check: Callable[[], T], timeout: float = 60, what: str = "it") -> T:
    """The first truthy value of `check()`, polled until `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)
