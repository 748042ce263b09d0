"""The customer card of the cashier window: who is at the counter, their stage and points,
and the rewards they can take now (Ctrl+1 … Ctrl+9, or a tap).

It shows a posapp.services.loyalty.CustomerSummary (read when the card was
scanned, or when a sale with a customer is resumed) and the rewards the cart
has taken; it holds no database state of its own. With no customer it offers
to enrol one.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLayout, QSizePolicy, QTableView

from posapp.domain.cart import Cart
from posapp.domain.loyalty import stage_name
from posapp.gui.formatting import format_count
from posapp.gui.forms.ui_checkout_window import Ui_CheckoutWindow
from posapp.gui.models.reminders import RemindersModel
from posapp.gui.models.rewards import Column, RewardsModel
from posapp.gui.text_delegate import TextDelegate
from posapp.gui.theme import MUTED, coloured
from posapp.services.loyalty import CustomerSummary

REWARD_ROW_HEIGHT = 40  # a finger's width: a row is tapped to take the reward
REWARD_PADDING = 6  # px left and right of a reward's texts (the theme's item padding)
REWARD_ROWS_SHOWN = 2  # more scroll: the card must leave room for the keys at 768 px
DETAIL_LINES = 2  # the stage, points and what is left to the next reward wrap to two


def list_table(
    view: QTableView, model: RemindersModel | RewardsModel, row_height: int, wide: int, padding: int
) -> None:
    """A table read as a list (the rewards, the reminders): no headers, rows a finger high,
    column `wide` taking what is left, texts elided to the width and painted by a
    TextDelegate (`padding`: px left and right, as the theme's item padding)."""
    view.setModel(model)
    view.setItemDelegate(TextDelegate(model, padding, fill=False, parent=view))
    # An opaque viewport (the theme gives it the card's colour) lets Qt repaint the list
    # alone, not the card beneath it.
    view.viewport().setAutoFillBackground(True)
    view.verticalHeader().hide()
    view.horizontalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = view.horizontalHeader()
    # The other columns get their widths from fit_list_columns: ResizeToContents would ask
    # the style for every cell's size at each change (the card scan's path).
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)


def fit_list_columns(
    view: QTableView, model: RemindersModel | RewardsModel, wide: int, padding: int
) -> None:
    """Size each column but `wide` to its widest text (from the font, bold where the model
    says), after the model changed."""
    plain = view.fontMetrics()
    bold_font = QFont(view.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        if column == wide:
            continue
        metrics = bold if model.is_bold(column) else plain
        width = max(
            (
                metrics.horizontalAdvance(model.text_and_colour(row, column)[0])
                for row in range(model.rowCount())
            ),
            default=0,
        )
        width += 2 * padding + 4  # the padding, and a margin for rounding
        if header.sectionSize(column) != width:
            header.resizeSection(column, width)


class CustomerPanel(QObject):
    """`reward_chosen(row)` when a reward row is tapped."""

    reward_chosen = Signal(int)

    def __init__(self, ui: Ui_CheckoutWindow, language: str, parent: QObject | None = None):
        super().__init__(parent)
        self._ui, self._language = ui, language
        self.summary: CustomerSummary | None = None
        self.rewards = RewardsModel(language, self)
        view = ui.rewardsView
        list_table(view, self.rewards, REWARD_ROW_HEIGHT, Column.NAME, REWARD_PADDING)
        # Its texts are elided to the card's width; they never widen the side panel.
        view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        view.clicked.connect(lambda index: self.reward_chosen.emit(index.row()))
        # What changes from one customer to the next keeps its place and size: the name on
        # one line, the detail on two, the rewards and the enrol key in one cell whichever
        # is shown; a card scan lays out nothing.
        view.setFixedHeight(REWARD_ROWS_SHOWN * REWARD_ROW_HEIGHT + 2)
        for widget in (view, ui.enrolButton):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        ui.customerNameLabel.setTextFormat(Qt.TextFormat.RichText)
        detail = ui.customerDetailLabel
        detail.setFixedHeight(detail.fontMetrics().lineSpacing() * DETAIL_LINES)
        detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The card takes the side panel's free height, whoever is at the till: a card scan
        # changes what is in it and moves nothing around it (the total, the keys), so only
        # the card is laid out and painted again.
        ui.customerFrame.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        ui.customerLayout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        ui.sideLayout.setStretchFactor(ui.customerFrame, 1)
        ui.customerLayout.addStretch(1)  # what a customer leaves free stays below their lines
        self.show_member(None, None)

    @property
    def customer_id(self) -> int | None:
        return None if self.summary is None else self.summary.customer_id

    def show_member(self, summary: CustomerSummary | None, cart: Cart | None) -> None:
        """Show this member (None: nobody) and what `cart` has taken of their rewards."""
        self.summary = summary
        ui = self._ui
        if summary is None:
            # Grey in its text (theme.coloured): the label is rich text, a name escaped.
            ui.customerNameLabel.setText(coloured(self.tr("No customer"), MUTED))
            ui.customerDetailLabel.setText(
                self.tr("Scan their card, or Ctrl+E to enrol a new member.")
            )
            ui.rewardsView.hide()
            ui.enrolButton.show()
            self.rewards.set_rewards((), {})
            return
        ui.enrolButton.hide()
        ui.customerNameLabel.setText(escape(summary.address_as or summary.name, quote=False))
        ui.customerDetailLabel.setText(self._detail(summary))
        self.show_taken(cart)

    def show_taken(self, cart: Cart | None) -> None:
        """The cart changed: tick the rewards it has taken, with what each took off."""
        if self.summary is None:
            return
        taken = {} if cart is None else dict(cart.reward_amounts)
        self.rewards.set_rewards(self.summary.available, taken)
        count = self.rewards.rowCount()
        view = self._ui.rewardsView
        fit_list_columns(view, self.rewards, Column.NAME, REWARD_PADDING)
        view.setVisible(count > 0)
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
