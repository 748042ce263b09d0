"""Paints table cells straight from their model's texts: the cart, the rewards and the
reminders, which change on the scan → painted path of the till.

A new row makes QTableView lay out and repaint every visible row. Through the
default delegate each cell asks the model for seven roles (text, font,
alignment, colours, check state, icon) across the Python boundary and is drawn
by the style sheet's item rules; this delegate asks the model once per cell
(PaintedModel.text_and_colour) and draws the text itself -- and, for a table
with rows of its own colours (`fill`), the background, with the colours the
style sheet gave the view's palette (Base, AlternateBase, Highlight, Text).
What it shows is the model's: the same texts, alignment, bold columns and
colours, so tooltips and tests still read the model.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

ELIDED_KEPT = 2000  # texts fitted to their cell's width, remembered


class PaintedModel(Protocol):
    def text_and_colour(self, row: int, column: int) -> tuple[str, QColor | None]:
        """What the cell shows and its colour (None: the view's text colour)."""

    def alignment(self, column: int) -> int: ...

    def is_bold(self, column: int) -> bool: ...


class TextDelegate(QStyledItemDelegate):
    """`padding`: px left and right of the text (as the theme's item padding was); `fill`:
    paint each row's background (alternating, selected), else the viewport's shows."""

    def __init__(
        self, model: PaintedModel, padding: int, fill: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._model, self._padding, self._fill = model, padding, fill
        self._elided: dict[tuple[str, int, bool], str] = {}
        self._bold: QFont | None = None

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
        if self._fill:
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
        inner = rect.adjusted(self._padding, 0, -self._padding, 0)
        bold = self._model.is_bold(column)
        if bold:
            painter.save()
            painter.setFont(self._bold_font(painter.font()))
        # The painter has the view's font already (QTableView paints with its viewport's).
        painter.setPen(colour)
        painter.drawText(
            inner, self._model.alignment(column), self._fitted(painter, text, inner, bold)
        )
        if bold:
            painter.restore()

    def _bold_font(self, font: QFont) -> QFont:
        if self._bold is None:
            self._bold = QFont(font)
            self._bold.setBold(True)
        return self._bold

    def _fitted(self, painter: QPainter, text: str, inner: QRect, bold: bool) -> str:
        """The text, elided to the cell's width (remembered: the same cells repaint often)."""
        key = (text, inner.width(), bold)
        fitted = self._elided.get(key)
        if fitted is None:
            if len(self._elided) > ELIDED_KEPT:
                self._elided.clear()
            fitted = self._elided[key] = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, inner.width()
            )
        return fitted
