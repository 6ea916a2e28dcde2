"""Alembic environment: runs on the engine aidtrack hands over (no alembic.ini)."""

from alembic import context

from aidtrack.db.schema import metadata

config = context.config
engine = config.attributes.get("engine")


def run() -> None:
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()
