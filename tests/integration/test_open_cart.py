"""The sale being rung up survives a restart; parked sales wait and can be resumed anywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest

from posapp.domain.barcodes import make_ean13
from posapp.domain.cart import Discount, PaymentMethod
from posapp.errors import InvalidInput, NotFound
from posapp.services import checkout, parking, shifts
from posapp.services.setup import open_database
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    pay_exact,
    ring_up,
    rules,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def test_the_open_cart_is_back_after_a_restart(shop: Shop, database_url: str) -> None:
    cart = ring_up(
        shop,
        shop.bread,
        shop.bread,
        shop.coffee,
        make_ean13("22" + shop.cheese_label_code + "00420"),
    )
    cart = checkout.scan(shop.uow, shop.cashier, cart, shop.customer_card, rules(shop.uow)).cart
    cart = checkout.discount_line(
        shop.uow, shop.cashier, cart, cart.lines[1].line_id, Discount(percent=Decimal("5"))
    )
    cart = cart.pay(PaymentMethod.CARD, Decimal("5.00"))
    parking.save_open_cart(shop.uow, shop.cashier, cart)

    shop.uow.engine.dispose()  # the till is switched off …
    reopened = open_database(database_url)  # … and on again
    try:
        restored = parking.open_cart(reopened, shop.till_id)

        assert restored == cart
        assert restored is not None
        # 2 x 2.35 + (7.99 - 5 %) + 0.420 kg x 12.90
        assert restored.total == cart.total == Decimal("4.70") + Decimal("7.59") + Decimal("5.42")
        assert restored.customer_name == "Ēriks Ozoliņš"
        assert restored.due == Decimal("12.71")
        # The restored cart is finished like any other.
        done = checkout.complete_sale(
            reopened, shop.cashier, restored.pay(PaymentMethod.CASH, Decimal("20.00"))
        )
        assert (done.receipt_number, done.change) == (1, Decimal("7.29"))
        assert parking.open_cart(reopened, shop.till_id) is None
    finally:
        reopened.engine.dispose()


def test_saving_an_empty_cart_forgets_the_open_one(shop: Shop) -> None:
    cart = ring_up(shop, shop.milk)
    parking.save_open_cart(shop.uow, shop.cashier, cart)
    emptied = cart.remove(cart.lines[0].line_id)

    parking.save_open_cart(shop.uow, shop.cashier, emptied)

    assert parking.open_cart(shop.uow, shop.till_id) is None
    assert parking.parked_sales(shop.uow) == []


def test_a_new_cart_on_the_same_till_parks_the_unfinished_one(shop: Shop) -> None:
    unfinished = ring_up(shop, shop.coffee, shop.milk)
    parking.save_open_cart(shop.uow, shop.cashier, unfinished)

    new = ring_up(shop, shop.bread)
    parking.save_open_cart(shop.uow, shop.cashier, new)

    assert parking.open_cart(shop.uow, shop.till_id) == new
    [parked] = parking.parked_sales(shop.uow)
    assert parked.uuid == unfinished.uuid
    assert (parked.total, parked.line_count) == (Decimal("9.18"), 2)


def test_parked_sales_list_their_total_lines_note_and_customer(shop: Shop) -> None:
    first = ring_up(shop, shop.coffee, shop.coffee, shop.milk)
    first = checkout.scan(shop.uow, shop.cashier, first, shop.customer_card, rules(shop.uow)).cart
    parking.park_sale(shop.uow, shop.cashier, first, note="forgot wallet")
    second = ring_up(shop, shop.bread)
    parking.park_sale(shop.uow, shop.manager, second)

    listed = parking.parked_sales(shop.uow)

    assert [
        (p.uuid, p.till_code, p.user_name, p.total, p.line_count, p.customer_name, p.note)
        for p in listed
    ] == [
        (first.uuid, TILL, "Līga", Decimal("17.17"), 2, "Ēriks Ozoliņš", "forgot wallet"),
        (second.uuid, TILL, "Māris", Decimal("2.35"), 1, None, None),
    ]
    assert parking.open_cart(shop.uow, shop.till_id) is None


def test_a_parked_sale_with_payments_or_nothing_in_it_is_not_parked(shop: Shop) -> None:
    with pytest.raises(InvalidInput, match="nothing to park"):
        parking.park_sale(shop.uow, shop.cashier, ring_up(shop))
    with pytest.raises(InvalidInput, match="has payments"):
        parking.park_sale(shop.uow, shop.cashier, pay_exact(ring_up(shop, shop.bread)))
    assert parking.parked_sales(shop.uow) == []


def test_a_parked_sale_resumed_on_another_till_moves_there(shop: Shop) -> None:
    till2 = shifts.ensure_till(shop.uow, "T2")
    shifts.open_shift(shop.uow, shop.cashier, "T2", Decimal("50.00"))
    parked = ring_up(shop, shop.coffee, shop.bread)
    parking.park_sale(shop.uow, shop.cashier, parked, note="back in 5 min")
    busy_on_t2 = ring_up(shop, shop.milk, till="T2")
    parking.save_open_cart(shop.uow, shop.cashier, busy_on_t2)

    resumed = parking.resume_sale(shop.uow, shop.cashier, parked.uuid, till2)

    assert resumed.uuid == parked.uuid
    assert resumed.till_id == till2
    assert resumed.lines == parked.lines
    assert parking.open_cart(shop.uow, till2) == resumed
    assert parking.open_cart(shop.uow, shop.till_id) is None
    # What T2 was ringing up is parked, not lost.
    assert [p.uuid for p in parking.parked_sales(shop.uow)] == [busy_on_t2.uuid]
    with pytest.raises(NotFound, match="already resumed"):
        parking.resume_sale(shop.uow, shop.cashier, parked.uuid, shop.till_id)
    # Completed on T2, it takes T2's receipt number.
    done = checkout.complete_sale(shop.uow, shop.cashier, pay_exact(resumed))
    assert (done.till_code, done.receipt_number, done.total) == ("T2", 1, Decimal("10.34"))
