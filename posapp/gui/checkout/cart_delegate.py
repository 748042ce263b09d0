"""Paints the cart's cells straight from its lines: the scan → painted path of the till.

A new row makes QTableView lay out and repaint every visible row. Through the
default delegate each cell asks the model for seven roles (text, font,
alignment, colours, check state, icon) across the Python boundary and is drawn
by the style sheet's item rules; this delegate reads the line once and draws
the background and the text itself, with the colours the style sheet gave the
view's palette (Base, AlternateBase, Highlight, Text). What it shows is
CartModel's: the same texts, alignment and colour for a changed price or a
discount (CartModel.text_and_colour), so tooltips and tests still read the model.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from posapp.gui.models.cart import CartModel

CELL_PADDING = 14  # px left and right of the text, as the theme's cart item padding
ELIDED_KEPT = 2000  # texts fitted to their cell's width, remembered


class CartDelegate(QStyledItemDelegate):
    def __init__(self, model: CartModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._elided: dict[tuple[str, int], str] = {}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        palette: QPalette = option.palette
        row, column = index.row(), index.column()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            background = QPalette.ColorRole.Highlight
        elif row % 2:
            background = QPalette.ColorRole.AlternateBase
        else:
            background = QPalette.ColorRole.Base
        painter.fillRect(rect, palette.color(background))
        text, colour = self._model.text_and_colour(row, column)
        if not text:
            return
        if colour is None:
            colour = palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        inner = rect.adjusted(CELL_PADDING, 0, -CELL_PADDING, 0)
        # The painter has the view's font already (QTableView paints with its viewport's).
        painter.setPen(colour)
        painter.drawText(inner, self._model.alignment(column), self._fitted(option, text, inner))

    def _fitted(self, option: QStyleOptionViewItem, text: str, inner: QRect) -> str:
        """The text, elided to the cell's width (remembered: the same cells repaint often)."""
        key = (text, inner.width())
        fitted = self._elided.get(key)
        if fitted is None:
            if len(self._elided) > ELIDED_KEPT:
                self._elided.clear()
            metrics = option.fontMetrics
            fitted = self._elided[key] = metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, inner.width()
            )
        return fitted
