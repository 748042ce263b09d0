"""The schema: built by the migrations, equal to the models, guarded against newer versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, inspect, select, text, update
from sqlalchemy import exc as sa_exc

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.db.models import AuditEntry, Base, Till
from posapp.errors import DatabaseError
from posapp.services.setup import open_database, prepare_shop
from tests.conftest import Shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def test_a_fresh_database_is_upgraded_to_head_and_matches_the_models(database_url: str) -> None:
    uow = open_database(database_url)
    try:
        assert schema.current_revision(uow.engine) == schema.HEAD_REVISION
        assert schema.upgrade(uow.engine) is False  # already at head: nothing to do
        tables = set(inspect(uow.engine).get_table_names())
        assert set(Base.metadata.tables) | {"alembic_version"} == tables
        with uow.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        uow.engine.dispose()


def test_a_database_from_a_newer_posapp_is_refused_and_left_untouched(database_url: str) -> None:
    uow = open_database(database_url)
    prepare_shop(uow, "T1")
    uow.engine.dispose()
    raw = make_engine(to_url(database_url))
    try:
        with raw.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
        tables_before = set(inspect(raw).get_table_names())

        with pytest.raises(DatabaseError) as refused:
            open_database(database_url)

        message = refused.value.message
        assert "newer posapp" in message
        assert "Update posapp" in message
        assert "ffff_future" in message
        with raw.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("ffff_future",)
            ]
            assert connection.execute(select(Till.code)).scalars().all() == ["T1"]
        assert set(inspect(raw).get_table_names()) == tables_before
    finally:
        raw.dispose()


def test_the_audit_log_refuses_update_and_delete(shop: Shop) -> None:
    uow = shop.uow
    with uow:
        before = uow.session.execute(select(AuditEntry.id, AuditEntry.action)).all()
    assert ("shift_opened" in {action for _id, action in before}) and len(before) >= 4

    for tamper in (
        update(AuditEntry).values(action="nothing happened"),
        delete(AuditEntry),
        delete(AuditEntry).where(AuditEntry.action == "shift_opened"),
    ):
        with uow.writing():
            with pytest.raises(sa_exc.DBAPIError, match="append-only"):
                uow.session.execute(tamper)
            uow.session.rollback()

    with uow:
        assert uow.session.execute(select(AuditEntry.id, AuditEntry.action)).all() == before


def test_a_posapp_sqlite_connection_is_durable_and_checks_foreign_keys(tmp_path: Path) -> None:
    uow = open_database(str(tmp_path / "shop.sqlite"))
    try:
        with uow.engine.connect() as connection:

            def pragma(name: str) -> object:
                return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2  # FULL
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") == 5000
        # Foreign keys are really enforced: a shift on a till that does not exist is refused.
        with uow.writing(), pytest.raises(sa_exc.IntegrityError, match="FOREIGN KEY"):
            uow.connection.exec_driver_sql(
                "INSERT INTO shifts (till_id, opened_by, opened_at, opening_float) "
                "VALUES (999, 999, '2026-01-01 08:00:00', 0)"
            )
    finally:
        uow.engine.dispose()


def test_the_head_revision_constant_is_the_newest_migration() -> None:
    """Start-up compares the database with HEAD_REVISION; a new migration must move it."""
    assert schema.alembic_head() == schema.HEAD_REVISION
