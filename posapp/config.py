"""Where posapp keeps its data and which database and till it uses. No Qt here.

Precedence: command-line options, then environment variables
(POSAPP_DATABASE_URL, POSAPP_TILL, POSAPP_LANGUAGE, POSAPP_DATA_DIR), then defaults.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "posapp"


def data_dir() -> Path:
    override = os.environ.get("POSAPP_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Config:
    database: str  # a SQLAlchemy URL or a path to a SQLite file
    till_code: str

    @classmethod
    def load(cls, database: str | None = None, till_code: str | None = None) -> Config:
        return cls(
            database=database
            or os.environ.get("POSAPP_DATABASE_URL")
            or str(data_dir() / "posapp.sqlite"),
            till_code=(till_code or os.environ.get("POSAPP_TILL") or "T1").upper(),
        )

    @staticmethod
    def demo_database() -> str:
        return str(data_dir() / "demo.sqlite")
