"""Refunds at the till: scan (or type) the receipt, choose what comes back, say why."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from posapp.domain.barcodes import receipt_code
from posapp.domain.cart import PaymentMethod
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.pin import ApprovalDialog
from posapp.gui.dialogs.refund import RefundColumn, RefundDialog, parse_receipt
from posapp.services.checkout import CompletedSale
from tests.conftest import TILL, Shop
from tests.gui.helpers import OpenTill, plain
from tests.integration.helpers import payments, refund_sale, sale_lines, sales, sell

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def dialog_of(qtbot: QtBot, window: CheckoutWindow, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(window.dialog, kind) and window.dialog.isVisible())
    assert window.dialog is not None
    return window.dialog


def refund_dialog(qtbot: QtBot, window: CheckoutWindow) -> RefundDialog:
    dialog = dialog_of(qtbot, window, RefundDialog)
    assert isinstance(dialog, RefundDialog)
    dialog.activateWindow()  # as the window manager does; the keys below go where the focus is
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def lines_shown(dialog: RefundDialog) -> list[list[str]]:
    model = dialog.lines
    return [
        [plain(model.index(row, column).data()) for column in RefundColumn]
        for row in range(model.rowCount())
    ]


def refunds_of(
    shop: Shop, sale: CompletedSale
) -> list[tuple[int, list[tuple[Decimal, int | None, int | None]]]]:
    """Each refund of `sale`: its id and its lines as (quantity, refunded line, approved by)."""
    return [
        (
            refund.id,
            [
                (line.quantity, line.refund_of_line_id, line.approved_by)
                for line in sale_lines(shop.uow, refund.id)
            ],
        )
        for refund in sales(shop.uow)
        if refund.kind == "refund" and refund.refund_of_id == sale.sale_id
    ]


def choose_first_line_and_reason(qtbot: QtBot, dialog: RefundDialog) -> None:
    """One of the first line, a quick reason: what a cashier does with the keyboard."""
    view = dialog.ui.linesView
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClicks(view, "1")
    assert plain(dialog.ui.totalLabel.text()) == "2,35 €"
    dialog.ui.reasonCombo.setFocus()
    qtbot.keyClick(dialog.ui.reasonCombo, Qt.Key.Key_Down)  # the first of the quick reasons
    assert dialog.ui.reasonCombo.currentText() == "Bojāta prece"


def test_a_scanned_receipt_opens_the_dialog_with_its_lines(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    sale = sell(shop, shop.bread, shop.milk, shop.bread)  # paid by card
    window = open_till()

    window.handle_scan(receipt_code(TILL, sale.receipt_number))

    dialog = refund_dialog(qtbot, window)
    assert lines_shown(dialog) == [
        ["Rupjmaize", "2", "0", "2", "2,35 €", "0"],
        ["Piens 2%", "1", "0", "1", "1,19 €", "0"],
    ]
    assert dialog.ui.receiptEdit.text() == f"{TILL}-{sale.receipt_number}"
    assert dialog.ui.methodCombo.currentData() is PaymentMethod.CARD  # paid only by card
    view = dialog.ui.linesView
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)  # no more than is left
    assert lines_shown(dialog)[0][RefundColumn.REFUND] == "2"
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert lines_shown(dialog)[0][RefundColumn.REFUND] == "1"
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert [row[RefundColumn.REFUND] for row in lines_shown(dialog)] == ["2", "1"]
    assert plain(dialog.ui.totalLabel.text()) == "5,89 €"

    qtbot.keyClick(view, Qt.Key.Key_Return)  # no reason yet: said, nothing posted
    assert dialog.isVisible()
    assert dialog.ui.reasonCombo.hasFocus()
    assert dialog.ui.messageLabel.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dialog is None)
    assert refunds_of(shop, sale) == []


def test_a_manager_refunds_one_of_two_items_and_the_cart_is_kept(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    sale = sell(shop, shop.bread, shop.milk, method=PaymentMethod.CASH)
    window = open_till(shop.manager)
    window.handle_scan(shop.coffee)  # a sale in progress, not touched by the refund
    cart_before = window.cart

    window.handle_scan(receipt_code(TILL, sale.receipt_number))
    dialog = refund_dialog(qtbot, window)
    assert dialog.ui.methodCombo.currentData() is PaymentMethod.CASH
    choose_first_line_and_reason(qtbot, dialog)
    qtbot.keyClick(dialog.ui.reasonCombo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)

    [(refund_id, refund_lines)] = refunds_of(shop, sale)
    bread_line = sale_lines(shop.uow, sale.sale_id)[0]
    assert refund_lines == [(Decimal(-1), bread_line.id, None)]
    [refund] = [row for row in sales(shop.uow) if row.id == refund_id]
    assert refund.reason == "Bojāta prece"
    assert refund.total == Decimal("-2.35")
    [payment] = payments(shop.uow, refund_id)
    assert (payment.method, payment.amount) == ("cash", Decimal("-2.35"))
    assert plain(window.banner_text()) == (
        f"Atmaksa {TILL}-{refund.receipt_number} — izmaksāt 2,35 €"
    )
    assert window.cart == cart_before


def test_a_cashier_needs_a_managers_pin_to_refund(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    sale = sell(shop, shop.bread, shop.milk, method=PaymentMethod.CASH)
    window = open_till()  # Līga, a cashier

    window.handle_scan(receipt_code(TILL, sale.receipt_number))
    dialog = refund_dialog(qtbot, window)
    choose_first_line_and_reason(qtbot, dialog)
    qtbot.keyClick(dialog.ui.reasonCombo.lineEdit(), Qt.Key.Key_Return)

    approval = dialog_of(qtbot, window, ApprovalDialog)
    assert isinstance(approval, ApprovalDialog)
    assert f"{TILL}-{sale.receipt_number}" in approval.ui.hintLabel.text()
    approval.choose("Māris")
    qtbot.keyClicks(approval.ui.pinEdit, "9999")
    qtbot.keyClick(approval.ui.pinEdit, Qt.Key.Key_Return)
    assert approval.isVisible()
    assert approval.ui.messageLabel.text()
    assert refunds_of(shop, sale) == []

    qtbot.keyClicks(approval.ui.pinEdit, "2222")
    qtbot.keyClick(approval.ui.pinEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)

    bread_line = sale_lines(shop.uow, sale.sale_id)[0]
    [(_refund_id, refund_lines)] = refunds_of(shop, sale)
    assert refund_lines == [(Decimal(-1), bread_line.id, shop.manager.user_id)]
    assert "2,35 €" in plain(window.banner_text())


def test_a_typed_receipt_that_does_not_exist_is_said_in_the_dialog(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    sale = sell(shop, shop.bread)
    window = open_till(shop.manager)

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_F3)
    dialog = refund_dialog(qtbot, window)
    assert dialog.ui.receiptEdit.hasFocus()
    qtbot.keyClicks(dialog.ui.receiptEdit, "T1-999")
    qtbot.keyClick(dialog.ui.receiptEdit, Qt.Key.Key_Return)

    assert dialog.isVisible()
    assert "T1-999" in dialog.ui.messageLabel.text()
    assert dialog.lines.rowCount() == 0
    qtbot.keyClick(dialog.ui.receiptEdit, Qt.Key.Key_Return)  # still nothing to post
    assert dialog.isVisible()

    dialog.ui.receiptEdit.clear()  # just the number: a receipt of this till
    qtbot.keyClicks(dialog.ui.receiptEdit, str(sale.receipt_number))
    qtbot.keyClick(dialog.ui.receiptEdit, Qt.Key.Key_Return)
    assert [row[0] for row in lines_shown(dialog)] == ["Rupjmaize"]
    assert dialog.ui.messageLabel.text() == ""
    assert dialog.ui.linesView.hasFocus()
    assert refunds_of(shop, sale) == []


def test_a_receipt_refunded_already_says_so(qtbot: QtBot, open_till: OpenTill, shop: Shop) -> None:
    sale = sell(shop, shop.bread, shop.milk)
    refund_sale(shop, sale)  # everything, by the manager
    window = open_till(shop.manager)

    window.handle_scan(receipt_code(TILL, sale.receipt_number))
    dialog = refund_dialog(qtbot, window)

    assert [row[RefundColumn.REFUNDABLE] for row in lines_shown(dialog)] == ["0", "0"]
    assert "jau ir atgriezta" in dialog.ui.messageLabel.text()
    qtbot.keyClick(dialog.ui.linesView, Qt.Key.Key_A)
    qtbot.keyClick(dialog.ui.linesView, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert len(refunds_of(shop, sale)) == 1


def test_receipt_numbers_as_typed() -> None:
    assert parse_receipt("T1-42", "T2") == ("T1", 42)
    assert parse_receipt(" t3-7 ", "T2") == ("T3", 7)
    assert parse_receipt("42", "T2") == ("T2", 42)
    assert parse_receipt("T1-", "T2") is None
    assert parse_receipt("", "T2") is None
