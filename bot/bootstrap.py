"""The composition root: config + environment → settings, database, shop, units of work."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from bot.config import Settings, load_config
from bot.shop_settings import shop_from
from domain.ports import Clock, UnitOfWork
from domain.shop import Shop
from storage.database import DEFAULT_URL, make_engine, make_session_factory, normalize_url
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

DEMO_CONFIG = Path(__file__).resolve().parents[1] / "config.yml"


def config_path(explicit: str | Path | None = None) -> Path:
    """--config, else ORDERBOT_CONFIG, else ./config.yml, else the demo shop's."""
    chosen = explicit or os.environ.get("ORDERBOT_CONFIG")
    if chosen:
        return Path(chosen)
    return Path("config.yml") if Path("config.yml").is_file() else DEMO_CONFIG


@dataclass(frozen=True)
class App:
    settings: Settings
    shop: Shop
    uow: Callable[[], UnitOfWork]


class DatabaseUnavailable(Exception):
    """The database URL is wrong, or the database cannot be reached or migrated."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot use the database {without_password(url)}: {reason}")


def without_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def open_database(url: str | None) -> Engine:
    """An engine on the database at `url` (else the SQLite file orderbot.db here),
    migrated to the latest schema."""
    url = normalize_url(url or DEFAULT_URL)
    try:
        make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseUnavailable(url, "not a database URL, like sqlite:///orderbot.db or "
                                       "postgresql+psycopg://user:password@host/name") from None
    try:
        engine = make_engine(url)
    except (ArgumentError, ImportError) as error:  # an unknown kind, or its driver is missing
        raise DatabaseUnavailable(url, str(error)) from None
    try:
        upgrade(engine)
    except OperationalError as error:
        engine.dispose()
        raise DatabaseUnavailable(url, str(error.orig or error).splitlines()[0]) from None
    return engine


def build(config: str | Path | None = None, environ: Mapping[str, str] | None = None,
          clock: Clock | None = None) -> App:
    """Load config, migrate the database to the latest schema, wire the shop.

    Raises ConfigError or DatabaseUnavailable."""
    environ = os.environ if environ is None else environ
    settings = load_config(config_path(config), environ)
    engine = open_database(settings.database.url)  # DATABASE_URL is applied by load_config
    sessions = make_session_factory(engine)
    return App(settings, shop_from(settings, clock), lambda: SqlUnitOfWork(sessions))
