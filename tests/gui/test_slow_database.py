"""A database behind a slow link (PostgreSQL across town, a busy SQLite disk): the windows
stay responsive while they read, say they are busy, and then show the figures.

Every statement on the windows' engine waits SLOW_LINK_S first; on PostgreSQL, the last
test also puts a TCP proxy between the windows and the server that adds ROUND_TRIP_S to
every round trip. A QTimer ticking every TICK_MS on the GUI thread measures the longest
the GUI went without running its event loop; a read made on the GUI thread would block
it for several statements' worth.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from posapp.db.engine import make_engine
from posapp.db.uow import UnitOfWork
from posapp.gui.app import describe_database, install_translators
from posapp.gui.dialogs.care_lists import CareListsDialog
from posapp.gui.main_window import MainWindow
from posapp.gui.operations import BusyBar
from posapp.services import care
from tests.conftest import TILL, Shop
from tests.gui.delaying_proxy import DelayingProxy
from tests.gui.helpers import wait_idle
from tests.integration.helpers import sell

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

SLOW_LINK_S = 0.1  # per statement
TICK_MS = 10
MAX_GAP_S = 0.15  # the longest the GUI thread may go without handling its events
WAIT_MS = 10_000
ROUND_TRIP_S = 0.2  # the proxy's delay of every round trip to PostgreSQL


class GapMeter:
    """The longest time between two ticks of a timer on the GUI thread, from start()."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.max_gap = 0.0

    def start(self) -> None:
        self.max_gap = 0.0
        self._last = time.perf_counter()  # what runs before the first tick counts too
        self._timer.start()

    def stop(self) -> float:
        self._tick()
        self._timer.stop()
        return self.max_gap

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self._last)
        self._last = now


@pytest.fixture
def slow_link(shop: Shop) -> Iterator[Callable[[bool], None]]:
    """slow(True) puts the shop's engine behind the slow link, slow(False) takes it away."""
    engine = shop.uow.engine

    def wait(*_args: Any) -> None:
        time.sleep(SLOW_LINK_S)

    def slow(on: bool) -> None:
        if on and not event.contains(engine, "before_cursor_execute", wait):
            event.listen(engine, "before_cursor_execute", wait)
        elif not on and event.contains(engine, "before_cursor_execute", wait):
            event.remove(engine, "before_cursor_execute", wait)

    yield slow
    slow(False)


def busy_shown(window: QWidget) -> bool:
    return any(bar.isVisible() for bar in window.findChildren(BusyBar))


def test_the_overview_reads_a_slow_database_without_freezing(
    qtbot: QtBot, qapp: QApplication, shop: Shop, slow_link: Callable[[bool], None]
) -> None:
    install_translators(qapp, "en")
    sell(shop, shop.bread)
    label = describe_database(shop.uow.engine.url)
    warm = MainWindow(shop.uow, TILL, language="en", database_label=label)  # styles, queries
    qtbot.addWidget(warm)
    warm.show()
    wait_idle(warm, qtbot)
    warm.hide()

    window = MainWindow(shop.uow, TILL, language="en", database_label=label)
    qtbot.addWidget(window)
    slow_link(True)
    meter = GapMeter()
    meter.start()
    with qtbot.waitSignal(window.overview_refreshed, timeout=WAIT_MS):
        window.show()
        busy_seen = busy_shown(window)
    max_gap = meter.stop()
    print(f"overview: longest GUI gap {max_gap * 1000:.0f} ms")  # shown with -s

    assert window.ui.tillSalesLabel.text() == "1"
    assert window.ui.tillTakingsLabel.text() == "€2.35"
    assert max_gap < MAX_GAP_S, f"the GUI thread was blocked for {max_gap * 1000:.0f} ms"
    assert busy_seen and not busy_shown(window)


def test_the_care_lists_read_a_slow_database_without_freezing(
    qtbot: QtBot, qapp: QApplication, shop: Shop, slow_link: Callable[[bool], None]
) -> None:
    install_translators(qapp, "en")
    care.add_complaint(shop.uow, shop.cashier, shop.customer_id, "Stale bread", "A loaf on us")
    warm = CareListsDialog(shop.uow, shop.owner, language="en", time_zone="Europe/Riga")
    qtbot.addWidget(warm)
    warm.show()
    wait_idle(warm, qtbot)
    warm.hide()

    slow_link(True)
    meter = GapMeter()
    meter.start()
    dialog = CareListsDialog(shop.uow, shop.owner, language="en", time_zone="Europe/Riga")
    qtbot.addWidget(dialog)
    dialog.show()
    busy_seen = busy_shown(dialog)
    wait_idle(dialog, qtbot, timeout=WAIT_MS)
    max_gap = meter.stop()
    print(f"care lists: longest GUI gap {max_gap * 1000:.0f} ms")  # shown with -s

    assert dialog.complaints.rowCount() == 1
    assert dialog.ui.listsTabs.tabText(3) == "Open complaints (1)"
    assert max_gap < MAX_GAP_S, f"the GUI thread was blocked for {max_gap * 1000:.0f} ms"
    assert busy_seen and not busy_shown(dialog)


@pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True
)
def test_a_postgresql_server_200_ms_away_leaves_the_event_loop_running(
    qtbot: QtBot, qapp: QApplication, shop: Shop
) -> None:
    install_translators(qapp, "en")
    sell(shop, shop.bread)
    care.add_complaint(shop.uow, shop.cashier, shop.customer_id, "Stale bread", "A loaf on us")
    url = shop.uow.engine.url
    with DelayingProxy(url.host or "127.0.0.1", url.port or 5432, ROUND_TRIP_S) as proxy:
        engine = make_engine(url.set(host="127.0.0.1", port=proxy.port))
        far = UnitOfWork(engine, shop.uow.clock)
        try:
            meter = GapMeter()
            meter.start()
            started = time.perf_counter()
            window = MainWindow(far, TILL, language="en", database_label="far away")
            qtbot.addWidget(window)
            with qtbot.waitSignal(window.overview_refreshed, timeout=6 * WAIT_MS):
                window.show()
            overview_s = time.perf_counter() - started
            dialog = CareListsDialog(far, shop.owner, language="en", time_zone="Europe/Riga")
            qtbot.addWidget(dialog)
            dialog.show()
            wait_idle(dialog, qtbot, timeout=6 * WAIT_MS)
            max_gap = meter.stop()
            lists_s = time.perf_counter() - started - overview_s
            print(
                f"200 ms away: overview {overview_s:.1f} s, care lists {lists_s:.1f} s, "
                f"longest GUI gap {max_gap * 1000:.0f} ms"
            )  # shown with -s

            assert window.ui.tillTakingsLabel.text() == "€2.35"
            assert dialog.ui.listsTabs.tabText(3) == "Open complaints (1)"
            # The link really was slow: each window waited for several round trips...
            assert overview_s > 3 * ROUND_TRIP_S and lists_s > 3 * ROUND_TRIP_S
            # ...while a 50 ms timer would never have missed a tick.
            assert max_gap < MAX_GAP_S, f"the GUI thread was blocked for {max_gap * 1000:.0f} ms"
            dialog.close()
            window.close()
        finally:
            engine.dispose()
