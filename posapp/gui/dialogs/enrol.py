"""Enrol a new member at the counter: a name is enough; a card is issued or linked.

The loyalty service does the enrolment (posapp.services.loyalty.enrol_customer);
what it refuses is said in the dialog, which stays open with what was typed. A
pre-printed card is scanned into the card field: the window hands the dialog
the scanner's codes while it is open (take_scan).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import parse_day
from posapp.gui.forms.ui_enrol_dialog import Ui_EnrolDialog
from posapp.services import loyalty
from posapp.services.loyalty import CustomerSummary


class EnrolDialog(KeyDialog):
    """`member` — the new member's summary — once accepted; `print_card` as ticked."""

    def __init__(
        self, uow: UnitOfWork, actor: Actor, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_EnrolDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self._uow, self._actor = uow, actor
        self.member: CustomerSummary | None = None
        self.ui.nameEdit.setText(name)
        self.ui.nameEdit.setFocus()
        self.ui.enrolButton.clicked.connect(self.confirm)
        self.ui.cancelButton.clicked.connect(self.reject)

    @property
    def print_card(self) -> bool:
        return self.ui.printBox.isChecked()

    def take_scan(self, code: str) -> None:
        """A card scanned while the dialog is open: the member's pre-printed card, or (in
        the referrer field) the card of the member who brought them."""
        target = self.ui.referrerEdit if self.ui.referrerEdit.hasFocus() else self.ui.cardEdit
        target.setText(code)

    def confirm(self) -> None:
        ui = self.ui
        birthday_text = ui.birthdayEdit.text().strip()
        birthday = parse_day(birthday_text) if birthday_text else None
        if birthday_text and birthday is None:
            show_message(
                ui.messageLabel,
                self.tr("{text} is not a date. Type the birthday like 24.12.1990.").format(
                    text=birthday_text
                ),
            )
            ui.birthdayEdit.setFocus()
            return
        try:
            self.member = loyalty.enrol_customer(
                self._uow,
                self._actor,
                ui.nameEdit.text(),
                phone=ui.phoneEdit.text().strip() or None,
                email=ui.emailEdit.text().strip() or None,
                birthday=birthday,
                consent=ui.consentBox.isChecked(),
                card_number=ui.cardEdit.text().strip() or None,
                referred_by=ui.referrerEdit.text().strip() or None,
            )
        except PosError as error:
            show_message(ui.messageLabel, error.message)
            return
        self.accept()
