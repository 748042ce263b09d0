"""Type one number: a quantity, a price, a discount, the float of a new shift."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import parse_amount
from posapp.gui.forms.ui_amount_dialog import Ui_AmountDialog
from posapp.gui.forms.ui_open_shift_dialog import Ui_OpenShiftDialog
from posapp.services import shifts

NUMBER = r"\d{0,6}([.,]\d{0,3})?"


def number_field(edit: QLineEdit, *, percent: bool = False) -> None:
    pattern = NUMBER + (r"\s?%?" if percent else "")
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))


class AmountDialog(KeyDialog):
    """Asks for one number; `value` (and `percent`, when a % was typed) once accepted."""

    def __init__(
        self,
        title: str,
        prompt: str,
        initial: str = "",
        *,
        allow_percent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AmountDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self.setWindowTitle(title)
        self.ui.titleLabel.setText(title)
        self.ui.hintLabel.setText(prompt)
        self._allow_percent = allow_percent
        number_field(self.ui.amountEdit, percent=allow_percent)
        self.ui.amountEdit.setText(initial)
        self.ui.amountEdit.selectAll()
        self.ui.amountEdit.setFocus()
        self.ui.okButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.value: Decimal | None = None
        self.percent = False

    def confirm(self) -> None:
        text = self.ui.amountEdit.text().strip()
        percent = self._allow_percent and text.endswith("%")
        value = parse_amount(text.rstrip("%"))
        if value is None or value < 0:
            show_message(
                self.ui.messageLabel,
                self.tr("Type a number, like 2,35 (or 10% for a percentage).")
                if self._allow_percent
                else self.tr("Type a number, like 2,35."),
            )
            self.ui.amountEdit.selectAll()
            return
        self.value, self.percent = value, percent
        self.accept()


class OpenShiftDialog(KeyDialog):
    """No shift is open on this till: count the float and open one."""

    def __init__(
        self, uow: UnitOfWork, actor: Actor, till_code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, typing_only=True)
        self.ui = Ui_OpenShiftDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self._uow, self._actor, self._till_code = uow, actor, till_code
        number_field(self.ui.floatEdit)
        self.ui.floatEdit.setFocus()
        self.ui.openButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.shift_id: int | None = None

    def confirm(self) -> None:
        value = parse_amount(self.ui.floatEdit.text())
        if value is None:
            show_message(
                self.ui.messageLabel, self.tr("Type the cash in the drawer, like 100 or 85,50.")
            )
            return
        try:
            self.shift_id = shifts.open_shift(self._uow, self._actor, self._till_code, value)
        except PosError as error:
            show_message(self.ui.messageLabel, error.message)
            return
        self.accept()
