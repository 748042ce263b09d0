"""Start the GUI: the application, its language, the database, sign-in, the till window."""

from __future__ import annotations

import gc
import logging
import os
import re
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL

from posapp import i18n
from posapp.config import DEFAULT_SCANNER_BAUD, TRANSLATIONS_DIR, Config, log_file_handler
from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import DatabaseError, PermissionDenied, PosError
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.amount import OpenShiftDialog
from posapp.gui.dialogs.pin import SignInDialog
from posapp.gui.main_window import MainWindow
from posapp.gui.scanner import ScannerFilter
from posapp.gui.serial_scanner import SerialScanner
from posapp.gui.theme import apply_theme
from posapp.services.settings import load_settings
from posapp.services.setup import open_database, prepare_shop
from posapp.services.shifts import open_shift_id, till_id

if TYPE_CHECKING:
    from posapp.gui.reports.window import ReportsWindow

GUI_LANGUAGES = ("en", "lv")  # English is the source language: it needs no translator

PASSWORD_IN_URL = re.compile(r"://[^/:@]*:([^@]*)@")

_installed: list[QTranslator] = []


def run(config: Config) -> int:
    """Open the GUI on the configured database; the exit code when the window closes.

    A database that cannot be opened is reported in a message box (exit code 1),
    never as a traceback.
    """
    app = application()
    try:
        opened = _open_gui(app, config)
        if opened is None:
            return 1
        uow, language = opened
        database_label = describe_database(uow.engine.url)
        # The shop at a glance: hidden until an owner or manager asks for it (F11), so
        # nothing of the day's takings shows before someone has signed in.
        window = MainWindow(uow, config.till_code, language=language, database_label=database_label)
        till = TillFlow(
            app,
            uow,
            config.till_code,
            language,
            database_label,
            overview=window,
            scanner_port=config.scanner_port,
            scanner_baud=config.scanner_baud,
            printer=config.printer,
        )
        till.start()
        try:
            return app.exec()
        finally:
            till.stop()
            window.close()
            window.deleteLater()
            uow.engine.dispose()
    finally:
        install_translators(app, "en")


def run_reports(config: Config) -> int:
    """`posapp reports`: sign in (an owner or a manager), then the reports window alone."""
    app = application()
    try:
        opened = _open_gui(app, config)
        if opened is None:
            return 1
        uow, language = opened
        flow = ReportsFlow(app, uow, language)
        flow.start()
        try:
            return app.exec()
        finally:
            flow.stop()
            uow.engine.dispose()
    finally:
        install_translators(app, "en")


def _open_gui(app: QApplication, config: Config) -> tuple[UnitOfWork, str] | None:
    """The log, the language and the shop's database for a GUI; None (said in a message
    box) when the database cannot be opened."""
    handler = log_file_handler()  # what goes wrong on the till's threads is written down
    if handler is not None:
        logging.getLogger("posapp").addHandler(handler)
    requested = os.environ.get("POSAPP_LANGUAGE")
    # Before the database is open only the environment can choose the language,
    # so that a failure to open it is already reported in that language.
    install_translators(app, gui_language(requested))
    try:
        uow = open_shop(config)
    except PosError as error:
        title = QCoreApplication.translate("app", "posapp cannot start")
        QMessageBox.critical(None, title, error.message)
        return None
    try:
        language = gui_language(requested or load_settings(uow).language)
    except PosError:
        language = gui_language(requested)
    install_translators(app, language)
    i18n.set_language(language)  # the core's messages shown in the GUI match it
    return uow, language


class ReportsFlow(QObject):
    """Sign in, then the reports window; a cashier is told the reports are not theirs and
    asked again. Closing the window (or cancelling the sign-in) ends `posapp reports`."""

    def __init__(self, app: QApplication, uow: UnitOfWork, language: str) -> None:
        super().__init__(app)
        self._app, self._uow, self._language = app, uow, language
        self.dialog: SignInDialog | None = None
        self.window: ReportsWindow | None = None

    def start(self) -> None:
        dialog = SignInDialog(self._uow)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._signed_in(dialog.actor))
        dialog.rejected.connect(self._app.quit)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()

    def stop(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def _signed_in(self, actor: Actor | None) -> None:
        self.dialog = None
        if actor is None:
            self._app.quit()
            return
        try:
            require(actor, Permission.SEE_REPORTS)
        except PermissionDenied as error:
            QMessageBox.warning(None, QCoreApplication.translate("app", "posapp"), error.message)
            self.start()
            return
        from posapp.gui.reports.window import ReportsWindow  # QtCharts: not for the till

        window = ReportsWindow(self._uow, actor, language=self._language)
        window.closed.connect(self._app.quit)
        self.window = window
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
        window.raise_()
        window.activateWindow()


COLLECT_AFTER_SALE_MS = 50


class TillFlow(QObject):
    """Sign in, open a shift if none is open, then the checkout window, fed by the scanner.

    The till locks (back to the sign-in, the checkout window hidden with its sale) on
    Ctrl+L or after `idle_minutes` without a key or a click (default: the shop's
    idle_lock_minutes setting); whoever signs in next gets the same sale. Closing the
    shift ends the checkout window: the next sign-in opens a new shift. Scanner bursts
    are told from typing with the shop's scanner settings; a serial scanner on
    `scanner_port` feeds the same window.
    """

    def __init__(
        self,
        app: QApplication,
        uow: UnitOfWork,
        till_code: str,
        language: str,
        database_label: str,
        *,
        overview: MainWindow,
        idle_minutes: float | None = None,
        scanner_port: str | None = None,
        scanner_baud: int = DEFAULT_SCANNER_BAUD,
        printer: str | None = None,
    ) -> None:
        super().__init__(app)
        self._printer = printer
        self._app, self._uow, self._till_code = app, uow, till_code
        self._language, self._database_label = language, database_label
        self._overview = overview
        self.checkout: CheckoutWindow | None = None
        self._dialog: QDialog | None = None  # the sign-in or open-shift dialog on screen
        self._stopping = False
        settings = load_settings(uow)
        self.scanner = ScannerFilter(
            app, threshold_ms=settings.scanner_gap_ms, min_length=settings.scanner_min_length
        )
        self.scanner.scanned.connect(self._scanned)
        app.installEventFilter(self.scanner)
        self.serial_scanner: SerialScanner | None = None
        self._serial_state: tuple[str, bool] | None = None
        if scanner_port:
            self.serial_scanner = SerialScanner(scanner_port, scanner_baud, self)
            self.serial_scanner.scanned.connect(self._scanned)
            self.serial_scanner.state_changed.connect(self._serial_state_changed)
            self.serial_scanner.start()
        minutes = settings.idle_lock_minutes if idle_minutes is None else idle_minutes
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(max(int(minutes * 60_000), 1))
        self.idle_timer.timeout.connect(self.lock)
        self._idle_lock = minutes > 0
        self.scanner.activity.connect(self._active)
        # Garbage is collected between customers, a moment after a sale (the next card or
        # item cannot come sooner), so the collector seldom has to run inside a scan.
        self._collector = QTimer(self)
        self._collector.setSingleShot(True)
        self._collector.setInterval(COLLECT_AFTER_SALE_MS)
        self._collector.timeout.connect(gc.collect)

    def start(self) -> None:
        if self._stopping:
            return
        # Nothing to scan before the till opens, and a PIN typed fast is not a scan.
        self.scanner.enabled = False
        self.idle_timer.stop()
        dialog = SignInDialog(self._uow, self._overview)
        dialog.accepted.connect(lambda: self._signed_in(dialog.actor))
        self._show(dialog)

    def _show(self, dialog: QDialog) -> None:
        self._dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    def stop(self) -> None:
        self._stopping = True
        if self._dialog is not None:
            self._dialog.close()
        self.idle_timer.stop()
        if self.serial_scanner is not None:
            self.serial_scanner.stop()
        self._app.removeEventFilter(self.scanner)
        if self.checkout is not None:
            self.checkout.close()
            self.checkout.deleteLater()
            self.checkout = None

    def _serial_state_changed(self, text: str, ok: bool) -> None:
        self._serial_state = (text, ok)
        if self.checkout is not None:
            self.checkout.set_scanner_state(text, ok)

    def _scanned(self, code: str) -> None:
        if self.checkout is not None and self.checkout.isVisible():
            self.checkout.handle_scan(code)
        else:
            QApplication.beep()

    def _signed_in(self, actor: Actor | None) -> None:
        if actor is None:
            return
        try:
            with self._uow:
                shift_open = (
                    open_shift_id(self._uow, till_id(self._uow, self._till_code)) is not None
                )
        except PosError as error:
            QMessageBox.warning(
                self._overview, QCoreApplication.translate("app", "posapp"), error.message
            )
            return
        if shift_open and self.checkout is not None:
            self._unlock(self.checkout, actor)
            return
        self._discard_checkout()  # a shift closed meanwhile: its window's sale is gone with it
        if shift_open:
            self._open_till(actor)
            return
        dialog = OpenShiftDialog(self._uow, actor, self._till_code, self._overview)
        dialog.accepted.connect(lambda: self._open_till(actor))
        dialog.rejected.connect(self.start)
        self._show(dialog)

    def _open_till(self, actor: Actor) -> None:
        try:
            window = CheckoutWindow(
                self._uow,
                actor,
                self._till_code,
                language=self._language,
                database_label=self._database_label,
                printer=self._printer,
            )
        except PosError as error:
            QMessageBox.warning(
                self._overview, QCoreApplication.translate("app", "posapp"), error.message
            )
            self.start()
            return
        self.checkout = window
        if self._serial_state is not None:
            window.set_scanner_state(*self._serial_state)
        window.overview_requested.connect(self._show_overview)
        window.lock_requested.connect(self.lock)
        window.shift_closed.connect(self._shift_closed)
        window.sale_completed.connect(lambda _sale: self._collector.start())
        self._show_till(window)
        # What start-up made (Qt's wrappers, the ORM, the windows) lives as long as the till:
        # out of the garbage collector's way, a full collection no longer walks it in the
        # middle of a scan (it cost the card scan's slowest 1 % some 5 ms: bench_care.py).
        # Unfrozen first, so that a window discarded with a closed shift is collected.
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _show_till(self, window: CheckoutWindow) -> None:
        self.scanner.enabled = True
        # A till's screen is the till's: fill it (even where no window manager maximizes).
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
        window.raise_()
        window.activateWindow()
        self._active()

    def _active(self) -> None:
        """A key or a click: the idle time starts again (only while the till is open)."""
        if self._idle_lock and self.checkout is not None and self.checkout.isVisible():
            self.idle_timer.start()

    def lock(self) -> None:
        """Hide the till (its sale kept) and the overview; ask who is there."""
        window = self.checkout
        if self._stopping or window is None or not window.isVisible():
            return
        window.put_away()
        self.idle_timer.stop()
        window.hide()
        self._overview.hide()
        self.start()

    def _unlock(self, window: CheckoutWindow, actor: Actor) -> None:
        window.switch_cashier(actor)
        self._show_till(window)

    def _shift_closed(self, _report: object) -> None:
        """The Z report was read: the till is closed; the next sign-in opens a new shift."""
        self.idle_timer.stop()
        self._discard_checkout()
        self._overview.hide()
        self.start()

    def _discard_checkout(self) -> None:
        if self.checkout is not None:
            window, self.checkout = self.checkout, None
            window.close()
            window.deleteLater()

    def _show_overview(self) -> None:
        self._overview.setGeometry(self._overview.screen().availableGeometry())
        self._overview.show()
        self._overview.raise_()
        self._overview.activateWindow()


def application() -> QApplication:
    """The running QApplication, or a new one with posapp's look."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("posapp")
    apply_theme(app)
    return app


def gui_language(code: str | None) -> str:
    """The GUI language for a code: "lv", "lv_LV" or "lv-LV" → "lv"; else "en"."""
    language = (code or "en").split("_")[0].split("-")[0].lower()
    return language if language in GUI_LANGUAGES else "en"


def install_translators(app: QApplication, language: str) -> None:
    """Replace the installed translators with posapp's and Qt's own for `language`."""
    while _installed:
        app.removeTranslator(_installed.pop())
    if language == "en":
        return
    catalogues = (
        (f"posapp_{language}", str(TRANSLATIONS_DIR)),
        # Qt's own texts: standard buttons (OK, Cancel), context menus.
        (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, directory in catalogues:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            _installed.append(translator)


def open_shop(config: Config) -> UnitOfWork:
    """The shop's database, upgraded, with this till registered; PosError if it cannot be."""
    try:
        uow = open_database(config.database)
    except (OSError, ValueError, sa_exc.SQLAlchemyError) as error:
        # A path that cannot be created, a malformed URL, an unknown driver.
        message = QCoreApplication.translate(
            "app",
            "The database {database} cannot be opened ({detail}). Check the path or the "
            "address of the database and try again.",
        ).format(database=config.database, detail=_first_line(error))
        raise DatabaseError(without_password(message, config.database)) from error
    try:
        prepare_shop(uow, config.till_code)
    except BaseException:
        uow.engine.dispose()
        raise
    return uow


def describe_database(url: URL) -> str:
    """Where the data lives, for people: a SQLite file's path or a server and database name.

    Never a password (nor a user name).
    """
    if url.get_backend_name() == "sqlite":
        return url.database or QCoreApplication.translate("app", "in memory")
    host = url.host or "localhost"
    if url.port and url.port != 5432:
        host = f"{host}:{url.port}"
    return f"PostgreSQL {host}/{url.database or ''}"


def without_password(text: str, database: str) -> str:
    """`text` with the password of a database URL like scheme://user:password@host masked."""
    found = PASSWORD_IN_URL.search(database)
    return text.replace(found.group(1), "***") if found and found.group(1) else text


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__
