"""Migrations: Alembic, configured in code (no alembic.ini), scripts inside this package.

A new revision, compared against a database at the latest one ($DATABASE_URL or
orderbot.db), then checked by hand:

    python -c "from alembic import command; from storage.migrate import alembic_config; \
               command.revision(alembic_config(), 'what changed', autogenerate=True)"
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from storage.database import make_engine

SCRIPTS = Path(__file__).resolve().parent / "migrations"
# Alembic keeps the running migration in module globals: one per process at a time.
# Processes queue on a database lock instead (see migrations/env.py).
_ONE_AT_A_TIME = threading.Lock()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    return config


def upgrade(engine_or_url: Engine | str | None = None, revision: str = "head") -> None:
    """Bring the database (default: database_url()) up to `revision`."""
    _run(command.upgrade, engine_or_url, revision)


def downgrade(engine_or_url: Engine | str | None, revision: str) -> None:
    _run(command.downgrade, engine_or_url, revision)


def _run(action: Callable[[Config, str], None], engine_or_url: Engine | str | None,
         revision: str) -> None:
    engine = engine_or_url if isinstance(engine_or_url, Engine) else make_engine(engine_or_url)
    try:
        with _ONE_AT_A_TIME, engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            action(config, revision)
    finally:
        if engine is not engine_or_url:
            engine.dispose()
