"""Alembic's entry point. storage.migrate hands over the connection to migrate."""

from alembic import context
from sqlalchemy import Connection, text

from storage.database import make_engine
from storage.schema import metadata

# Any fixed number: the key of the advisory lock that queues concurrent upgrades.
MIGRATION_LOCK = 7_318_004


def run_migrations(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Workers starting together upgrade one after another, not all at once.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
        transactional_ddl=True,  # SQLite too: storage.database begins every transaction
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:  # writing a new revision (see storage.migrate): compare with the configured database
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as new_connection:
        run_migrations(new_connection)
    engine.dispose()
