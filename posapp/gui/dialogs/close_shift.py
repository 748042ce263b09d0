"""Close the till's shift: a blind count first, then the Z report in the same dialog.

The cashier types the cash counted in the drawer and the card total from the
terminal's report before seeing what was expected, as professional tills do: a
count made knowing the answer tends to find it. Once confirmed the shift is closed
(shifts.close_shift, one transaction) and the dialog shows the Z report data, with
each payment method's expected, counted and difference; OK (or Esc) ends it.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.gui.dialogs.amount import number_field
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import format_count, format_money, parse_amount
from posapp.gui.forms.ui_close_shift_dialog import Ui_CloseShiftDialog
from posapp.services import shifts
from posapp.services.shifts import MethodCount, ShiftReport

Index = QModelIndex | QPersistentModelIndex

SHORT_COLOUR = QColor("#b42318")  # less in the drawer than expected
OVER_COLOUR = QColor("#b54708")  # more than expected: also worth a look
EXACT_COLOUR = QColor("#067647")


class CountColumn(IntEnum):
    METHOD = 0
    EXPECTED = 1
    COUNTED = 2
    DIFFERENCE = 3


def difference_colour(difference: Decimal) -> QColor:
    if difference < 0:
        return SHORT_COLOUR
    return OVER_COLOUR if difference > 0 else EXACT_COLOUR


class CountsModel(QAbstractTableModel):
    """One row per payment method of the Z report: expected, counted, difference."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._counts: list[MethodCount] = []

    def set_counts(self, counts: list[MethodCount]) -> None:
        self.beginResetModel()
        self._counts = list(counts)
        self.endResetModel()

    def count(self, row: int) -> MethodCount:
        return self._counts[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._counts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CountColumn)

    def method_name(self, method: PaymentMethod) -> str:
        names = {
            PaymentMethod.CASH: self.tr("Cash"),
            PaymentMethod.CARD: self.tr("Card"),
            PaymentMethod.VOUCHER: self.tr("Vouchers"),
            PaymentMethod.POINTS: self.tr("Points"),
        }
        return names[method]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        count, column = self._counts[index.row()], CountColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is CountColumn.METHOD:
                return self.method_name(count.method)
            amount = {
                CountColumn.EXPECTED: count.expected,
                CountColumn.COUNTED: count.counted,
                CountColumn.DIFFERENCE: count.difference,
            }[column]
            text = format_money(amount, self._language)
            return f"+{text}" if column is CountColumn.DIFFERENCE and amount > 0 else text
        if role == Qt.ItemDataRole.ForegroundRole and column is CountColumn.DIFFERENCE:
            return difference_colour(count.difference)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not CountColumn.METHOD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            CountColumn.METHOD: self.tr("Method"),
            CountColumn.EXPECTED: self.tr("Expected"),
            CountColumn.COUNTED: self.tr("Counted"),
            CountColumn.DIFFERENCE: self.tr("Difference"),
        }[CountColumn(section)]


class CloseShiftDialog(KeyDialog):
    """Count, close, read the Z report; `report` is set once the shift is closed."""

    def __init__(
        self,
        uow: UnitOfWork,
        actor: Actor,
        till_code: str,
        *,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, typing_only=True)
        self.ui = Ui_CloseShiftDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self._uow, self._actor, self._till_code = uow, actor, till_code
        self._language = language
        self.report: ShiftReport | None = None
        self.counts = CountsModel(language, self)
        view = self.ui.countsView
        view.setModel(self.counts)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CountColumn.METHOD, QHeaderView.ResizeMode.ResizeToContents)
        number_field(self.ui.cashEdit)
        number_field(self.ui.cardEdit)
        self.ui.pages.setCurrentWidget(self.ui.countPage)
        self.ui.okButton.hide()
        self.ui.cashEdit.setFocus()
        self.ui.closeButton.clicked.connect(self.confirm)
        self.ui.okButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)

    def confirm(self) -> None:
        if self.report is not None:
            self.accept()
            return
        cash = parse_amount(self.ui.cashEdit.text())
        card_text = self.ui.cardEdit.text().strip()
        card = parse_amount(card_text) if card_text else Decimal(0)
        if cash is None:
            show_message(
                self.ui.messageLabel, self.tr("Type the cash counted in the drawer, like 185,40.")
            )
            self.ui.cashEdit.setFocus()
            return
        if card is None:
            show_message(
                self.ui.messageLabel,
                self.tr("Type the card total from the terminal's report, or leave it empty."),
            )
            self.ui.cardEdit.setFocus()
            return
        counted = {PaymentMethod.CASH: cash, PaymentMethod.CARD: card}
        try:
            report = shifts.close_shift(self._uow, self._actor, self._till_code, counted)
        except PosError as error:
            show_message(self.ui.messageLabel, error.message)
            return
        self._show_report(report)

    def reject(self) -> None:
        """Esc: before the count, nothing happens; after it the shift is closed all the same."""
        if self.report is not None:
            self.accept()
            return
        super().reject()

    def _show_report(self, report: ShiftReport) -> None:
        self.report = report
        ui, language = self.ui, self._language
        ui.salesLabel.setText(
            self.tr("{count} · {total}").format(
                count=format_count(report.sales_count, language),
                total=format_money(report.sales_total, language),
            )
        )
        ui.refundsLabel.setText(
            self.tr("{count} · {total}").format(
                count=format_count(report.refunds_count, language),
                total=format_money(report.refunds_total, language),
            )
        )
        ui.voidsLabel.setText(format_count(report.voids_count, language))
        ui.vatLabel.setText(
            "\n".join(
                self.tr("{rate}%: {vat} of {gross}").format(
                    rate=format_count(int(line.rate), language)
                    if line.rate == line.rate.to_integral_value()
                    else str(line.rate),
                    vat=format_money(line.vat, language),
                    gross=format_money(line.gross, language),
                )
                for line in report.vat
            )
            or self.tr("none")
        )
        self.counts.set_counts(report.counts)
        ui.pages.setCurrentWidget(ui.reportPage)
        ui.messageLabel.clear()
        ui.cancelButton.hide()
        ui.closeButton.hide()
        ui.okButton.show()
