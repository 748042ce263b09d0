"""The rewards a customer can take in this sale: their vouchers and what their points afford.

One row per posapp.services.loyalty.AvailableReward, in the order the service
gives them; row N is taken (or put back) with Ctrl+N. A reward already taken
off the sale shows a tick and the amount it took off.
"""

from __future__ import annotations

from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from posapp.gui.formatting import format_money
from posapp.gui.models.base import TableModel
from posapp.services.loyalty import AvailableReward

TAKEN_COLOUR = QColor("#067647")
MAX_KEYED = 9  # Ctrl+1 … Ctrl+9


class Column(IntEnum):
    KEY = 0
    NAME = 1
    COST = 2


class RewardsModel(TableModel):
    column_count = len(Column)
    right_aligned = frozenset({Column.COST})
    bold_columns = frozenset({Column.KEY})

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self._rewards: tuple[AvailableReward, ...] = ()
        self._taken: dict[str, Decimal] = {}  # key → what it takes off the sale
        self._texts: list[tuple[str, ...]] = []  # each row's texts, made once per change

    def set_rewards(self, rewards: tuple[AvailableReward, ...], taken: dict[str, Decimal]) -> None:
        """Show these rewards; `taken`: those applied to the sale, with their amounts."""
        if rewards == self._rewards and taken == self._taken:
            return
        self.beginResetModel()
        self._rewards, self._taken = rewards, dict(taken)
        self._texts = [self._row_texts(row) for row in range(len(rewards))]
        self.endResetModel()

    def reward(self, row: int) -> AvailableReward:
        return self._rewards[row]

    def is_taken(self, row: int) -> bool:
        return self._rewards[row].key in self._taken

    def row_count(self) -> int:
        return len(self._rewards)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Key"), self.tr("Reward"), self.tr("Cost"))

    def _row_texts(self, row: int) -> tuple[str, ...]:
        reward = self._rewards[row]
        taken = reward.key in self._taken
        key = ("✓ " if taken else "") + (f"Ctrl+{row + 1}" if row < MAX_KEYED else "")
        if taken:
            cost = "\u2212" + format_money(self._taken[reward.key], self._language)
        elif reward.points:
            cost = self.tr("{points} pts").format(points=reward.points)
        else:
            cost = self.tr("voucher")
        return key, reward.name, cost

    def text_and_colour(self, row: int, column: int) -> tuple[str, QColor | None]:
        """What the cell shows and its colour (None: the usual one), for TextDelegate."""
        return self._texts[row][column], TAKEN_COLOUR if self.is_taken(row) else None

    def cell(self, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.text_and_colour(row, column)[1]
        return None
