"""The demo shop at the counter: its card with points and a voucher shows the member, their
balance and the rewards to take, taking one changes the total; its care card shows the
reminders, and one key marks one done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from posapp.db.models import ReminderAction
from posapp.db.uow import UnitOfWork
from posapp.demo.build import build_demo_file
from posapp.demo.members import DEMO_CARD_CARE, DEMO_CARD_WITH_POINTS_AND_VOUCHER
from posapp.demo.shop import TILL
from posapp.domain.reminders import ReminderKind
from posapp.domain.roles import Actor
from posapp.gui.app import describe_database, install_translators
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.models.rewards import Column
from posapp.services import catalog, loyalty, users
from posapp.services.setup import open_database

BREAD = "4750123000017"  # the demo's Rupjmaize


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UnitOfWork]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo_file(str(path), until=datetime.now(UTC), days=14)
    uow = open_database(str(path))
    yield uow
    uow.engine.dispose()


def open_window(qtbot: QtBot, qapp: QApplication, demo: UnitOfWork) -> CheckoutWindow:
    install_translators(qapp, "en")
    cashier = next(u for u in users.list_users(demo) if u.name == "Līga")
    window = CheckoutWindow(
        demo,
        Actor(cashier.user_id, cashier.name, cashier.role),
        TILL,
        language="en",
        database_label=describe_database(demo.engine.url),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_demo_card_shows_the_member_their_balance_and_rewards(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork
) -> None:
    window = open_window(qtbot, qapp, demo)
    for _ in range(3):
        window.handle_scan(BREAD)  # 7,05

    with demo:
        holder = catalog.customer_by_card(demo, DEMO_CARD_WITH_POINTS_AND_VOUCHER)
    assert holder is not None
    member = loyalty.customer_summary(demo, holder.customer_id)

    window.handle_scan(DEMO_CARD_WITH_POINTS_AND_VOUCHER)

    assert window.ui.customerNameLabel.text() == (member.address_as or member.name)
    assert member.balance >= 500
    assert f"points: {member.balance:,}" in window.ui.customerDetailLabel.text()
    model = window.customer_panel.rewards
    rewards = [model.index(row, Column.COST).data() for row in range(model.rowCount())]
    assert "voucher" in rewards and "500 pts" in rewards
    row = rewards.index("500 pts")  # €5 off
    before = window.cart.total
    qtbot.keyClick(
        window.ui.cartView, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier
    )
    assert window.cart.total == before - Decimal("5.00"), window.banner_text()


def test_the_demo_care_card_shows_its_reminders_and_one_key_marks_one_done(
    qtbot: QtBot, qapp: QApplication, demo: UnitOfWork
) -> None:
    window = open_window(qtbot, qapp, demo)
    window.handle_scan(BREAD)

    window.handle_scan(DEMO_CARD_CARE)

    model = window.reminders
    kinds = [model.reminder(row).kind for row in range(model.rowCount())]
    assert window.ui.remindersView.isVisible() and not window.ui.quickKeysPanel.isVisible()
    assert kinds[0] is ReminderKind.COMPLAINT  # an open complaint comes first
    assert len(set(kinds)) >= 4
    # Above them, what their stage asks of the cashier: in a 14-day demo, a Visitor still.
    assert window.ui.customerDetailLabel.text().startswith("Visitor")
    assert window.ui.stageHintLabel.text() == (
        "First visit: greet them warmly in the first seconds. The first impression counts."
    )
    assert window.ui.stageHintLabel.isVisible()
    first = next(
        model.reminder(row) for row in range(model.rowCount()) if not model.reminder(row).sticky
    )

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    shown = [model.reminder(row).key for row in range(model.rowCount())]
    assert first.key not in shown
    assert kinds[0] is model.reminder(0).kind  # the complaint stays until it is resolved
    assert window.banner_text() == f"Done: {first.text}"
    with demo:
        action = demo.session.execute(
            select(ReminderAction.action, ReminderAction.user_id).where(
                ReminderAction.key == first.key
            )
        ).one()
    assert action == ("done", window.actor.user_id)
