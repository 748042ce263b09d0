"""Refund a completed sale: find its receipt, choose what comes back, say why.

The dialog looks the receipt up itself (refunds.refundable_sale) and says inline
when there is no such sale or nothing left to refund. It does not post the refund:
once accepted, `request` holds what to refund and the checkout window posts it,
asking for a manager's PIN when the cashier may not refund alone. The refund's UUID
is made when the dialog opens, so a retry (after an approval or an error) is
recorded once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

from babel import numbers
from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import parse_receipt_number
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO, to_cents
from posapp.errors import PosError
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import babel_locale, format_money, parse_amount
from posapp.gui.forms.ui_refund_dialog import Ui_RefundDialog
from posapp.gui.models.base import Index, TableModel
from posapp.services import refunds
from posapp.services.refunds import RefundableLine, RefundableSale


def parse_receipt(text: str, this_till: str) -> tuple[str, int] | None:
    """ "T1-42" → ("T1", 42); "42" → (this till, 42); anything else → None."""
    found = parse_receipt_number(text, this_till)
    return None if found is None else (found.till_code, found.receipt_number)


def _quantity_text(quantity: Decimal, language: str) -> str:
    pattern = "#,##0" if quantity == quantity.to_integral_value() else "#,##0.000"
    return numbers.format_decimal(quantity, format=pattern, locale=babel_locale(language))


@dataclass(frozen=True)
class RefundRequest:
    """What the cashier chose: everything refunds.refund needs besides who and where."""

    original_till_code: str
    receipt_number: int
    quantities: dict[int, Decimal]
    method: PaymentMethod
    reason: str
    refund_uuid: str
    total: Decimal  # what the dialog showed; the service's figure is the one given back

    @property
    def receipt(self) -> str:
        return f"{self.original_till_code}-{self.receipt_number}"


class RefundColumn(IntEnum):
    NAME = 0
    SOLD = 1
    REFUNDED = 2
    REFUNDABLE = 3
    UNIT_PRICE = 4
    REFUND = 5


class RefundLinesModel(TableModel):
    """The receipt's lines and, per line, how much of it to refund (editable)."""

    quantities_changed = Signal()
    column_count = len(RefundColumn)
    right_aligned = frozenset(RefundColumn) - {RefundColumn.NAME}

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._lines: list[RefundableLine] = []
        self._chosen: list[Decimal] = []

    def set_lines(self, lines: list[RefundableLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._chosen = [ZERO for _line in lines]
        self.endResetModel()
        self.quantities_changed.emit()

    def line(self, row: int) -> RefundableLine:
        return self._lines[row]

    def quantity(self, row: int) -> Decimal:
        return self._chosen[row]

    def set_quantity(self, row: int, quantity: Decimal) -> None:
        """Refund `quantity` of the line on `row`, kept within 0 and what is left."""
        left = self._lines[row].refundable
        quantity = min(max(quantity, ZERO), left)
        if quantity == self._chosen[row]:
            return
        self._chosen[row] = quantity
        self.dataChanged.emit(
            self.index(row, RefundColumn.REFUND), self.index(row, RefundColumn.REFUND)
        )
        self.quantities_changed.emit()

    def choose_everything(self) -> None:
        for row, line in enumerate(self._lines):
            self.set_quantity(row, line.refundable)

    def quantities(self) -> dict[int, Decimal]:
        return {
            line.line_id: chosen
            for line, chosen in zip(self._lines, self._chosen, strict=True)
            if chosen > 0
        }

    def total(self) -> Decimal:
        """What the chosen quantities give back (a line's share of what was paid for it)."""
        return sum(
            (
                to_cents(line.total * chosen / line.sold)
                for line, chosen in zip(self._lines, self._chosen, strict=True)
                if chosen > 0 and line.sold
            ),
            ZERO,
        )

    # -- Qt's model interface -------------------------------------------------
    def row_count(self) -> int:
        return len(self._lines)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Item"),
            self.tr("Sold"),
            self.tr("Refunded"),
            self.tr("Left"),
            self.tr("Price"),
            self.tr("Refund"),
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == RefundColumn.REFUND:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def cell(self, row: int, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        line, chosen = self._lines[row], self._chosen[row]
        if column == RefundColumn.NAME:
            return line.name
        if column == RefundColumn.UNIT_PRICE:
            return format_money(line.unit_price, self._language)
        quantity = {
            RefundColumn.SOLD: line.sold,
            RefundColumn.REFUNDED: line.refunded,
            RefundColumn.REFUNDABLE: line.refundable,
            RefundColumn.REFUND: chosen,
        }[RefundColumn(column)]
        return _quantity_text(quantity, self._language)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != RefundColumn.REFUND:
            return False
        quantity = parse_amount(str(value))
        if quantity is None:
            return False
        self.set_quantity(index.row(), quantity)
        return True


class RefundDialog(KeyDialog):
    """Find a receipt, choose the quantities, a reason and the method; `request` once accepted."""

    def __init__(
        self,
        uow: UnitOfWork,
        till_code: str,
        *,
        language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RefundDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self._uow, self._till_code, self._language = uow, till_code, language
        self.refund_uuid = str(uuid.uuid4())  # one refund, however many times it is posted
        self.sale: RefundableSale | None = None
        self.request: RefundRequest | None = None
        self._typed = ""  # digits typed on the selected line, read as one number

        self.lines = RefundLinesModel(language, self)
        view = self.ui.linesView
        view.setModel(self.lines)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(44)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RefundColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        view.installEventFilter(self)
        view.selectionModel().currentRowChanged.connect(lambda *_rows: self._forget_typed())
        self.lines.quantities_changed.connect(self._show_total)

        reasons = self.ui.reasonCombo
        reasons.addItems(
            [
                "",
                self.tr("Faulty goods"),
                self.tr("The customer changed their mind"),
                self.tr("Wrong item sold"),
                self.tr("Charged wrongly"),
            ]
        )
        reasons.setCurrentIndex(0)
        self.ui.methodCombo.addItem(self.tr("Cash"), PaymentMethod.CASH)
        self.ui.methodCombo.addItem(self.tr("Card"), PaymentMethod.CARD)

        self.ui.allButton.clicked.connect(self.choose_everything)
        self.ui.refundButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)
        self._show_total()
        self.ui.receiptEdit.setFocus()

    # -- the receipt ----------------------------------------------------------
    def show_receipt(self, till_code: str, receipt_number: int) -> bool:
        """Show what can still be refunded of that receipt; False (said inline) if nothing."""
        self.ui.receiptEdit.setText(f"{till_code}-{receipt_number}")
        try:
            sale = refunds.refundable_sale(self._uow, till_code, receipt_number)
        except PosError as error:
            self._show_sale(None)
            show_message(self.ui.messageLabel, error.message)
            self.ui.receiptEdit.selectAll()
            self.ui.receiptEdit.setFocus()
            return False
        self._show_sale(sale)
        if not any(line.refundable > 0 for line in sale.lines):
            show_message(
                self.ui.messageLabel,
                self.tr("Everything on receipt {receipt} was already refunded.").format(
                    receipt=f"{till_code}-{receipt_number}"
                ),
            )
            self.ui.receiptEdit.selectAll()
            self.ui.receiptEdit.setFocus()
            return False
        show_message(self.ui.messageLabel, "", error=False)
        method = PaymentMethod.CARD if sale.paid_by == [PaymentMethod.CARD] else PaymentMethod.CASH
        self.ui.methodCombo.setCurrentIndex(self.ui.methodCombo.findData(method))
        first = next(row for row, line in enumerate(sale.lines) if line.refundable > 0)
        self.ui.linesView.selectRow(first)
        self.ui.linesView.setFocus()
        return True

    def _find_typed(self) -> None:
        typed = parse_receipt(self.ui.receiptEdit.text(), self._till_code)
        if typed is None:
            show_message(
                self.ui.messageLabel,
                self.tr("Type the receipt number like T1-42, or 42 for this till."),
            )
            self.ui.receiptEdit.selectAll()
            return
        self.show_receipt(*typed)

    def _show_sale(self, sale: RefundableSale | None) -> None:
        self.sale = sale
        self.lines.set_lines(sale.lines if sale else [])
        self._forget_typed()

    def _receipt_is_shown(self) -> bool:
        sale = self.sale
        typed = parse_receipt(self.ui.receiptEdit.text(), self._till_code)
        return sale is not None and typed == (sale.till_code, sale.receipt_number)

    # -- quantities -----------------------------------------------------------
    def choose_everything(self) -> None:
        self.lines.choose_everything()
        self._forget_typed()

    def _forget_typed(self) -> None:
        self._typed = ""

    def _current_row(self) -> int | None:
        index = self.ui.linesView.currentIndex()
        return index.row() if index.isValid() and self.lines.rowCount() else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ui.linesView
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.ui.linesView.state() != QAbstractItemView.State.EditingState
        ):
            return self._line_key(event)
        return super().eventFilter(watched, event)

    def _line_key(self, event: QKeyEvent) -> bool:
        """Keys on the lines: a number, + and minus, A for everything left, Del for none."""
        text, key = event.text(), event.key()
        if text.upper() == "A":
            self.choose_everything()
            return True
        row = self._current_row()
        if row is None:
            return False
        if text.isdigit() or (text in ",." and self._typed):
            self._typed += text
            quantity = parse_amount(self._typed)
            if quantity is not None:
                self.lines.set_quantity(row, quantity)
            return True
        step = {"+": Decimal(1), "-": Decimal(-1), "\u2212": Decimal(-1)}.get(text)
        if step is not None:
            self._forget_typed()
            self.lines.set_quantity(row, self.lines.quantity(row) + step)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._forget_typed()
            self.lines.set_quantity(row, ZERO)
            return True
        return False

    def _show_total(self) -> None:
        self.ui.totalLabel.setText(format_money(self.lines.total(), self._language))

    # -- confirming -----------------------------------------------------------
    def confirm(self) -> None:
        """Enter: find the receipt typed; else, with something chosen and a reason, accept."""
        if self.ui.receiptEdit.hasFocus() or not self._receipt_is_shown():
            if not self._receipt_is_shown():
                self._find_typed()
                return
            self.ui.linesView.setFocus()
            return
        sale = self.sale
        assert sale is not None
        quantities = self.lines.quantities()
        if not quantities:
            show_message(
                self.ui.messageLabel,
                self.tr("Choose what to refund: a number on a line, or A for everything left."),
            )
            self.ui.linesView.setFocus()
            return
        reason = self.ui.reasonCombo.currentText().strip()
        if not reason:
            show_message(self.ui.messageLabel, self.tr("Say why the sale is refunded."))
            self.ui.reasonCombo.setFocus()
            return
        method = self.ui.methodCombo.currentData()
        self.request = RefundRequest(
            original_till_code=sale.till_code,
            receipt_number=sale.receipt_number,
            quantities=quantities,
            method=method if isinstance(method, PaymentMethod) else PaymentMethod.CASH,
            reason=reason,
            refund_uuid=self.refund_uuid,
            total=self.lines.total(),
        )
        self.accept()
