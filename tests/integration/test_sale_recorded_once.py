"""A sale or refund posted twice (a retry after a timeout, a double click) is recorded once."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from posapp.db.models import Payment, Sale, SaleLine, Till
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.services import checkout, refunds
from posapp.services.checkout import CompletedSale
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    count,
    line_id,
    next_receipt_number,
    pay_exact,
    race,
    refund_sale,
    ring_up,
    sell,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def test_a_sale_posted_twice_is_recorded_once_with_one_receipt_number(shop: Shop) -> None:
    cart = ring_up(shop, shop.bread, shop.milk, shop.coffee)
    cart = cart.pay(PaymentMethod.CASH, Decimal("20.00"))

    first = checkout.complete_sale(shop.uow, shop.cashier, cart)
    second = checkout.complete_sale(shop.uow, shop.cashier, cart)

    assert first.replayed is False
    assert second.replayed is True
    assert second.receipt_number == first.receipt_number == 1
    assert second.sale_id == first.sale_id
    assert second.total == first.total == Decimal("11.53")
    assert second.change == first.change == Decimal("8.47")
    assert second.vat == first.vat
    assert count(shop.uow, Sale, Sale.uuid == cart.uuid) == 1
    assert count(shop.uow, SaleLine) == 3
    assert count(shop.uow, Payment) == 1
    # The retry did not use up a receipt number: the next sale gets 2.
    assert next_receipt_number(shop.uow, shop.till_id) == 2
    assert sell(shop, shop.milk).receipt_number == 2


def test_a_refund_posted_twice_with_the_same_refund_uuid_is_recorded_once(shop: Shop) -> None:
    sale = sell(shop, shop.bread, shop.bread, shop.milk)
    refund_uuid = str(uuid.uuid4())
    bread_line = line_id(shop.uow, sale.sale_id, 1)

    def post() -> CompletedSale:
        return refund_sale(shop, sale, {bread_line: Decimal(1)}, refund_uuid=refund_uuid)

    first = post()
    second = post()

    assert (first.replayed, second.replayed) == (False, True)
    assert second.receipt_number == first.receipt_number == 2
    assert second.total == first.total == Decimal("-2.35")
    assert count(shop.uow, Sale, Sale.kind == "refund") == 1
    assert next_receipt_number(shop.uow, shop.till_id) == 3
    # Only one loaf went back: the other can still be refunded.
    left = refunds.refundable_sale(shop.uow, TILL, sale.receipt_number).lines[0]
    assert (left.sold, left.refunded) == (Decimal(2), Decimal(1))


def test_a_full_refund_posted_twice_with_the_same_refund_uuid_is_recorded_once(
    shop: Shop,
) -> None:
    """The retry of a refund of everything must not answer "already refunded"."""
    sale = sell(shop, shop.bread, shop.milk)
    refund_uuid = str(uuid.uuid4())

    def post() -> CompletedSale:
        return refund_sale(shop, sale, method=PaymentMethod.CARD, refund_uuid=refund_uuid)

    first = post()
    second = post()

    assert (first.replayed, second.replayed) == (False, True)
    assert second.receipt_number == first.receipt_number
    assert second.total == first.total == Decimal("-3.54")
    assert count(shop.uow, Sale, Sale.kind == "refund") == 1


def test_the_same_cart_posted_twice_at_the_same_moment_is_recorded_once(
    shop: Shop, database_url: str
) -> None:
    """Two posts of one cart race; the database lets one in and the other replays it."""
    cart = pay_exact(ring_up(shop, shop.bread, shop.coffee))

    def post(till_uow: UnitOfWork) -> CompletedSale:
        return checkout.complete_sale(till_uow, shop.cashier, cart)

    hold_till = select(Till.next_receipt_number).where(Till.id == shop.till_id).with_for_update()
    results = race(shop, database_url, hold_till, post, post)

    assert all(isinstance(r, CompletedSale) for r in results), results
    done = [r for r in results if isinstance(r, CompletedSale)]
    assert sorted(r.replayed for r in done) == [False, True]
    assert {(r.sale_id, r.receipt_number) for r in done} == {(done[0].sale_id, 1)}
    assert count(shop.uow, Sale) == 1
    assert count(shop.uow, SaleLine) == 2
    assert count(shop.uow, Payment) == 1
    assert next_receipt_number(shop.uow, shop.till_id) == 2
