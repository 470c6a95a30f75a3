"""The composition root: config + environment → settings, database, shop, units of work."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.config import Settings, load_config
from bot.shop_settings import shop_from
from domain.ports import Clock, UnitOfWork
from domain.shop import Shop
from storage.database import make_engine, make_session_factory
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


def database_url(settings: Settings, environ: Mapping[str, str]) -> str | None:
    return environ.get("DATABASE_URL") or settings.database.url


def build(config: str | Path | None = None, environ: Mapping[str, str] | None = None,
          clock: Clock | None = None) -> App:
    """Load config, migrate the database to the latest schema, wire the shop."""
    environ = os.environ if environ is None else environ
    settings = load_config(config_path(config), environ)
    engine = make_engine(database_url(settings, environ))
    upgrade(engine)
    sessions = make_session_factory(engine)
    return App(settings, shop_from(settings, clock), lambda: SqlUnitOfWork(sessions))
