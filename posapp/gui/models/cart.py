"""The sale being rung up, as a table: one row per cart line.

The model holds the immutable posapp.domain.cart.Cart value. set_cart() compares
the new cart with the one shown and tells the view only what changed: a scan
that adds a line inserts one row, a scan that adds to a line changes one row,
so painting stays proportional to the change, not to the cart.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from posapp.domain.cart import Cart, CartLine
from posapp.gui.formatting import format_money, format_quantity
from posapp.gui.models.base import TableModel

CHANGED_COLOUR = QColor("#b54708")  # a changed price or a discount stands out


class Column(IntEnum):
    NAME = 0
    QUANTITY = 1
    UNIT_PRICE = 2
    DISCOUNT = 3
    TOTAL = 4


class CartModel(TableModel):
    LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    column_count = len(Column)
    right_aligned = frozenset(Column) - {Column.NAME}

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[CartLine, ...] = ()
        self._language = language
        # Each line's cell texts, formatted once: a repaint draws every visible row, and
        # a line never changes (a changed line is a new CartLine, with texts of its own).
        self._texts: dict[CartLine, tuple[str, ...]] = {}

    # -- updating -------------------------------------------------------------
    def set_cart(self, cart: Cart) -> None:
        """Show `cart`'s lines, signalling only the rows that were added, removed or changed."""
        old, new = self._lines, cart.lines
        if old is new:
            return
        if len(self._texts) > 2 * len(new) + 32:  # forget lines no longer in the cart
            self._texts = {line: self._texts[line] for line in new if line in self._texts}
        new_ids = {line.line_id for line in new}
        kept = [line for line in old if line.line_id in new_ids]
        kept_ids = [line.line_id for line in kept]
        if [line.line_id for line in new[: len(kept)]] != kept_ids:
            # Lines were reordered (another cart altogether): start again.
            self.beginResetModel()
            self._lines = new
            self.endResetModel()
            return
        # Removed lines, from the bottom up so the row numbers stay right.
        for row in reversed(range(len(old))):
            if old[row].line_id not in new_ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._lines = self._lines[:row] + self._lines[row + 1 :]
                self.endRemoveRows()
        # Lines still there whose quantity, price or discount changed.
        self._lines = new[: len(kept)]
        last = len(Column) - 1
        for row, (before, after) in enumerate(zip(kept, new, strict=False)):
            if before is not after:  # lines are immutable: a change is a new line
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        # New lines at the end.
        if len(new) > len(kept):
            self.beginInsertRows(QModelIndex(), len(kept), len(new) - 1)
            self._lines = new
            self.endInsertRows()

    def line(self, row: int) -> CartLine:
        return self._lines[row]

    def row_of(self, line_id: int) -> int | None:
        for row, line in enumerate(self._lines):
            if line.line_id == line_id:
                return row
        return None

    # -- what each cell shows -------------------------------------------------
    def row_count(self) -> int:
        return len(self._lines)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Item"),
            self.tr("Qty"),
            self.tr("Price"),
            self.tr("Discount"),
            self.tr("Total"),
        )

    def cell(self, row: int, column: int, role: int) -> Any:
        line = self._lines[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_texts(line)[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(line, column)
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and column == Column.UNIT_PRICE
            and line.unit_price != line.list_price
        ):
            return self.tr("Shelf price {price}").format(
                price=format_money(line.list_price, self._language)
            )
        if role == self.LINE_ID_ROLE:
            return line.line_id
        return None

    def text_and_colour(self, row: int, column: int) -> tuple[str, QColor | None]:
        """What the cell shows and its colour (None: the usual one), for TextDelegate."""
        line = self._lines[row]
        return self._row_texts(line)[column], self._colour(line, column)

    def _row_texts(self, line: CartLine) -> tuple[str, ...]:
        texts = self._texts.get(line)
        if texts is None:
            texts = self._texts[line] = tuple(self._text(line, column) for column in Column)
        return texts

    @staticmethod
    def _colour(line: CartLine, column: int) -> QColor | None:
        changed = (column == Column.UNIT_PRICE and line.unit_price != line.list_price) or (
            column == Column.DISCOUNT and (line.discount is not None or bool(line.reward_discount))
        )
        return CHANGED_COLOUR if changed else None

    def _text(self, line: CartLine, column: Column) -> str:
        language = self._language
        if column == Column.NAME:
            return line.name
        if column == Column.QUANTITY:
            return format_quantity(line.quantity, line.by_weight, language)
        if column == Column.UNIT_PRICE:
            return format_money(line.unit_price, language)
        if column == Column.DISCOUNT:  # the cashier's discount and the line's share of rewards
            off = line.discount_amount + line.reward_discount
            return "\u2212" + format_money(off, language) if off else ""
        return format_money(line.total, language)
