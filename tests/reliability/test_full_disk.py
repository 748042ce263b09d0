"""A full disk: the cashier is told what to do, and nothing already recorded is lost."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, func, select

from posapp.db.models import Sale
from posapp.domain.cart import PaymentMethod
from posapp.errors import DatabaseError
from posapp.services import checkout
from posapp.services.settings import load_settings
from tests.conftest import TILL, Shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


# The disk-full condition is made with SQLite's page limit: SQLite only.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_full_disk_keeps_every_recorded_sale_and_the_cart(shop: Shop) -> None:
    engine = shop.uow.engine
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()

    def no_room_to_grow(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", no_room_to_grow)
    engine.dispose()
    rules = load_settings(shop.uow).barcode_rules()
    recorded: list[int] = []
    failure: DatabaseError | None = None
    for _ in range(500):
        cart = checkout.start_sale(shop.uow, shop.cashier, TILL)
        for code in (shop.bread, shop.milk, shop.coffee):
            cart = checkout.scan(shop.uow, shop.cashier, cart, code, rules).cart
        cart = cart.pay(PaymentMethod.CASH, Decimal("20.00"))
        try:
            recorded.append(checkout.complete_sale(shop.uow, shop.cashier, cart).receipt_number)
        except DatabaseError as error:
            failure = error
            break
    assert failure is not None, "the page limit never filled the database"
    assert "disk is full" in failure.message and "Free some space" in failure.message

    event.remove(engine, "connect", no_room_to_grow)
    engine.dispose()
    with shop.uow:
        numbers = list(
            shop.uow.session.scalars(select(Sale.receipt_number).order_by(Sale.receipt_number))
        )
        assert shop.uow.session.scalar(select(func.count()).select_from(Sale)) == len(recorded)
    assert numbers == recorded == list(range(1, len(recorded) + 1))
    # With room again, the very cart that failed is recorded, with the next number.
    done = checkout.complete_sale(shop.uow, shop.cashier, cart)
    assert done.receipt_number == len(recorded) + 1 and not done.replayed
