"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.gui.app import TillFlow
from posapp.gui.checkout.window import CheckoutWindow
from posapp.gui.dialogs.pin import SignInDialog
from posapp.gui.operations import Operations

# open_till(actor=None, language="lv") -> the checkout window (fixture in tests/gui/conftest.py)
OpenTill = Callable[..., CheckoutWindow]
# start_till(idle_minutes=0, language="en", **TillFlow options) -> the till at its sign-in
StartTill = Callable[..., TillFlow]

PINS = {"Ilze": "1111", "Māris": "2222", "Līga": "3333"}


def plain(text: str) -> str:
    """Text as a person reads it: Babel's no-break spaces as spaces."""
    return text.replace("\xa0", " ")


def wait_idle(target: QObject, qtbot: QtBot, timeout: int = 10_000) -> None:
    """Wait until the background reads of `target` (an Operations, or a window and the
    Operations it owns) are done and delivered."""
    operations = [target] if isinstance(target, Operations) else target.findChildren(Operations)

    qtbot.waitUntil(lambda: not any(each.busy for each in operations), timeout=timeout)


def sign_in_dialog(qtbot: QtBot) -> SignInDialog:
    found: list[SignInDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SignInDialog) and w.isVisible()
        ]
        return len(found) == 1

    qtbot.waitUntil(shown)
    return found[0]


def sign_in(qtbot: QtBot, flow: TillFlow, name: str = "Līga") -> CheckoutWindow:
    dialog = sign_in_dialog(qtbot)
    dialog.choose(name)
    dialog.pin_edit.setText(PINS[name])
    dialog.confirm()
    qtbot.waitUntil(lambda: flow.checkout is not None and flow.checkout.isVisible())
    assert flow.checkout is not None
    return flow.checkout
