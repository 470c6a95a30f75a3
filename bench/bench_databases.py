"""Throwaway databases for the benchmarks."""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

from storage.database import normalize_url


@contextmanager
def temporary_postgres(server_url: str) -> Iterator[str]:
    """A new empty database on that server, dropped afterwards."""
    server = make_url(normalize_url(server_url))
    name = f"orderbot_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')


def databases(argument_index: int) -> Iterator[tuple[str, str]]:
    """(label, url): a SQLite file, then PostgreSQL when its URL is given on the command
    line or in ORDERBOT_TEST_POSTGRES_URL."""
    with tempfile.TemporaryDirectory() as tmp:
        yield "SQLite", f"sqlite:///{tmp}/bench.db"
    postgres = sys.argv[argument_index] if len(sys.argv) > argument_index else \
        os.environ.get("ORDERBOT_TEST_POSTGRES_URL")
    if not postgres:
        print("PostgreSQL skipped: give its URL or set ORDERBOT_TEST_POSTGRES_URL")
        return
    with temporary_postgres(postgres) as url:
        yield "PostgreSQL", url
