"""Alembic environment: runs on the app's own connection, or on DATABASE_URL from the CLI."""

import os

from alembic import context
from sqlalchemy import create_engine

from questionnaire.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run the migrations online (offline SQL generation is not needed here)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = os.environ.get("DATABASE_URL", "sqlite:///instance/shortfall.sqlite3")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run()
