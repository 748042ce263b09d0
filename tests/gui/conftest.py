"""GUI tests run offscreen on one shared QApplication (pytest-qt's `qapp`)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp import i18n
from posapp.domain.roles import Actor
from posapp.gui.app import TillFlow, describe_database, install_translators
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.main_window import MainWindow
from posapp.gui.operations import Operations
from tests.conftest import TILL, Shop
from tests.gui.helpers import OpenTill, StartTill, wait_idle


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """Before any fixture is torn down (the database first of all), let the windows' background
    reads finish: one still reading would hold the PostgreSQL schema being dropped."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in app.topLevelWidgets():
            for operations in widget.findChildren(Operations):
                operations.cancel()
                operations.wait(10_000)


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


@pytest.fixture
def open_till(qtbot: QtBot, qapp: QApplication, shop: Shop) -> Iterator[OpenTill]:
    """The checkout window for a signed-in user (the cashier unless told), shown and active.

    No scanner filter is installed: what a test types goes straight into the window.
    """

    def open_(actor: Actor | None = None, language: str = "lv") -> CheckoutWindow:
        install_translators(qapp, language)
        window = CheckoutWindow(
            shop.uow,
            actor or shop.cashier,
            TILL,
            language=language,
            database_label=describe_database(shop.uow.engine.url),
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        wait_idle(window, qtbot)
        return window

    yield open_
    install_translators(qapp, "en")


@pytest.fixture
def start_till(qtbot: QtBot, qapp: QApplication, shop: Shop) -> Iterator[StartTill]:
    """The till as run() starts it: the sign-in first, then the checkout window."""
    flows: list[TillFlow] = []
    overviews: list[MainWindow] = []

    def start(idle_minutes: float | None = 0, language: str = "en", **options: Any) -> TillFlow:
        install_translators(qapp, language)
        label = describe_database(shop.uow.engine.url)
        overview = MainWindow(shop.uow, TILL, language=language, database_label=label)
        overviews.append(overview)
        flow = TillFlow(
            qapp,
            shop.uow,
            TILL,
            language,
            label,
            overview=overview,
            idle_minutes=idle_minutes,
            **options,
        )
        flows.append(flow)
        flow.start()
        return flow

    yield start
    for flow in flows:
        flow.stop()
        flow.deleteLater()
    for overview in overviews:
        overview.close()
        overview.deleteLater()
    install_translators(qapp, "en")
