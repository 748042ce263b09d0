"""Void the sale being rung up: say why."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.forms.ui_void_dialog import Ui_VoidDialog


class VoidDialog(KeyDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_VoidDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self.ui.reasonEdit.setFocus()
        self.ui.voidButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.reason = ""

    def confirm(self) -> None:
        reason = self.ui.reasonEdit.text().strip()
        if not reason:
            show_message(self.ui.messageLabel, self.tr("Say why the sale is voided."))
            self.ui.reasonEdit.setFocus()
            return
        self.reason = reason
        self.accept()
