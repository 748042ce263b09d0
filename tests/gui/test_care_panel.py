"""Care at the counter: a complaint typed at one till is on the next scan of that card at
any till, and stays until it is put right; notes and promises in a few keystrokes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from posapp.db.models import Promise, ReminderAction, ReminderLeft
from posapp.domain.cart import PaymentMethod
from posapp.domain.reminders import ReminderKind
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.care import CareDialog
from posapp.gui.dialogs.care_lists import CareListsDialog
from posapp.gui.scanner import ScannerFilter
from posapp.services import care
from posapp.services.settings import load_settings
from tests.conftest import Shop
from tests.gui.helpers import OpenTill

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

ROOT = Path(__file__).resolve().parents[2]

# Another till: another process on the same database, writing through the care service.
OTHER_TILL = textwrap.dedent(
    """
    import sys
    from posapp.domain.roles import Actor, Role
    from posapp.services import care
    from posapp.services.setup import open_database

    url, user_id, customer_id = sys.argv[1:]
    uow = open_database(url)
    actor = Actor(int(user_id), "Māris", Role.MANAGER)
    care.add_complaint(uow, actor, int(customer_id), "Stale bread on Monday", "a fresh loaf")
    """
)


def open_care(qtbot: QtBot, window: CheckoutWindow) -> CareDialog:
    """Ctrl+N at the till: the care dialog, open."""
    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.dialog, CareDialog) and window.dialog.isVisible())
    assert isinstance(window.dialog, CareDialog)
    return window.dialog


def kinds(window: CheckoutWindow) -> list[ReminderKind]:
    model = window.reminders
    return [model.reminder(row).kind for row in range(model.rowCount())]


def test_a_complaint_from_another_till_shows_at_the_next_scan_of_the_card(
    open_till: OpenTill, shop: Shop, database_url: str
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.customer_card)
    assert ReminderKind.COMPLAINT not in kinds(window)

    other = [sys.executable, "-c", OTHER_TILL, database_url, str(shop.manager.user_id)]
    finished = subprocess.run(
        [*other, str(shop.customer_id)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr

    window.complete([(PaymentMethod.CASH, window.cart.due)])  # the customer's next visit:
    window.handle_scan(shop.bread)
    window.handle_scan(shop.customer_card)

    assert kinds(window)[0] is ReminderKind.COMPLAINT
    assert "Stale bread on Monday" in window.reminders.reminder(0).text
    assert window.ui.remindersView.isVisible()


def test_ctrl_n_writes_a_complaint_that_stays_until_it_is_put_right(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.customer_card)

    dialog = open_care(qtbot, window)
    assert not dialog.ui.resolveButton.isEnabled()  # nothing to resolve, cancel or comment on
    assert not dialog.ui.cancelPromiseButton.isEnabled()
    assert not dialog.ui.ratingCommentButton.isEnabled()
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_4)  # 4: a complaint
    assert dialog.ui.complaintButton.isChecked() and dialog.ui.textEdit.text() == ""
    qtbot.keyClicks(dialog.ui.textEdit, "Cake was dry")
    qtbot.keyClicks(dialog.ui.extraEdit, "a new cake")
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Return)

    assert kinds(window)[0] is ReminderKind.COMPLAINT
    assert window.banner_text() == "Saved for every till."
    window.mark_reminder(True)  # Ctrl+D passes over it: a complaint is resolved, not ticked
    assert kinds(window)[0] is ReminderKind.COMPLAINT

    dialog = open_care(qtbot, window)
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_5)  # 5: how it was put right
    qtbot.keyClicks(dialog.ui.textEdit, "Gave a new cake")
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Return)

    assert ReminderKind.COMPLAINT not in kinds(window)


def test_a_note_typed_fast_is_a_note_not_a_scan(
    qtbot: QtBot, qapp: QApplication, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.customer_card)
    scanner = ScannerFilter(window)
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    qapp.installEventFilter(scanner)
    try:
        dialog = open_care(qtbot, window)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        # At machine speed, and Enter: what a scanner sends, but typed in a note.
        qtbot.keyClicks(dialog.ui.textEdit, "Likes oat milk\r")
    finally:
        qapp.removeEventFilter(scanner)

    assert scans == []
    assert not dialog.isVisible() and window.banner_text() == "Saved for every till."
    model = window.reminders
    assert any("Likes oat milk" in model.reminder(row).text for row in range(model.rowCount()))


def test_ctrl_n_6_cancels_the_customers_promise_and_says_why(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    today = load_settings(shop.uow).local_date(shop.uow.now())
    care.add_promise(shop.uow, shop.cashier, shop.customer_id, "Order rye flour", today)
    window = open_till(language="en")
    window.handle_scan(shop.customer_card)
    assert ReminderKind.PROMISE_DUE in kinds(window)

    dialog = open_care(qtbot, window)
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_6)  # 6: the promise is cancelled
    assert dialog.ui.cancelPromiseButton.isChecked()
    assert "Order rye flour" in dialog.ui.aboutLabel.text()  # which promise it cancels
    qtbot.keyClicks(dialog.ui.textEdit, "They found it elsewhere")
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Return)

    assert ReminderKind.PROMISE_DUE not in kinds(window)
    with shop.uow:
        cancelled = shop.uow.connection.execute(
            select(Promise.status, Promise.resolution, Promise.resolved_by)
        ).one()
    assert tuple(cancelled) == ("cancelled", "They found it elsewhere", shop.cashier.user_id)


def test_a_rating_with_one_key_and_then_what_they_said_with_ctrl_n(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.customer_card)
    window.complete([(PaymentMethod.CASH, window.cart.due)])

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.banner_text() == "Thank you: rated 2 of 5. Ctrl+N: what they said."
    dialog = open_care(qtbot, window)  # for the member just served, though the card is gone
    assert dialog.ui.ratingCommentButton.isChecked()
    assert dialog.ui.aboutLabel.text() == "They rated the service 2 of 5."
    qtbot.keyClicks(dialog.ui.textEdit, "The queue was slow")
    qtbot.keyClick(dialog.ui.textEdit, Qt.Key.Key_Return)

    assert window.banner_text() == "Saved for every till."
    rated = care.ratings(shop.uow, shop.owner, date(2000, 1, 1), date(2100, 1, 1)).rows
    assert [(r.customer_id, r.rating, r.comment) for r in rated] == [
        (shop.customer_id, 2, "The queue was slow")
    ]
    window.handle_scan(shop.bread)  # the next buyer: Ctrl+N no longer means the last one
    window.add_care()
    assert window.banner_text() == "Scan the customer's card first."


def test_the_owners_lists_open_from_the_till_for_a_manager_only(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    cashier = open_till(language="en")
    assert not cashier.care_lists_action.isVisible()

    manager = open_till(shop.manager, language="en")
    assert manager.care_lists_action.isVisible()
    manager.show_care_lists()
    qtbot.waitUntil(lambda: isinstance(manager.dialog, CareListsDialog))
    assert manager.dialog is not None and manager.dialog.isVisible()


def test_the_reminders_still_on_the_screen_at_payment_are_recorded_as_left_alone(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    customer = shop.customer_id
    care.add_note(shop.uow, shop.manager, customer, "Likes dark rye", preference=True)
    care.add_promise(shop.uow, shop.manager, customer, "Order rye flour", date(2030, 1, 1))
    care.add_complaint(shop.uow, shop.manager, customer, "Cold coffee", "a fresh cup")
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.customer_card)
    shown = [window.reminders.reminder(row) for row in range(window.reminders.rowCount())]
    assert shown[0].kind is ReminderKind.COMPLAINT and len(shown) >= 3

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    window.complete([(PaymentMethod.CASH, window.cart.due)])

    with shop.uow:
        done = shop.uow.session.scalars(select(ReminderAction.key)).all()
        left = shop.uow.session.execute(
            select(ReminderLeft.key, ReminderLeft.kind, ReminderLeft.customer_id)
        ).all()
    # The one done is an action; the complaint (it cannot be marked) is neither.
    assert done == [shown[1].key]
    assert sorted(left) == sorted((r.key, r.kind.value, customer) for r in shown[2:])
