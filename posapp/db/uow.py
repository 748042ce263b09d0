"""The unit of work: one user action, one transaction, rolled back unless committed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from posapp.db.engine import WRITE_OPTION
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
    """

    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utc_now) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})
        self.clock = clock
        self._write = False
        self._session: Session | None = None

    def writing(self) -> Self:
        self._write = True
        return self

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("unit of work is already in a transaction")
        bind = self._write_engine if self._write else self.engine
        self._session = Session(bind=bind, expire_on_commit=False, autoflush=False)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session, self._write = self._session, None, False
        assert session is not None
        try:
            session.rollback()
        finally:
            session.close()
        if isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
            raise database_error(exc) from exc

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside `with`")
        return self._session

    @property
    def connection(self) -> Connection:
        """The transaction's connection, for Core statements on hot paths."""
        return self.session.connection()

    def now(self) -> datetime:
        return self.clock()

    def commit(self) -> None:
        try:
            self.session.commit()
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
