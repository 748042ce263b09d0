"""A report's headline figures as cards: the value large, the previous period's under it,
and the change (Δ and %) green when it is good news, red when it is not."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from posapp.gui.theme import coloured
from posapp.output.report import Figure
from posapp.output.report_format import change_is_good, format_change, format_value

COLUMNS = 4  # cards in a row: four fit 1366 pixels at the till's type size
_GOOD, _BAD, _NEUTRAL = "#067647", "#b42318", "#475467"


class FiguresPanel(QWidget):
    def __init__(
        self,
        figures: Sequence[Figure],
        language: str,
        *,
        compared: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for index, item in enumerate(figures):
            card = self._card(item, language, compared)
            grid.addWidget(card, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)

    def _card(self, figure: Figure, language: str, compared: bool) -> QFrame:
        card = QFrame()
        card.setProperty("card", True)
        card.setObjectName(f"figure_{figure.key}")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        label = QLabel(figure.label)
        label.setProperty("role", "caption")
        label.setWordWrap(True)
        value = QLabel(format_value(figure.value, figure.unit, language))
        value.setProperty("role", "figure")
        value.setObjectName("value")
        layout.addWidget(label)
        layout.addWidget(value)
        if compared:
            absolute, relative = format_change(figure, language)
            before = format_value(figure.previous, figure.unit, language)
            good = change_is_good(figure)
            colour = _NEUTRAL if good is None else _GOOD if good else _BAD
            change = f"{absolute} ({relative})" if absolute else ""
            text = self.tr("before: {value}").format(value=before)
            previous = QLabel(
                coloured(text, _NEUTRAL) + ("  " + coloured(change, colour) if change else "")
            )
            previous.setObjectName("previous")
            previous.setProperty("role", "caption")
            previous.setWordWrap(True)  # four cards fit the screen whatever the amounts
            layout.addWidget(previous)
        layout.addStretch(1)
        return card
