"""Take payment: cash (quick keys for round amounts, change as you type), card, or both.

Enter with the amount untouched is exact cash; F1 to F4 are what the customer handed
over (the sale completes at once); F5 takes the rest by card, after any cash typed
first (a split), and Enter confirms that the terminal approved it.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from posapp.domain.cart import PaymentMethod
from posapp.gui.dialogs.amount import number_field
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import format_money, format_plain_amount, parse_amount
from posapp.gui.forms.ui_payment_dialog import Ui_PaymentDialog
from posapp.gui.theme import set_state

QUICK_KEYS = (Qt.Key.Key_F1, Qt.Key.Key_F2, Qt.Key.Key_F3, Qt.Key.Key_F4)
ROUNDING_STEPS = (Decimal(1), Decimal(5), Decimal(10), Decimal(20), Decimal(50), Decimal(100))


def round_amounts(due: Decimal, count: int = 4) -> list[Decimal]:
    """The round amounts a customer is likely to hand over for `due`, smallest first."""
    found = {
        (due / step).to_integral_value(rounding=ROUND_CEILING) * step for step in ROUNDING_STEPS
    }
    found |= {Decimal(200), Decimal(500)}
    return sorted(amount for amount in found if amount > due)[:count]


class PaymentDialog(KeyDialog):
    """`payments` — (method, tendered) in order — once accepted."""

    def __init__(
        self, due: Decimal, *, language: str, card: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_PaymentDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self.due, self._language = due, language
        self.payments: list[tuple[PaymentMethod, Decimal]] = []
        self._cash_part = Decimal(0)

        ui = self.ui
        ui.dueLabel.setText(format_money(due, language))
        number_field(ui.amountEdit)
        ui.amountEdit.setText(format_plain_amount(due, language))
        ui.amountEdit.textChanged.connect(self._show_change)
        buttons: list[QPushButton] = [
            ui.quick1Button,
            ui.quick2Button,
            ui.quick3Button,
            ui.quick4Button,
        ]
        amounts = round_amounts(due)
        for index, (button, key) in enumerate(zip(buttons, QUICK_KEYS, strict=True)):
            if index >= len(amounts):
                button.hide()
                continue
            amount = amounts[index]
            button.setText(f"{format_money(amount, language)}\nF{index + 1}")
            button.clicked.connect(lambda _checked=False, a=amount: self.pay_cash(a))
            QShortcut(QKeySequence(key), self, lambda a=amount: self.pay_cash(a))
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.card)
        ui.cardButton.clicked.connect(self.card)
        ui.completeButton.clicked.connect(self.confirm)
        ui.cancelButton.clicked.connect(self.reject)
        ui.stack.setCurrentWidget(ui.cashPage)
        self._show_change()
        ui.amountEdit.setFocus()
        ui.amountEdit.selectAll()
        if card:
            self.card()

    def _typed(self) -> Decimal | None:
        return parse_amount(self.ui.amountEdit.text())

    def _show_change(self) -> None:
        ui = self.ui
        typed = self._typed()
        ui.messageLabel.clear()
        if typed is None or typed < self.due:
            short = self.due - (typed or Decimal(0))
            ui.changeTitleLabel.setText(self.tr("Still due"))
            ui.changeLabel.setText(format_money(short, self._language))
            set_state(ui.changeLabel, "short")
        else:
            ui.changeTitleLabel.setText(self.tr("Change"))
            ui.changeLabel.setText(format_money(typed - self.due, self._language))
            set_state(ui.changeLabel, "ok")

    def pay_cash(self, tendered: Decimal) -> None:
        """The customer handed over `tendered` in cash: the whole sale is paid."""
        if self.ui.stack.currentWidget() is not self.ui.cashPage:
            return
        self.payments = [(PaymentMethod.CASH, tendered)]
        self.accept()

    def card(self) -> None:
        """Take the rest by card: all of it, or what is left after the cash typed (a split)."""
        ui = self.ui
        typed = self._typed()
        self._cash_part = typed if typed is not None and 0 < typed < self.due else Decimal(0)
        rest = self.due - self._cash_part
        if self._cash_part:
            ui.cardTitleLabel.setText(
                self.tr("By card, after {cash} in cash").format(
                    cash=format_money(self._cash_part, self._language)
                )
            )
        else:
            ui.cardTitleLabel.setText(self.tr("By card"))
        ui.cardAmountLabel.setText(format_money(rest, self._language))
        ui.stack.setCurrentWidget(ui.cardPage)
        ui.cardButton.setEnabled(False)
        self.setFocus()

    def confirm(self) -> None:
        ui = self.ui
        if ui.stack.currentWidget() is ui.cardPage:
            payments = [(PaymentMethod.CARD, self.due - self._cash_part)]
            if self._cash_part:
                payments.insert(0, (PaymentMethod.CASH, self._cash_part))
            self.payments = payments
            self.accept()
            return
        typed = self._typed()
        if typed is None or typed <= 0:
            show_message(ui.messageLabel, self.tr("Type the cash received, like 20."))
            ui.amountEdit.selectAll()
            return
        if typed < self.due:
            show_message(
                ui.messageLabel,
                self.tr("{due} is due. Take more cash, or press F5 for the rest by card.").format(
                    due=format_money(self.due, self._language)
                ),
            )
            return
        self.pay_cash(typed)

    def reject(self) -> None:
        """Esc on the card step goes back to cash; on the cash step it closes."""
        ui = self.ui
        if ui.stack.currentWidget() is ui.cardPage:
            ui.stack.setCurrentWidget(ui.cashPage)
            ui.cardButton.setEnabled(True)
            ui.amountEdit.setFocus()
            ui.amountEdit.selectAll()
            return
        super().reject()
