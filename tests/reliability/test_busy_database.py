"""SQLite: when another till or process holds the write lock, a sale waits, then says so.

Nothing is lost: the cart stays, no receipt number is used, and once the lock
is released the same cart completes with the number it would have had.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from posapp.db import engine as engine_module
from posapp.db.engine import database_url, make_engine
from posapp.db.models import Sale
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.errors import DatabaseError
from posapp.services import checkout, parking
from posapp.services.setup import open_database
from tests.conftest import Shop
from tests.integration.helpers import (
    count,
    next_receipt_number,
    ring_up,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

BUSY_SECONDS = 0.3


@pytest.fixture
def database_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.sqlite"


@pytest.fixture
def uow(database_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[UnitOfWork]:
    """The shop's database (used by the `shop` fixture), waiting at most BUSY_SECONDS."""
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_SECONDS", BUSY_SECONDS)
    unit = open_database(str(database_path))
    yield unit
    unit.engine.dispose()


def test_a_sale_during_a_long_write_lock_fails_cleanly_and_completes_after(
    shop: Shop, database_path: Path
) -> None:
    cart = ring_up(shop, shop.bread, shop.coffee).pay(PaymentMethod.CASH, Decimal("20.00"))
    parking.save_open_cart(shop.uow, shop.cashier, cart)

    other_process = sqlite3.connect(database_path, isolation_level=None)
    try:
        other_process.execute("BEGIN IMMEDIATE")  # holds the write lock …
        started = time.monotonic()
        with pytest.raises(DatabaseError) as busy:
            checkout.complete_sale(shop.uow, shop.cashier, cart)
        waited = time.monotonic() - started
        # … longer than the till waits for it.
        assert busy.value.message == (
            "The database is busy with another till. Try again in a moment; nothing was lost."
        )
        assert BUSY_SECONDS * 0.8 <= waited < 5
        # Reading still works while the other writer holds the lock (WAL).
        assert parking.open_cart(shop.uow, shop.till_id) == cart
        assert count(shop.uow, Sale) == 0
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()

    assert next_receipt_number(shop.uow, shop.till_id) == 1
    done = checkout.complete_sale(shop.uow, shop.cashier, cart)
    assert (done.receipt_number, done.replayed, done.change) == (1, False, Decimal("9.66"))
    assert count(shop.uow, Sale) == 1
    assert parking.open_cart(shop.uow, shop.till_id) is None


def test_a_sale_waits_out_a_short_write_lock_and_completes(
    shop: Shop, database_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another till's write that ends within the busy timeout only delays the sale."""
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_SECONDS", 5.0)
    patient = UnitOfWork(make_engine(database_url(str(database_path))))
    cart = ring_up(shop, shop.milk).pay(PaymentMethod.CARD, Decimal("1.19"))
    other_process = sqlite3.connect(database_path, isolation_level=None, check_same_thread=False)
    other_process.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, other_process.execute, args=("ROLLBACK",))
    try:
        release.start()
        started = time.monotonic()
        done = checkout.complete_sale(patient, shop.cashier, cart)
        waited = time.monotonic() - started
    finally:
        release.join()
        other_process.close()
        patient.engine.dispose()

    assert 0.4 <= waited < 5
    assert (done.receipt_number, done.total) == (1, Decimal("1.19"))
    assert count(shop.uow, Sale) == 1
