"""Choose a person and type their PIN: signing in, and a manager's approval."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor, Role
from posapp.errors import PosError
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.forms.ui_approval_dialog import Ui_ApprovalDialog
from posapp.gui.forms.ui_sign_in_dialog import Ui_SignInDialog
from posapp.services import users
from posapp.services.users import UserInfo

MANAGER_ROLES = frozenset({Role.OWNER, Role.MANAGER})


class _PinDialog(KeyDialog):
    """A list of people and a PIN field; Up/Down in the PIN field choose the person."""

    user_list: QListWidget
    pin_edit: QLineEdit
    message_label: QLabel

    def __init__(self, uow: UnitOfWork, people: Sequence[UserInfo], parent: QWidget | None) -> None:
        super().__init__(parent, typing_only=True)
        self._uow = uow
        self.actor: Actor | None = None
        self._people = list(people)

    def _set_up(self, ok_button: QPushButton, cancel_button: QPushButton) -> None:
        self.polish_form()
        for person in self._people:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.name)
            self.user_list.addItem(item)
        if self._people:
            self.user_list.setCurrentRow(0)
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), self.pin_edit)
        )
        self.pin_edit.installEventFilter(self)
        self.user_list.itemActivated.connect(lambda _item: self.pin_edit.setFocus())
        self.user_list.currentRowChanged.connect(lambda _row: self._clear())
        ok_button.clicked.connect(self.confirm)
        cancel_button.clicked.connect(self.reject)
        self.pin_edit.setFocus()

    def choose(self, name: str) -> None:
        """Make `name` the chosen person (tests and the keyboard do the same)."""
        for row in range(self.user_list.count()):
            if self.user_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.user_list.setCurrentRow(row)
                return
        raise KeyError(name)

    def chosen_name(self) -> str | None:
        item = self.user_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pin_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            if step is not None and self.user_list.count():
                row = (self.user_list.currentRow() + step) % self.user_list.count()
                self.user_list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _clear(self) -> None:
        self.pin_edit.clear()
        self.message_label.clear()
        self.pin_edit.setFocus()

    def confirm(self) -> None:
        name = self.chosen_name()
        if name is None:
            show_message(
                self.message_label, QCoreApplication.translate("PinDialog", "Choose a name first.")
            )
            return
        pin = self.pin_edit.text()
        if not pin:
            show_message(
                self.message_label,
                QCoreApplication.translate("PinDialog", "Type the PIN, then press Enter."),
            )
            self.pin_edit.setFocus()
            return
        try:
            actor = users.sign_in(self._uow, name, pin)
        except PosError as error:
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            show_message(self.message_label, error.message)
            return
        if not self._allowed(actor):
            self.pin_edit.clear()
            show_message(
                self.message_label,
                QCoreApplication.translate("PinDialog", "{name} may not approve this.").format(
                    name=name
                ),
            )
            return
        self.actor = actor
        self.accept()

    def _allowed(self, actor: Actor) -> bool:
        return True


class SignInDialog(_PinDialog):
    """Who is at the till: the active users; five wrong PINs lock one (the service does it)."""

    def __init__(self, uow: UnitOfWork, parent: QWidget | None = None) -> None:
        super().__init__(uow, [u for u in users.list_users(uow) if u.active], parent)
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.user_list, self.pin_edit = self.ui.userList, self.ui.pinEdit
        self.message_label = self.ui.messageLabel
        self._set_up(self.ui.signInButton, self.ui.cancelButton)


class ApprovalDialog(_PinDialog):
    """A manager (or the owner) approves what the cashier may not do alone, with their PIN."""

    def __init__(self, uow: UnitOfWork, reason: str, parent: QWidget | None = None) -> None:
        managers = [u for u in users.list_users(uow) if u.active and u.role in MANAGER_ROLES]
        super().__init__(uow, managers, parent)
        self.ui = Ui_ApprovalDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.user_list, self.pin_edit = self.ui.userList, self.ui.pinEdit
        self.message_label = self.ui.messageLabel
        self.ui.hintLabel.setText(reason)
        self._set_up(self.ui.approveButton, self.ui.cancelButton)

    def _allowed(self, actor: Actor) -> bool:
        return actor.role in MANAGER_ROLES
