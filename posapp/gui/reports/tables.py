"""A report's table in the window: formatted with Babel, sorted by the raw values, searchable.

The totals row (when the table has one) stays last whichever way the table is
sorted and whatever is searched for. The view is as tall as its rows (up to
VISIBLE_ROWS, then it scrolls) and its columns as wide as what they hold.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView, QWidget

from posapp.gui.models.base import Index, TableModel
from posapp.output.report import Table, Value
from posapp.output.report_format import COMPARABLE, format_value

VISIBLE_ROWS = 14
FITTED_ROWS = 100  # rows a column is fitted to (with the last, the totals)
# The role a proxy sorts by: the raw value, not its text ("9,50 €" before "10,00 €").
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class ReportTableModel(TableModel):
    """One posapp.output.report.Table; its totals row, when it has one, is the last row."""

    def __init__(self, table: Table, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self._language = language
        self._rows = list(table.rows) + ([table.total] if table.total is not None else [])
        self.column_count = len(table.columns)
        self.right_aligned = frozenset(  # the numbers
            index for index, column in enumerate(table.columns) if column.unit in COMPARABLE
        )
        self._units = [column.unit for column in table.columns]
        self._bold_font = QFont()
        self._bold_font.setBold(True)

    @property
    def total_row(self) -> int | None:
        return len(self._rows) - 1 if self.table.total is not None else None

    def row_count(self) -> int:
        return len(self._rows)

    def headers(self) -> tuple[str, ...]:
        # "Sales: net" on two lines: a table of ten amounts still fits the till's screen.
        return tuple(column.label.replace(": ", ":\n", 1) for column in self.table.columns)

    def cell(self, row: int, column: int, role: int) -> Any:
        value = self._rows[row][column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return format_value(value, self._units[column], self._language)
        if role == SORT_ROLE:
            return _sort_key(value)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.row() == self.total_row:
            return self._bold_font
        return super().data(index, role)


def _sort_key(value: Value) -> tuple[int, Any]:
    """Unknown values first (ascending), then numbers, days and texts in their own order."""
    if value is None:
        return (0, 0)
    if isinstance(value, str):
        return (1, value.casefold())
    return (1, value)


class ReportTableProxy(QSortFilterProxyModel):
    """Sorts by the raw values and filters rows by a text in any column; the totals row
    is always shown, and always last."""

    def __init__(self, model: ReportTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:
        total = self._model.total_row
        descending = self.sortOrder() == Qt.SortOrder.DescendingOrder
        if left.row() == total:
            return descending
        if right.row() == total:
            return not descending
        left_key = left.data(SORT_ROLE)
        right_key = right.data(SORT_ROLE)
        try:
            return bool(left_key < right_key)
        except TypeError:  # a column of mixed kinds: by text
            return str(left_key) < str(right_key)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if source_row == self._model.total_row:
            return True
        return super().filterAcceptsRow(source_row, source_parent)


class ReportTableView(QTableView):
    """A report's table, sortable by a click on a column's title (or its search)."""

    def __init__(self, table: Table, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"table_{table.key}")
        self.setProperty("role", "report")
        self.source = ReportTableModel(table, language, self)
        self.proxy = ReportTableProxy(self.source, self)
        self.setModel(self.proxy)
        # As the report lists them: no column sorted (else enabling sorting sorts by the first).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Columns are fitted to the first rows (and the totals row), not to all 1,000.
        self.horizontalHeader().setResizeContentsPrecision(FITTED_ROWS)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fitted = False

    def fit_columns(self) -> None:
        """Each column as wide as its widest cell of the first rows and the last (the
        totals), or its title's longest line (with room for the sort arrow)."""
        header = self.horizontalHeader()
        metrics = QFontMetrics(header.font())
        last = self.proxy.rowCount() - 1
        for column in range(self.source.column_count):
            title = max(
                (
                    metrics.horizontalAdvance(line)
                    for line in self.source.headers()[column].split("\n")
                ),
                default=0,
            )
            cells = self.sizeHintForColumn(column)
            if last >= 0:
                cells = max(cells, self.sizeHintForIndex(self.proxy.index(last, column)).width())
            header.resizeSection(column, max(cells, title + 28))
        self.verticalHeader().setDefaultSectionSize(self.sizeHintForRow(0))

    def showEvent(self, event: Any) -> None:
        if not self._fitted:  # once the style sheet has set the type size and padding
            self._fitted = True
            self.fit_columns()
            self.updateGeometry()
        super().showEvent(event)

    def sizeHint(self) -> QSize:
        header = self.horizontalHeader()
        rows = min(self.proxy.rowCount(), VISIBLE_ROWS)
        height = header.sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
        if header.length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())
