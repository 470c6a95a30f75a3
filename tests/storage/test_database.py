"""Which database, and how SQLite is set up to take concurrent writers."""

import shutil
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from storage_samples import product

from storage.database import database_url, make_engine, make_session_factory, normalize_url
from storage.uow import SqlUnitOfWork


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path):
    shutil.copyfile(sqlite_template, tmp_path / "shop.db")
    return f"sqlite:///{tmp_path / 'shop.db'}"


def test_the_default_database_is_orderbot_db_in_the_current_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    engine = make_engine()
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    engine.dispose()
    assert database_url() == "sqlite:///orderbot.db"
    assert (tmp_path / "orderbot.db").exists()


def test_database_url_from_the_environment_wins(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://shop@db.example.com/orderbot")
    assert database_url() == "postgresql+psycopg://shop@db.example.com/orderbot"
    assert database_url("sqlite:///other.db") == "sqlite:///other.db"


@pytest.mark.parametrize("given, expected", [
    ("postgres://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
    ("postgresql://u@h/d", "postgresql+psycopg://u@h/d"),
    ("postgresql+psycopg://u@h/d", "postgresql+psycopg://u@h/d"),
    ("sqlite:////var/lib/orderbot/shop.db", "sqlite:////var/lib/orderbot/shop.db"),
])
def test_postgresql_urls_go_through_psycopg_3(given, expected):
    assert normalize_url(given) == expected


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        pragmas = [connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("journal_mode", "foreign_keys", "busy_timeout")]
    engine.dispose()
    assert pragmas == ["wal", 1, 30_000]


def test_sqlite_writers_queue_instead_of_failing_or_losing_updates(sqlite_url):
    # Each transaction reads then writes: with a deferred BEGIN, two readers could not both
    # upgrade to writers ("database is locked") and one update would be lost.
    engine = make_engine(sqlite_url)
    sessions = make_session_factory(engine)
    with SqlUnitOfWork(sessions) as uow:
        uow.catalog.add(product(stock=0))
        uow.commit()
    errors = []

    def restock():
        try:
            with SqlUnitOfWork(sessions) as uow:
                coffee = uow.catalog.get("CAF-GR-COL-500")
                coffee.set_stock(coffee.stock_on_hand + 1)
                uow.commit()
        except OperationalError as error:  # "database is locked"
            errors.append(error)

    threads = [threading.Thread(target=restock) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with SqlUnitOfWork(sessions) as uow:
        assert (errors, uow.catalog.get("CAF-GR-COL-500").stock_on_hand) == ([], 12)
    engine.dispose()


def test_postgresql_plans_each_query_with_its_own_values(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"
