"""The last completed sales and refunds, as a read-only table."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from posapp.gui.formatting import format_moment, format_money
from posapp.services.overview import SaleRow

REFUND_COLOUR = QColor("#b42318")

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    RECEIPT = 0
    TIME = 1
    CASHIER = 2
    CUSTOMER = 3
    TOTAL = 4


class RecentSalesModel(QAbstractTableModel):
    """Rows of posapp.services.overview.SaleRow, newest first; formatted for the shop."""

    SALE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SaleRow] = []
        self._language = "en"
        self._time_zone = "Europe/Riga"
        self._today: date | None = None

    def set_sales(
        self, rows: list[SaleRow], *, language: str, time_zone: str, now: datetime
    ) -> None:
        """Show these rows; times of sales made on `now`'s day show without the date."""
        self.beginResetModel()
        self._rows = list(rows)
        self._language = language
        self._time_zone = time_zone
        self._today = now.astimezone(ZoneInfo(time_zone)).date()
        self.endResetModel()

    def sale(self, row: int) -> SaleRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                Column.RECEIPT: self.tr("Receipt"),
                Column.TIME: self.tr("Time"),
                Column.CASHIER: self.tr("Cashier"),
                Column.CUSTOMER: self.tr("Customer"),
                Column.TOTAL: self.tr("Total"),
            }[Column(section)]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        sale = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(sale, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole and sale.kind == "refund":
            return REFUND_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TIME:
            return format_moment(
                sale.completed_at, self._language, self._time_zone, length="medium"
            )
        if role == self.SALE_ID_ROLE:
            return sale.sale_id
        return None

    def _text(self, sale: SaleRow, column: Column) -> str:
        if column == Column.RECEIPT:
            receipt = f"{sale.till_code}-{sale.receipt_number}"
            if sale.kind == "refund":
                return self.tr("{receipt} (refund)").format(receipt=receipt)
            return receipt
        if column == Column.TIME:
            local_day = sale.completed_at.astimezone(ZoneInfo(self._time_zone)).date()
            if local_day == self._today:
                return format_moment(
                    sale.completed_at, self._language, self._time_zone, part="time"
                )
            return format_moment(sale.completed_at, self._language, self._time_zone)
        if column == Column.CASHIER:
            return sale.user_name
        if column == Column.CUSTOMER:
            return sale.customer_name or "—"
        return format_money(sale.total, self._language)

    @staticmethod
    def _alignment(column: int) -> int:
        horizontal = (
            Qt.AlignmentFlag.AlignRight if column == Column.TOTAL else Qt.AlignmentFlag.AlignLeft
        )
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
