"""The VAT on a receipt always adds up: per rate, per line, and as stored.

Shelf prices include VAT. Whatever is rung up (pieces and weighed goods,
percentage and amount discounts, the four Latvian rates), the breakdown
printed on the receipt must add up to the receipt total to the cent, the VAT
per rate must be the rate's gross * rate / (100 + rate) rounded half-up, and
the VAT shared out over the lines must add up to it, on screen and in the
database. The expected values are computed here with exact fractions.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from posapp.db.models import Sale, SaleLine
from posapp.domain.cart import Cart, Discount, PaymentMethod, allocate_vat
from posapp.services import catalog, checkout
from tests.conftest import Shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

RATES = tuple(Decimal(rate) for rate in (21, 12, 5, 0))
CENT = Fraction(1, 100)


def scaled(decimals: int, low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Decimals with exactly `decimals` places, between low and high units of the last place."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-decimals))


@dataclass(frozen=True)
class LineSpec:
    product: int  # which of three products
    quantity: Decimal
    by_weight: bool
    unit_price: Decimal
    vat_rate: Decimal
    discount: Discount | None


discounts = st.one_of(
    st.none(),
    scaled(2, 0, 10_000).map(lambda percent: Discount(percent=percent)),  # 0.00 % … 100.00 %
    scaled(2, 0, 5_000).map(lambda amount: Discount(amount=amount)),  # may exceed the line
)


@st.composite
def line_specs(draw: st.DrawFn) -> LineSpec:
    by_weight = draw(st.booleans())
    return LineSpec(
        product=draw(st.integers(0, 2)),
        by_weight=by_weight,
        # weights to the gram, up to 60 kg; pieces up to 40
        quantity=draw(scaled(3, 1, 60_000) if by_weight else st.integers(1, 40).map(Decimal)),
        unit_price=draw(scaled(2, 0, 99_999)),  # 0.00 … 999.99
        vat_rate=draw(st.sampled_from(RATES)),
        discount=draw(discounts),
    )


carts_lines = st.lists(line_specs(), min_size=1, max_size=12)


def build_cart(specs: list[LineSpec], product_ids: list[int], till_id: int = 1) -> Cart:
    cart = Cart(uuid=str(uuid.uuid4()), till_id=till_id, started_at=datetime.now(UTC))
    for spec in specs:
        cart = cart.add(
            product_id=product_ids[spec.product],
            name=f"product {spec.product}",
            quantity=spec.quantity,
            unit_price=spec.unit_price,
            vat_rate=spec.vat_rate,
            by_weight=spec.by_weight,
        )
        if spec.discount is not None:
            cart = cart.discount_line(cart.lines[-1].line_id, spec.discount)
    return cart


def half_up_cents(value: Fraction) -> Decimal:
    """Round a non-negative exact amount half-up to cents."""
    assert value >= 0
    return Decimal(math.floor(value * 100 + Fraction(1, 2))).scaleb(-2)


def expected_line_total(quantity: Decimal, price: Decimal, discount: Discount | None) -> Decimal:
    gross = half_up_cents(Fraction(quantity) * Fraction(price))
    if discount is None:
        return gross
    if discount.percent is not None:
        return gross - half_up_cents(Fraction(gross) * Fraction(discount.percent) / 100)
    assert discount.amount is not None
    return gross - min(discount.amount, gross)


def expected_vat(gross: Decimal, rate: Decimal) -> Decimal:
    return half_up_cents(Fraction(gross) * Fraction(rate) / (100 + Fraction(rate)))


@settings(max_examples=200)
@given(carts_lines)
def test_the_receipts_vat_breakdown_adds_up_to_the_total(specs: list[LineSpec]) -> None:
    cart = build_cart(specs, product_ids=[1, 2, 3])

    for line in cart.lines:
        assert line.total == expected_line_total(line.quantity, line.unit_price, line.discount)
        assert line.total >= 0
    assert cart.total == sum((line.total for line in cart.lines), Decimal(0))

    breakdown = cart.vat
    assert sum((group.gross for group in breakdown), Decimal(0)) == cart.total
    assert [group.rate for group in breakdown] == sorted(
        {line.vat_rate for line in cart.lines}, reverse=True
    )
    for group in breakdown:
        gross = sum((line.total for line in cart.lines if line.vat_rate == group.rate), Decimal(0))
        assert group.gross == gross
        assert group.vat == expected_vat(gross, group.rate)
        assert group.net == group.gross - group.vat


@settings(max_examples=200)
@given(carts_lines)
def test_the_vat_shared_out_over_the_lines_adds_up_per_rate(specs: list[LineSpec]) -> None:
    cart = build_cart(specs, product_ids=[1, 2, 3])

    shares = allocate_vat(cart.lines)

    assert len(shares) == len(cart.lines)
    for group in cart.vat:
        in_group = [i for i, line in enumerate(cart.lines) if line.vat_rate == group.rate]
        assert sum((shares[i] for i in in_group), Decimal(0)) == group.vat
        remainders = {}
        for i in in_group:
            # Each line's share is its proportional share, rounded down or up by one cent …
            exact = (
                Fraction(group.vat) * Fraction(cart.lines[i].total) / Fraction(group.gross)
                if group.gross
                else Fraction(0)
            )
            floor = Fraction(math.floor(exact * 100), 100)
            assert floor <= Fraction(shares[i]) <= floor + CENT
            assert shares[i] == shares[i].quantize(Decimal("0.01"))
            remainders[i] = (exact - floor, Fraction(shares[i]) > floor)
        # … and the cents rounded up go to the lines that lost the most to rounding down.
        rounded_up = [rest for rest, up in remainders.values() if up]
        rounded_down = [rest for rest, up in remainders.values() if not up]
        if rounded_up and rounded_down:
            assert min(rounded_up) >= max(rounded_down)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(specs=carts_lines)
def test_a_stored_sale_keeps_the_totals_and_vat_of_the_receipt(
    shop: Shop, specs: list[LineSpec]
) -> None:
    """Every example is one more sale in the same shop; each is checked on its own rows.

    The owner rings them up, so any discount is allowed without a manager's approval.
    """
    product_ids = [
        found.product_id
        for code in (shop.bread, shop.milk, shop.coffee)
        if (found := catalog.find_product(shop.uow, code)) is not None
    ]
    cart = checkout.start_sale(shop.uow, shop.owner, "T1")
    cart = build_cart(specs, product_ids, till_id=cart.till_id)
    if cart.due > 0:
        cart = cart.pay(PaymentMethod.CARD, cart.due)

    completed = checkout.complete_sale(shop.uow, shop.owner, cart)

    with shop.uow:
        sale = shop.uow.session.get_one(Sale, completed.sale_id)
        lines = list(
            shop.uow.session.scalars(
                select(SaleLine).where(SaleLine.sale_id == sale.id).order_by(SaleLine.line_no)
            )
        )
    assert completed.total == sale.total == cart.total
    assert completed.vat == cart.vat
    assert sum((line.total for line in lines), Decimal(0)) == sale.total
    assert [(line.quantity, line.unit_price, line.total) for line in lines] == [
        (line.quantity, line.unit_price, line.total) for line in cart.lines
    ]
    for group in cart.vat:
        stored = [line for line in lines if line.vat_rate == group.rate]
        assert sum((line.total for line in stored), Decimal(0)) == group.gross
        assert sum((line.vat_amount for line in stored), Decimal(0)) == group.vat
