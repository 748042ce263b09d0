"""The Qt plumbing shared by posapp's tables: a subclass says what each cell shows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

Index = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    """A table of rows held by the subclass, whose columns are its `columns` enum.

    Subclasses implement row_count(), headers() and cell(); columns listed in
    `right_aligned` (amounts, quantities) are aligned right, the rest left; those in
    `bold_columns` are bold.
    """

    column_count = 0
    right_aligned: frozenset[int] = frozenset()
    bold_columns: frozenset[int] = frozenset()
    _bold: QFont | None = None

    def row_count(self) -> int:
        raise NotImplementedError

    def headers(self) -> tuple[str, ...]:
        """The column titles (translated), in column order."""
        raise NotImplementedError

    def cell(self, row: int, column: int, role: int) -> Any:
        """What `role` of the cell shows (alignment is handled here); None for nothing."""
        raise NotImplementedError

    def alignment(self, column: int) -> int:
        horizontal = (
            Qt.AlignmentFlag.AlignRight
            if column in self.right_aligned
            else Qt.AlignmentFlag.AlignLeft
        )
        return int(horizontal | Qt.AlignmentFlag.AlignVCenter)

    def is_bold(self, column: int) -> bool:
        return column in self.bold_columns

    # -- Qt's model interface -------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self.row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.row_count():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(index.column())
        if role == Qt.ItemDataRole.FontRole and index.column() in self.bold_columns:
            if TableModel._bold is None:
                TableModel._bold = QFont()
                TableModel._bold.setBold(True)
            return TableModel._bold
        return self.cell(index.row(), index.column(), role)
