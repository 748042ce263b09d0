"""The parked sales of the shop (every till): choose one to ring up again."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import format_moment, format_money
from posapp.gui.forms.ui_parked_sales_dialog import Ui_ParkedSalesDialog
from posapp.services.parking import ParkedSale

Index = QModelIndex | QPersistentModelIndex


class ParkedColumn(IntEnum):
    TIME = 0
    TILL = 1
    CASHIER = 2
    CUSTOMER = 3
    LINES = 4
    TOTAL = 5


class ParkedSalesModel(QAbstractTableModel):
    def __init__(
        self, sales: list[ParkedSale], language: str, time_zone: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sales, self._language, self._zone = sales, language, time_zone

    def sale(self, row: int) -> ParkedSale:
        return self._sales[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._sales)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ParkedColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            ParkedColumn.TIME: self.tr("Parked"),
            ParkedColumn.TILL: self.tr("Till"),
            ParkedColumn.CASHIER: self.tr("Cashier"),
            ParkedColumn.CUSTOMER: self.tr("Customer"),
            ParkedColumn.LINES: self.tr("Lines"),
            ParkedColumn.TOTAL: self.tr("Total"),
        }[ParkedColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
                ParkedColumn.LINES,
                ParkedColumn.TOTAL,
            ):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        sale = self._sales[index.row()]
        column = ParkedColumn(index.column())
        if column == ParkedColumn.TIME:
            return format_moment(sale.parked_at, self._language, self._zone, part="time")
        if column == ParkedColumn.TILL:
            return sale.till_code
        if column == ParkedColumn.CASHIER:
            return sale.user_name
        if column == ParkedColumn.CUSTOMER:
            return sale.customer_name or sale.note or "—"
        if column == ParkedColumn.LINES:
            return str(sale.line_count)
        return format_money(sale.total, self._language)


class ParkedSalesDialog(KeyDialog):
    """`chosen` is the UUID of the sale to resume once accepted."""

    def __init__(
        self,
        sales: list[ParkedSale],
        *,
        language: str,
        time_zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ParkedSalesDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self.model = ParkedSalesModel(sales, language, time_zone, self)
        view = self.ui.parkedView
        view.setModel(self.model)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ParkedColumn.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        if sales:
            view.selectRow(len(sales) - 1)  # the newest
        else:
            show_message(self.ui.messageLabel, self.tr("No sales are parked."), error=False)
        view.setFocus()
        self.ui.resumeButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.chosen: str | None = None

    def confirm(self) -> None:
        index = self.ui.parkedView.currentIndex()
        if not index.isValid():
            show_message(self.ui.messageLabel, self.tr("Choose a sale first."))
            return
        self.chosen = self.model.sale(index.row()).uuid
        self.accept()
