"""The cart is saved on a thread of its own: a busy database never holds up a scan, the
till says the sale is not saved yet and saves it once it can; a completed sale stays done."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posapp.db import engine as engine_module
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.gui.checkout import window as window_module
from posapp.services import parking
from posapp.services.setup import open_database
from tests.conftest import Shop
from tests.gui.helpers import OpenTill

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.sqlite"


@pytest.fixture
def uow(database_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[UnitOfWork]:
    """A SQLite shop whose writes wait at most 0,3 s for a lock another process holds."""
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_SECONDS", 0.3)
    monkeypatch.setattr(window_module, "SAVE_RETRY_MS", 200)
    unit = open_database(str(database_path))
    yield unit
    unit.engine.dispose()


def saved_lines(shop: Shop) -> list[str]:
    cart = parking.open_cart(shop.uow, shop.till_id)
    return [] if cart is None else [line.name for line in cart.lines]


def test_a_scan_while_another_process_holds_the_database_is_kept_and_saved_later(
    qtbot: QtBot, open_till: OpenTill, shop: Shop, database_path: Path
) -> None:
    window = open_till(language="en")
    other_process = sqlite3.connect(database_path, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        window.handle_scan(shop.bread)
        assert [line.name for line in window.cart.lines] == ["Rupjmaize"]  # on screen at once

        qtbot.waitUntil(lambda: "could not be saved" in window.banner_text(), timeout=5000)
        assert "busy with another till" in window.banner_text()
        assert window.state_status.text() == "Database problem"
        assert saved_lines(shop) == []
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()

    qtbot.waitUntil(lambda: window.state_status.text() == "Database OK", timeout=5000)
    window.wait_saved()
    assert saved_lines(shop) == ["Rupjmaize"]


def test_a_sale_completed_right_after_a_scan_is_not_brought_back_by_its_save(
    open_till: OpenTill, shop: Shop
) -> None:
    window = open_till(language="en")
    window.handle_scan(shop.bread)
    window.handle_scan(shop.milk)
    window.complete([(PaymentMethod.CASH, Decimal("5.00"))])
    window.wait_saved()

    assert window.cart.lines == ()
    assert parking.open_cart(shop.uow, shop.till_id) is None
