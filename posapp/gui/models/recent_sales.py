"""The last completed sales and refunds, as a read-only table."""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from posapp.gui.formatting import format_moment, format_money
from posapp.gui.models.base import TableModel
from posapp.services.overview import SaleRow

REFUND_COLOUR = QColor("#b42318")


class Column(IntEnum):
    RECEIPT = 0
    TIME = 1
    CASHIER = 2
    CUSTOMER = 3
    TOTAL = 4


class RecentSalesModel(TableModel):
    """Rows of posapp.services.overview.SaleRow, newest first; formatted for the shop."""

    SALE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    column_count = len(Column)
    right_aligned = frozenset({Column.TOTAL})

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

    # -- what each cell shows -------------------------------------------------
    def row_count(self) -> int:
        return len(self._rows)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Receipt"),
            self.tr("Time"),
            self.tr("Cashier"),
            self.tr("Customer"),
            self.tr("Total"),
        )

    def cell(self, row: int, column: int, role: int) -> Any:
        sale = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(sale, Column(column))
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
