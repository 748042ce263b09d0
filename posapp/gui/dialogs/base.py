"""What every till dialog shares: Enter confirms, Esc cancels, messages inline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget

from posapp.gui.scanner import TYPING_PROPERTY
from posapp.gui.theme import capitalize_card_titles, set_state

_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class KeyDialog(QDialog):
    """A dialog whose Enter key calls confirm() wherever the focus is inside it."""

    def __init__(self, parent: QWidget | None = None, *, typing_only: bool = False) -> None:
        """`typing_only`: what is typed here (a PIN, a cash count) is never taken for a scan."""
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        if typing_only:
            self.setProperty(TYPING_PROPERTY, True)

    def polish_form(self) -> None:
        """After setupUi: card titles in capitals; no button steals Enter (confirm() has it)."""
        capitalize_card_titles(self)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def confirm(self) -> None:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in _ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            event.accept()
            self.confirm()
            return
        super().keyPressEvent(event)


def show_message(label: QLabel, text: str, *, error: bool = True) -> None:
    """Say what went wrong (or what to do next) inside the dialog; errors also beep."""
    label.setText(text)
    set_state(label, "error" if error else "info")
    if error and text:
        QApplication.beep()
