"""The cashier window's keys and paths not covered elsewhere: F7 discounts, goods weighed
by hand, the sign-in → float → till path, the shop's till settings, typed counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from posapp.db.models import Product, ProductBarcode
from posapp.domain.barcodes import make_ean13
from posapp.domain.cart import PaymentMethod
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.amount import AmountDialog, OpenShiftDialog
from posapp.gui.dialogs.close_shift import CloseShiftDialog
from posapp.gui.dialogs.pin import ApprovalDialog
from posapp.services import shifts
from posapp.services.settings import update_settings
from tests.conftest import TILL, Shop
from tests.gui.helpers import OpenTill, StartTill, plain, sign_in, sign_in_dialog, wait_idle
from tests.integration.helpers import sale_lines, sales

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def dialog_of(qtbot: QtBot, window: CheckoutWindow, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(window.dialog, kind) and window.dialog.isVisible())
    assert window.dialog is not None
    return window.dialog


def type_amount(qtbot: QtBot, window: CheckoutWindow, text: str) -> None:
    dialog = dialog_of(qtbot, window, AmountDialog)
    assert isinstance(dialog, AmountDialog)
    qtbot.keyClicks(dialog.ui.amountEdit, text)
    qtbot.keyClick(dialog.ui.amountEdit, Qt.Key.Key_Return)


def test_f7_gives_a_discount_within_the_limit_at_once(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.coffee)  # 7,99

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_F7)
    type_amount(qtbot, window, "10%")

    assert window.dialog is None  # no manager asked for 10 %
    assert window.cart.total == Decimal("7.19")
    assert plain(window.model.index(0, 3).data()) == "\u2212€0.80"


def test_f7_above_the_limit_needs_a_managers_pin_and_records_who(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.coffee)

    qtbot.keyClick(window.ui.cartView, Qt.Key.Key_F7)
    type_amount(qtbot, window, "2,00")  # 25 % of 7,99: above the cashier's 10 %

    approval = dialog_of(qtbot, window, ApprovalDialog)
    assert isinstance(approval, ApprovalDialog)
    assert window.cart.total == Decimal("7.99")  # nothing yet
    approval.choose("Māris")
    qtbot.keyClicks(approval.ui.pinEdit, "2222")
    qtbot.keyClick(approval.ui.pinEdit, Qt.Key.Key_Return)

    assert window.cart.total == Decimal("5.99")
    window.complete([(PaymentMethod.CASH, Decimal("5.99"))])
    [sale] = sales(shop.uow)
    [line] = sale_lines(shop.uow, sale.id)
    assert (line.discount, line.total) == (Decimal("2.00"), Decimal("5.99"))
    assert line.approved_by == shop.manager.user_id


def test_a_scanned_weighed_product_without_a_label_asks_for_its_weight(
    qtbot: QtBot, open_till: OpenTill, shop: Shop
) -> None:
    code = make_ean13("475000000099")
    with shop.uow.writing():
        cheese = shop.uow.session.scalar(select(Product.id).where(Product.sku == "CHEESE"))
        assert cheese is not None
        shop.uow.session.add(ProductBarcode(code=code, product_id=cheese))
        shop.uow.commit()
    window = open_till(language="en")

    window.handle_scan(code)
    dialog = dialog_of(qtbot, window, AmountDialog)
    assert "sold by weight" in dialog.ui.hintLabel.text()
    type_amount(qtbot, window, "0,355")

    [line] = window.cart.lines
    assert (line.name, line.quantity, line.total) == (
        "Siers (sver)",
        Decimal("0.355"),
        Decimal("4.58"),
    )


def test_signing_in_with_no_shift_open_asks_for_the_float_then_opens_the_till(
    qtbot: QtBot, start_till: StartTill, shop: Shop
) -> None:
    shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    flow = start_till()
    dialog = sign_in_dialog(qtbot)
    dialog.choose("Līga")
    dialog.pin_edit.setText("3333")
    dialog.confirm()

    found: list[OpenShiftDialog] = []
    qtbot.waitUntil(
        lambda: bool(
            found.extend(
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, OpenShiftDialog) and w.isVisible()
            )
            or found
        )
    )
    float_dialog = found[0]
    assert flow.checkout is None  # no till before the float is counted
    qtbot.keyClicks(float_dialog.ui.floatEdit, "150")
    qtbot.keyClick(float_dialog.ui.floatEdit, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: flow.checkout is not None and flow.checkout.isVisible())
    assert flow.checkout is not None
    wait_idle(flow.checkout, qtbot)
    assert flow.checkout.shift_status.text().startswith("Shift open since ")
    with shop.uow:
        shift = shifts.open_shift_id(shop.uow, shop.till_id)
    assert shift is not None
    flow.checkout.handle_scan(shop.bread)
    assert len(flow.checkout.cart.lines) == 1


def test_the_till_takes_its_idle_lock_and_scanner_timing_from_the_shop_settings(
    start_till: StartTill, shop: Shop
) -> None:
    update_settings(
        shop.uow, shop.owner, idle_lock_minutes=2, scanner_gap_ms=80, scanner_min_length=6
    )
    flow = start_till(idle_minutes=None)
    assert flow.idle_timer.interval() == 2 * 60_000
    assert (flow.scanner.threshold_ms, flow.scanner.min_length) == (80, 6)


def test_a_count_typed_fast_in_the_close_shift_dialog_stays_typing(
    qtbot: QtBot, start_till: StartTill, shop: Shop
) -> None:
    flow = start_till()
    window = sign_in(qtbot, flow)
    assert flow.scanner.enabled  # the real filter is on: keys at machine speed

    window.close_shift()
    dialog = dialog_of(qtbot, window, CloseShiftDialog)
    assert isinstance(dialog, CloseShiftDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.ui.cashEdit, "100,00")
    qtbot.keyClick(dialog.ui.cashEdit, Qt.Key.Key_Tab)

    assert dialog.ui.cashEdit.text() == "100,00"
    assert "Finish the open window" not in window.banner_text()  # not taken for a scan
