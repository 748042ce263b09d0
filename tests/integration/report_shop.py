"""A seeded random fortnight of trading for the owner's reports' tests.

`trade` drives the `shop` fixture (tests/conftest.py) through the public services,
as the tills would: two tills, a shift a day on each, a few dozen sales (members'
sales, split payments, line discounts and price overrides with their approvers,
weighed cheese), partial refunds, voids, and counts at the close with a cash
difference now and then. The fortnight (Monday 19 October to Sunday 1 November
2026, Europe/Riga) holds the end of summer time (Sunday 25 October, 04:00 EEST
becomes 03:00 EET, so 03:xx happens twice) and sales minutes either side of local
midnight, and it crosses the turn of a month.

It returns what it did in plain Python: each completed sale's and refund's lines
and payments as recorded, each void and each shift, with the local day and hour
worked out here, so a test computes the figures it expects on its own.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from posapp.db.models import Product
from posapp.domain.cart import Cart, Discount, PaymentMethod
from posapp.domain.money import ZERO, to_cents
from posapp.domain.periods import Period
from posapp.domain.roles import Actor
from posapp.services import checkout, shifts
from posapp.services.checkout import CompletedSale
from posapp.services.reports import aggregates
from posapp.services.settings import update_settings
from tests.conftest import TILL, Shop
from tests.integration.helpers import add_product, payments, refund_sale, ring_up, sale_lines
from tests.integration.loyalty_helpers import Clock, use_clock

ZONE_NAME = "Europe/Riga"
ZONE = ZoneInfo(ZONE_NAME)
FIRST_DAY = date(2026, 10, 19)  # a Monday
LAST_DAY = date(2026, 11, 1)  # a Sunday
DST_DAY = date(2026, 10, 25)
SECOND_TILL = "T2"
TILLS = (TILL, SECOND_TILL)
REFUND_REASONS = ("damaged", "wrong item", "changed mind")
VOID_REASONS = ("customer left", "rang up twice")


@dataclass(frozen=True)
class Line:
    line_id: int
    quantity: Decimal
    unit_price: Decimal
    list_price: Decimal
    discount: Decimal
    total: Decimal
    vat_rate: Decimal
    vat: Decimal
    approved_by: str | None  # the approver's name
    weighed: bool

    @property
    def overridden(self) -> Decimal:
        """What the changed price took off (quantity x (list price - price), unrounded)."""
        return self.quantity * (self.list_price - self.unit_price)


@dataclass(frozen=True)
class Done:
    """A completed sale or refund, as recorded."""

    sale_id: int
    kind: str  # "sale" or "refund"
    at: datetime  # aware UTC
    day: date  # the shop's day
    hour: int  # local hour
    weekday: int  # Monday 0
    till: str
    receipt: str  # "T1-12"
    refund_of: str | None  # the receipt a refund refunded
    cashier: str
    member: bool
    total: Decimal
    reason: str | None
    lines: tuple[Line, ...]
    payments: dict[str, Decimal]  # method -> amount


@dataclass(frozen=True)
class Void:
    at: datetime
    day: date
    till: str
    cashier: str
    total: Decimal
    reason: str


@dataclass
class ShiftDone:
    shift_id: int
    till: str
    opened_by: str
    opened_at: datetime
    opening_float: Decimal
    closed_by: str = ""
    closed_at: datetime | None = None
    expected: dict[str, Decimal] = field(default_factory=dict)
    counted: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Trading:
    sales: list[Done] = field(default_factory=list)  # sales and refunds, in time order
    voids: list[Void] = field(default_factory=list)
    shifts: list[ShiftDone] = field(default_factory=list)

    def completed(self, first: date, last: date, till: str | None = None) -> list[Done]:
        return [
            s for s in self.sales if first <= s.day <= last and (till is None or s.till == till)
        ]


@dataclass
class _Trader:
    shop: Shop
    rng: random.Random
    clock: Clock
    tea: str
    cheese_id: int
    trading: Trading = field(default_factory=Trading)
    # T1's sales that may still be refunded, and what is left of each line.
    refundable: list[tuple[CompletedSale, dict[int, Decimal]]] = field(default_factory=list)
    open_shifts: dict[str, ShiftDone] = field(default_factory=dict)

    @property
    def names(self) -> dict[int | None, str]:
        shop = self.shop
        return {a.user_id: a.name for a in (shop.owner, shop.manager, shop.cashier)}

    def seller(self) -> Actor:
        shop = self.shop
        return self.rng.choice([shop.cashier, shop.cashier, shop.manager, shop.owner])

    def approver_for(self, actor: Actor) -> Actor | None:
        return self.shop.manager if actor is self.shop.cashier else None

    # -- the day's moments ---------------------------------------------------------
    def day(self, day: date) -> None:
        start, end = Period(day, day).bounds(ZONE)
        for till in TILLS:
            self.clock.moment = start + timedelta(minutes=1)
            self.open_shift(till)
        seconds = int((end - start).total_seconds())
        moments = [
            start + timedelta(seconds=self.rng.randrange(600, seconds - 600))
            for _ in range(self.rng.randint(2, 4))
        ]
        # Sales at the edges: minutes after or before midnight, and on the night the clocks
        # go back, 03:30 summer time and 03:30 winter time an hour later.
        edges = [
            start + timedelta(minutes=3) if day.toordinal() % 2 else end - timedelta(minutes=3)
        ]
        if day == DST_DAY:
            edges += [
                datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
                datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
            ]
        for moment in sorted([*moments, *edges]):
            self.clock.moment = moment
            roll = self.rng.random()
            if moment in edges:
                self.sell()
            elif roll < 0.15 and self.refundable:
                self.refund()
            elif roll < 0.25:
                self.void()
            else:
                self.sell()
        self.clock.moment = end - timedelta(minutes=1)
        for till in TILLS:
            self.close_shift(till)

    def open_shift(self, till: str) -> None:
        actor = self.rng.choice([self.shop.cashier, self.shop.manager])
        opening = self.rng.choice([Decimal("50.00"), Decimal("100.00"), Decimal("150.00")])
        shift_id = shifts.open_shift(self.shop.uow, actor, till, opening)
        shift = ShiftDone(shift_id, till, actor.name, self.clock.moment, opening)
        shift.expected = {PaymentMethod.CASH.value: opening}
        self.open_shifts[till] = shift
        self.trading.shifts.append(shift)

    def close_shift(self, till: str) -> None:
        shift = self.open_shifts.pop(till)
        actor = self.rng.choice([self.shop.cashier, self.shop.manager])
        counted = {PaymentMethod(m): amount for m, amount in shift.expected.items()}
        counted[PaymentMethod.CASH] += self.rng.choice(
            [ZERO, ZERO, Decimal("-0.50"), Decimal("1.20")]
        )
        shifts.close_shift(self.shop.uow, actor, till, counted)
        shift.closed_by, shift.closed_at = actor.name, self.clock.moment
        shift.counted = {m.value: amount for m, amount in counted.items()}

    # -- what happens at a till ------------------------------------------------------
    def cart(self, actor: Actor, till: str) -> Cart:
        shop, rng = self.shop, self.rng
        codes = rng.choices([shop.bread, shop.milk, shop.coffee, self.tea], k=rng.randint(1, 4))
        if rng.random() < 0.3:
            codes.insert(0, shop.customer_card)
        cart = ring_up(shop, *codes, actor=actor, till=till)
        if rng.random() < 0.25:
            weight = Decimal(rng.randint(150, 900)) / 1000
            cart = checkout.add_product(shop.uow, actor, cart, self.cheese_id, weight, weighed=True)
        line = rng.choice(cart.lines)
        if rng.random() < 0.2:
            percent = Decimal(rng.choice([5, 15, 25]))
            cart = checkout.discount_line(
                shop.uow,
                actor,
                cart,
                line.line_id,
                Discount(percent=percent),
                approver=self.approver_for(actor),
            )
        elif rng.random() < 0.2:
            price = to_cents(line.unit_price * Decimal("0.8"))
            cart = checkout.override_price(
                actor, cart, line.line_id, price, approver=self.approver_for(actor)
            )
        return cart

    def pay(self, cart: Cart) -> Cart:
        roll = self.rng.random()
        if roll < 0.35:  # cash, with change from the next five euros
            return cart.pay(PaymentMethod.CASH, to_cents((cart.due // 5) * 5 + 5))
        if roll < 0.6 and cart.due >= Decimal("0.02"):  # cash and card
            cart = cart.pay(PaymentMethod.CASH, to_cents(cart.due / 2))
        elif roll < 0.7 and cart.due >= Decimal("0.02"):  # a paper gift voucher and card
            cart = cart.pay(PaymentMethod.VOUCHER, to_cents(cart.due / 3))
        return cart.pay(PaymentMethod.CARD, cart.due)

    def sell(self) -> None:
        actor, till = self.seller(), self.rng.choice(TILLS)
        cart = self.pay(self.cart(actor, till))
        sale = checkout.complete_sale(self.shop.uow, actor, cart)
        done = self.record(sale, actor, till, member=cart.customer_id is not None)
        if till == TILL:
            self.refundable.append((sale, {line.line_id: line.quantity for line in done.lines}))

    def refund(self) -> None:
        sale, left = self.rng.choice(self.refundable)
        line_id = self.rng.choice(sorted(left))
        whole = left[line_id] == left[line_id].to_integral_value()
        quantity = Decimal(1) if whole else min(Decimal("0.100"), left[line_id])
        left[line_id] -= quantity
        if not left[line_id]:
            del left[line_id]
        if not left:
            self.refundable.remove((sale, left))
        actor = self.rng.choice([self.shop.cashier, self.shop.manager])
        till = self.rng.choice(TILLS)
        reason = self.rng.choice(REFUND_REASONS)
        refunded = refund_sale(
            self.shop,
            sale,
            {line_id: quantity},
            actor=actor,
            approver=self.approver_for(actor),
            till=till,
            method=self.rng.choice([PaymentMethod.CASH, PaymentMethod.CARD]),
            reason=reason,
        )
        self.record(
            refunded,
            actor,
            till,
            member=False,
            reason=reason,
            refund_of=f"{TILL}-{sale.receipt_number}",
        )

    def void(self) -> None:
        actor, till = self.seller(), self.rng.choice(TILLS)
        cart = self.cart(actor, till)
        if self.rng.random() < 0.5:
            cart = cart.pay(PaymentMethod.CASH, to_cents(cart.due / 2) or Decimal("0.01"))
        reason = self.rng.choice(VOID_REASONS)
        approver = self.approver_for(actor) if cart.payments else None
        checkout.void_sale(self.shop.uow, actor, cart, reason, approver=approver)
        at = self.clock.moment
        self.trading.voids.append(
            Void(at, at.astimezone(ZONE).date(), till, actor.name, cart.total, reason)
        )

    def record(
        self,
        sale: CompletedSale,
        actor: Actor,
        till: str,
        *,
        member: bool,
        reason: str | None = None,
        refund_of: str | None = None,
    ) -> Done:
        """The sale's lines and payments as recorded, and the shift's takings."""
        uow, names = self.shop.uow, self.names
        lines = tuple(
            Line(
                row.id,
                row.quantity,
                row.unit_price,
                row.list_price,
                row.discount,
                row.total,
                row.vat_rate,
                row.vat_amount,
                names[row.approved_by] if row.approved_by is not None else None,
                row.product_id == self.cheese_id,
            )
            for row in sale_lines(uow, sale.sale_id)
        )
        paid: dict[str, Decimal] = {}
        for payment in payments(uow, sale.sale_id):
            paid[payment.method] = paid.get(payment.method, ZERO) + payment.amount
        expected = self.open_shifts[till].expected
        for method, amount in paid.items():
            expected[method] = expected.get(method, ZERO) + amount
        local = sale.completed_at.astimezone(ZONE)
        done = Done(
            sale.sale_id,
            sale.kind,
            sale.completed_at,
            local.date(),
            local.hour,
            local.weekday(),
            till,
            f"{till}-{sale.receipt_number}",
            refund_of,
            actor.name,
            member,
            sale.total,
            reason,
            lines,
            paid,
        )
        self.trading.sales.append(done)
        return done


def trade(shop: Shop, seed: int = 2026) -> Trading:
    """A fortnight of trading on two tills (see the module's docstring)."""
    uow = shop.uow
    update_settings(uow, shop.owner, time_zone=ZONE_NAME)
    # The fixture's shift, opened today: closed now, outside the fortnight.
    shifts.close_shift(uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    shifts.ensure_till(uow, SECOND_TILL)
    tea = add_product(shop, "TEA", "Tēja zāļu", "3.40", vat_rate=5)
    with uow:
        cheese_id = uow.session.scalars(select(Product.id).where(Product.sku == "CHEESE")).one()
    clock = Clock()
    restore = use_clock(shop, clock)
    trader = _Trader(shop, random.Random(seed), clock, tea, cheese_id)
    try:
        day = FIRST_DAY
        while day <= LAST_DAY:
            trader.day(day)
            day += timedelta(1)
    finally:
        restore()
    return trader.trading


# A report reads the aggregates where the days are summed, the raw rows where not: its
# tests run with no day summed, the first five days of the fortnight, and every day.
SUMMED = pytest.mark.parametrize("summed_days", [0, 5, None], ids=["raw", "partly", "summed"])


def sum_days(shop: Shop, days: int | None) -> None:
    """Sum the first `days` shop days of the trading (None: all that have ended)."""
    if days != 0:
        aggregates.catch_up(shop.uow, limit_days=days)
