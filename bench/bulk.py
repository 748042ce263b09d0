"""What the builders of the benchmarks' databases share (catalog_db.py, members_db.py).

Each builder makes the schema and the reference data through posapp itself
(open_database(): Alembic, then posapp's services), then writes its bulk rows
with the stdlib sqlite3 module on bulk_connection(): executemany inside one
transaction, synchronous=OFF and foreign key checks off (the rows are valid
by construction). publish() checkpoints the finished file and renames it into
place, so an interrupted build never leaves a half-built cache behind. The
caches live in bench/data/ (git-ignored), named after posapp's schema revision.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from posapp.db import schema
from posapp.db.models import Till, User
from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor, Role
from posapp.services import users
from posapp.services.setup import open_database

DATA_DIR = Path(__file__).resolve().parent / "data"
BULK_CACHE_KIB = 262_144  # the page cache while building: 256 MiB


@dataclass(frozen=True)
class Staff:
    owner: Actor
    manager: Actor
    cashier: Actor


def head_revision() -> str:
    """posapp's newest schema revision, whichever way this version of posapp.db.schema says it."""
    constant = getattr(schema, "HEAD_REVISION", None)
    if isinstance(constant, str):
        return constant
    for name in ("alembic_head", "head_revision"):
        function = getattr(schema, name, None)
        if callable(function):
            return str(function())
    raise RuntimeError("posapp.db.schema names no head revision")


def cached(path: Path, build: Callable[[Path], float], *, rebuild: bool = False) -> float | None:
    """Build the cache at `path` with build(path) if it is missing (or `rebuild`); the
    seconds the build took, or None when the cached file was kept."""
    if rebuild or not path.exists():
        return build(path)
    return None


def building_file(path: Path) -> Path:
    """Where the cache at `path` is built (empty), before publish() renames it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    remove_database(building)
    return building


def describe(path: Path, till: str, *tables: str) -> tuple[int, Actor, list[int]]:
    """A built database as posapp's durable engine opens it: the till's id, its cashier,
    and the highest id in each of `tables`."""
    uow = open_database(str(path))
    try:
        with uow:
            session = uow.session
            till_id = session.scalars(select(Till.id).where(Till.code == till)).one()
            cashier = session.scalars(select(User).where(User.role == Role.CASHIER.value)).one()
            highest = [
                uow.connection.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar_one() or 0
                for table in tables
            ]
    finally:
        uow.engine.dispose()
    return till_id, Actor(cashier.id, cashier.name, Role(cashier.role)), highest


def add_staff(uow: UnitOfWork) -> Staff:
    """The shop's three users, as `posapp` would add them: owner, manager and cashier."""
    cli = Actor.command_line()
    added = [
        users.add_user(uow, cli, name, role, pin)
        for name, role, pin in (
            ("Ilze", Role.OWNER, "1111"),
            ("Māris", Role.MANAGER, "2222"),
            ("Līga", Role.CASHIER, "3333"),
        )
    ]
    owner, manager, cashier = (Actor(u.user_id, u.name, u.role) for u in added)
    return Staff(owner, manager, cashier)


def bulk_connection(path: Path, cache_kib: int = BULK_CACHE_KIB) -> sqlite3.Connection:
    """A stdlib connection for writing bulk rows fast: no fsync, no foreign key checks."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(f"PRAGMA cache_size=-{cache_kib}")
    return connection


def publish(connection: sqlite3.Connection, building: Path, path: Path) -> None:
    """Checkpoint the built file, close `connection` and rename `building` to `path`."""
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    building.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(str(building) + suffix).unlink(missing_ok=True)


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a cached database to `target` (replacing it and its WAL), for a run that writes."""
    remove_database(target)
    shutil.copyfile(source, target)
