"""The unit of work: one user action, one transaction, rolled back unless committed."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from random import Random
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, RootTransaction
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from posapp.errors import DatabaseError
from posapp.i18n import _


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork:
    """Opens a transaction on `with`; commits only when commit() is called.

    `with uow.writing():` starts a write transaction (on SQLite it takes the
    write lock at BEGIN, so a busy database makes it wait up front rather
    than fail after work was done); a plain `with uow:` is for reading.
    Database failures leave as posapp.errors.DatabaseError with a message a
    person can act on.

    `clock` and `random` (what voucher codes are drawn from) are the unit of
    work's, so that tests and the demo can walk time and draw the same codes.
    """

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime] = utc_now,
        random: Random | None = None,
    ) -> None:
        self.engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self.clock = clock
        self.random = random or secrets.SystemRandom()
        self._write = False
        self._connection: Connection | None = None
        self._transaction: RootTransaction | None = None
        self._session: Session | None = None

    def writing(self) -> Self:
        self._write = True
        return self

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("unit of work is already in a transaction")
        try:
            self._connection = self.engine.connect()
            self._transaction = self._connection.begin()
            if self._sqlite:
                # The driver is in autocommit mode (see make_engine): we begin, and a
                # write transaction takes the write lock now rather than halfway.
                self._connection.exec_driver_sql("BEGIN IMMEDIATE" if self._write else "BEGIN")
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
            self._close()
            raise database_error(error) from error
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._close()
        if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
            raise database_error(exc) from exc

    def _close(self) -> None:
        """Roll back whatever was not committed and give the connection back."""
        session, connection, transaction = self._session, self._connection, self._transaction
        self._session = self._connection = self._transaction = None
        self._write = False
        try:
            if session is not None:
                session.close()
            if transaction is not None and transaction.is_active:
                transaction.rollback()
        finally:
            if connection is not None:
                connection.close()

    @property
    def connection(self) -> Connection:
        """The transaction's connection, for Core statements (the hot paths use these)."""
        if self._connection is None:
            raise RuntimeError("unit of work used outside `with`")
        return self._connection

    @property
    def session(self) -> Session:
        """An ORM session inside the same transaction, made when first needed."""
        if self._session is None:
            self._session = Session(
                bind=self.connection,
                expire_on_commit=False,
                autoflush=False,
                join_transaction_mode="rollback_only",
            )
        return self._session

    def now(self) -> datetime:
        return self.clock()

    def commit(self) -> None:
        if self._transaction is None:
            raise RuntimeError("unit of work used outside `with`")
        try:
            if self._session is not None:
                self._session.flush()
            self._transaction.commit()
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
            raise database_error(error) from error


def database_error(error: sa_exc.DBAPIError) -> DatabaseError:
    """Translate a driver failure into a message that says what to do."""
    text = str(error.orig).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return DatabaseError(
            _("The database is busy with another till. Try again in a moment; nothing was lost.")
        )
    if "disk" in text or "full" in text or "no space" in text:
        return DatabaseError(
            _("The disk is full, so nothing new can be saved. Free some space and try again.")
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            _("The database file is read-only. Check its permissions and try again.")
        )
    return DatabaseError(
        _(
            "The database cannot be reached ({detail}). Check the server or network and try again."
        ).format(detail=str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else "?")
    )
