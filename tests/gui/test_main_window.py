"""The main window as a person at the till sees it: the shop, today, the shift, recent sales."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from posapp.config import Config
from posapp.errors import DatabaseError
from posapp.gui import main_window as main_window_module
from posapp.gui.app import describe_database, install_translators, run
from posapp.gui.dialogs.pin import SignInDialog
from posapp.gui.main_window import MainWindow
from posapp.gui.models.recent_sales import Column
from posapp.services.settings import update_settings
from tests.conftest import TILL, Shop
from tests.gui.helpers import plain, wait_idle
from tests.integration.helpers import refund_sale, sell

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

OpenWindow = Callable[..., MainWindow]


def status_texts(window: MainWindow) -> list[str]:
    return [label.text() for label in window.statusBar().findChildren(QLabel)]


def recent_row(window: MainWindow, row: int) -> dict[Column, str]:
    model = window.ui.recentSalesView.model()
    return {column: plain(model.index(row, column).data()) for column in Column}


def press_f5(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.ui.recentSalesView, Qt.Key.Key_F5)


@pytest.fixture
def open_window(qtbot: QtBot, qapp: QApplication, shop: Shop) -> Iterator[OpenWindow]:
    """Open the main window on the shop's database, in a language, shown and active."""

    def open_(language: str = "en") -> MainWindow:
        install_translators(qapp, language)
        window = MainWindow(
            shop.uow,
            TILL,
            language=language,
            database_label=describe_database(shop.uow.engine.url),
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        wait_idle(window, qtbot)
        return window

    yield open_
    install_translators(qapp, "en")


def test_window_shows_the_shop_its_till_and_the_open_shift(
    open_window: OpenWindow, shop: Shop
) -> None:
    update_settings(shop.uow, shop.owner, shop_name="Ozolu veikals")

    window = open_window("en")

    assert window.ui.shopNameLabel.text() == "Ozolu veikals"
    assert window.windowTitle() == "Ozolu veikals — posapp"
    assert window.ui.tillCodeLabel.text() == "T1"
    assert window.ui.thisTillLabel.text() == "This till (T1)"
    assert window.ui.shiftStateLabel.text() == "Open"
    assert window.ui.shiftByLabel.text() == "Opened by Līga"
    assert window.ui.productCountLabel.text() == "4"
    assert window.ui.customerCountLabel.text() == "1"
    assert window.ui.tillSalesLabel.text() == "0"
    assert window.ui.tillTakingsLabel.text() == "€0.00"
    assert window.ui.recentStack.currentWidget() is window.ui.recentEmptyPage
    status = status_texts(window)
    assert "Ozolu veikals" in status
    assert "Till T1" in status
    assert "Database OK" in status
    assert window.minimumSize().width() == 1024
    assert window.minimumSize().height() == 768


def test_f5_shows_a_sale_just_completed_with_its_receipt_and_total(
    qtbot: QtBot, open_window: OpenWindow, shop: Shop
) -> None:
    window = open_window("lv")
    assert window.ui.recentSalesView.model().rowCount() == 0

    sale = sell(shop, shop.bread)
    with qtbot.waitSignal(window.overview_refreshed):
        press_f5(qtbot, window)

    assert window.ui.recentStack.currentWidget() is window.ui.recentTablePage
    row = recent_row(window, 0)
    assert row[Column.RECEIPT] == f"T1-{sale.receipt_number}"
    assert row[Column.CASHIER] == "Līga"
    assert row[Column.CUSTOMER] == "—"
    assert row[Column.TOTAL] == "2,35 €"
    assert plain(window.ui.tillTakingsLabel.text()) == "2,35 €"
    assert plain(window.ui.allTakingsLabel.text()) == "2,35 €"
    assert window.ui.tillSalesLabel.text() == "1"


def test_a_refund_shows_as_a_refund_with_a_negative_total(
    qtbot: QtBot, open_window: OpenWindow, shop: Shop
) -> None:
    sale = sell(shop, shop.bread, shop.milk)
    refund_sale(shop, sale, reason="Bojāts iepakojums")

    window = open_window("en")

    newest, sold = recent_row(window, 0), recent_row(window, 1)
    assert newest[Column.RECEIPT] == f"T1-{sale.receipt_number + 1} (refund)"
    assert newest[Column.TOTAL] == "-€3.54"
    assert newest[Column.CASHIER] == "Māris"
    assert sold[Column.TOTAL] == "€3.54"
    # Takings count the refund; the number of sales does not.
    assert window.ui.tillTakingsLabel.text() == "€0.00"
    assert window.ui.tillSalesLabel.text() == "1"


def test_a_database_problem_on_refresh_is_shown_and_the_figures_stay(
    qtbot: QtBot, open_window: OpenWindow, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    sell(shop, shop.coffee)
    window = open_window("en")

    def busy(*_args: object) -> None:
        raise DatabaseError("The database is busy with another till.")

    monkeypatch.setattr(main_window_module, "shop_overview", busy)
    with qtbot.waitSignal(window.refresh_failed):
        press_f5(qtbot, window)

    assert "Database problem: The database is busy with another till." in status_texts(window)
    assert window.ui.tillTakingsLabel.text() == "€7.99"
    assert recent_row(window, 0)[Column.TOTAL] == "€7.99"


def _visible_windows(app: QApplication) -> list[QWidget]:
    return [w for w in app.topLevelWidgets() if w.isVisible()]


def test_run_opens_on_the_sign_in_in_latvian_and_shows_no_takings(
    qapp: QApplication, shop: Shop, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSAPP_LANGUAGE", "lv")
    seen: dict[str, object] = {}

    def look_then_quit(app: QApplication) -> int:
        visible = _visible_windows(app)
        [dialog] = [w for w in visible if isinstance(w, SignInDialog)]
        seen.update(
            title=dialog.ui.titleLabel.text(),
            users=[dialog.user_list.item(i).text() for i in range(dialog.user_list.count())],
            overview_visible=any(isinstance(w, MainWindow) for w in visible),
        )
        return 0

    monkeypatch.setattr(QApplication, "exec", look_then_quit)

    assert run(Config(database=database_url, till_code=TILL)) == 0
    assert seen["title"] == "Pieteikties"
    assert [name.split()[0] for name in seen["users"]] == ["Ilze", "Līga", "Māris"]  # type: ignore[union-attr]
    assert seen["overview_visible"] is False  # the day's takings are not shown to anyone


@pytest.mark.parametrize(("setting", "title"), [("lv", "Pieteikties"), ("en", "Sign in")])
def test_without_posapp_language_the_shop_setting_chooses_the_language(
    qapp: QApplication,
    shop: Shop,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
    title: str,
) -> None:
    monkeypatch.delenv("POSAPP_LANGUAGE", raising=False)
    update_settings(shop.uow, shop.owner, language=setting)
    seen: list[str] = []

    def look_then_quit(app: QApplication) -> int:
        for window in _visible_windows(app):
            if isinstance(window, SignInDialog):
                seen.append(window.ui.titleLabel.text())
        return 0

    monkeypatch.setattr(QApplication, "exec", look_then_quit)

    assert run(Config(database=database_url, till_code=TILL)) == 0
    assert seen == [title]


def test_run_reports_a_database_it_cannot_open_and_returns_1(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSAPP_LANGUAGE", "en")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        lambda _parent, title, text, *_rest: shown.append((title, text)),
    )

    def never(_app: QApplication) -> int:
        raise AssertionError("no window opens on a database that cannot be opened")

    monkeypatch.setattr(QApplication, "exec", never)

    exit_code = run(Config(database=str(blocker / "shop" / "posapp.sqlite"), till_code=TILL))

    assert exit_code == 1
    [(title, text)] = shown
    assert title == "posapp cannot start"
    assert str(blocker) in text


@pytest.mark.parametrize(
    "database",
    [
        "postgresql://kassa:secret-pw@db.shop.lv:no-port/veikals",
        "postgresql+nodriver://kassa:secret-pw@db.shop.lv/veikals",
    ],
)
def test_a_database_address_that_cannot_be_used_is_reported_without_its_password(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    monkeypatch.setenv("POSAPP_LANGUAGE", "en")
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, _title, text, *_rest: shown.append(text)
    )

    assert run(Config(database=database, till_code=TILL)) == 1

    [text] = shown
    assert "cannot be opened" in text
    assert "db.shop.lv" in text
    assert "secret-pw" not in text


def test_the_database_is_named_without_its_password() -> None:
    server = make_url("postgresql+psycopg://kassa:secret-pw@db.shop.lv:5433/veikals")
    assert describe_database(server) == "PostgreSQL db.shop.lv:5433/veikals"
    default_port = make_url("postgresql+psycopg://kassa:secret-pw@db.shop.lv/veikals")
    assert describe_database(default_port) == "PostgreSQL db.shop.lv/veikals"
    sqlite_file = make_url("sqlite+pysqlite:////srv/posapp/shop.sqlite")
    assert describe_database(sqlite_file) == "/srv/posapp/shop.sqlite"


def test_the_window_never_keeps_orm_objects(open_window: OpenWindow, shop: Shop) -> None:
    """Between event-loop turns the window holds dataclasses only (no session, no ORM rows)."""
    sell(shop, shop.bread)
    window = open_window("en")
    assert window.overview is not None
    rows = window.overview.recent
    assert rows
    assert all(type(row).__module__ == "posapp.services.overview" for row in rows)
    assert isinstance(window.overview.takings_today_all, Decimal)
