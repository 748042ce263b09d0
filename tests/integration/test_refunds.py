"""Refunds: part of a line, the rest of it to the cent, never more than was sold."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from sqlalchemy import select

from posapp.db.models import Sale
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import Discount, PaymentMethod
from posapp.errors import InvalidInput, NotFound, ShiftError
from posapp.services import checkout, refunds, shifts
from posapp.services.checkout import CompletedSale
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    add_product,
    line_id,
    payments,
    race,
    refund_sale,
    ring_up,
    sale_lines,
    sales,
    sell,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def sell_three_apples(shop: Shop, discount: Discount) -> CompletedSale:
    """Three apples at 1.00 with a discount on the line, and a loaf of bread."""
    apple = add_product(shop, "APPLE", "Ābols", "1.00", vat_rate=12)
    cart = ring_up(shop, apple, apple, apple, shop.bread)
    cart = checkout.discount_line(shop.uow, shop.cashier, cart, cart.lines[0].line_id, discount)
    return checkout.complete_sale(shop.uow, shop.cashier, cart.pay(PaymentMethod.CARD, cart.due))


def test_one_then_the_other_two_refund_exactly_what_was_paid(shop: Shop) -> None:
    sale = sell_three_apples(shop, Discount(percent=Decimal("10")))
    apples = sale_lines(shop.uow, sale.sale_id)[0]
    assert (apples.quantity, apples.total) == (Decimal(3), Decimal("2.70"))

    first = refund_sale(shop, sale, {apples.id: Decimal(1)})
    rest = refund_sale(shop, sale, {apples.id: Decimal(2)})

    assert first.total == Decimal("-0.90")
    assert rest.total == Decimal("-1.80")
    assert first.total + rest.total == -apples.total
    assert [p.amount for p in payments(shop.uow, rest.sale_id)] == [Decimal("-1.80")]


def test_refunding_one_at_a_time_gives_back_the_line_total_to_the_cent(shop: Shop) -> None:
    """2.90 for three cannot be split evenly: 0.97 + 0.97 and the last one 0.96."""
    sale = sell_three_apples(shop, Discount(amount=Decimal("0.10")))
    apples = sale_lines(shop.uow, sale.sale_id)[0]
    assert apples.total == Decimal("2.90")

    given_back = [refund_sale(shop, sale, {apples.id: Decimal(1)}) for _ in range(3)]

    assert [r.total for r in given_back] == [Decimal("-0.97"), Decimal("-0.97"), Decimal("-0.96")]
    refund_lines = [line for r in given_back for line in sale_lines(shop.uow, r.sale_id)]
    assert sum(line.total for line in refund_lines) == -apples.total
    assert sum(line.vat_amount for line in refund_lines) == -apples.vat_amount
    with pytest.raises(InvalidInput, match="at most 0 can still be refunded"):
        refund_sale(shop, sale, {apples.id: Decimal(1)})


def test_a_partial_refund_points_at_the_lines_it_gives_money_back_for(shop: Shop) -> None:
    sale = sell(shop, shop.bread, shop.bread, shop.coffee, shop.milk)
    bread, coffee, milk = sale_lines(shop.uow, sale.sale_id)

    done = refund_sale(shop, sale, {bread.id: Decimal(1), milk.id: Decimal(1)}, reason="bruised")

    [stored] = sales(shop.uow, Sale.id == done.sale_id)
    assert (stored.kind, stored.status, stored.refund_of_id) == (
        "refund",
        "completed",
        sale.sale_id,
    )
    assert stored.total == done.total == Decimal("-3.54")
    assert stored.reason == "bruised"
    lines = sale_lines(shop.uow, done.sale_id)
    assert [(line.refund_of_line_id, line.quantity, line.total) for line in lines] == [
        (bread.id, Decimal(-1), Decimal("-2.35")),
        (milk.id, Decimal(-1), Decimal("-1.19")),
    ]
    assert all(line.vat_amount < 0 for line in lines)
    assert [vat.gross for vat in done.vat] == [Decimal("-3.54")]
    left = {
        line.line_id: line.refundable
        for line in refunds.refundable_sale(shop.uow, TILL, sale.receipt_number).lines
    }
    assert left == {bread.id: Decimal(1), coffee.id: Decimal(1), milk.id: Decimal(0)}


def test_refunding_more_than_was_sold_is_refused(shop: Shop) -> None:
    sale = sell(shop, shop.bread, shop.bread)
    [bread] = sale_lines(shop.uow, sale.sale_id)

    with pytest.raises(InvalidInput, match="at most 2 can still be refunded"):
        refund_sale(shop, sale, {bread.id: Decimal(3)})
    with pytest.raises(InvalidInput):
        refund_sale(shop, sale, {bread.id: Decimal(-1)})
    with pytest.raises(InvalidInput, match="not on that receipt"):
        refund_sale(shop, sale, {bread.id + 1000: Decimal(1)})
    refund_sale(shop, sale, {bread.id: Decimal(1)})
    with pytest.raises(InvalidInput, match="at most 1 can still be refunded"):
        refund_sale(shop, sale, {bread.id: Decimal(2)})

    assert len(sales(shop.uow, Sale.kind == "refund")) == 1


def test_a_second_full_refund_is_refused_as_already_refunded(shop: Shop) -> None:
    sale = sell(shop, shop.coffee, shop.milk)

    full = refund_sale(shop, sale, None)
    assert full.total == Decimal("-9.18")

    with pytest.raises(InvalidInput, match="already refunded"):
        refund_sale(shop, sale, None)
    assert len(sales(shop.uow, Sale.kind == "refund")) == 1


def test_a_refund_is_not_itself_refundable_and_unknown_receipts_are_not_found(shop: Shop) -> None:
    sale = sell(shop, shop.coffee)
    done = refund_sale(shop, sale, None)

    with pytest.raises(NotFound, match="no sale with receipt"):
        refund_sale(shop, done, None)
    with pytest.raises(NotFound):
        refunds.refundable_sale(shop.uow, TILL, 99)


def test_a_refund_retried_after_an_error_gives_back_only_what_was_chosen(shop: Shop) -> None:
    """The refund screen keeps the cashier's choice while the error is fixed, then retries."""
    sale = sell(shop, shop.bread, shop.coffee, shop.milk)
    chosen = {line_id(shop.uow, sale.sale_id, 1): Decimal(1)}  # the bread only
    shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})

    with pytest.raises(ShiftError):
        refund_sale(shop, sale, chosen)
    shifts.open_shift(shop.uow, shop.cashier, TILL, Decimal("100.00"))
    done = refund_sale(shop, sale, chosen)

    assert done.total == Decimal("-2.35")  # not the whole receipt
    assert [line.name for line in sale_lines(shop.uow, done.sale_id)] == ["Rupjmaize"]
    assert chosen == {line_id(shop.uow, sale.sale_id, 1): Decimal(1)}  # left as it was given


def test_a_refund_with_nothing_chosen_gives_nothing_back(shop: Shop) -> None:
    """None means "everything left"; an empty choice must not mean the same."""
    sale = sell(shop, shop.bread, shop.coffee)

    with pytest.raises(InvalidInput):
        refund_sale(shop, sale, {})

    assert sales(shop.uow, Sale.kind == "refund") == []


def test_a_partial_refund_prints_the_vat_that_is_stored_and_reported(shop: Shop) -> None:
    """Three cartons of milk (3.57, VAT 0.38), two brought back (2.38).

    The refund receipt's VAT lines, its stored lines and the Z report must agree.
    """
    sale = sell(shop, shop.milk, shop.milk, shop.milk)
    [milk] = sale_lines(shop.uow, sale.sale_id)
    assert (milk.total, milk.vat_amount) == (Decimal("3.57"), Decimal("0.38"))

    done = refund_sale(shop, sale, {milk.id: Decimal(2)})

    stored = sale_lines(shop.uow, done.sale_id)
    printed = {group.rate: (group.gross, group.vat) for group in done.vat}
    assert printed == {
        Decimal(12): (
            sum((line.total for line in stored), Decimal(0)),
            sum((line.vat_amount for line in stored), Decimal(0)),
        )
    }
    [sold] = sales(shop.uow, Sale.id == sale.sale_id)
    assert sold.shift_id is not None
    report = shifts.shift_report(shop.uow, sold.shift_id)
    sold_vat = {group.rate: group.vat for group in sale.vat}
    assert {line.rate: line.vat for line in report.vat} == {
        Decimal(12): sold_vat[Decimal(12)] + printed[Decimal(12)][1]
    }


def test_two_tills_refunding_the_same_receipt_at_once_give_the_money_back_once(
    shop: Shop, database_url: str
) -> None:
    sale = sell(shop, shop.coffee, shop.milk)
    shifts.ensure_till(shop.uow, "T2")
    shifts.open_shift(shop.uow, shop.cashier, "T2", Decimal("50.00"))

    def refund_everything_at(till_code: str) -> Callable[[UnitOfWork], CompletedSale]:
        def action(till_uow: UnitOfWork) -> CompletedSale:
            return refund_sale(shop, sale, till=till_code, uow=till_uow)

        return action

    hold_sale = select(Sale.id).where(Sale.id == sale.sale_id).with_for_update()
    results = race(
        shop, database_url, hold_sale, refund_everything_at("T1"), refund_everything_at("T2")
    )

    done = [r for r in results if isinstance(r, CompletedSale)]
    refused = [r for r in results if not isinstance(r, CompletedSale)]
    assert [r.total for r in done] == [Decimal("-9.18")]
    assert len(refused) == 1 and isinstance(refused[0], InvalidInput), refused
    assert "already refunded" in refused[0].message
    assert len(sales(shop.uow, Sale.kind == "refund")) == 1
