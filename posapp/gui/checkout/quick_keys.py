"""A quick key: one of the shop's most-sold products, a tap away (name over price)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from posapp.services.catalog import ProductMatch

QUICK_KEY_HEIGHT = 56  # at least 44 px for a finger
SIDE_PADDING = 8
# Four keys a row must fit beside the side panel at 1024 px: the theme's keys are
# wider (min-width 120 px plus 12 px padding), so a quick key narrows its own.
# (Belongs in posapp/gui/theme.py as QPushButton[role="quickKey"] when that file is free.)
STYLE = f"min-width: 0px; padding: 4px {SIDE_PADDING}px;"


class QuickKeyButton(QPushButton):
    """Shows the product's name (elided to the button's width) and its price."""

    def __init__(self, product: ProductMatch, price_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.product = product
        self._price_text = price_text
        self.setProperty("role", "key")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner's keys stay where they are
        self.setMinimumSize(0, QUICK_KEY_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(f"{product.name}\n{price_text}")
        self._label()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._label()

    def _label(self) -> None:
        room = max(self.width() - 2 * (SIDE_PADDING + 2), 40)  # padding and border
        name = self.fontMetrics().elidedText(self.product.name, Qt.TextElideMode.ElideRight, room)
        self.setText(f"{name}\n{self._price_text}")
