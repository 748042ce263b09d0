"""Products offered by the cashier's search, as a table: name, SKU, price.

The model holds ProductMatch values (plain dataclasses from
posapp.services.catalog), never ORM objects. Each search replaces the whole
list, so set_matches() resets the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QObject, Qt

from posapp.gui.formatting import format_money
from posapp.gui.models.base import TableModel
from posapp.services.catalog import ProductMatch


class MatchColumn(IntEnum):
    NAME = 0
    SKU = 1
    PRICE = 2


class ProductMatchModel(TableModel):
    PRODUCT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    column_count = len(MatchColumn)
    right_aligned = frozenset({MatchColumn.PRICE})

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

    # -- what each cell shows -------------------------------------------------
    def row_count(self) -> int:
        return len(self._matches)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Product"), self.tr("SKU"), self.tr("Price"))

    def cell(self, row: int, column: int, role: int) -> Any:
        match = self._matches[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == MatchColumn.NAME:
                return match.name
            if column == MatchColumn.SKU:
                return match.sku
            return self.price_text(match)
        if role == Qt.ItemDataRole.ToolTipRole:
            return match.name
        if role == self.PRODUCT_ID_ROLE:
            return match.product_id
        return None
