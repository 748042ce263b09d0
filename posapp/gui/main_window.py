"""The minimal main window: the shop at a glance (today, the shift, recent sales).

The layout is ui/main_window.ui; this class fills it from
posapp.services.overview.shop_overview(), read off the GUI thread
(posapp.gui.operations), and holds only that dataclass, never an ORM object
or a session.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QWidget

from posapp.db.uow import UnitOfWork
from posapp.errors import PosError
from posapp.gui.formatting import format_count, format_moment, format_money
from posapp.gui.forms.ui_main_window import Ui_MainWindow
from posapp.gui.models.recent_sales import Column, RecentSalesModel
from posapp.gui.operations import BusyBar, Operations
from posapp.gui.theme import capitalize_card_titles, set_state
from posapp.services.overview import ShopOverview, shop_overview

# The window reads the figures again this often, so "today" never goes stale.
AUTO_REFRESH_MS = 60_000


class MainWindow(QMainWindow):
    overview_refreshed = Signal()
    refresh_failed = Signal(str)

    def __init__(
        self,
        uow: UnitOfWork,
        till_code: str,
        *,
        language: str,
        database_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow
        self._till_code = till_code
        self._language = language
        self.overview: ShopOverview | None = None
        self.operations = Operations(uow, self)

        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        capitalize_card_titles(self)

        self.recent_sales = RecentSalesModel(self)
        view = self.ui.recentSalesView
        view.setModel(self.recent_sales)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.CASHIER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.shop_status = QLabel(self)
        self.till_status = QLabel(self)
        self.database_status = QLabel(database_label, self)
        self.database_status.setToolTip(database_label)
        self.state_status = QLabel(self)
        status_bar = self.ui.statusbar
        for label in (self.shop_status, self.till_status, self.database_status):
            status_bar.addWidget(label)
        self.busy = BusyBar(self).watch(self.operations)
        status_bar.addPermanentWidget(self.busy)
        status_bar.addPermanentWidget(self.state_status)

        self.ui.refreshButton.setDefaultAction(self.ui.actionRefresh)
        # Shortcuts work wherever the focus is in the window, menu open or not.
        self.addActions([self.ui.actionRefresh, self.ui.actionQuit])
        self.ui.actionRefresh.triggered.connect(self.refresh)
        self.ui.actionQuit.triggered.connect(self.close)
        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

        self.ui.tillCodeLabel.setText(till_code)
        self.ui.thisTillLabel.setText(self.tr("This till ({code})").format(code=till_code))
        self.till_status.setText(self.tr("Till {code}").format(code=till_code))

    # The figures are read when the window is shown, and every minute while it is:
    # a hidden overview costs the till nothing.
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read the overview again, off the GUI thread; on a database problem keep what is
        shown and say so."""
        till_code = self._till_code
        self.operations.run(
            lambda uow: shop_overview(uow, till_code), self._overview_read, self._refresh_failed
        )

    def _overview_read(self, overview: ShopOverview) -> None:
        self.show_overview(overview)
        self.overview_refreshed.emit()

    def _refresh_failed(self, error: PosError) -> None:
        self.state_status.setText(
            self.tr("Database problem: {message}").format(message=error.message)
        )
        self.state_status.setToolTip(error.message)
        set_state(self.state_status, "error")
        self.refresh_failed.emit(error.message)

    def show_overview(self, overview: ShopOverview) -> None:
        ui = self.ui
        language, zone = self._language, overview.time_zone
        now = self._uow.now()
        self.overview = overview
        self.setWindowTitle(self.tr("{shop} — posapp").format(shop=overview.shop_name))
        ui.shopNameLabel.setText(overview.shop_name)
        ui.dateLabel.setText(format_moment(now, language, zone, part="date", length="full"))

        ui.tillSalesLabel.setText(format_count(overview.sales_today_till, language))
        ui.tillTakingsLabel.setText(format_money(overview.takings_today_till, language))
        ui.allSalesLabel.setText(format_count(overview.sales_today_all, language))
        ui.allTakingsLabel.setText(format_money(overview.takings_today_all, language))
        ui.productCountLabel.setText(format_count(overview.product_count, language))
        ui.customerCountLabel.setText(format_count(overview.customer_count, language))

        if overview.shift_open_since is None:
            ui.shiftStateLabel.setText(self.tr("Closed"))
            ui.shiftSinceLabel.setText(self.tr("Open a shift to sell on this till."))
            ui.shiftByLabel.clear()
            set_state(ui.shiftStateLabel, "closed")
        else:
            opened = overview.shift_open_since
            same_day = format_moment(opened, language, zone, part="date") == format_moment(
                now, language, zone, part="date"
            )
            since = format_moment(opened, language, zone, part="time" if same_day else "datetime")
            ui.shiftStateLabel.setText(self.tr("Open"))
            ui.shiftSinceLabel.setText(self.tr("Since {time}").format(time=since))
            ui.shiftByLabel.setText(
                self.tr("Opened by {name}").format(name=overview.shift_opened_by or "?")
            )
            set_state(ui.shiftStateLabel, "open")

        self.recent_sales.set_sales(overview.recent, language=language, time_zone=zone, now=now)
        ui.recentStack.setCurrentWidget(
            ui.recentTablePage if overview.recent else ui.recentEmptyPage
        )

        self.shop_status.setText(overview.shop_name)
        self.state_status.setText(self.tr("Database OK"))
        self.state_status.setToolTip(
            self.tr("Updated at {time}").format(
                time=format_moment(now, language, zone, part="time", length="medium")
            )
        )
        set_state(self.state_status, "ok")
