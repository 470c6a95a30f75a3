"""Databases for tests: SQLite always, PostgreSQL when ORDERBOT_TEST_POSTGRES_URL is set.

Each test gets a database of its own, copied from one migrated per xdist worker: a file copy
on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Nothing is shared between workers.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.pool import NullPool

from storage.database import make_engine, make_session_factory, normalize_url
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

POSTGRES_URL = os.environ.get("ORDERBOT_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(
        not POSTGRES_URL, reason="ORDERBOT_TEST_POSTGRES_URL is not set")),
]


class PostgresServer:
    """Creates and drops databases named after the xdist worker, so workers never meet."""

    def __init__(self, url: str) -> None:
        self.url = make_url(normalize_url(url))
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "main")

    def create(self, template: str | None = None) -> str:
        name = f"orderbot_{self.worker}_{uuid.uuid4().hex[:10]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        self._execute(f'CREATE DATABASE "{name}"{copy}')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(sql)
        finally:
            admin.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    assert POSTGRES_URL, "postgres_server needs ORDERBOT_TEST_POSTGRES_URL"
    return PostgresServer(POSTGRES_URL)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "orderbot.db"
    upgrade(f"sqlite:///{path}")  # disposing the engine checkpoints the WAL into the file
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> Iterator[str]:
    name = postgres_server.create()
    upgrade(postgres_server.url_of(name))
    yield name
    postgres_server.drop(name)


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for this test, without any table."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'orderbot.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create()
    yield server.url_of(name)
    server.drop(name)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for this test, migrated to the latest revision."""
    if request.param == "sqlite":
        path = tmp_path / "orderbot.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create(template=request.getfixturevalue("postgres_template"))
    yield server.url_of(name)
    server.drop(name)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def uow_factory(engine: Engine) -> Callable[..., SqlUnitOfWork]:
    """`uow_factory()` (or `uow_factory(clock=…)`): a new unit of work on the test database."""
    return functools.partial(SqlUnitOfWork, make_session_factory(engine))


@pytest.fixture(scope="session", autouse=True)
def nlu_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Train the NLU model once per test process, apart from the user's own cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ORDERBOT_NLU_CACHE", str(tmp_path_factory.mktemp("nlu-cache")))
        yield
