"""Operations: database work on a worker thread, its outcome on the GUI thread, newest wins."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from posapp.db.uow import UnitOfWork
from posapp.errors import NotFound, PosError
from posapp.gui.operations import BusyBar, Operations
from posapp.services.setup import open_database


@pytest.fixture
def uow(tmp_path: Path) -> Any:
    unit = open_database(str(tmp_path / "ops.sqlite"))
    yield unit
    unit.engine.dispose()


def _select(value: int) -> Any:
    def call(uow: UnitOfWork) -> tuple[int, int]:
        with uow:
            found = uow.connection.execute(text("SELECT :v"), {"v": value}).scalar_one()
        return found, threading.get_ident()

    return call


def test_the_result_arrives_on_the_gui_thread_from_a_worker_thread(
    qtbot: QtBot, uow: UnitOfWork
) -> None:
    operations = Operations(uow)
    got: list[tuple[Any, int]] = []
    operations.run(_select(42), lambda result: got.append((result, threading.get_ident())), print)
    qtbot.waitUntil(lambda: bool(got))
    (value, worker), receiver = got[0]
    assert value == 42
    assert receiver == threading.get_ident()  # done() ran on the GUI thread
    assert worker != threading.get_ident()  # the call did not
    operations.wait()


def test_each_call_gets_a_unit_of_work_of_its_own_on_the_same_engine(
    qtbot: QtBot, uow: UnitOfWork
) -> None:
    operations = Operations(uow)
    seen: list[UnitOfWork] = []

    def call(unit: UnitOfWork) -> None:
        seen.append(unit)

    done: list[object] = []
    operations.run(call, done.append, print)
    qtbot.waitUntil(lambda: bool(done))
    assert seen[0] is not uow and seen[0].engine is uow.engine and seen[0].clock is uow.clock


def test_a_pos_error_reaches_failed(qtbot: QtBot, uow: UnitOfWork) -> None:
    operations = Operations(uow)
    failures: list[tuple[PosError, int]] = []

    def call(_uow: UnitOfWork) -> None:
        raise NotFound("no such till")

    operations.run(
        call,
        lambda _r: pytest.fail("done() called"),
        lambda error: failures.append((error, threading.get_ident())),
    )
    qtbot.waitUntil(lambda: bool(failures))
    error, thread = failures[0]
    assert isinstance(error, NotFound) and error.message == "no such till"
    assert thread == threading.get_ident()


def test_a_bug_reaches_failed_as_a_pos_error(qtbot: QtBot, uow: UnitOfWork) -> None:
    operations = Operations(uow)
    failures: list[PosError] = []

    def call(_uow: UnitOfWork) -> None:
        raise ZeroDivisionError("oops")

    operations.run(call, lambda _r: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert "oops" in failures[0].message


def test_busy_is_true_while_work_runs_and_false_after(qtbot: QtBot, uow: UnitOfWork) -> None:
    operations = Operations(uow)
    states: list[bool] = []
    operations.busy_changed.connect(states.append)
    release = threading.Event()

    def call(_uow: UnitOfWork) -> str:
        release.wait(5)
        return "done"

    results: list[str] = []
    operations.run(call, results.append, print)
    assert states == [True] and operations.busy
    release.set()
    qtbot.waitUntil(lambda: states == [True, False])
    assert results == ["done"] and not operations.busy


def test_the_busy_bar_shows_while_any_watched_operations_work(
    qtbot: QtBot, uow: UnitOfWork
) -> None:
    reads, writes = Operations(uow), Operations(uow)
    parent = QWidget()
    qtbot.addWidget(parent)
    bar = BusyBar(parent).watch(reads, writes)
    parent.show()
    assert bar.isHidden() and bar.label.text() == "Working…"
    assert bar.bar.minimum() == bar.bar.maximum() == 0  # no end known
    release = threading.Event()

    def call(_uow: UnitOfWork) -> None:
        release.wait(5)

    reads.run(call, print, print)
    writes.run(_select(1), print, print)
    assert bar.isVisible()
    qtbot.waitUntil(lambda: not writes.busy)
    assert bar.isVisible()  # the read still runs
    release.set()
    qtbot.waitUntil(bar.isHidden)
    assert not reads.busy


def test_a_newer_request_supersedes_the_running_and_the_waiting_one(
    qtbot: QtBot, uow: UnitOfWork
) -> None:
    operations = Operations(uow)
    states: list[bool] = []
    operations.busy_changed.connect(states.append)
    release = threading.Event()
    ran: list[str] = []
    running = threading.Lock()
    overlapped: list[bool] = []

    def call(name: str) -> Any:
        def work(_uow: UnitOfWork) -> str:
            if not running.acquire(blocking=False):
                overlapped.append(True)
                return name
            try:
                ran.append(name)
                if name == "first":
                    release.wait(5)
                return name
            finally:
                running.release()

        return work

    delivered: list[str] = []
    operations.run(call("first"), delivered.append, print)
    qtbot.waitUntil(lambda: ran == ["first"])
    operations.run(call("second"), delivered.append, print)  # waits, then is replaced
    operations.run(call("third"), delivered.append, print)
    release.set()
    qtbot.waitUntil(lambda: delivered == ["third"])
    qtbot.waitUntil(lambda: not operations.busy)
    assert ran == ["first", "third"]  # the second never started
    assert not overlapped
    assert states == [True, False]
    operations.wait()


def test_cancel_drops_what_runs(qtbot: QtBot, uow: UnitOfWork) -> None:
    operations = Operations(uow)
    release = threading.Event()
    delivered: list[object] = []

    def call(_uow: UnitOfWork) -> str:
        release.wait(5)
        return "late"

    operations.run(call, delivered.append, delivered.append)
    operations.cancel()
    release.set()
    qtbot.waitUntil(lambda: not operations.busy)
    assert delivered == []
