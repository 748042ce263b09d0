"""Run slow database work off the GUI thread, one request at a time (like Anki's QueryOp).

    operations = Operations(uow, parent)
    operations.run(lambda uow: run_report(uow, actor, "sales", query), show, say)

`call(uow)` runs on a worker thread of the Operations' own with a unit of work
of its own, on the same engine and clock as the one given (a SQLite connection
never crosses threads; SQLAlchemy's pool hands each thread its own). Its result
goes to `done(result)`, a PosError it raises to `failed(error)`, both on the GUI
thread. Anything else it raises is logged and reaches `failed` as a PosError that
says so. `busy_changed(True)` when work starts, `busy_changed(False)` when nothing
is left to do.

Requests never overlap: a request made while another runs waits for it and
supersedes it (the running one's result is dropped, its callbacks never called),
and a waiting request is replaced by a newer one. Choosing three periods quickly
shows the third, computed once the first has finished.

`BusyBar` is what a window shows meanwhile: "Working…" and a bar with no end known,
hidden when the Operations it watches are idle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from posapp.db.uow import UnitOfWork
from posapp.errors import PosError

log = logging.getLogger(__name__)

UowSource = UnitOfWork | Callable[[], UnitOfWork]


@dataclass(frozen=True)
class _Request:
    ticket: int
    call: Callable[[UnitOfWork], Any]
    done: Callable[[Any], None]
    failed: Callable[[PosError], None]


class Operations(QObject):
    """One worker for one window's database reads (see the module's docstring)."""

    busy_changed = Signal(bool)
    # ticket, ok, result or PosError: emitted on the worker thread, received on the GUI's
    _finished = Signal(int, bool, object)

    def __init__(self, uow: UowSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if isinstance(uow, UnitOfWork):
            engine, clock = uow.engine, uow.clock
            self._new_uow: Callable[[], UnitOfWork] = lambda: UnitOfWork(engine, clock)
        else:
            self._new_uow = uow
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # one thread, kept: no start-up cost per request
        self._tickets = 0
        self._running: _Request | None = None
        self._waiting: _Request | None = None
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._running is not None or self._waiting is not None

    def run(
        self,
        call: Callable[[UnitOfWork], Any],
        done: Callable[[Any], None],
        failed: Callable[[PosError], None],
    ) -> None:
        """Run `call(uow)` on the worker; this request supersedes any earlier one."""
        self._tickets += 1
        request = _Request(self._tickets, call, done, failed)
        was_busy = self.busy
        if self._running is None:
            self._start(request)
        else:
            self._waiting = request  # after the running one; an earlier waiting one is dropped
        if not was_busy:
            self.busy_changed.emit(True)

    def cancel(self) -> None:
        """Deliver nothing more: what runs finishes unheard, what waits never starts."""
        self._tickets += 1
        self._waiting = None

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (closing a window, tests); False on a timeout."""
        return bool(self._pool.waitForDone(msecs))

    def _start(self, request: _Request) -> None:
        self._running = request
        self._pool.start(lambda: self._work(request))

    def _work(self, request: _Request) -> None:
        """On the worker thread."""
        try:
            result = request.call(self._new_uow())
        except PosError as error:
            self._finished.emit(request.ticket, False, error)
        except Exception as error:  # a bug: the window says so, the log has the trace
            log.exception("a background operation failed")
            message = self.tr(
                "posapp could not finish this because of a fault in posapp itself; nothing "
                "already recorded was changed. Try again; if it happens again, send posapp.log "
                "to whoever looks after your till."
            )
            self._finished.emit(request.ticket, False, _Unexpected(f"{message} ({error})"))
        else:
            self._finished.emit(request.ticket, True, result)

    def _deliver(self, ticket: int, ok: bool, outcome: object) -> None:
        """On the GUI thread: the running request ended."""
        request, self._running = self._running, None
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)
        if request is not None and request.ticket == ticket == self._tickets:
            if ok:
                request.done(outcome)
            else:
                assert isinstance(outcome, PosError)
                request.failed(outcome)
        if not self.busy:
            self.busy_changed.emit(False)


class _Unexpected(PosError):
    """What a bug in a background call reaches `failed` as."""


class BusyBar(QWidget):
    """ "Working…" and a busy bar while any of the watched Operations is busy, else hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._watched: list[Operations] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self.tr("Working…"), self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # "working", with no end known
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self.setVisible(False)

    def watch(self, *operations: Operations) -> BusyBar:
        for each in operations:
            self._watched.append(each)
            each.busy_changed.connect(self._update)
        self._update()
        return self

    @property
    def busy(self) -> bool:
        return any(each.busy for each in self._watched)

    def _update(self, _busy: bool = False) -> None:
        self.setVisible(self.busy)
