"""The message line above the cart: what just happened, in the colours of its state
(idle, info, success, warning, error), and a flash of colour when something went wrong.

It paints its own background and border, and its text is escaped rich text in the
state's colour: a new state is a colour and a font, not a style sheet restyle of the
frame and the label (with its repaint, ~0.5 ms at every card scan). What a message
says is shown as written, whatever characters a customer's name has.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel

from posapp.gui.theme import MUTED, coloured

RADIUS = 10.0  # px, as the cards'
MIN_HEIGHT = 44  # px: one line of text and the frame's margins


@dataclass(frozen=True)
class _Look:
    background: QColor
    border: QColor
    text: str  # the colour of the text, as CSS writes it
    point_size: int
    bold: bool  # demi-bold (600); else normal


def _look(
    background: str, border: str, text: str, point_size: int = 16, bold: bool = True
) -> _Look:
    return _Look(QColor(background), QColor(border), text, point_size, bold)


LOOKS = {
    "idle": _look("#ffffff", "#d0d5dd", MUTED, bold=False),
    "info": _look("#eff8ff", "#b2ddff", "#175cd3"),
    "success": _look("#ecfdf3", "#75e0a7", "#067647", point_size=20),
    "warning": _look("#fffaeb", "#fec84b", "#93370d"),
    "error": _look("#fef3f2", "#fda29b", "#b42318"),
}


class Banner(QObject):
    """Shows messages in `frame` (its background and border) and `label` (the text)."""

    def __init__(self, frame: QFrame, label: QLabel) -> None:
        super().__init__(frame)
        self._frame, self._label = frame, label
        self.text, self.state = "", "idle"
        self._flash: QColor | None = None
        self._font: tuple[int, bool] | None = None
        frame.setMinimumHeight(MIN_HEIGHT)
        frame.setContentsMargins(1, 1, 1, 1)  # the border's pixel: the text stays inside it
        label.setTextFormat(Qt.TextFormat.RichText)
        frame.installEventFilter(self)

    def show(self, text: str, state: str) -> None:
        """Say `text` in the look of `state` (a key of LOOKS)."""
        look = LOOKS[state]
        self.text, self.state = text, state
        if self._font != (look.point_size, look.bold):
            self._font = (look.point_size, look.bold)
            font = QFont(self._label.font())
            font.setPointSize(look.point_size)
            font.setWeight(QFont.Weight.DemiBold if look.bold else QFont.Weight.Normal)
            self._label.setFont(font)
        self._label.setText(coloured(text, look.text))
        self._frame.update()

    def flash(self, colour: QColor | None) -> None:
        """Paint the background in `colour` for now (None: the state's own again)."""
        self._flash = colour
        self._frame.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._frame and event.type() == QEvent.Type.Paint:
            look = LOOKS[self.state]
            painter = QPainter(self._frame)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(look.border, 1))
            painter.setBrush(self._flash or look.background)
            painter.drawRoundedRect(
                QRectF(self._frame.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS
            )
            painter.end()
        return False
