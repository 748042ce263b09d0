"""The owner's care lists: four lists to act on, the quiet regulars saved as CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from posapp.domain.roles import Actor
from posapp.gui.app import install_translators
from posapp.gui.dialogs.care_lists import CareListsDialog
from posapp.services import care, loyalty
from posapp.services.care import CardOfferAnswer
from tests.conftest import Shop
from tests.gui.helpers import wait_idle
from tests.integration.helpers import sell
from tests.integration.loyalty_helpers import Clock, use_clock

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

RIGA = ZoneInfo("Europe/Riga")
TODAY = date(2026, 11, 23)


@pytest.fixture
def cared_for(shop: Shop) -> Iterator[Shop]:
    """A shop with one of each: a quiet regular (who agreed to be contacted), a birthday this
    week, an overdue promise, an open complaint, a rating, reminders acted upon and a card
    offer."""
    clock = Clock(datetime(2026, 9, 1, 12, tzinfo=RIGA).astimezone(UTC))
    restore = use_clock(shop, clock)
    anna = loyalty.enrol_customer(
        shop.uow,
        shop.cashier,
        "Anna Bērziņa",
        phone="+371 29 111 222",
        email="anna@example.lv",
        birthday=date(1990, 11, 25),
        consent=True,
    )
    assert anna.card_number is not None
    for _week in range(4):
        sell(shop, anna.card_number, shop.bread)
        clock.advance(days=7)
    clock.moment = datetime(2026, 11, 20, 12, tzinfo=RIGA).astimezone(UTC)
    care.add_promise(
        shop.uow, shop.cashier, shop.customer_id, "Order rye flour", date(2026, 11, 21)
    )
    care.add_complaint(shop.uow, shop.cashier, shop.customer_id, "Stale bread", "A loaf on us")
    clock.moment = datetime(2026, 11, 23, 12, tzinfo=RIGA).astimezone(UTC)
    state = care.add_note(shop.uow, shop.cashier, shop.customer_id, "Likes rye", preference=True)
    note = next(r for r in state.reminders if r.refers_to and r.text.startswith("Prefers"))
    care.mark_reminder(shop.uow, shop.cashier, shop.customer_id, note.key, True, till="T1")
    rated = sell(shop, shop.customer_card, shop.milk)
    care.rate_service(
        shop.uow, shop.cashier, shop.customer_id, 4, "Friendly staff", sale_id=rated.sale_id
    )
    plain = sell(shop, shop.milk)
    care.record_card_offer(shop.uow, shop.cashier, plain.sale_id, CardOfferAnswer.DECLINED)
    yield shop
    restore()


def open_lists(qtbot: QtBot, shop: Shop, actor: Actor, language: str = "en") -> CareListsDialog:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, language)
    dialog = CareListsDialog(shop.uow, actor, language=language, time_zone="Europe/Riga")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_idle(dialog, qtbot)
    return dialog


def cells(dialog: CareListsDialog, model_name: str) -> list[list[str]]:
    model = getattr(dialog, model_name)
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_owner_sees_the_four_lists_and_what_was_acted_upon(
    qtbot: QtBot, cared_for: Shop
) -> None:
    dialog = open_lists(qtbot, cared_for, cared_for.owner)
    tabs = dialog.ui.listsTabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Quiet regulars (1)",
        "Birthdays (1)",
        "Promises overdue (1)",
        "Open complaints (1)",
        "Ratings (1)",
        "Reminders acted upon",
    ]
    assert cells(dialog, "quiet") == [
        ["Anna Bērziņa", "+371 29 111 222", "anna@example.lv", "4", "22/09/2026", "7", "62"]
    ]
    assert cells(dialog, "birthdays")[0][:3] == ["Anna Bērziņa", "25/11/2026", "36"]
    assert cells(dialog, "promises") == [
        ["Ēriks Ozoliņš", "—", "Order rye flour", "21/11/2026", "2", "Līga"]
    ]
    assert cells(dialog, "complaints") == [
        ["Ēriks Ozoliņš", "—", "Stale bread", "A loaf on us", "20/11/2026", "Līga", "3"]
    ]
    assert cells(dialog, "ratings") == [
        ["23/11/2026, 12:00", "Ēriks Ozoliņš", "4 / 5", "Friendly staff", "Līga"]
    ]
    assert dialog.ui.ratingsLabel.text() == "Ratings in the last 30 days: 1, on average 4 of 5."
    assert cells(dialog, "activity") == [["Note or preference", "1", "0"]]
    assert dialog.ui.offersLabel.text() == (
        "Buyers without a card, the last 30 days: 0 took a card, 1 said no, 0 were not asked."
    )
    header = dialog.quiet.headerData(3, Qt.Orientation.Horizontal)
    assert header == "Visits"


def test_the_quiet_regulars_are_saved_as_csv_where_the_owner_chooses(
    qtbot: QtBot, cared_for: Shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "klusie.csv"
    asked: list[str] = []

    def choose(_parent: object, title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog = open_lists(qtbot, cared_for, cared_for.manager, language="lv")

    qtbot.mouseClick(dialog.ui.exportButton, Qt.MouseButton.LeftButton)
    wait_idle(dialog, qtbot)

    assert asked and asked[0].endswith(".csv")
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[1][:3] == ["Anna Bērziņa", "+371 29 111 222", "anna@example.lv"]
    assert str(target) in dialog.ui.messageLabel.text()
    assert dialog.ui.listsTabs.tabText(0) == "Pieklusušie klienti (1)"


def test_a_cashier_is_told_the_lists_are_not_theirs(qtbot: QtBot, cared_for: Shop) -> None:
    dialog = open_lists(qtbot, cared_for, cared_for.cashier)
    assert "may not see the customer lists" in dialog.ui.messageLabel.text()
    assert dialog.quiet.rowCount() == 0
