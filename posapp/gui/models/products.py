"""Products offered by the cashier's search, as a table: name, SKU, price.

The model holds ProductMatch values (plain dataclasses from
posapp.services.catalog), never ORM objects. Each search replaces the whole
list, so set_matches() resets the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from posapp.gui.formatting import format_money
from posapp.services.catalog import ProductMatch

Index = QModelIndex | QPersistentModelIndex


class MatchColumn(IntEnum):
    NAME = 0
    SKU = 1
    PRICE = 2


class ProductMatchModel(QAbstractTableModel):
    PRODUCT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: tuple[ProductMatch, ...] = ()
        self._language = language

    def set_matches(self, matches: Sequence[ProductMatch]) -> None:
        self.beginResetModel()
        self._matches = tuple(matches)
        self.endResetModel()

    def product(self, row: int) -> ProductMatch:
        return self._matches[row]

    def matches(self) -> tuple[ProductMatch, ...]:
        return self._matches

    def price_text(self, match: ProductMatch) -> str:
        """ "2,35 €", or "12,90 € / kg" for goods sold by weight."""
        price = format_money(match.price, self._language)
        return self.tr("{price} / kg").format(price=price) if match.by_weight else price

    # -- QAbstractTableModel --------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt's signature
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MatchColumn)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._matches):
            return None
        match = self._matches[index.row()]
        column = MatchColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is MatchColumn.NAME:
                return match.name
            if column is MatchColumn.SKU:
                return match.sku
            return self.price_text(match)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is MatchColumn.PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return match.name
        if role == self.PRODUCT_ID_ROLE:
            return match.product_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Product"), self.tr("SKU"), self.tr("Price"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == MatchColumn.PRICE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
