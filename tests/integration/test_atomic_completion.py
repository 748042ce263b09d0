"""A sale is written whole or not at all: a crash halfway through completing leaves no trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, insert
from sqlalchemy import exc as sa_exc

from posapp.db.models import Payment, Sale, SaleLine
from posapp.errors import DatabaseError
from posapp.services import checkout, parking
from tests.conftest import Shop
from tests.integration.helpers import (
    count,
    next_receipt_number,
    pay_exact,
    ring_up,
    sell,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


class PowerCut(Exception):
    """Stands for anything that goes wrong halfway: a bug, a killed process, a lost disk."""


Breakage = Callable[[pytest.MonkeyPatch], tuple[type[BaseException], ...]]


def fail_after_lines_are_written(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[type[BaseException], ...]:
    insert_lines = checkout._insert_lines

    def insert_then_fail(*args: Any, **kwargs: Any) -> None:
        insert_lines(*args, **kwargs)
        raise PowerCut("after the sale and its lines were inserted")

    monkeypatch.setattr(checkout, "_insert_lines", insert_then_fail)
    return (PowerCut,)


def fail_while_sharing_out_vat(monkeypatch: pytest.MonkeyPatch) -> tuple[type[BaseException], ...]:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise PowerCut("while computing the lines' VAT")

    monkeypatch.setattr(checkout, "allocate_vat", broken)
    return (PowerCut,)


def fail_when_writing_payments(monkeypatch: pytest.MonkeyPatch) -> tuple[type[BaseException], ...]:
    """The payment insert hits a real database error (a table that is not there)."""
    missing = Table(
        "payments_that_are_not_there",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("sale_id", Integer),
        Column("method", String(16)),
        Column("amount", BigInteger),
        Column("tendered", BigInteger),
    )
    monkeypatch.setattr(checkout, "_INSERT_PAYMENTS", insert(missing))
    # SQLite's "no such table" arrives translated; PostgreSQL's UndefinedTable as is.
    return (DatabaseError, sa_exc.ProgrammingError)


@pytest.mark.parametrize(
    "break_it",
    [fail_after_lines_are_written, fail_while_sharing_out_vat, fail_when_writing_payments],
)
def test_a_sale_that_fails_halfway_through_completion_leaves_no_trace(
    shop: Shop,
    monkeypatch: pytest.MonkeyPatch,
    break_it: Breakage,
) -> None:
    assert sell(shop, shop.milk).receipt_number == 1
    cart = pay_exact(ring_up(shop, shop.bread, shop.coffee, shop.coffee))
    parking.save_open_cart(shop.uow, shop.cashier, cart)
    before = {
        "sales": count(shop.uow, Sale),
        "lines": count(shop.uow, SaleLine),
        "payments": count(shop.uow, Payment),
    }

    with monkeypatch.context() as patch:
        expected = break_it(patch)
        with pytest.raises(expected):
            checkout.complete_sale(shop.uow, shop.cashier, cart)

    # Nothing of the failed sale is in the database …
    assert count(shop.uow, Sale, Sale.uuid == cart.uuid) == 0
    assert {
        "sales": count(shop.uow, Sale),
        "lines": count(shop.uow, SaleLine),
        "payments": count(shop.uow, Payment),
    } == before
    assert next_receipt_number(shop.uow, shop.till_id) == 2
    # … the cashier still has the cart, as it was …
    assert parking.open_cart(shop.uow, shop.till_id) == cart
    # … and completing it again gets the number the failed attempt would have had.
    completed = checkout.complete_sale(shop.uow, shop.cashier, cart)
    assert (completed.receipt_number, completed.replayed) == (2, False)
    assert count(shop.uow, SaleLine, SaleLine.sale_id == completed.sale_id) == 2
    assert count(shop.uow, Payment, Payment.sale_id == completed.sale_id) == 1
    assert parking.open_cart(shop.uow, shop.till_id) is None
