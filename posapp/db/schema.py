"""Bring a database to this version's schema (Alembic), or refuse a newer one.

Start-up only needs to know that the database is already at HEAD_REVISION,
which one query answers; Alembic (a noticeable import) is loaded only when
there is something to upgrade or refuse.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy import exc as sa_exc

from posapp.errors import DatabaseError
from posapp.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration in posapp/db/migrations/versions (a test checks the two agree).
HEAD_REVISION = "0013"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision; None for an empty database."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except sa_exc.ProgrammingError:  # PostgreSQL: no such table
            return None
        except sa_exc.OperationalError as error:  # SQLite: no such table
            if "no such table" in str(error.orig):
                return None
            raise


def upgrade(engine: Engine) -> bool:
    """Upgrade to this version's schema; True when anything was done.

    A database at a revision this version does not know was written by a
    newer posapp: it is refused rather than touched.
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return False
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = _config()
    if current is not None:
        try:
            ScriptDirectory.from_config(config).get_revision(current)
        except CommandError:
            raise DatabaseError(
                _(
                    "This database was made by a newer posapp (schema {revision}). Update posapp "
                    "on this machine before using it."
                ).format(revision=current)
            ) from None
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by rebuilding it, which foreign keys would refuse while
            # other tables point at it. They cannot be switched inside a transaction: off
            # before, checked after, on again whatever happens.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                if sqlite:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")  # the driver is in autocommit
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseError(
                        _(
                            "The database's references do not hold after the upgrade, so it was "
                            "not upgraded. Restore a backup or contact support."
                        )
                    )
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
    return True


def alembic_head() -> str:
    """The head according to the migration scripts themselves (for the consistency test)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head
