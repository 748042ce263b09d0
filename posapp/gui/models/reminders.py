"""What is worth saying or doing for the customer at the counter, ranked: one row each.

Rows are posapp.domain.reminders.Reminder values in the service's order; the
first is the one Ctrl+D marks done (Ctrl+Shift+D dismisses it). A complaint
cannot be marked: it stays on every till until it is resolved.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from posapp.domain.reminders import Reminder, ReminderKind, kind_name
from posapp.gui.models.base import TableModel

URGENT = frozenset({ReminderKind.COMPLAINT, ReminderKind.PROMISE_OVERDUE})
URGENT_COLOUR = QColor("#b42318")


class Column(IntEnum):
    KIND = 0
    TEXT = 1


class RemindersModel(TableModel):
    column_count = len(Column)
    bold_columns = frozenset({Column.KIND})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reminders: tuple[Reminder, ...] = ()

    def set_reminders(self, reminders: tuple[Reminder, ...]) -> None:
        if reminders == self._reminders:
            return
        self.beginResetModel()
        self._reminders = reminders
        self.endResetModel()

    def reminder(self, row: int) -> Reminder:
        return self._reminders[row]

    def row_count(self) -> int:
        return len(self._reminders)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("What"), self.tr("Say or do"))

    def text_and_colour(self, row: int, column: int) -> tuple[str, QColor | None]:
        """What the cell shows and its colour (None: the usual one), for TextDelegate."""
        reminder = self._reminders[row]
        text = kind_name(reminder.kind) if column == Column.KIND else reminder.text
        return text, URGENT_COLOUR if reminder.kind in URGENT else None

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text_and_colour(row, column)[0]
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TEXT:
            return self._reminders[row].text
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.text_and_colour(row, column)[1]
        return None
