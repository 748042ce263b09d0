"""A till killed in the middle of a sale reopens with that sale: nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posapp.gui.app import describe_database
from posapp.gui.checkout.window import CheckoutWindow
from tests.conftest import TILL, Shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

ROOT = Path(__file__).resolve().parents[2]

# The till as the app builds it, ringing up two items for a member, then killed without
# warning once they are written.
DRIVER = textwrap.dedent(
    """
    import os, signal, sys
    from posapp.domain.roles import Actor, Role
    from posapp.gui.app import application
    from posapp.gui.checkout.window import CheckoutWindow
    from posapp.services.setup import open_database

    url, user_id, name, role, till, *codes = sys.argv[1:]
    app = application()
    uow = open_database(url)
    window = CheckoutWindow(
        uow, Actor(int(user_id), name, Role(role)), till, language="en", database_label=url
    )
    window.show()
    for code in codes:
        window.handle_scan(code)
    window.wait_saved()  # the saver's thread writes each change a moment after it
    print(len(window.cart.lines), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_killing_the_till_and_starting_it_again_restores_the_open_cart(
    qtbot: QtBot, shop: Shop, database_url: str
) -> None:
    actor = shop.cashier
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    finished = subprocess.run(
        [
            sys.executable,
            "-c",
            DRIVER,
            database_url,
            str(actor.user_id),
            actor.name,
            actor.role.value,
            TILL,
            shop.bread,
            shop.milk,
            shop.customer_card,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == -signal.SIGKILL, finished.stderr
    assert finished.stdout.strip() == "2"

    window = CheckoutWindow(
        shop.uow,
        actor,
        TILL,
        language="en",
        database_label=describe_database(shop.uow.engine.url),
    )
    qtbot.addWidget(window)

    names = [window.model.line(row).name for row in range(window.model.rowCount())]
    assert names == ["Rupjmaize", "Piens 2%"]
    assert window.banner_text() == "The sale in progress was restored."
    # The member is at the counter again: their card, their reminders, their points to come.
    assert window.cart.customer_id == shop.customer_id
    assert window.customer_panel.customer_id == shop.customer_id
    assert window.ui.customerNameLabel.text() == "Ēriks Ozoliņš"
