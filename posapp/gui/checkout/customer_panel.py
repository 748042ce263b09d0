"""The customer card of the cashier window: who is at the counter, their stage and points,
and the rewards they can take now (Ctrl+1 … Ctrl+9, or a tap).

It shows a posapp.services.loyalty.CustomerSummary (read when the card was
scanned, or when a sale with a customer is resumed) and the rewards the cart
has taken; it holds no database state of its own. With no customer it offers
to enrol one.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView

from posapp.domain.cart import Cart
from posapp.domain.loyalty import stage_name
from posapp.gui.formatting import format_count
from posapp.gui.forms.ui_checkout_window import Ui_CheckoutWindow
from posapp.gui.models.rewards import Column, RewardsModel
from posapp.gui.theme import set_state
from posapp.services.loyalty import CustomerSummary

REWARD_ROW_HEIGHT = 44  # a finger's width: a row is tapped to take the reward
REWARD_ROWS_SHOWN = 2  # more scroll: the card must leave room for the keys at 768 px


def list_table(view: QTableView, model: QAbstractItemModel, row_height: int, wide: int) -> None:
    """A table read as a list (the rewards, the reminders): no headers, rows a finger high,
    column `wide` taking what is left, texts elided to the width."""
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)


class CustomerPanel(QObject):
    """`reward_chosen(row)` when a reward row is tapped."""

    reward_chosen = Signal(int)

    def __init__(self, ui: Ui_CheckoutWindow, language: str, parent: QObject | None = None):
        super().__init__(parent)
        self._ui, self._language = ui, language
        self.summary: CustomerSummary | None = None
        self.rewards = RewardsModel(language, self)
        view = ui.rewardsView
        list_table(view, self.rewards, REWARD_ROW_HEIGHT, Column.NAME)
        # Its texts are elided to the card's width; they never widen the side panel.
        view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        view.clicked.connect(lambda index: self.reward_chosen.emit(index.row()))
        self.show_member(None, None)

    @property
    def customer_id(self) -> int | None:
        return None if self.summary is None else self.summary.customer_id

    def show_member(self, summary: CustomerSummary | None, cart: Cart | None) -> None:
        """Show this member (None: nobody) and what `cart` has taken of their rewards."""
        self.summary = summary
        ui = self._ui
        ui.enrolButton.setVisible(summary is None)
        if summary is None:
            ui.customerNameLabel.setText(self.tr("No customer — scan their card"))
            set_state(ui.customerNameLabel, "none")
            ui.customerDetailLabel.hide()
            ui.rewardsView.hide()
            self.rewards.set_rewards((), {})
            return
        ui.customerNameLabel.setText(summary.address_as or summary.name)
        set_state(ui.customerNameLabel, "known")
        ui.customerDetailLabel.setText(self._detail(summary))
        ui.customerDetailLabel.show()
        self.show_taken(cart)

    def show_taken(self, cart: Cart | None) -> None:
        """The cart changed: tick the rewards it has taken, with what each took off."""
        if self.summary is None:
            return
        taken = {} if cart is None else dict(cart.reward_amounts)
        self.rewards.set_rewards(self.summary.available, taken)
        count = self.rewards.rowCount()
        view = self._ui.rewardsView
        view.setVisible(count > 0)
        view.setFixedHeight(min(count, REWARD_ROWS_SHOWN) * REWARD_ROW_HEIGHT + 2)
        for row in range(count):  # a reward just taken stays in sight
            if self.rewards.is_taken(row):
                view.scrollTo(self.rewards.index(row, 0))

    def _detail(self, summary: CustomerSummary) -> str:
        points = format_count(summary.balance, self._language)
        parts = [stage_name(summary.stage), self.tr("points: {points}").format(points=points)]
        if summary.next_reward and summary.points_to_next_reward:
            parts.append(
                self.tr("{points} to {reward}").format(
                    points=format_count(summary.points_to_next_reward, self._language),
                    reward=summary.next_reward,
                )
            )
        if summary.birthday_this_week:
            parts.append(self.tr("birthday this week"))
        return " · ".join(parts)
