"""A read-only table of plain rows, whose columns say what each cell shows.

For lists that only show what a service returned (the owner's care lists): each
column is a title and a function from a row to its text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt

from posapp.gui.models.base import TableModel

Row = TypeVar("Row")


@dataclass(frozen=True)
class ListColumn(Generic[Row]):
    title: str  # translated
    text: Callable[[Row], str]
    right_aligned: bool = False  # counts, days, amounts


class ListModel(TableModel, Generic[Row]):
    def __init__(self, columns: Sequence[ListColumn[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[Row] = []
        self.column_count = len(self._columns)
        self.right_aligned = frozenset(
            index for index, column in enumerate(self._columns) if column.right_aligned
        )

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> Row:
        return self._rows[row]

    def row_count(self) -> int:
        return len(self._rows)

    def headers(self) -> tuple[str, ...]:
        return tuple(column.title for column in self._columns)

    def cell(self, row: int, column: int, role: int) -> Any:
        # The tooltip shows a long text whole where the column cuts it short.
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[column].text(self._rows[row])
        return None
