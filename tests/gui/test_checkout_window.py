"""The cashier's window as a cashier uses it: scanner and keyboard, the real database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from posapp.db.models import Sale
from posapp.domain.barcodes import make_ean13
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.amount import AmountDialog
from posapp.gui.dialogs.parked import ParkedSalesDialog
from posapp.gui.dialogs.payment import PaymentDialog, round_amounts
from posapp.gui.dialogs.pin import ApprovalDialog, SignInDialog
from posapp.gui.dialogs.void import VoidDialog
from posapp.gui.models.cart import Column
from posapp.gui.scanner import ScannerFilter
from tests.conftest import Shop
from tests.gui.helpers import OpenTill, plain
from tests.integration.helpers import payments, sale_lines, sales

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def rows(window: CheckoutWindow) -> list[list[str]]:
    model = window.model
    return [
        [plain(model.index(row, column).data()) for column in Column]
        for row in range(model.rowCount())
    ]


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key)


def dialog_of(qtbot: QtBot, window: CheckoutWindow, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(window.dialog, kind) and window.dialog.isVisible())
    assert window.dialog is not None
    return window.dialog


def test_a_scan_adds_one_row_and_the_total_shows_with_vat(open_till: OpenTill, shop: Shop) -> None:
    window = open_till()
    inserted: list[tuple[int, int]] = []
    changed: list[int] = []
    window.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    window.model.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))

    window.handle_scan(shop.bread)

    assert rows(window) == [["Rupjmaize", "1", "2,35 €", "", "2,35 €"]]
    assert plain(window.ui.totalLabel.text()) == "2,35 €"
    assert "PVN" in window.ui.vatLabel.text()
    assert inserted == [(0, 0)]

    window.handle_scan(shop.bread)  # the same goods again: the line grows, no new row

    assert rows(window) == [["Rupjmaize", "2", "2,35 €", "", "4,70 €"]]
    assert inserted == [(0, 0)]
    assert changed == [0]
    assert not resets
    assert plain(window.ui.totalLabel.text()) == "4,70 €"


def test_a_loyalty_card_attaches_the_customer(open_till: OpenTill, shop: Shop) -> None:
    window = open_till()
    window.handle_scan(shop.bread)

    window.handle_scan(shop.customer_card)

    assert window.ui.customerNameLabel.text() == "Ēriks Ozoliņš"
    assert window.cart.customer_id == shop.customer_id
    assert len(rows(window)) == 1


def test_a_whole_cash_sale_with_the_keyboard_only(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till()
    for code in (shop.bread, shop.milk, shop.coffee, shop.bread, shop.bread):
        window.handle_scan(code)
    assert plain(window.ui.totalLabel.text()) == "16,23 €"

    press(qtbot, window.ui.cartView, Qt.Key.Key_F12)
    dialog = dialog_of(qtbot, window, PaymentDialog)
    assert isinstance(dialog, PaymentDialog)
    assert plain(dialog.ui.dueLabel.text()) == "16,23 €"
    qtbot.keyClicks(dialog.ui.amountEdit, "20")  # replaces the due amount, which is selected
    assert plain(dialog.ui.changeLabel.text()) == "3,77 €"
    with qtbot.waitSignal(window.sale_completed):
        press(qtbot, dialog.ui.amountEdit, Qt.Key.Key_Return)

    [sale] = sales(shop.uow)
    assert sale.status == "completed"
    assert sale.total == Decimal("16.23")
    lines = sale_lines(shop.uow, sale.id)
    assert sum(line.quantity for line in lines) == 5
    [payment] = payments(shop.uow, sale.id)
    assert (payment.method, payment.tendered, payment.amount) == (
        "cash",
        Decimal("20.00"),
        Decimal("16.23"),
    )
    assert plain(window.banner_text()) == f"Čeks T1-{sale.receipt_number} — izdot 3,77 €"
    assert rows(window) == []
    assert window.cart.uuid != sale.uuid
    assert plain(window.ui.totalLabel.text()) == "0,00 €"


def test_enter_in_the_payment_dialog_is_exact_cash(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.coffee)

    press(qtbot, window.ui.cartView, Qt.Key.Key_F12)
    dialog = dialog_of(qtbot, window, PaymentDialog)
    with qtbot.waitSignal(window.sale_completed):
        press(qtbot, dialog, Qt.Key.Key_Return)

    [sale] = sales(shop.uow)
    assert window.banner_text() == f"Receipt T1-{sale.receipt_number} — paid"


def test_a_split_payment_part_cash_the_rest_by_card(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.coffee)  # 7.99

    press(qtbot, window.ui.cartView, Qt.Key.Key_F12)
    dialog = dialog_of(qtbot, window, PaymentDialog)
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClicks(dialog.ui.amountEdit, "5")
    press(qtbot, dialog.ui.amountEdit, Qt.Key.Key_Return)  # not enough: says so, stays open
    assert dialog.isVisible()
    assert "F5" in dialog.ui.messageLabel.text()
    dialog.card()  # F5
    assert dialog.ui.cardAmountLabel.text() == "€2.99"
    with qtbot.waitSignal(window.sale_completed):
        press(qtbot, dialog, Qt.Key.Key_Return)

    [sale] = sales(shop.uow)
    taken = [(p.method, p.amount) for p in payments(shop.uow, sale.id)]
    assert taken == [("cash", Decimal("5.00")), ("card", Decimal("2.99"))]


def test_round_amounts_offered_for_cash() -> None:
    assert round_amounts(Decimal("13.47")) == [14, 15, 20, 50]
    assert round_amounts(Decimal("20.00")) == [50, 100, 200, 500]


def test_an_unknown_barcode_is_said_in_the_banner_and_the_cart_stays(
    open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.milk)

    unknown = make_ean13("475999999999")
    with_failures: list[str] = []
    window.action_failed.connect(with_failures.append)
    window.handle_scan(unknown)

    assert f"Unknown barcode {unknown}" in window.banner_text()
    assert window.banner.state == "error"
    assert with_failures
    assert [row[0] for row in rows(window)] == ["Rupjmaize", "Piens 2%"]

    window.handle_scan(shop.bread[:-1] + str((int(shop.bread[-1]) + 1) % 10))  # a misread
    assert "Misread barcode" in window.banner_text()
    assert len(rows(window)) == 2

    window.handle_scan(shop.coffee)  # the next good scan clears the message
    assert window.banner.state == "idle"


def test_a_cashier_changes_a_price_only_with_a_managers_pin(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)

    press(qtbot, window.ui.cartView, Qt.Key.Key_F6)
    amount = dialog_of(qtbot, window, AmountDialog)
    assert isinstance(amount, AmountDialog)
    qtbot.keyClicks(amount.ui.amountEdit, "1,99")
    press(qtbot, amount.ui.amountEdit, Qt.Key.Key_Return)

    approval = dialog_of(qtbot, window, ApprovalDialog)
    assert isinstance(approval, ApprovalDialog)
    assert "change the price of Rupjmaize" in approval.ui.hintLabel.text()
    names = [approval.ui.userList.item(i).text() for i in range(approval.ui.userList.count())]
    assert names == ["Ilze", "Māris"]  # only owners and managers approve
    approval.choose("Māris")
    qtbot.keyClicks(approval.ui.pinEdit, "9999")
    press(qtbot, approval.ui.pinEdit, Qt.Key.Key_Return)

    assert approval.isVisible()
    assert "Wrong PIN" in approval.ui.messageLabel.text()
    assert window.cart.lines[0].unit_price == Decimal("2.35")

    qtbot.keyClicks(approval.ui.pinEdit, "2222")
    press(qtbot, approval.ui.pinEdit, Qt.Key.Key_Return)

    assert window.cart.lines[0].unit_price == Decimal("1.99")
    assert rows(window)[0][2] == "€1.99"
    press(qtbot, window.ui.cartView, Qt.Key.Key_F12)
    payment = dialog_of(qtbot, window, PaymentDialog)
    with qtbot.waitSignal(window.sale_completed):
        press(qtbot, payment, Qt.Key.Key_Return)
    [sale] = sales(shop.uow)
    [line] = sale_lines(shop.uow, sale.id)
    assert line.unit_price == Decimal("1.99")
    assert line.approved_by == shop.manager.user_id


def test_a_cancelled_approval_changes_nothing(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.change_price()
    amount = dialog_of(qtbot, window, AmountDialog)
    assert isinstance(amount, AmountDialog)
    qtbot.keyClicks(amount.ui.amountEdit, "0,50")
    press(qtbot, amount.ui.amountEdit, Qt.Key.Key_Return)
    approval = dialog_of(qtbot, window, ApprovalDialog)

    press(qtbot, approval, Qt.Key.Key_Escape)

    qtbot.waitUntil(lambda: window.dialog is None)
    assert window.cart.lines[0].unit_price == Decimal("2.35")


def test_a_manager_changes_a_price_without_being_asked(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(shop.manager, language="en")
    window.handle_scan(shop.bread)
    window.change_price()
    amount = dialog_of(qtbot, window, AmountDialog)
    assert isinstance(amount, AmountDialog)
    qtbot.keyClicks(amount.ui.amountEdit, "2")
    press(qtbot, amount.ui.amountEdit, Qt.Key.Key_Return)

    assert window.dialog is None
    assert window.cart.lines[0].unit_price == Decimal("2.00")


def test_quantity_and_remove_with_the_keyboard(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.milk)

    press(qtbot, window.ui.cartView, Qt.Key.Key_F4)  # the line just scanned: milk
    amount = dialog_of(qtbot, window, AmountDialog)
    assert isinstance(amount, AmountDialog)
    qtbot.keyClicks(amount.ui.amountEdit, "3")
    press(qtbot, amount.ui.amountEdit, Qt.Key.Key_Return)
    assert rows(window)[1][:2] == ["Piens 2%", "3"]

    press(qtbot, window.ui.cartView, Qt.Key.Key_Delete)
    assert [row[0] for row in rows(window)] == ["Rupjmaize"]


def test_park_and_resume(qtbot: QtBot, open_till: OpenTill, shop: Shop) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    parked_uuid = window.cart.uuid

    press(qtbot, window.ui.cartView, Qt.Key.Key_F8)
    assert rows(window) == []
    assert "parked" in window.banner_text()

    window.handle_scan(shop.milk)
    press(qtbot, window.ui.cartView, Qt.Key.Key_F9)
    dialog = dialog_of(qtbot, window, ParkedSalesDialog)
    press(qtbot, dialog, Qt.Key.Key_Return)

    assert window.cart.uuid == parked_uuid
    assert [row[0] for row in rows(window)] == ["Rupjmaize"]


def test_void_needs_a_reason(qtbot: QtBot, open_till: OpenTill, shop: Shop) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    voided_uuid = window.cart.uuid

    press(qtbot, window.ui.cartView, Qt.Key.Key_F10)
    dialog = dialog_of(qtbot, window, VoidDialog)
    assert isinstance(dialog, VoidDialog)
    press(qtbot, dialog.ui.reasonEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.ui.reasonEdit.setText("Pircējs pārdomāja")  # QTest types Latin-1 only
    press(qtbot, dialog.ui.reasonEdit, Qt.Key.Key_Return)

    assert rows(window) == []
    with shop.uow:
        status, reason = shop.uow.session.execute(
            select(Sale.status, Sale.reason).where(Sale.uuid == voided_uuid)
        ).one()
    assert (status, reason) == ("voided", "Pircējs pārdomāja")


def test_sign_in_says_how_many_tries_are_left(qtbot: QtBot, shop: Shop) -> None:
    dialog = SignInDialog(shop.uow)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen_name() == "Ilze"
    press(qtbot, dialog.ui.pinEdit, Qt.Key.Key_Down)
    press(qtbot, dialog.ui.pinEdit, Qt.Key.Key_Down)
    assert dialog.chosen_name() == "Māris"
    press(qtbot, dialog.ui.pinEdit, Qt.Key.Key_Up)
    assert dialog.chosen_name() == "Līga"

    qtbot.keyClicks(dialog.ui.pinEdit, "12ab34")  # digits only
    assert dialog.ui.pinEdit.text() == "1234"
    press(qtbot, dialog.ui.pinEdit, Qt.Key.Key_Return)
    assert "4 tries left" in dialog.ui.messageLabel.text()
    assert dialog.actor is None

    qtbot.keyClicks(dialog.ui.pinEdit, "3333")
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, dialog.ui.pinEdit, Qt.Key.Key_Return)
    assert dialog.actor == shop.cashier


def test_an_open_cart_is_restored_when_the_window_opens_again(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    first = open_till(language="en")
    first.handle_scan(shop.bread)
    first.handle_scan(shop.milk)
    first.close()

    second = open_till(language="en")

    assert [row[0] for row in rows(second)] == ["Rupjmaize", "Piens 2%"]
    assert second.banner_text() == "The sale in progress was restored."


def test_the_status_bar_names_the_shop_till_cashier_shift_and_database(
    open_till: OpenTill,
) -> None:
    window = open_till(language="en")
    assert window.till_status.text() == "Till T1"
    assert window.cashier_status.text() == "Cashier: Līga"
    assert window.shift_status.text().startswith("Shift open since ")
    assert window.state_status.text() == "Database OK"


def test_a_real_scanner_burst_through_the_filter_adds_the_line(
    qtbot: QtBot, qapp: QApplication, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    scanner = ScannerFilter(window)
    scanner.scanned.connect(window.handle_scan)
    qapp.installEventFilter(scanner)
    try:
        window.ui.cartView.setFocus()
        qtbot.keyClicks(window.ui.cartView, shop.bread)
        press(qtbot, window.ui.cartView, Qt.Key.Key_Return)
    finally:
        qapp.removeEventFilter(scanner)

    assert [row[0] for row in rows(window)] == ["Rupjmaize"]
