"""The checkout window: a sale driven by the scanner and the keyboard, never waiting.

The layout is ui/checkout_window.ui. The window holds the unit of work, the
signed-in Actor, the till and the current Cart value — never an ORM object or a
session. Every action is the same small loop: call the service, take the new
cart it returns, tell the model what changed, hand the cart to the CartSaver
(its thread writes it a moment later, so a crash loses nothing and the scan is
painted without waiting for the disk). A PosError is shown in the banner above
the cart, with a flash and a beep, and the cart is kept as it was.

Goods without a barcode: F2 puts the focus in the search field; results come
as the cashier types (ProductMatchModel, debounced), Up/Down choose, Enter adds
through the same set_cart() path as a scan, Esc returns to the cart. The quick
keys under the cart are read once, when the window opens.

Dialogs are opened with open(), never exec(): the window reacts to their
`accepted` signal, so the event loop (and a scanner) never waits on them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, QVariantAnimation, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QScroller,
    QWidget,
)

from posapp.config import data_dir
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import ReceiptCode
from posapp.domain.cart import Cart, CartLine, Discount, PaymentMethod
from posapp.domain.money import plain_quantity
from posapp.domain.reminders import PROMISE_KINDS
from posapp.domain.roles import Actor, Role
from posapp.domain.text import search_key
from posapp.errors import DatabaseError, PermissionDenied, PosError
from posapp.gui.checkout.banner import Banner
from posapp.gui.checkout.customer_panel import CustomerPanel, fit_list_columns, list_table
from posapp.gui.checkout.quick_keys import QuickKeyButton
from posapp.gui.checkout.receipt_printer import ReceiptPrinting
from posapp.gui.checkout.saver import CartSaver
from posapp.gui.dialogs.amount import AmountDialog
from posapp.gui.dialogs.care import CareDialog, RatedSale
from posapp.gui.dialogs.care_lists import CareListsDialog
from posapp.gui.dialogs.close_shift import CloseShiftDialog
from posapp.gui.dialogs.enrol import EnrolDialog
from posapp.gui.dialogs.parked import ParkedSalesDialog
from posapp.gui.dialogs.payment import PaymentDialog
from posapp.gui.dialogs.pin import ApprovalDialog
from posapp.gui.dialogs.refund import RefundDialog
from posapp.gui.dialogs.void import VoidDialog
from posapp.gui.formatting import format_count, format_moment, format_money, format_plain_amount
from posapp.gui.forms.ui_checkout_window import Ui_CheckoutWindow
from posapp.gui.models.cart import CartModel, Column
from posapp.gui.models.products import MatchColumn, ProductMatchModel
from posapp.gui.models.reminders import Column as ReminderColumn
from posapp.gui.models.reminders import RemindersModel
from posapp.gui.models.rewards import MAX_KEYED
from posapp.gui.operations import BusyBar, Operations
from posapp.gui.text_delegate import TextDelegate
from posapp.gui.theme import capitalize_card_titles, set_state
from posapp.services import care, catalog, checkout, loyalty, parking, refunds
from posapp.services.care import CardOfferAnswer, CustomerCare
from posapp.services.catalog import ProductMatch
from posapp.services.checkout import CompletedSale, ScanKind
from posapp.services.loyalty import CustomerSummary
from posapp.services.overview import ShopOverview, shop_overview
from posapp.services.settings import load_settings

if TYPE_CHECKING:
    from posapp.gui.reports.window import ReportsWindow
    from posapp.services.printing import PrintRun

FLASH_FROM = QColor("#f97066")
FLASH_TO = QColor("#fef3f2")
FLASH_MS = 700
SEARCH_DELAY_MS = 150  # typing at a person's speed asks the database once, as they pause
SAVE_RETRY_MS = 3000  # a cart that could not be saved is tried again this much later
QUICK_KEY_COLUMNS = 4
CART_ROW_HEIGHT = 50  # five lines in view at 1366x768, and a finger's height
CELL_PADDING = 14  # px left and right of a cart cell's text (the theme's cart item padding)
REMINDER_ROW_HEIGHT = 40
REMINDER_PADDING = 10  # the same for a reminder (the theme's reminder item padding)
NAME_SHARE = 0.35  # of the cart's width, at least, for the item's name


class CheckoutWindow(QMainWindow):
    """The till. `handle_scan(code)` is where the scanner's codes arrive."""

    customer_identified = Signal(int)
    card_opened = Signal(str)  # the path of a new member's card PDF, opened to print
    sale_completed = Signal(object)  # CompletedSale
    action_failed = Signal(str)
    overview_requested = Signal()
    lock_requested = Signal()  # Ctrl+L: back to the sign-in, the sale kept as it is
    shift_closed = Signal(object)  # ShiftReport: the till is closed, back to the sign-in
    _care: CustomerCare | None  # the member's care the assist panel shows (_show_care)

    def __init__(
        self,
        uow: UnitOfWork,
        actor: Actor,
        till_code: str,
        *,
        language: str,
        database_label: str,
        printer: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow
        self.actor = actor
        self.till_code = till_code
        self._language = language
        self.dialog: QDialog | None = None

        settings = load_settings(uow)
        self.rules = settings.barcode_rules()
        self._reminder_settings = settings.reminders
        self._shop_name = settings.shop_name
        self._time_zone = settings.time_zone

        self.ui = Ui_CheckoutWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self._polish()
        self.setWindowTitle(
            self.tr("{shop} — till {till}").format(shop=self._shop_name, till=till_code)
        )

        self.model = CartModel(language, self)
        view = self.ui.cartView
        view.setModel(self.model)
        view.setItemDelegate(TextDelegate(self.model, CELL_PADDING, fill=True, parent=view))
        # An opaque viewport lets Qt repaint the cart alone, not the window beneath it.
        view.viewport().setAutoFillBackground(True)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(CART_ROW_HEIGHT)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Scrolling by pixels lets Qt move what is painted and paint only the new row.
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = view.horizontalHeader()
        # Numbers get widths from the font as the view is resized (_fit_columns):
        # ResizeToContents would read every row's text again on each scan, making a scan
        # slower the longer the basket.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self._narrow = False  # set by _fit_columns
        view.viewport().installEventFilter(self)  # its width is what the columns share

        self.banner = Banner(self.ui.bannerFrame, self.ui.bannerLabel)
        self._flash = QVariantAnimation(self)
        self._flash.setStartValue(FLASH_FROM)
        self._flash.setEndValue(FLASH_TO)
        self._flash.setDuration(FLASH_MS)
        self._flash.valueChanged.connect(self._paint_flash)
        self._flash.finished.connect(lambda: self.banner.flash(None))

        self._build_status_bar(database_label)
        self.customer_panel = CustomerPanel(self.ui, language, self)
        self.customer_panel.reward_chosen.connect(self.toggle_reward)
        self._build_reminders()
        self.printing = ReceiptPrinting(uow, till_code, printer, self)
        self.printing.printed.connect(self._printed)
        self._last_receipt: tuple[str, int] | None = None  # for Ctrl+P
        # The last sale, for its rating (Alt+1 … 5) or the card offer (Alt+N), until the next.
        self._after_sale: CompletedSale | None = None
        # The rating a member gave after the last sale, for its comment (Ctrl+N).
        self._rated: RatedSale | None = None
        self._saver = CartSaver(uow, self)
        self._saver.failed.connect(self._save_failed)
        self._saver.recovered.connect(lambda: self._database_state(None))
        self._save_retry = QTimer(self)
        self._save_retry.setSingleShot(True)
        self._save_retry.setInterval(SAVE_RETRY_MS)
        self._save_retry.timeout.connect(self._save_again)
        self._connect_actions()
        self._connect_shift_actions()
        self._connect_loyalty_actions()
        self._connect_receipt_actions()
        self._connect_care_lists()
        self._build_search(language)
        self._build_quick_keys()

        # The cart to start from: the one this till was ringing up when it stopped, if any.
        self.cart = checkout.start_sale(uow, actor, till_code)
        self.till_id = self.cart.till_id
        restored = parking.open_cart(uow, self.till_id)
        if restored is not None:
            self.cart = restored
        self.model.set_cart(self.cart)
        self._show_cart()
        if restored is not None:
            self._show_customer_of(restored)  # their card and reminders, as before the stop
            self.show_banner(self.tr("The sale in progress was restored."), "info")
        else:
            self.clear_banner()
        self.refresh_status()
        view.setFocus()

    # -- look -----------------------------------------------------------------
    def _polish(self) -> None:
        capitalize_card_titles(self)

    def _build_search(self, language: str) -> None:
        self.matches = ProductMatchModel(language, self)
        view = self.ui.searchResultsView
        view.setModel(self.matches)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(44)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MatchColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        view.clicked.connect(lambda index: self._choose_match(index.row()))  # a tap adds it
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self._searched: str | None = None  # the text the results shown are for
        edit = self.ui.searchEdit
        edit.textChanged.connect(self._search_text_changed)
        edit.installEventFilter(self)

    def _build_quick_keys(self) -> None:
        """Buttons for the shop's quick keys (or its best sellers); none: no area."""
        try:
            products = catalog.quick_key_products(self._uow)
        except PosError as error:
            self._database_state(error.message)
            products = []
        grid = self.ui.quickKeysLayout
        self.quick_keys: list[QuickKeyButton] = []
        for place, product in enumerate(products):
            button = QuickKeyButton(
                product, self.matches.price_text(product), self.ui.quickKeysPanel
            )
            button.clicked.connect(lambda _checked=False, chosen=product: self.add_product(chosen))
            grid.addWidget(button, place // QUICK_KEY_COLUMNS, place % QUICK_KEY_COLUMNS)
            self.quick_keys.append(button)
        for column in range(QUICK_KEY_COLUMNS):
            grid.setColumnStretch(column, 1)
        self._show_assist()

    def _build_status_bar(self, database_label: str) -> None:
        bar = self.ui.statusbar
        self.shop_status = QLabel(self._shop_name, self)
        self.till_status = QLabel(self.tr("Till {code}").format(code=self.till_code), self)
        self.cashier_status = QLabel(self.tr("Cashier: {name}").format(name=self.actor.name), self)
        self.shift_status = QLabel(self)
        self.database_status = QLabel(database_label, self)
        self.database_status.setToolTip(database_label)
        # On a small screen the path gives way (its tooltip keeps it), not the states.
        self.database_status.setMinimumWidth(1)
        self.state_status = QLabel(self.tr("Database OK"), self)
        set_state(self.state_status, "ok")
        self.scanner_status = QLabel(self)  # only with a serial scanner (set_scanner_state)
        self.scanner_status.hide()
        self.printer_status = QLabel(self)  # once a receipt was sent to a printer
        self.printer_status.hide()
        for label in (
            self.shop_status,
            self.till_status,
            self.cashier_status,
            self.shift_status,
            self.database_status,
        ):
            bar.addWidget(label)
        # The shift line is read off the GUI thread (refresh_status), busy meanwhile.
        self.status_operations = Operations(self._uow, self)
        bar.addPermanentWidget(BusyBar(self).watch(self.status_operations))
        bar.addPermanentWidget(self.printer_status)
        bar.addPermanentWidget(self.scanner_status)
        bar.addPermanentWidget(self.state_status)

    def set_scanner_state(self, text: str, ok: bool) -> None:
        """A serial scanner connected (ok) or not: the status bar says so; a loss is a warning."""
        self.scanner_status.setText(
            self.tr("Scanner OK") if ok else self.tr("Scanner not connected")
        )
        self.scanner_status.setToolTip(text)
        set_state(self.scanner_status, "ok" if ok else "error")
        self.scanner_status.show()
        if not ok:
            self.show_banner(text, "warning")

    def _connect_actions(self) -> None:
        ui = self.ui
        pairs = (
            (ui.actionQuantity, ui.quantityButton, self.change_quantity),
            (ui.actionPrice, ui.priceButton, self.change_price),
            (ui.actionDiscount, ui.discountButton, self.discount_line),
            (ui.actionRemove, ui.removeButton, self.remove_line),
            (ui.actionPark, ui.parkButton, self.park),
            (ui.actionResume, ui.resumeButton, self.resume),
            (ui.actionVoid, ui.voidButton, self.void),
            (ui.actionRefund, ui.refundButton, self.refund),
            (ui.actionCard, ui.cardButton, self.pay_by_card),
            (ui.actionPay, ui.payButton, self.pay),
        )
        for action, button, slot in pairs:
            action.triggered.connect(slot)
            button.clicked.connect(action.trigger)
        # Search has no button: its field above the cart says F2 and takes a tap.
        ui.actionSearch.triggered.connect(self.focus_search)
        ui.actionOverview.triggered.connect(self.overview_requested)
        ui.actionQuit.triggered.connect(self.close)
        # Shortcuts work wherever the focus is in the window, menu open or not.
        self.addActions(
            [*(pair[0] for pair in pairs), ui.actionSearch, ui.actionOverview, ui.actionQuit]
        )

    # -- the banner -----------------------------------------------------------
    def show_banner(self, text: str, state: str) -> None:
        """A message above the cart (never a modal): error, warning, success or info."""
        self.banner.show(text, state)
        if state in ("error", "warning"):
            QApplication.beep()
            self._flash.stop()
            self._flash.start()
            self.action_failed.emit(text)

    def clear_banner(self) -> None:
        self._flash.stop()
        self.banner.flash(None)
        self.banner.show(self.tr("Ready. Scan an item or a loyalty card."), "idle")

    def banner_text(self) -> str:
        return self.banner.text

    def _paint_flash(self, colour: object) -> None:
        if isinstance(colour, QColor):
            self.banner.flash(colour)

    def _fail(self, error: PosError) -> None:
        if isinstance(error, DatabaseError):
            self._database_state(error.message)
        self.show_banner(error.message, "error")

    def _database_state(self, problem: str | None) -> None:
        if problem is None:
            self.state_status.setText(self.tr("Database OK"))
            self.state_status.setToolTip("")
            set_state(self.state_status, "ok")
        else:
            self.state_status.setText(self.tr("Database problem"))
            self.state_status.setToolTip(problem)
            set_state(self.state_status, "error")

    # -- the cart -------------------------------------------------------------
    def set_cart(self, cart: Cart, message: str | None = None, state: str = "success") -> None:
        """Make `cart` the sale being rung up: show what changed, save it, say `message`."""
        before = self.cart.lines
        self.cart = cart
        self.model.set_cart(cart)
        # Lines are immutable: a line not among those before (by identity) is new or changed.
        kept = {id(line) for line in before}
        changed = [line for line in cart.lines if id(line) not in kept]
        if changed:
            self._select_line(changed[-1].line_id)
        self._show_cart()
        self._show_customer_of(cart)
        self._saver.save(self.actor, cart)  # written on the saver's thread, a moment later
        if message is None:
            self.clear_banner()
        else:
            self.show_banner(message, state)

    @property
    def saving(self) -> bool:
        """Whether the cart on screen is still being written."""
        return self._saver.busy

    def wait_saved(self) -> None:
        """Wait until the cart on screen is written (or its write has failed)."""
        self._saver.flush()

    def _save_again(self) -> None:
        self._saver.save(self.actor, self.cart)

    def _save_failed(self, message: str) -> None:
        self._database_state(message)
        self.show_banner(
            self.tr("The sale is kept on screen but could not be saved: {message}").format(
                message=message
            ),
            "warning",
        )
        self._save_retry.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_reports()
        self._save_retry.stop()
        self._saver.stop()
        self.printing.stop()
        super().closeEvent(event)

    def _select_line(self, line_id: int) -> None:
        row = self.model.row_of(line_id)
        if row is not None:
            self.ui.cartView.selectRow(row)
            self.ui.cartView.scrollTo(self.model.index(row, 0))

    def _show_cart(self) -> None:
        cart, ui, language = self.cart, self.ui, self._language
        ui.cartStack.setCurrentWidget(ui.cartTablePage if cart.lines else ui.cartEmptyPage)
        if self._narrow and self._discount_shown() == ui.cartView.isColumnHidden(Column.DISCOUNT):
            self._fit_columns()
        ui.totalLabel.setText(format_money(cart.total, language))
        vat = sum((line.vat for line in cart.vat), Decimal(0))
        items = sum((1 if line.by_weight else int(line.quantity) for line in cart.lines), 0)
        ui.vatLabel.setText(
            self.tr("VAT included: {vat} · items: {count}").format(
                vat=format_money(vat, language), count=items
            )
        )
        rewards = cart.rewards_total if cart.rewards else Decimal(0)
        ui.rewardsLabel.setVisible(bool(cart.rewards))
        if cart.rewards:
            ui.rewardsLabel.setText(
                self.tr("Rewards: \u2212{amount}").format(amount=format_money(rewards, language))
            )

    def current_line(self) -> CartLine | None:
        """The selected line, else the last one scanned."""
        index = self.ui.cartView.currentIndex()
        if index.isValid() and index.row() < self.model.rowCount():
            return self.model.line(index.row())
        return self.cart.lines[-1] if self.cart.lines else None

    def _line_or_say(self) -> CartLine | None:
        line = self.current_line()
        if line is None:
            self.show_banner(self.tr("The sale is empty. Scan something first."), "warning")
        return line

    def _busy(self) -> bool:
        """A dialog is open: the window's own actions wait until it closes."""
        if self.dialog is not None and self.dialog.isVisible():
            self.show_banner(
                self.tr("Finish the open window first (Enter), or close it (Esc)."), "warning"
            )
            return True
        return False

    def _open(self, dialog: QDialog, on_accepted: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        # The keys are the till's again. Without a window manager (a till that starts X
        # with posapp alone), nobody gives the window back its activation, and its
        # shortcuts (F12, Alt+1 …) would not work until a tap.
        self.activateWindow()
        self.ui.cartView.setFocus()

    def _with_approval(self, reason: str, attempt: Callable[[Actor | None], None]) -> None:
        """Run `attempt` as the signed-in user; if a manager must approve, ask for one first."""
        try:
            attempt(None)
        except PermissionDenied:
            dialog = ApprovalDialog(self._uow, reason, self)
            self._open(dialog, lambda: self._approved(dialog, attempt))
        except PosError as error:
            self._fail(error)

    def _approved(self, dialog: ApprovalDialog, attempt: Callable[[Actor | None], None]) -> None:
        try:
            attempt(dialog.actor)
        except PosError as error:
            self._fail(error)

    # -- search ---------------------------------------------------------------
    def focus_search(self) -> None:
        """F2: type a product's name or SKU; results come as you type."""
        if self._busy():
            return
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def end_search(self) -> None:
        """Esc: clear the search, put the results away, back to the cart."""
        self._search_timer.stop()
        self.ui.searchEdit.clear()
        self._show_matches(None)
        self.ui.cartView.setFocus()

    def _fit_columns(self) -> None:
        """Widths for the number columns: roomy when there is space, the item's name
        keeping at least NAME_SHARE of the cart's width on a small screen."""
        view = self.ui.cartView
        metrics = view.fontMetrics()
        padding = 2 * CELL_PADDING
        quantity = metrics.horizontalAdvance("99,999") + padding
        money = metrics.horizontalAdvance("\u22129 999,99 €") + padding
        room = view.viewport().width() * (1 - NAME_SHARE) - quantity
        # On a small screen the discount column shows only while a line has a discount.
        self._narrow = 3 * money > room
        if self._narrow:
            columns = 3 if self._discount_shown() else 2
            money = max(int(room / columns), metrics.horizontalAdvance("999,99 €") + padding)
        header = view.horizontalHeader()
        header.resizeSection(Column.QUANTITY, quantity)
        for column in (Column.UNIT_PRICE, Column.DISCOUNT, Column.TOTAL):
            header.resizeSection(column, money)
        view.setColumnHidden(Column.DISCOUNT, not self._discount_shown())

    def _discount_shown(self) -> bool:
        return not self._narrow or any(
            line.discount or line.reward_discount for line in self.cart.lines
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.cartView.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._move_in_matches(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._search_entered()
                return True
            if key == Qt.Key.Key_Escape:
                self.end_search()
                return True
        return super().eventFilter(watched, event)

    def _search_text_changed(self, text: str) -> None:
        if len(search_key(text)) < catalog.MIN_SEARCH_LENGTH:
            self._search_timer.stop()
            self._show_matches(None)
        else:
            self._search_timer.start()  # restarted by each key: one query when typing pauses

    def _run_search(self) -> None:
        self._search_timer.stop()
        text = self.ui.searchEdit.text()
        if len(search_key(text)) < catalog.MIN_SEARCH_LENGTH:
            self._show_matches(None)
            return
        try:
            found = catalog.search_products(self._uow, text)
        except PosError as error:
            self._fail(error)
            return
        self._searched = text
        self._show_matches(found)

    def _show_matches(self, found: list[ProductMatch] | None) -> None:
        """The results under the search field: None puts them away; [] says nothing matched."""
        ui = self.ui
        if found is None:
            self._searched = None
            self.matches.set_matches([])
        else:
            self.matches.set_matches(found)
            if found:
                ui.searchResultsView.selectRow(0)
                ui.searchResultsView.scrollToTop()
            else:
                ui.searchEmptyLabel.setText(
                    self.tr("No product matches “{text}”.").format(text=self._searched or "")
                )
        # The results cover the cart while the cashier searches (the total stays in view):
        # at 768 px high there is no room for both and the quick keys.
        ui.cartStack.setVisible(found is None)
        ui.searchResultsView.setVisible(bool(found))
        ui.searchEmptyLabel.setVisible(found == [])

    def _move_in_matches(self, step: int) -> None:
        count = self.matches.rowCount()
        if not count:
            return
        current = self.ui.searchResultsView.currentIndex()
        row = current.row() if current.isValid() else -1 if step > 0 else count
        row = min(max(row + step, 0), count - 1)
        self.ui.searchResultsView.selectRow(row)
        self.ui.searchResultsView.scrollTo(self.matches.index(row, 0))

    def _search_entered(self) -> None:
        """Enter in the search field: add the selected result (searching now if still typing)."""
        if self._search_timer.isActive() or self._searched != self.ui.searchEdit.text():
            self._run_search()
        if not self.matches.rowCount():
            QApplication.beep()
            return
        current = self.ui.searchResultsView.currentIndex()
        self._choose_match(current.row() if current.isValid() else 0)

    def _choose_match(self, row: int) -> None:
        if not 0 <= row < self.matches.rowCount():
            return
        product = self.matches.product(row)
        self.end_search()
        self.add_product(product)

    def add_product(self, product: ProductMatch) -> None:
        """A product chosen by search or a quick key; one sold by weight asks for its weight."""
        if self._busy():
            return
        if product.by_weight:
            self._ask_weight(product.product_id, product.name)
        else:
            self._add_product(product.product_id, Decimal(1), weighed=False)

    def _ask_weight(self, product_id: int, name: str) -> None:
        """Goods sold by weight without a scale label: the cashier types what the scale shows."""
        dialog = AmountDialog(
            self.tr("Weight"),
            self.tr("{name} is sold by weight. Type its weight in kg, like 0,355.").format(
                name=name
            ),
            "",
            parent=self,
        )

        def done() -> None:
            if dialog.value is not None:
                self._add_product(product_id, dialog.value, weighed=True)

        self._open(dialog, done)

    def _add_product(self, product_id: int, quantity: Decimal, *, weighed: bool) -> None:
        try:
            cart = checkout.add_product(
                self._uow, self.actor, self.cart, product_id, quantity, weighed
            )
        except PosError as error:
            self._fail(error)
            return
        self.set_cart(cart)

    # -- actions --------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        """What the scanner read: goods, a scale label, a loyalty card, a voucher, a receipt."""
        if isinstance(self.dialog, EnrolDialog) and self.dialog.isVisible():
            self.dialog.take_scan(code)  # a pre-printed card, or the referrer's card
            return
        if self._busy():
            return
        try:
            result = checkout.scan(self._uow, self.actor, self.cart, code, self.rules)
        except PosError as error:
            self._fail(error)
            return
        if result.kind is ScanKind.PRODUCT:
            self.set_cart(result.cart)
        elif result.kind is ScanKind.CUSTOMER:
            assert result.member is not None  # a card's scan always says whose it is
            # set_cart shows the member's card and reminders without reading them again
            self._care = result.member
            summary = self.customer_panel.summary = result.member.summary
            self.set_cart(result.cart, self._welcome(summary, result.cart), "info")
            if result.cart.customer_id is not None:
                self.customer_identified.emit(result.cart.customer_id)
        elif result.kind is ScanKind.WEIGH and result.product is not None:
            self._ask_weight(result.product.product_id, result.product.name)
        elif result.kind is ScanKind.VOUCHER and result.voucher_code is not None:
            voucher = result.voucher_code
            self._take(lambda: loyalty.apply_voucher(self._uow, self.actor, self.cart, voucher))
        else:
            self.open_refund(result.receipt)

    def change_quantity(self) -> None:
        if self._busy() or (line := self._line_or_say()) is None:
            return
        unit = self.tr("kg") if line.by_weight else self.tr("pieces")
        dialog = AmountDialog(
            self.tr("Quantity"),
            self.tr("{name}: the new quantity ({unit}).").format(name=line.name, unit=unit),
            plain_quantity(line.quantity),
            parent=self,
        )

        def done() -> None:
            if dialog.value is None:
                return
            try:
                self.set_cart(self.cart.set_quantity(line.line_id, dialog.value))
            except PosError as error:
                self._fail(error)

        self._open(dialog, done)

    def change_price(self) -> None:
        if self._busy() or (line := self._line_or_say()) is None:
            return
        dialog = AmountDialog(
            self.tr("New price"),
            self.tr("{name}: shelf price {price}. Type the price to charge.").format(
                name=line.name, price=format_money(line.list_price, self._language)
            ),
            format_plain_amount(line.unit_price, self._language),
            parent=self,
        )

        def done() -> None:
            price = dialog.value
            if price is None:
                return
            line_id = line.line_id

            def attempt(approver: Actor | None) -> None:
                cart = checkout.override_price(self.actor, self.cart, line_id, price, approver)
                self.set_cart(
                    cart,
                    self.tr("Price changed, approved by {name}.").format(name=approver.name)
                    if approver
                    else None,
                )

            self._with_approval(
                self.tr(
                    "A manager's PIN is needed to change the price of {name} to {price}."
                ).format(name=line.name, price=format_money(price, self._language)),
                attempt,
            )

        self._open(dialog, done)

    def discount_line(self) -> None:
        if self._busy() or (line := self._line_or_say()) is None:
            return
        dialog = AmountDialog(
            self.tr("Discount"),
            self.tr(
                "{name}: a percentage (10%) or an amount in euros (0,50). 0 removes the discount."
            ).format(name=line.name),
            "",
            allow_percent=True,
            parent=self,
        )

        def done() -> None:
            value = dialog.value
            if value is None:
                return
            try:
                discount = (
                    None
                    if value == 0
                    else Discount(percent=value)
                    if dialog.percent
                    else Discount(amount=value)
                )
            except PosError as error:
                self._fail(error)
                return
            line_id = line.line_id

            def attempt(approver: Actor | None) -> None:
                self.set_cart(
                    checkout.discount_line(
                        self._uow, self.actor, self.cart, line_id, discount, approver
                    )
                )

            self._with_approval(
                self.tr("A manager's PIN is needed for a discount this large on {name}.").format(
                    name=line.name
                ),
                attempt,
            )

        self._open(dialog, done)

    def remove_line(self) -> None:
        if self._busy() or (line := self._line_or_say()) is None:
            return
        try:
            cart = self.cart.remove(line.line_id)
        except PosError as error:
            self._fail(error)
            return
        self.set_cart(cart, self.tr("Removed {name}.").format(name=line.name), "info")

    def pay(self, *, card: bool = False) -> None:
        if self._busy():
            return
        if not self.cart.lines:
            self.show_banner(self.tr("The sale is empty. Scan something first."), "warning")
            return
        dialog = PaymentDialog(self.cart.due, language=self._language, card=card, parent=self)
        self._open(dialog, lambda: self.complete(dialog.payments))

    def pay_by_card(self) -> None:
        self.pay(card=True)

    def complete(self, payments: list[tuple[PaymentMethod, Decimal]]) -> None:
        """Take the payments and record the sale (committed before anything else happens)."""
        self.wait_saved()  # a save still under way must not bring the completed cart back
        try:
            paid = self.cart
            for method, tendered in payments:
                paid = paid.pay(method, tendered)
            shown = self._care
            left = (
                shown.reminders if shown and shown.summary.customer_id == paid.customer_id else ()
            )
            completed = checkout.complete_sale(self._uow, self.actor, paid, left)
        except PosError as error:
            self._fail(error)
            return
        self.sale_completed.emit(completed)
        self._last_receipt = (completed.till_code, completed.receipt_number)
        self._print(lambda: self.printing.queue(completed.receipt_number))
        receipt = f"{completed.till_code}-{completed.receipt_number}"
        if completed.change:
            message = self.tr("Receipt {receipt} — change {change}").format(
                receipt=receipt, change=format_money(completed.change, self._language)
            )
        else:
            message = self.tr("Receipt {receipt} — paid").format(receipt=receipt)
        self._after_sale = completed
        self._next_sale(message + self._points_said(completed) + self._ask_after(completed))

    def _next_sale(self, message: str) -> None:
        try:
            cart = checkout.start_sale(self._uow, self.actor, self.till_code)
        except PosError as error:
            self._fail(error)
            return
        self.set_cart(cart, message, "success")

    def park(self) -> None:
        if self._busy():
            return
        self.wait_saved()
        try:
            parking.park_sale(self._uow, self.actor, self.cart)
        except PosError as error:
            self._fail(error)
            return
        self._next_sale(self.tr("The sale was parked. Press F9 to resume it."))

    def resume(self) -> None:
        if self._busy():
            return
        try:
            parked = parking.parked_sales(self._uow)
        except PosError as error:
            self._fail(error)
            return
        dialog = ParkedSalesDialog(
            parked, language=self._language, time_zone=self._time_zone, parent=self
        )

        def done() -> None:
            if dialog.chosen is None:
                return
            had_lines = bool(self.cart.lines)
            self.wait_saved()
            try:
                cart = parking.resume_sale(self._uow, self.actor, dialog.chosen, self.till_id)
            except PosError as error:
                self._fail(error)
                return
            self.set_cart(
                cart,
                self.tr("Sale resumed; the one you had was parked.")
                if had_lines
                else self.tr("Sale resumed."),
                "info",
            )

        self._open(dialog, done)

    def void(self) -> None:
        if self._busy():
            return
        if not self.cart.lines:
            self.show_banner(self.tr("There is nothing to void."), "warning")
            return
        dialog = VoidDialog(self)

        def done() -> None:
            reason = dialog.reason
            cart = self.cart

            def attempt(approver: Actor | None) -> None:
                self.wait_saved()
                checkout.void_sale(self._uow, self.actor, cart, reason, approver)
                self._next_sale(self.tr("The sale was voided."))

            self._with_approval(
                self.tr("A manager's PIN is needed to void a sale that has payments."), attempt
            )

        self._open(dialog, done)

    # -- loyalty --------------------------------------------------------------
    def _connect_care_lists(self) -> None:
        self.care_lists_action = QAction(self.tr("Customers to look after…"), self)
        self.care_lists_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.care_lists_action.triggered.connect(self.show_care_lists)
        self.ui.menuShop.insertAction(self.ui.actionLock, self.care_lists_action)
        self.addAction(self.care_lists_action)
        self.reports_action = QAction(self.tr("Reports…"), self)
        self.reports_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.reports_action.triggered.connect(self.show_reports)
        self.ui.menuShop.insertAction(self.ui.actionLock, self.reports_action)
        self.addAction(self.reports_action)
        self.reports: ReportsWindow | None = None
        self._show_manager_actions()

    def _show_manager_actions(self) -> None:
        manager = self.actor.role in (Role.OWNER, Role.MANAGER)
        for action in (self.ui.actionOverview, self.care_lists_action, self.reports_action):
            action.setVisible(manager)
            action.setEnabled(manager)

    def show_reports(self) -> None:
        """Ctrl+Shift+R: the owner's reports, in a window of their own beside the till."""
        if self.reports is None:
            # Imported when first asked for: QtCharts is no part of the till's start-up.
            from posapp.gui.reports.window import ReportsWindow

            self.reports = ReportsWindow(self._uow, self.actor, language=self._language)
            self.reports.closed.connect(self._reports_closed)
        self.reports.showMaximized()
        self.reports.raise_()
        self.reports.activateWindow()

    def close_reports(self) -> None:
        """The till locks: nobody else sees the owner's figures."""
        if self.reports is not None:
            self.reports.close()

    def _reports_closed(self) -> None:
        if self.reports is not None:
            self.reports.deleteLater()
            self.reports = None

    def show_care_lists(self) -> None:
        """The owner's lists: regulars gone quiet, birthdays, promises overdue, complaints."""
        if self._busy():
            return
        try:
            dialog = CareListsDialog(
                self._uow,
                self.actor,
                language=self._language,
                time_zone=self._time_zone,
                parent=self,
            )
        except PosError as error:
            self._fail(error)
            return
        self._open(dialog, lambda: None)

    def _connect_receipt_actions(self) -> None:
        action = QAction(self.tr("Reprint the last receipt"), self)
        action.setShortcut(QKeySequence("Ctrl+P"))
        action.triggered.connect(self.reprint_last)
        self.ui.menuSale.addAction(action)
        self.addAction(action)

    def _connect_loyalty_actions(self) -> None:
        self.ui.actionEnrol.triggered.connect(self.enrol)
        self.ui.enrolButton.clicked.connect(self.ui.actionEnrol.trigger)
        self.addAction(self.ui.actionEnrol)
        for number in range(1, MAX_KEYED + 1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, row=number - 1: self.toggle_reward(row))
            self.addAction(action)

    def _show_customer_of(self, cart: Cart) -> None:
        """Keep the customer card in step with the cart: its member, the rewards it took."""
        panel = self.customer_panel
        if cart.customer_id == panel.customer_id:
            if panel.summary is not None:
                panel.show_member(panel.summary, cart)
            self._show_care(cart.customer_id)
            return
        summary: CustomerSummary | None = None
        if cart.customer_id is not None:  # a sale resumed or restored with its customer
            try:
                summary = loyalty.customer_summary(self._uow, cart.customer_id)
            except PosError as error:
                self._fail(error)
        panel.show_member(summary, cart)
        self._show_care(cart.customer_id)

    # -- reminders ------------------------------------------------------------
    def _build_reminders(self) -> None:
        self.reminders = RemindersModel(self)
        self._care = None
        for rating in range(1, 6):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{rating}"))
            action.triggered.connect(lambda _checked=False, rating=rating: self.rate(rating))
            self.addAction(action)
        note = QAction(self)
        note.setShortcut(QKeySequence("Ctrl+N"))
        note.triggered.connect(self.add_care)
        self.addAction(note)
        declined = QAction(self)
        declined.setShortcut(QKeySequence("Alt+N"))
        declined.triggered.connect(self.card_declined)
        self.addAction(declined)
        view = self.ui.remindersView
        list_table(view, self.reminders, REMINDER_ROW_HEIGHT, ReminderColumn.TEXT, REMINDER_PADDING)
        view.clicked.connect(lambda index: self._mark_row(index.row(), done=True))
        # No scroll bar coming and going as members change (each time the list is laid out
        # and painted again): a row cut at the bottom says there is more, which the wheel
        # or a finger's swipe brings up.
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        for keys, done in (("Ctrl+D", True), ("Ctrl+Shift+D", False)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, done=done: self.mark_reminder(done))
            self.addAction(action)

    def add_care(self) -> None:
        """Ctrl+N: a note, preference, promise or complaint for the customer at the till;
        right after a member's rating (before the next sale begins), what they said."""
        if self._busy():
            return
        member, rated = self._care, self._rated_now()
        if member is not None:
            customer_id, reminders = member.summary.customer_id, member.reminders
        elif rated is not None:
            customer_id, reminders = rated.customer_id, ()
        else:
            self.show_banner(self.tr("Scan the customer's card first."), "warning")
            return
        dialog = CareDialog(
            self._uow,
            self.actor,
            customer_id,
            complaint=next((r for r in reminders if r.sticky and r.refers_to), None),
            promise=next((r for r in reminders if r.kind in PROMISE_KINDS and r.refers_to), None),
            rated=rated,
            parent=self,
        )

        def saved() -> None:
            if dialog.result_care is not None:
                if member is not None:
                    self._care = dialog.result_care
                    self._show_care(dialog.result_care.summary.customer_id)
                self.show_banner(self.tr("Saved for every till."), "info")

        self._open(dialog, saved)

    def _rated_now(self) -> RatedSale | None:
        """The rating a member gave after the last sale, while the next sale has no lines
        and no other customer (so the customer at the till, if any, is theirs)."""
        rated = self._rated
        if (
            rated is None
            or self.cart.lines
            or self.cart.customer_id not in (None, rated.customer_id)
        ):
            return None
        return rated

    def _ask_after(self, completed: CompletedSale) -> str:
        """After a sale: ask a member to rate the service; now and then, offer a card to a
        buyer without one (ReminderSettings.offers_card)."""
        if self.cart.customer_id is not None:
            return " · " + self.tr("How was it? Alt+1 … Alt+5")
        if self._reminder_settings.offers_card(completed.receipt_number):
            return " · " + self.tr("Offer them a card: Ctrl+E, or Alt+N if they decline")
        return ""

    def rate(self, rating: int) -> None:
        """Alt+1 … Alt+5 after a member's sale: their rating of the service."""
        sale = self._after_sale
        if self._busy():
            return
        if sale is None or sale.loyalty is None or sale.loyalty.customer_id is None:
            self.show_banner(self.tr("A rating follows a sale with a customer's card."), "warning")
            return
        customer_id = sale.loyalty.customer_id
        try:
            recorded = care.rate_service(
                self._uow, self.actor, customer_id, rating, sale_id=sale.sale_id
            )
        except PosError as error:
            self._fail(error)
            return
        self._after_sale = None
        self._rated = RatedSale(customer_id, recorded.rating_id, rating)
        self.show_banner(
            self.tr("Thank you: rated {rating} of 5. Ctrl+N: what they said.").format(
                rating=rating
            ),
            "info",
        )

    def card_declined(self) -> None:
        """Alt+N after an anonymous sale: the buyer was offered a card and declined."""
        self._card_offer(CardOfferAnswer.DECLINED)
        self.show_banner(self.tr("Noted: no card this time."), "info")

    def _card_offer(self, answer: CardOfferAnswer) -> None:
        sale = self._after_sale
        if sale is None or sale.loyalty is not None:
            return  # no anonymous sale to answer for
        self._after_sale = None
        try:
            care.record_card_offer(self._uow, self.actor, sale.sale_id, answer)
        except PosError as error:
            self._fail(error)

    def _show_care(self, customer_id: int | None) -> None:
        """The member's ranked reminders in place of the quick keys (read once a customer)."""
        if customer_id is None:
            self._care = None
        elif self._care is None or self._care.summary.customer_id != customer_id:
            try:
                self._care = care.customer_reminders(self._uow, customer_id)
            except PosError as error:
                self._care = None
                self._fail(error)
        member = self._care
        self.reminders.set_reminders(() if member is None else member.reminders)
        fit_list_columns(
            self.ui.remindersView, self.reminders, ReminderColumn.TEXT, REMINDER_PADDING
        )
        if member is not None and self.ui.stageHintLabel.text() != member.stage_hint:
            self.ui.stageHintLabel.setText(member.stage_hint)
        self._show_assist()

    def _show_assist(self) -> None:
        """Below the cart: a member's stage hint and reminders, else the quick keys (one
        page of a stack, so switching them lays out nothing else)."""
        ui, member = self.ui, self._care is not None
        ui.assistStack.setCurrentWidget(ui.remindersPanel if member else ui.quickKeysPanel)
        visible = member or bool(self.quick_keys)
        if ui.assistStack.isVisibleTo(self) != visible:
            ui.assistStack.setVisible(visible)

    def mark_reminder(self, done: bool) -> None:
        """Ctrl+D: the first reminder done; Ctrl+Shift+D: dismissed (a complaint stays)."""
        if self._busy():
            return
        for row in range(self.reminders.rowCount()):
            if not self.reminders.reminder(row).sticky:
                self._mark_row(row, done=done)
                return
        self.show_banner(self.tr("No reminder to mark for this customer."), "warning")

    def _mark_row(self, row: int, *, done: bool) -> None:
        reminder, member = self.reminders.reminder(row), self._care
        if member is None or reminder.sticky:
            return
        try:
            self._care = care.mark_reminder(
                self._uow,
                self.actor,
                member.summary.customer_id,
                reminder.key,
                done,
                till=self.till_code,
            )
        except PosError as error:
            self._fail(error)
            return
        self._show_care(member.summary.customer_id)
        self.show_banner(
            (self.tr("Done: {text}") if done else self.tr("Dismissed: {text}")).format(
                text=reminder.text
            ),
            "info",
        )

    def _welcome(self, summary: CustomerSummary | None, cart: Cart) -> str:
        name = summary.address_as or summary.name if summary else cart.customer_name
        text = self.tr("Welcome, {name}!").format(name=name)
        if summary is not None and summary.available:
            text += " " + self.tr("Rewards to take: {count} (Ctrl+1…)").format(
                count=len(summary.available)
            )
        return text

    def toggle_reward(self, row: int) -> None:
        """Ctrl+N or a tap: take the customer's Nth reward off the sale, or put it back."""
        if self._busy():
            return
        rewards = self.customer_panel.rewards
        if not 0 <= row < rewards.rowCount():
            self.show_banner(self.tr("There is no such reward for this customer."), "warning")
            return
        reward = rewards.reward(row)
        if rewards.is_taken(row):
            self.set_cart(
                loyalty.remove_reward(self.cart, reward.key),
                self.tr("{reward} is back on the customer's account.").format(reward=reward.name),
                "info",
            )
            return
        self._take(lambda: loyalty.apply_reward(self._uow, self.actor, self.cart, reward.key))

    def _take(self, apply: Callable[[], Cart]) -> None:
        """Apply a reward or a voucher; the banner says what it took off."""
        before = self.cart.total
        try:
            cart = apply()
        except PosError as error:
            self._fail(error)
            return
        self.set_cart(
            cart,
            self.tr("{reward} taken off the sale: {amount}").format(
                reward=cart.rewards[-1].name,
                amount=format_money(before - cart.total, self._language),
            ),
        )

    def _points_said(self, completed: CompletedSale) -> str:
        outcome = completed.loyalty
        if outcome is None or outcome.balance is None:
            return ""
        return " · " + self.tr("points +{earned}, balance {balance}").format(
            earned=format_count(outcome.points_earned + outcome.referral_points, self._language),
            balance=format_count(outcome.balance, self._language),
        )

    def enrol(self) -> None:
        """Ctrl+E: a new member, enrolled in a few seconds; their card joins this sale."""
        if self._busy():
            return
        dialog = EnrolDialog(self._uow, self.actor, parent=self)
        self._open(dialog, lambda: self._enrolled(dialog))

    def _enrolled(self, dialog: EnrolDialog) -> None:
        member = dialog.member
        if member is None:
            return
        self.customer_panel.summary = member
        self._card_offer(CardOfferAnswer.ACCEPTED)
        message = self.tr("Welcome, {name}! Card {card} is theirs.").format(
            name=member.name, card=member.card_number
        )
        try:
            self.set_cart(self.cart.with_customer(member.customer_id, member.name), message, "info")
        except PosError as error:
            self._fail(error)
            return
        if dialog.print_card and member.card_number:
            self.open_card(member)

    def open_card(self, member: CustomerSummary) -> None:
        """The member's card as a PDF, opened in the system's viewer to print it."""
        from posapp.output.card import CardDocument, write_card_pdf  # reportlab: loaded when used

        assert member.card_number is not None
        path = data_dir() / "cards" / f"{member.card_number}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_card_pdf(
                CardDocument(
                    shop_name=self._shop_name,
                    customer_name=member.name,
                    card_number=member.card_number,
                    language=self._language,
                ),
                path,
            )
        except OSError as error:
            self.show_banner(
                self.tr("The card could not be written to {path} ({reason}).").format(
                    path=path, reason=error.strerror
                ),
                "warning",
            )
            return
        self.card_opened.emit(str(path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- receipts -------------------------------------------------------------
    def reprint_last(self) -> None:
        """Ctrl+P: a copy of this till's last receipt (marked COPY)."""
        if self._busy():
            return
        last = self._last_receipt
        if last is None:
            self.show_banner(
                self.tr(
                    "No receipt yet on this till since it opened. Reprint others with: "
                    "posapp receipt NUMBER --print"
                ),
                "warning",
            )
            return
        if self._print(lambda: self.printing.reprint(self.actor, *last)):
            self.show_banner(
                self.tr("A copy of receipt {receipt} is printing.").format(
                    receipt=f"{last[0]}-{last[1]}"
                ),
                "info",
            )

    def _print(self, queue: Callable[[], bool]) -> bool:
        """Queue a receipt to print; a failure says so and loses nothing (the sale is in)."""
        try:
            queued = queue()
        except PosError as error:
            self._printer_state(error.message)
            return False
        if not queued:
            self.printer_status.hide()  # this till has no receipt printer
        return queued

    def _printed(self, run: PrintRun) -> None:
        self._printer_state(run.message, waiting=run.waiting)

    def _printer_state(self, problem: str | None, *, waiting: int = 0) -> None:
        label = self.printer_status
        label.show()
        if problem is None:
            label.setText(self.tr("Printer OK"))
            label.setToolTip("")
            set_state(label, "ok")
            return
        label.setText(self.tr("Receipts waiting: {count}").format(count=max(waiting, 1)))
        label.setToolTip(problem)
        set_state(label, "error")
        self.show_banner(problem, "warning")

    # -- the shift and the lock -----------------------------------------------
    def _connect_shift_actions(self) -> None:
        ui = self.ui
        ui.actionLock.triggered.connect(self.lock)
        ui.actionCloseShift.triggered.connect(self.close_shift)
        self.addActions([ui.actionLock, ui.actionCloseShift])

    def lock(self) -> None:
        """Ctrl+L: put away what is open, ask to be hidden.

        The cart stays as it is (it is saved after every change).
        """
        self.put_away()
        self.lock_requested.emit()

    def put_away(self) -> None:
        """Before the till locks: any open dialog cancelled, the owner's reports closed."""
        if self.dialog is not None:
            self.dialog.reject()
        self.close_reports()

    def switch_cashier(self, actor: Actor) -> None:
        """Someone signed in after a lock: the same sale goes on under their name."""
        self.actor = actor
        self.cashier_status.setText(self.tr("Cashier: {name}").format(name=actor.name))
        self._show_manager_actions()

    def close_shift(self) -> None:
        """Count the drawer, close the shift, show the Z report; refused during a sale."""
        if self._busy():
            return
        if self.cart.lines:
            self.show_banner(
                self.tr("Finish or park the sale before closing the shift."), "warning"
            )
            return
        self.wait_saved()
        dialog = CloseShiftDialog(
            self._uow, self.actor, self.till_code, language=self._language, parent=self
        )
        self._open(dialog, lambda: self.shift_closed.emit(dialog.report))

    # -- refunds --------------------------------------------------------------
    def refund(self) -> None:
        """F3: refund a sale by its receipt number, typed in the dialog."""
        self.open_refund(None)

    def open_refund(self, receipt: ReceiptCode | None) -> None:
        """The refund dialog, showing `receipt` (a scanned one) if given; the cart is untouched."""
        if self._busy():
            return
        dialog = RefundDialog(self._uow, self.till_code, language=self._language, parent=self)
        self._open(dialog, lambda: self._post_refund(dialog))
        if receipt is not None:
            dialog.show_receipt(receipt.till_code, receipt.receipt_number)

    def _post_refund(self, dialog: RefundDialog) -> None:
        request = dialog.request
        if request is None:
            return

        def attempt(approver: Actor | None) -> None:
            completed = refunds.refund(
                self._uow,
                self.actor,
                till_code=self.till_code,
                original_till_code=request.original_till_code,
                receipt_number=request.receipt_number,
                quantities=request.quantities,
                method=request.method,
                reason=request.reason,
                refund_uuid=request.refund_uuid,
                approver=approver,
            )
            self.show_banner(
                self.tr("Refund {receipt} — give back {amount}").format(
                    receipt=f"{completed.till_code}-{completed.receipt_number}",
                    amount=format_money(-completed.total, self._language),
                ),
                "success",
            )

        self._with_approval(
            self.tr("A manager's PIN is needed to refund receipt {receipt} ({amount}).").format(
                receipt=request.receipt, amount=format_money(request.total, self._language)
            ),
            attempt,
        )

    # -- status ---------------------------------------------------------------
    def refresh_status(self) -> None:
        """The shift line of the status bar (read once at start and after shift changes), read
        off the GUI thread: the status bar says it is busy meanwhile."""

        def show(overview: ShopOverview) -> None:
            self._shop_name = overview.shop_name
            self.shop_status.setText(overview.shop_name)
            if overview.shift_open_since is None:
                self.shift_status.setText(self.tr("No shift open"))
                set_state(self.shift_status, "error")
            else:
                since = format_moment(
                    overview.shift_open_since, self._language, overview.time_zone, part="time"
                )
                self.shift_status.setText(self.tr("Shift open since {time}").format(time=since))
                set_state(self.shift_status, "ok")

        till_code = self.till_code
        self.status_operations.run(
            lambda uow: shop_overview(uow, till_code),
            show,
            lambda error: self._database_state(error.message),
        )
