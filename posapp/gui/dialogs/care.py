"""Ctrl+N at the counter: a note, a preference, a promise or a complaint for the customer
at the till, in a few keystrokes (1 to 7 choose the kind, Enter saves); how their open
complaint was put right, why a promise of theirs is cancelled, or what they said with the
rating they just gave. The care services keep who and when (posapp.services.care).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QRadioButton, QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.reminders import Reminder
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import parse_day
from posapp.gui.forms.ui_care_dialog import Ui_CareDialog
from posapp.services import care
from posapp.services.care import CustomerCare

PROMISE_DAYS = 7  # a promise is due in a week unless the cashier says otherwise


@dataclass(frozen=True)
class RatedSale:
    """The rating a member has just given at this till (Alt+1 … Alt+5)."""

    customer_id: int
    rating_id: int
    rating: int


class CareDialog(KeyDialog):
    """`result_care` — the customer's care as it is after saving — once accepted.

    `complaint` and `promise` are the reminders of the open complaint and promise that 5 and
    6 resolve (the first of each in the ranked list); `rated`, the rating 7 comments on,
    which is then the kind chosen to begin with.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        actor: Actor,
        customer_id: int,
        *,
        complaint: Reminder | None = None,
        promise: Reminder | None = None,
        rated: RatedSale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        # What is typed here is a note for colleagues, never a scan, however fast the typing.
        super().__init__(parent, typing_only=True)
        self.ui = Ui_CareDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self._uow, self._actor, self._customer = uow, actor, customer_id
        self._complaint, self._promise, self._rated = complaint, promise, rated
        self.result_care: CustomerCare | None = None
        ui = self.ui
        self._kinds: tuple[QRadioButton, ...] = (
            ui.noteButton,
            ui.preferenceButton,
            ui.promiseButton,
            ui.complaintButton,
            ui.resolveButton,
            ui.cancelPromiseButton,
            ui.ratingCommentButton,
        )
        ui.resolveButton.setEnabled(complaint is not None and complaint.refers_to is not None)
        ui.cancelPromiseButton.setEnabled(promise is not None and promise.refers_to is not None)
        ui.ratingCommentButton.setEnabled(rated is not None)
        ui.ratingCommentButton.setChecked(rated is not None)
        for button in self._kinds:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.toggled.connect(self._show_fields)
        ui.saveButton.clicked.connect(self.confirm)
        ui.cancelButton.clicked.connect(self.reject)
        self._show_fields()
        ui.textEdit.installEventFilter(self)
        ui.textEdit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """1 … 5 typed first in the text field choose the kind; after that they are text."""
        if (
            watched is self.ui.textEdit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not self.ui.textEdit.text()
        ):
            number = event.key() - Qt.Key.Key_1
            if 0 <= number < len(self._kinds) and self._kinds[number].isEnabled():
                self._kinds[number].setChecked(True)
                return True
        return super().eventFilter(watched, event)

    def _show_fields(self) -> None:
        ui = self.ui
        promise, complaint = ui.promiseButton.isChecked(), ui.complaintButton.isChecked()
        about = (
            self._complaint.text
            if ui.resolveButton.isChecked() and self._complaint
            else self._promise.text
            if ui.cancelPromiseButton.isChecked() and self._promise
            else self.tr("They rated the service {rating} of 5.").format(rating=self._rated.rating)
            if ui.ratingCommentButton.isChecked() and self._rated
            else ""
        )
        ui.aboutLabel.setText(about)
        ui.aboutLabel.setVisible(bool(about))
        ui.textLabel.setText(
            self.tr("How it was put right")
            if ui.resolveButton.isChecked()
            else self.tr("Why it is cancelled")
            if ui.cancelPromiseButton.isChecked()
            else self.tr("What they said")
            if ui.ratingCommentButton.isChecked()
            else self.tr("What happened")
            if complaint
            else self.tr("What we promised")
            if promise
            else self.tr("What")
        )
        ui.extraLabel.setVisible(promise or complaint)
        ui.extraEdit.setVisible(promise or complaint)
        if promise:
            ui.extraLabel.setText(self.tr("Due on"))
            ui.extraEdit.setText((date.today() + timedelta(days=PROMISE_DAYS)).strftime("%d.%m.%Y"))
        elif complaint:
            ui.extraLabel.setText(self.tr("What we promised"))
            ui.extraEdit.clear()

    def confirm(self) -> None:
        ui = self.ui
        text = ui.textEdit.text()
        try:
            if ui.noteButton.isChecked() or ui.preferenceButton.isChecked():
                self.result_care = care.add_note(
                    self._uow,
                    self._actor,
                    self._customer,
                    text,
                    preference=ui.preferenceButton.isChecked(),
                )
            elif ui.promiseButton.isChecked():
                due = parse_day(ui.extraEdit.text())
                if due is None:
                    show_message(
                        ui.messageLabel,
                        self.tr("{text} is not a date. Type it like 24.12.2026.").format(
                            text=ui.extraEdit.text()
                        ),
                    )
                    return
                self.result_care = care.add_promise(
                    self._uow, self._actor, self._customer, text, due
                )
            elif ui.complaintButton.isChecked():
                self.result_care = care.add_complaint(
                    self._uow,
                    self._actor,
                    self._customer,
                    text,
                    ui.extraEdit.text().strip() or None,
                )
            elif ui.resolveButton.isChecked():
                assert self._complaint is not None and self._complaint.refers_to is not None
                self.result_care = care.resolve_complaint(
                    self._uow, self._actor, self._complaint.refers_to, text
                )
            elif ui.cancelPromiseButton.isChecked():
                assert self._promise is not None and self._promise.refers_to is not None
                self.result_care = care.resolve_promise(
                    self._uow, self._actor, self._promise.refers_to, done=False, how=text
                )
            else:
                assert self._rated is not None
                self.result_care = care.comment_on_rating(
                    self._uow, self._actor, self._rated.rating_id, text
                )
        except PosError as error:
            show_message(ui.messageLabel, error.message)
            return
        self.accept()
