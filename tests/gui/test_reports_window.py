"""The owner's reports window on the demo shop: it opens for the owner, reads each report
off the GUI thread, switches period and till, shows charts and sortable, searchable
tables, and saves a CSV and a PDF that say what the window says. A cashier is refused by
the service; the till's Shop menu opens it for a manager and the lock closes it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QBarSeries, QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from posapp.db.models import Sale
from posapp.db.uow import UnitOfWork
from posapp.demo.build import build_demo_file
from posapp.domain.periods import Period, Preset, period_of
from posapp.domain.roles import Actor, Role
from posapp.gui.app import ReportsFlow, install_translators
from posapp.gui.reports.tables import ReportTableView
from posapp.gui.reports.window import ReportsWindow
from posapp.output.report import Unit
from posapp.output.report_format import format_value
from posapp.services import users
from posapp.services.settings import load_settings
from posapp.services.setup import open_database
from tests.conftest import Shop
from tests.gui.helpers import OpenTill

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UnitOfWork]:
    """Five weeks of the demo shop, so that last month is a whole month of trade."""
    path: Path = tmp_path_factory.mktemp("reports") / "demo.sqlite"
    build_demo_file(str(path), until=datetime.now(UTC), days=40)
    uow = open_database(str(path))
    yield uow
    uow.engine.dispose()


def person(uow: UnitOfWork, role: Role) -> Actor:
    found = next(u for u in users.list_users(uow) if u.role is role and u.active)
    return Actor(found.user_id, found.name, found.role)


def open_reports(qtbot: QtBot, qapp: QApplication, uow: UnitOfWork, actor: Actor) -> ReportsWindow:
    install_translators(qapp, "en")
    window = ReportsWindow(uow, actor, language="en")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def shown(qtbot: QtBot, window: ReportsWindow, name: str) -> None:
    """Wait until `name` is on screen for what is chosen now."""
    qtbot.waitUntil(lambda: window.query() is not None, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: (
            not window.operations.busy
            and window._pages[window.ui.reportTabs.currentIndex()].shown == (name, window.query())
        ),
        timeout=WAIT_MS,
    )


def card_value(window: ReportsWindow, key: str) -> str:
    page = window._pages[window.ui.reportTabs.currentIndex()].scroll
    card = page.findChild(QFrame, f"figure_{key}")
    assert card is not None, f"no card {key}"
    return str(card.findChild(QLabel, "value").text())


def last_month(uow: UnitOfWork) -> Period:
    return period_of(Preset.LAST_MONTH, load_settings(uow).local_date(uow.now()))


def test_the_owner_sees_last_months_sales_with_a_chart_of_each_day(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork
) -> None:
    window = open_reports(qtbot, qapp, demo, person(demo, Role.OWNER))
    shown(qtbot, window, "sales")  # this month, first
    assert window.ui.periodCombo.currentData() is Preset.THIS_MONTH
    window.choose(Preset.LAST_MONTH)
    shown(qtbot, window, "sales")
    period = last_month(demo)
    assert window.query().period == period
    assert "Period:" in window.ui.headerLabel.text()

    # The gross takings, against the receipts themselves: every completed sale's total
    # (refunds are negative sales and are not takings) in the shop's days.
    zone_start, zone_end = period.bounds(ZoneInfo(load_settings(demo).time_zone))
    with demo:
        receipts = demo.connection.execute(
            select(func.coalesce(func.sum(Sale.total), 0)).where(
                Sale.completed_at >= zone_start,
                Sale.completed_at < zone_end,
                Sale.status == "completed",
                Sale.kind == "sale",
            )
        ).scalar_one()
    assert card_value(window, "gross") == format_value(Decimal(receipts), Unit.MONEY, "en")

    page = window._pages[0].scroll
    chart = page.findChild(QChartView, "chart_takings_by_day")
    assert chart is not None and chart.isVisible()
    bars = next(s for s in chart.chart().series() if isinstance(s, QBarSeries))
    days = bars.barSets()[0]
    assert days.count() == period.days
    net = sum(Decimal(str(days.at(i))) for i in range(days.count()))
    assert format_value(net, Unit.MONEY, "en") == card_value(window, "net")
    assert page.findChild(QTableView, "chart_sales_by_hour") is not None  # the heat map


def test_a_csv_and_a_pdf_say_what_the_window_shows(
    qtbot: QtBot,
    qapp: QApplication,
    demo: UnitOfWork,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_reports(qtbot, qapp, demo, person(demo, Role.OWNER))
    window.choose(Preset.LAST_MONTH)
    window.show_tab(2)  # VAT
    shown(qtbot, window, "vat")
    vat = card_value(window, "vat")
    gross = card_value(window, "gross")

    chosen: list[str] = []

    def save_as(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        chosen.append(suggested)
        return str(tmp_path / Path(suggested).stem), ""  # typed without its suffix

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as written:
        window.ui.actionExportCsv.trigger()
    path = Path(written.args[0])
    assert path.suffix == ".csv" and chosen[0].startswith("vat-")
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    figures = {row[0]: row[1] for row in rows if len(row) >= 2}
    assert format_value(Decimal(figures["VAT"]), Unit.MONEY, "en") == vat
    assert "Written:" in window.message.text()

    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as written:
        window.ui.actionExportPdf.trigger()
    text = "".join(page.extract_text() for page in PdfReader(written.args[0]).pages)
    assert vat in text and gross in text


def test_a_file_that_cannot_be_written_says_so_and_what_to_do(
    qtbot: QtBot,
    qapp: QApplication,
    demo: UnitOfWork,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_reports(qtbot, qapp, demo, person(demo, Role.OWNER))
    shown(qtbot, window, "sales")
    nowhere = tmp_path / "no such folder" / "sales.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(nowhere), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    with qtbot.waitSignal(window.failed, timeout=WAIT_MS):
        window.ui.actionExportCsv.trigger()
    assert warned and "cannot be written" in warned[0] and "Choose another file" in warned[0]
    assert not nowhere.exists()


def test_switching_the_till_and_a_custom_range_reads_the_report_again(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork
) -> None:
    window = open_reports(qtbot, qapp, demo, person(demo, Role.MANAGER))
    shown(qtbot, window, "sales")
    tills = [window.ui.tillCombo.itemData(i) for i in range(window.ui.tillCombo.count())]
    assert tills[0] is None and len(tills) >= 2  # all tills, then each
    window.ui.tillCombo.setCurrentIndex(1)
    shown(qtbot, window, "sales")
    assert window.query().till_code == tills[1]
    assert f"Till: {tills[1]}" in window.ui.headerLabel.text()

    first, last = last_month(demo).first, last_month(demo).first + timedelta(6)
    window.choose(Preset.CUSTOM, first, last)
    shown(qtbot, window, "sales")
    assert window.ui.fromEdit.isEnabled() and window.query().period == Period(first, last)
    window.ui.toEdit.setDate(window.ui.fromEdit.date().addDays(-1))  # ends before it starts
    assert "ends on or after" in window.message.text()


def test_a_long_table_sorts_by_its_numbers_and_keeps_its_totals_last(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork
) -> None:
    window = open_reports(qtbot, qapp, demo, person(demo, Role.OWNER))
    window.choose(Preset.LAST_MONTH)
    window.ui.reportTabs.setCurrentIndex(1)  # products
    shown(qtbot, window, "products")
    page = window._pages[1].scroll
    view = page.findChild(ReportTableView, "table_products")
    assert view is not None
    columns = [c.key for c in view.source.table.columns]
    gross = columns.index("gross")
    proxy = view.proxy
    # Until a column is chosen the rows are in the report's order (best sellers first).
    assert view.horizontalHeader().sortIndicatorSection() == -1
    listed = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert listed == [view.source.index(r, 0).data() for r in range(view.source.row_count())]
    view.sortByColumn(gross, Qt.SortOrder.AscendingOrder)
    amounts = [
        proxy.index(row, gross).data(Qt.ItemDataRole.UserRole + 1)[1]
        for row in range(proxy.rowCount() - (1 if view.source.total_row is not None else 0))
    ]
    assert amounts == sorted(amounts)  # by the amounts, not by their text
    search = page.findChild(QLineEdit, "search_products")
    assert search is not None
    name = proxy.index(0, columns.index("name")).data()
    search.setText(name)
    names = {proxy.index(r, columns.index("name")).data() for r in range(proxy.rowCount())}
    assert name in names and proxy.rowCount() < view.source.row_count()
    if view.source.total_row is not None:
        assert (
            proxy.index(proxy.rowCount() - 1, 0).data()
            == view.source.index(view.source.total_row, 0).data()
        )


def test_a_cashier_is_refused_by_the_service(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork
) -> None:
    window = open_reports(qtbot, qapp, demo, person(demo, Role.CASHIER))
    qtbot.waitUntil(
        lambda: bool(window.message.text()) and not window.operations.busy, timeout=WAIT_MS
    )
    assert "see the shop's reports" in window.message.text()
    assert window.query() is None and not window.ui.periodCombo.isEnabled()


def test_signing_in_to_posapp_reports_as_a_cashier_asks_again(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    flow = ReportsFlow(qapp, demo, "en")
    flow._signed_in(person(demo, Role.CASHIER))
    assert warned and flow.window is None and flow.dialog is not None
    flow.dialog.reject()
    flow._signed_in(person(demo, Role.OWNER))
    assert flow.window is not None and flow.window.isVisible()
    flow.stop()


def test_the_shop_menu_opens_the_reports_for_a_manager_and_the_lock_closes_them(
    open_till: OpenTill, shop: Shop
) -> None:
    cashier_till = open_till()
    assert not cashier_till.reports_action.isVisible()
    cashier_till.close()

    till = open_till(shop.manager)
    assert till.reports_action.isVisible()
    till.reports_action.trigger()
    reports = till.reports
    assert reports is not None and reports.isVisible()
    till.lock()
    assert till.reports is None and not reports.isVisible()
