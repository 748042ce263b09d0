"""Engines for the embedded SQLite database and a shared PostgreSQL server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from posapp.errors import DatabaseError
from posapp.i18n import _

# How long a write waits for another till or process holding the SQLite lock.
SQLITE_BUSY_SECONDS = 5.0


def database_url(url_or_path: str) -> URL:
    """A SQLAlchemy URL from what a person typed: a URL, or a path to a SQLite file."""
    if "://" in url_or_path:
        url = make_url(url_or_path)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(url_or_path).expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path))


def make_engine(url: URL, *, durable: bool = True) -> Engine:
    """An engine with the settings posapp relies on.

    SQLite: WAL, synchronous=FULL (durable=False only while building a throw-away
    demo file), foreign keys on, and the driver's own BEGIN switched off: the unit
    of work (and schema.upgrade) issue BEGIN themselves, so that write transactions
    take the write lock up front (BEGIN IMMEDIATE) and wait for it instead of
    failing halfway. Not from a "begin" event listener: any Connection event makes
    SQLAlchemy dispatch events around every statement. PostgreSQL: a short connect
    timeout, so an unreachable server is reported instead of hanging the till.
    """
    if url.get_backend_name() == "sqlite":
        if url.database:
            folder = Path(url.database).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(
                    _(
                        "Cannot make the folder {folder} for the database ({reason}). Choose "
                        "another place with --db."
                    ).format(folder=folder, reason=error.strerror)
                ) from None
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
        synchronous = "FULL" if durable else "OFF"

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA synchronous={synchronous}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_SECONDS * 1000)}")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
