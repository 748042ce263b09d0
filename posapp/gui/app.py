"""Start the GUI: the application, its language, the database, the main window."""

from __future__ import annotations

import os
import re
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL

from posapp import i18n
from posapp.config import Config
from posapp.db.uow import UnitOfWork
from posapp.errors import DatabaseError, PosError
from posapp.gui.main_window import MainWindow
from posapp.gui.theme import apply_theme
from posapp.services.settings import load_settings
from posapp.services.setup import open_database, prepare_shop

TRANSLATIONS = Path(str(files("posapp") / "resources" / "translations"))
GUI_LANGUAGES = ("en", "lv")  # English is the source language: it needs no translator

PASSWORD_IN_URL = re.compile(r"://[^/:@]*:([^@]*)@")

_installed: list[QTranslator] = []


def run(config: Config) -> int:
    """Open the GUI on the configured database; the exit code when the window closes.

    A database that cannot be opened is reported in a message box (exit code 1),
    never as a traceback.
    """
    app = application()
    requested = os.environ.get("POSAPP_LANGUAGE")
    # Before the database is open only the environment can choose the language,
    # so that a failure to open it is already reported in that language.
    install_translators(app, gui_language(requested))
    try:
        try:
            uow = open_shop(config)
        except PosError as error:
            title = QCoreApplication.translate("app", "posapp cannot start")
            QMessageBox.critical(None, title, error.message)
            return 1
        try:
            language = gui_language(requested or load_settings(uow).language)
        except PosError:
            language = gui_language(requested)
        install_translators(app, language)
        i18n.set_language(language)  # the core's messages shown in the GUI match it
        window = MainWindow(
            uow,
            config.till_code,
            language=language,
            database_label=describe_database(uow.engine.url),
        )
        # A till's screen is the till's: fill it (even where no window manager maximizes).
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
        try:
            return app.exec()
        finally:
            window.close()
            window.deleteLater()
            uow.engine.dispose()
    finally:
        install_translators(app, "en")


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
        (f"posapp_{language}", str(TRANSLATIONS)),
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
