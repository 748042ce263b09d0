"""Closing the shift from the till (a blind count, then the Z report) and locking the till."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.domain.cart import PaymentMethod
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.close_shift import (
    SHORT_COLOUR,
    CloseShiftDialog,
    CountColumn,
)
from posapp.services.shifts import open_shift_id
from tests.conftest import Shop
from tests.gui.helpers import StartTill, plain, sign_in, sign_in_dialog
from tests.integration.helpers import sell

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def close_shift_dialog(qtbot: QtBot, window: CheckoutWindow) -> CloseShiftDialog:
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, CloseShiftDialog) and window.dialog.isVisible()
    )
    assert isinstance(window.dialog, CloseShiftDialog)
    return window.dialog


def shift_open(shop: Shop) -> bool:
    with shop.uow:
        return open_shift_id(shop.uow, shop.till_id) is not None


def test_closing_the_shift_counts_blind_then_shows_the_z_report(
    qtbot: QtBot, start_till: StartTill, shop: Shop
) -> None:
    sell(shop, shop.bread, method=PaymentMethod.CASH)  # 2,35 in cash
    sell(shop, shop.milk)  # 1,19 by card
    flow = start_till()
    window = sign_in(qtbot, flow)

    window.ui.actionCloseShift.trigger()
    dialog = close_shift_dialog(qtbot, window)
    # Nothing expected is shown before the count.
    assert dialog.ui.pages.currentWidget() is dialog.ui.countPage
    assert dialog.counts.rowCount() == 0
    # Typed at a person's pace (a fast burst of keys would be taken for a scan).
    dialog.ui.cashEdit.setText("101,35")
    dialog.ui.cardEdit.setText("1,19")
    qtbot.keyClick(dialog.ui.cardEdit, Qt.Key.Key_Return)

    assert dialog.ui.pages.currentWidget() is dialog.ui.reportPage
    assert not shift_open(shop)
    assert plain(dialog.ui.salesLabel.text()) == "2 · €3.54"
    assert dialog.ui.voidsLabel.text() == "0"
    model = dialog.counts
    cash = {column: plain(model.index(0, column).data()) for column in CountColumn}
    assert cash == {
        CountColumn.METHOD: "Cash",
        CountColumn.EXPECTED: "€102.35",  # the float and the cash taken
        CountColumn.COUNTED: "€101.35",
        CountColumn.DIFFERENCE: "-€1.00",
    }
    assert model.index(0, CountColumn.DIFFERENCE).data(Qt.ItemDataRole.ForegroundRole) == (
        SHORT_COLOUR
    )
    card = [plain(model.index(1, column).data()) for column in CountColumn]
    assert card == ["Card", "€1.19", "€1.19", "€0.00"]

    # OK: the till is closed; the next sign-in asks for a new float.
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.checkout is None)
    assert not window.isVisible()
    assert not flow.scanner.enabled
    sign_in_dialog(qtbot)


def test_the_z_report_reads_in_latvian(qtbot: QtBot, start_till: StartTill, shop: Shop) -> None:
    flow = start_till(language="lv")
    window = sign_in(qtbot, flow)

    window.close_shift()
    dialog = close_shift_dialog(qtbot, window)
    assert dialog.ui.titleLabel.text() == "Slēgt maiņu"
    dialog.ui.cashEdit.setText("100")
    dialog.confirm()

    assert dialog.counts.index(0, CountColumn.METHOD).data() == "Skaidra nauda"
    assert plain(dialog.counts.index(0, CountColumn.DIFFERENCE).data()) == "0,00 €"


def test_a_sale_in_progress_stops_the_shift_from_closing(
    qtbot: QtBot, start_till: StartTill, shop: Shop
) -> None:
    flow = start_till()
    window = sign_in(qtbot, flow)
    window.handle_scan(shop.bread)

    window.ui.actionCloseShift.trigger()

    assert window.banner_text() == "Finish or park the sale before closing the shift."
    assert window.dialog is None
    assert shift_open(shop)
    assert window.isVisible()


def test_lock_hides_the_till_and_the_next_person_gets_the_same_sale(
    qtbot: QtBot, start_till: StartTill, shop: Shop
) -> None:
    flow = start_till()
    window = sign_in(qtbot, flow, "Līga")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.milk)
    lines = window.cart.lines

    window.ui.actionLock.trigger()

    assert not window.isVisible()
    assert not flow.scanner.enabled
    sign_in_dialog(qtbot)
    again = sign_in(qtbot, flow, "Māris")
    assert again is window
    assert window.cart.lines == lines
    assert window.actor.name == "Māris"
    assert window.cashier_status.text() == "Cashier: Māris"
    assert flow.scanner.enabled
    assert shift_open(shop)


def test_the_till_locks_itself_after_a_while_without_a_key_or_a_click(
    qtbot: QtBot, start_till: StartTill, shop: Shop
) -> None:
    flow = start_till(idle_minutes=0.3 / 60)  # 0,3 s
    window = sign_in(qtbot, flow)
    window.handle_scan(shop.bread)

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)

    sign_in_dialog(qtbot)
    assert sign_in(qtbot, flow) is window
    assert len(window.cart.lines) == 1


def test_keys_keep_the_till_awake(qtbot: QtBot, start_till: StartTill, shop: Shop) -> None:
    flow = start_till(idle_minutes=1 / 60)
    window = sign_in(qtbot, flow)
    for _ in range(15):
        qtbot.wait(100)
        qtbot.keyClick(window.ui.cartView, Qt.Key.Key_Down)
    assert window.isVisible()  # 1,5 s in all, never 1 s without a key
