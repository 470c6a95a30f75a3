"""Engines and sessions: the embedded SQLite file by default, PostgreSQL through psycopg 3."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///orderbot.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Enough connections for ~20 threads handling messages at once, with some headroom.
POOL = {"pool_size": 20, "max_overflow": 10, "pool_timeout": 30}


def database_url(url: str | None = None) -> str:
    """The URL given, else $DATABASE_URL, else the SQLite file orderbot.db here."""
    return normalize_url(url or os.environ.get("DATABASE_URL") or DEFAULT_URL)


def normalize_url(url: str) -> str:
    """Plain PostgreSQL URLs (as hosting platforms hand them out) go through psycopg 3."""
    for scheme in ("postgres://", "postgresql://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url.removeprefix(scheme)
    return url


def make_engine(url: str | None = None) -> Engine:
    parsed = make_url(database_url(url))
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    engine = create_engine(parsed, pool_pre_ping=True, json_serializer=json_dumps, **POOL)
    event.listen(engine, "connect", _configure_postgresql_connection)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def json_dumps(value: Any) -> str:
    """JSON columns accept Decimals and datetimes too; they come back as strings."""
    return json.dumps(value, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be stored as JSON")


def _sqlite_engine(url: URL) -> Engine:
    in_memory = url.database in (None, "", ":memory:")
    engine = create_engine(url, json_serializer=json_dumps, **({} if in_memory else POOL))
    event.listen(engine, "connect", _configure_sqlite_connection)
    writer = WriterQueue()
    event.listen(engine, "begin", writer.begin)
    event.listen(engine, "commit", writer.end)
    event.listen(engine, "rollback", writer.end)
    return engine


class WriterQueue:
    """SQLite has one writer at a time. Threads of this process queue on a lock, in turn,
    instead of polling the database's busy handler, whose growing sleeps starve some of
    them; other processes still wait on busy_timeout."""

    def __init__(self) -> None:
        # Reentrant: a thread that opens a second transaction inside the first fails on
        # busy_timeout like a second process would, instead of waiting for itself forever.
        self._lock = threading.RLock()

    def begin(self, connection: Any) -> None:
        if not self._lock.acquire(timeout=SQLITE_BUSY_TIMEOUT_MS / 1000):
            raise sqlite3.OperationalError("database is locked: another writer took too long")
        connection.info["holds_writer_lock"] = True
        try:
            _begin_immediate(connection)
        except BaseException:
            self.end(connection)
            raise

    def end(self, connection: Any) -> None:
        if connection.info.pop("holds_writer_lock", False):
            self._lock.release()


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see _begin_immediate), so sqlite3 must not.
    dbapi_connection.isolation_level = None
    # In WAL mode, synchronous=NORMAL loses no committed transaction when the process
    # crashes (only on power loss) and spares an fsync per commit.
    for pragma in (f"busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}", "journal_mode = WAL",
                   "synchronous = NORMAL", "foreign_keys = ON"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _configure_postgresql_connection(dbapi_connection: Any, _record: Any) -> None:
    # psycopg prepares repeated statements; PostgreSQL may then settle on a generic plan
    # made while a table was empty (a sequential scan) and keep it as the table grows.
    autocommit, dbapi_connection.autocommit = dbapi_connection.autocommit, True
    dbapi_connection.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.autocommit = autocommit


def _begin_immediate(connection: Any) -> None:
    # Taking the write lock up front makes concurrent writers queue on busy_timeout;
    # a deferred BEGIN would fail with "database is locked" when upgrading a read lock.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
