"""Bring a database to this version's schema (Alembic), or refuse a newer one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine

from posapp.errors import DatabaseError
from posapp.i18n import _

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine) -> bool:
    """Upgrade to this version's schema; True when anything was done.

    A database at a revision this version does not know was written by a
    newer posapp: it is refused rather than touched.
    """
    current = current_revision(engine)
    scripts = ScriptDirectory.from_config(_config())
    if current == scripts.get_current_head():
        return False
    if current is not None:
        try:
            scripts.get_revision(current)
        except CommandError:
            raise DatabaseError(
                _(
                    "This database was made by a newer posapp (schema {revision}). Update posapp "
                    "on this machine before using it."
                ).format(revision=current)
            ) from None
    config = _config()
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # the driver is in autocommit mode
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
