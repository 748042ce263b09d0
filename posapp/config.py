"""Where posapp keeps its data, finds its resources, and which database and till it uses.

No Qt here.

Precedence: command-line options, then environment variables
(POSAPP_DATABASE_URL, POSAPP_TILL, POSAPP_LANGUAGE, POSAPP_DATA_DIR,
POSAPP_SCANNER_PORT, POSAPP_SCANNER_BAUD, POSAPP_PRINTER), then defaults.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "posapp"

# The shipped resources (fonts, gettext catalogues, Qt translations): the one place that
# finds them. A wheel carries them inside the package (posapp/resources, put there by
# pyproject.toml's force-include); a source tree (tests, an editable install) has them
# at the top level, resources/ beside posapp/.
PACKAGE_DIR = Path(__file__).resolve().parent
_PACKAGED_RESOURCES = PACKAGE_DIR / "resources"
RESOURCES_DIR = (
    _PACKAGED_RESOURCES if _PACKAGED_RESOURCES.is_dir() else PACKAGE_DIR.parent / "resources"
)
FONTS_DIR = RESOURCES_DIR / "fonts"  # Noto Sans for PDFs
LOCALE_DIR = RESOURCES_DIR / "locale"  # the core's gettext catalogues (<lang>/LC_MESSAGES)
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"  # the GUI's Qt .ts sources and .qm files


def data_dir() -> Path:
    override = os.environ.get("POSAPP_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


DEFAULT_SCANNER_BAUD = 9600


@dataclass(frozen=True)
class Config:
    database: str  # a SQLAlchemy URL or a path to a SQLite file
    till_code: str
    # A scanner on a serial (COM) port of this till, if any: POSAPP_SCANNER_PORT,
    # POSAPP_SCANNER_BAUD. A keyboard-wedge (USB HID) scanner needs no setting.
    scanner_port: str | None = None
    scanner_baud: int = DEFAULT_SCANNER_BAUD
    # This till's own receipt printer, when it is not the shop's `printer` setting (several
    # tills on one database each have theirs): POSAPP_PRINTER, written like that setting.
    printer: str | None = None

    @classmethod
    def load(cls, database: str | None = None, till_code: str | None = None) -> Config:
        return cls(
            database=database
            or os.environ.get("POSAPP_DATABASE_URL")
            or str(data_dir() / "posapp.sqlite"),
            till_code=(till_code or os.environ.get("POSAPP_TILL") or "T1").upper(),
            scanner_port=os.environ.get("POSAPP_SCANNER_PORT", "").strip() or None,
            scanner_baud=_baud(os.environ.get("POSAPP_SCANNER_BAUD", "")),
            printer=os.environ.get("POSAPP_PRINTER", "").strip() or None,
        )

    @staticmethod
    def demo_database() -> str:
        return str(data_dir() / "demo.sqlite")


def _baud(text: str) -> int:
    """POSAPP_SCANNER_BAUD as a number; empty or not a positive number: the default."""
    text = text.strip()
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_SCANNER_BAUD


LOG_NAME = "posapp.log"


def log_file_handler() -> logging.FileHandler | None:
    """A handler writing to posapp.log in the data folder; None if it cannot be opened."""
    path = data_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    return handler
