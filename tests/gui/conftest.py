"""GUI tests run offscreen on one shared QApplication (pytest-qt's `qapp`)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from posapp import i18n
from posapp.gui.app import install_translators


@pytest.fixture(autouse=True)
def _keep_languages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests choose their language; one that switches it (run() does) leaves things as found."""
    before = i18n.language()
    monkeypatch.delenv("POSAPP_LANGUAGE", raising=False)
    yield
    i18n.set_language(before)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_translators(app, "en")
