"""The migrations build exactly the schema the code describes, and can be undone."""

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.database import make_engine
from storage.migrate import downgrade, upgrade
from storage.schema import metadata


def differences(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_upgrade_downgrade_upgrade_ends_at_the_schema_of_the_code(empty_database_url):
    engine = make_engine(empty_database_url)
    try:
        upgrade(engine)
        assert differences(engine) == []
        downgrade(engine, "base")
        assert inspect(engine).get_table_names() == ["alembic_version"]
        upgrade(engine)
        assert differences(engine) == []
        assert set(inspect(engine).get_table_names()) == set(metadata.tables) | {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrading_an_up_to_date_database_changes_nothing(database_url):
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        assert differences(engine) == []
    finally:
        engine.dispose()


def test_workers_starting_together_migrate_once(empty_database_url):
    script = "import sys; from storage.migrate import upgrade; upgrade(sys.argv[1])"
    workers = [subprocess.Popen([sys.executable, "-c", script, empty_database_url],
                                stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [worker.communicate(timeout=60)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0, 0], errors
    engine = make_engine(empty_database_url)
    try:
        assert differences(engine) == []
    finally:
        engine.dispose()
