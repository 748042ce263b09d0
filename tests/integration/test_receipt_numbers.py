"""Receipt numbers run 1, 2, 3, … per till without gaps, whatever happens in between."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from posapp.db.models import Sale, Till
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import Cart, PaymentMethod
from posapp.errors import SaleIncomplete, ShiftError
from posapp.services import checkout, parking, shifts
from posapp.services.checkout import CompletedSale
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    line_id,
    next_receipt_number,
    pay_exact,
    race,
    refund_sale,
    ring_up,
    sales,
    sell,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def receipt_numbers(shop: Shop, till_id: int) -> list[int | None]:
    return [s.receipt_number for s in sales(shop.uow, Sale.till_id == till_id)]


def test_voided_and_parked_sales_take_no_receipt_number(shop: Shop) -> None:
    assert sell(shop, shop.bread).receipt_number == 1

    voided = ring_up(shop, shop.coffee, shop.milk)
    checkout.void_sale(shop.uow, shop.cashier, voided, "customer left")

    assert sell(shop, shop.milk).receipt_number == 2

    parked = ring_up(shop, shop.coffee)
    parking.park_sale(shop.uow, shop.cashier, parked, note="forgot wallet")

    assert sell(shop, shop.bread, shop.bread).receipt_number == 3

    resumed = parking.resume_sale(shop.uow, shop.cashier, parked.uuid, shop.till_id)
    assert checkout.complete_sale(shop.uow, shop.cashier, pay_exact(resumed)).receipt_number == 4

    assert receipt_numbers(shop, shop.till_id) == [1, None, 2, 3, 4]
    assert next_receipt_number(shop.uow, shop.till_id) == 5


def test_a_completion_that_fails_takes_no_receipt_number(shop: Shop) -> None:
    assert sell(shop, shop.bread).receipt_number == 1

    unpaid = ring_up(shop, shop.coffee)
    with pytest.raises(SaleIncomplete):
        checkout.complete_sale(shop.uow, shop.cashier, unpaid)
    with pytest.raises(SaleIncomplete):
        checkout.complete_sale(shop.uow, shop.cashier, unpaid.pay(PaymentMethod.CARD, Decimal(1)))

    assert sell(shop, shop.milk).receipt_number == 2

    # The shift is closed while a paid cart waits: completing it is refused …
    waiting = pay_exact(ring_up(shop, shop.coffee))
    shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    with pytest.raises(ShiftError):
        checkout.complete_sale(shop.uow, shop.cashier, waiting)
    # … and once a new shift is open it gets the next number, with no gap.
    shifts.open_shift(shop.uow, shop.cashier, TILL, Decimal("100.00"))
    assert checkout.complete_sale(shop.uow, shop.cashier, waiting).receipt_number == 3

    assert receipt_numbers(shop, shop.till_id) == [1, 2, 3]


def test_each_till_has_its_own_sequence(shop: Shop) -> None:
    till2 = shifts.ensure_till(shop.uow, "T2")
    shifts.open_shift(shop.uow, shop.cashier, "T2", Decimal("50.00"))

    got = [
        (sale.till_code, sale.receipt_number)
        for sale in (
            sell(shop, shop.bread, till="T1"),
            sell(shop, shop.milk, till="T2"),
            sell(shop, shop.milk, till="T2"),
            sell(shop, shop.coffee, till="T1"),
            sell(shop, shop.coffee, till="T2"),
        )
    ]

    assert got == [("T1", 1), ("T2", 1), ("T2", 2), ("T1", 2), ("T2", 3)]
    assert receipt_numbers(shop, shop.till_id) == [1, 2]
    assert receipt_numbers(shop, till2) == [1, 2, 3]


def test_refunds_take_numbers_from_the_refunding_tills_sequence(shop: Shop) -> None:
    sale = sell(shop, shop.bread, shop.milk)
    shifts.ensure_till(shop.uow, "T2")
    shifts.open_shift(shop.uow, shop.cashier, "T2", Decimal("50.00"))

    refund_here = refund_sale(shop, sale, {line_id(shop.uow, sale.sale_id, 1): Decimal(1)})
    assert (refund_here.till_code, refund_here.receipt_number) == ("T1", 2)
    assert sell(shop, shop.coffee).receipt_number == 3

    # Taken back at the other till: that till's next number.
    refund_there = refund_sale(shop, sale, till="T2")
    assert (refund_there.till_code, refund_there.receipt_number) == ("T2", 1)
    assert sell(shop, shop.coffee, till="T2").receipt_number == 2
    assert receipt_numbers(shop, shop.till_id) == [1, 2, 3]


def test_two_sales_completing_at_the_same_moment_get_consecutive_numbers(
    shop: Shop, database_url: str
) -> None:
    carts = [pay_exact(ring_up(shop, code)) for code in (shop.bread, shop.milk, shop.coffee)]

    def complete(cart: Cart) -> Callable[[UnitOfWork], CompletedSale]:
        return lambda till_uow: checkout.complete_sale(till_uow, shop.cashier, cart)

    hold_till = select(Till.id).where(Till.id == shop.till_id).with_for_update()
    results = race(shop, database_url, hold_till, *(complete(cart) for cart in carts))

    assert all(isinstance(r, CompletedSale) for r in results), results
    assert sorted(r.receipt_number for r in results if isinstance(r, CompletedSale)) == [1, 2, 3]
    assert sorted(n for n in receipt_numbers(shop, shop.till_id) if n) == [1, 2, 3]
    assert next_receipt_number(shop.uow, shop.till_id) == 4
