"""Random days of trade for one member, checked against a model of the rules written here.

Sales with and without points rewards and vouchers, partial and full refunds,
voids, expiry with the clock moved on, adjustments by hand, and postings of a
sale retried with the same cart: after every step the member's balance is the
sum of their ledger, never negative, and what the model says it should be; a
retried posting changes nothing; each sale earns what the model computes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import ClassVar
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from posapp.domain.cart import Cart, PaymentMethod
from posapp.errors import NotEnoughPoints
from posapp.services import checkout, loyalty, refunds
from posapp.services.checkout import CompletedSale
from tests.conftest import TILL, Shop
from tests.integration.helpers import pay_exact, refund_sale, ring_up
from tests.integration.loyalty_helpers import Clock, balance, ledger_sum

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

RIGA = ZoneInfo("Europe/Riga")
REWARD_POINTS = 200  # "points:euro_2", € 2.00 off
BIRTHDAY = date(1990, 1, 10)  # the machine's clock starts on 4 January 2027
EXPIRY_MONTHS = 12


@dataclass
class SoldModel:
    """What the model knows of one sale."""

    sale: CompletedSale
    cart: Cart
    earned: int
    spent: int
    refunded: Decimal = Decimal(0)
    fully_refunded: bool = False


@dataclass
class Lot:
    at: datetime
    points: int


WELCOME_POINTS = 400


@dataclass
class Model:
    balance: int = 0
    purchases: int = 0
    visit_days: list[date] = field(default_factory=list)
    lots: list[Lot] = field(default_factory=list)  # credits, oldest first, less what was used

    def credit(self, at: datetime, points: int) -> None:
        if points > 0:
            self.balance += points
            self.lots.append(Lot(at, points))

    def debit(self, points: int) -> None:
        """Points leave oldest first."""
        assert 0 <= points <= self.balance
        self.balance -= points
        for lot in self.lots:
            used = min(points, lot.points)
            lot.points -= used
            points -= used
        self.lots = [lot for lot in self.lots if lot.points > 0]

    def multiplier(self, today: date) -> Decimal:
        """The stage's multiplier as the sale begins (no referrals or ratings here: at most a
        Client), doubled within three days of the birthday."""
        stage = Decimal(1)
        recent = [day for day in self.visit_days if today - timedelta(days=89) <= day <= today]
        if self.purchases and len(recent) >= 4:
            stage = Decimal("1.25")
        birthdays = (BIRTHDAY.replace(year=year) for year in range(today.year - 1, today.year + 2))
        if any(abs((today - birthday).days) <= 3 for birthday in birthdays):
            stage *= 2
        return stage


def year_before(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


def share(points: int, total: Decimal, refunded: Decimal, fully: bool) -> int:
    if fully:
        return points
    return 0 if total <= 0 else math.floor(points * refunded / total)


class LoyaltyDays(RuleBasedStateMachine):
    shop: Shop  # set by the test
    ran: ClassVar[Counter[str]] = Counter()  # the steps taken, by rule (the test checks each ran)

    @initialize()
    def enrol(self) -> None:
        self.clock = Clock(datetime(2027, 1, 4, 11, 0, tzinfo=UTC))
        self.shop.uow.clock = self.clock
        member = loyalty.enrol_customer(
            self.shop.uow, self.shop.cashier, "Random Member", birthday=BIRTHDAY
        )
        assert member.card_number is not None
        self.card = member.card_number
        self.customer_id = member.customer_id
        self.model = Model()
        self.sold: list[SoldModel] = []
        # A welcome balance, so that spending points is possible from the first sale on.
        loyalty.adjust_points(
            self.shop.uow, self.shop.manager, self.customer_id, WELCOME_POINTS, "test"
        )
        self.model.credit(self.clock.moment, WELCOME_POINTS)

    def today(self) -> date:
        return self.clock.moment.astimezone(RIGA).date()

    # -- the till ------------------------------------------------------------------------

    @rule(
        goods=st.lists(st.sampled_from(["bread", "milk", "coffee"]), min_size=1, max_size=4),
        take_points=st.booleans(),
        take_voucher=st.booleans(),
        retried=st.booleans(),
        pay_cash=st.booleans(),
    )
    def sell(
        self,
        goods: list[str],
        take_points: bool,
        take_voucher: bool,
        pay_cash: bool,
        retried: bool,
    ) -> None:
        self.ran["sell"] += 1
        shop = self.shop
        cart = ring_up(shop, self.card, *(getattr(shop, name) for name in goods))
        spent = 0
        if take_points:
            try:
                cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_2")
                spent = REWARD_POINTS
                self.ran["points spent"] += 1
            except NotEnoughPoints:
                assert self.model.balance < REWARD_POINTS
        if take_voucher:
            held = loyalty.customer_summary(shop.uow, self.customer_id)
            codes = [r.voucher_code for r in held.available if r.voucher_code]
            if codes:
                cart = loyalty.apply_voucher(shop.uow, shop.cashier, cart, codes[0])
                self.ran["a voucher used"] += 1
        if any(amount == 0 for amount in cart.reward_amounts.values()):
            return  # a reward with nothing to take off is refused; not this rule's business
        method = PaymentMethod.CASH if pay_cash else PaymentMethod.CARD
        cart = pay_exact(cart, method)
        today = self.today()
        expected = math.floor(cart.total * self.model.multiplier(today))

        done = checkout.complete_sale(shop.uow, shop.cashier, cart)

        assert done.loyalty is not None and not done.replayed
        assert done.loyalty.points_earned == expected
        assert done.loyalty.points_spent == spent
        self.model.debit(spent)
        self.model.credit(self.clock.moment, expected)
        self.model.purchases += 1
        if today not in self.model.visit_days:
            self.model.visit_days.append(today)
        assert done.loyalty.balance == self.model.balance
        self.sold.append(SoldModel(done, cart, expected, spent))
        if retried:  # the till timed out waiting for the answer and posts the sale again
            self._post_again(self.sold[-1])

    @precondition(lambda self: bool(self.sold))
    @rule(pick=st.integers(min_value=0))
    def post_again(self, pick: int) -> None:
        """A retry later (another day, even): the same cart records and grants nothing."""
        self._post_again(self.sold[pick % len(self.sold)])

    def _post_again(self, sold: SoldModel) -> None:
        self.ran["post_again"] += 1
        before = ledger_sum(self.shop.uow, self.customer_id)

        again = checkout.complete_sale(self.shop.uow, self.shop.cashier, sold.cart)

        assert again.replayed and again.sale_id == sold.sale.sale_id
        assert again.loyalty is not None
        assert (again.loyalty.points_earned, again.loyalty.points_spent) == (
            sold.earned,
            sold.spent,
        )
        assert ledger_sum(self.shop.uow, self.customer_id) == before

    @rule(take_points=st.booleans())
    def void(self, take_points: bool) -> None:
        self.ran["void"] += 1
        cart = ring_up(self.shop, self.card, self.shop.coffee)
        if take_points and self.model.balance >= REWARD_POINTS:
            cart = loyalty.apply_reward(self.shop.uow, self.shop.cashier, cart, "points:euro_2")
        before = ledger_sum(self.shop.uow, self.customer_id)
        checkout.void_sale(self.shop.uow, self.shop.cashier, cart, "changed their mind")
        assert ledger_sum(self.shop.uow, self.customer_id) == before

    @precondition(lambda self: any(not s.fully_refunded for s in self.sold))
    @rule(pick=st.integers(min_value=0), everything=st.booleans())
    def refund(self, pick: int, everything: bool) -> None:
        self.ran["refund"] += 1
        open_sales = [s for s in self.sold if not s.fully_refunded]
        sold = open_sales[pick % len(open_sales)]
        left = refunds.refundable_sale(self.shop.uow, TILL, sold.sale.receipt_number).lines
        quantities = None
        if not everything:
            line = next(x for x in left if x.refundable > 0)
            quantities = {line.line_id: Decimal(1)}
        sale_total = sold.sale.total
        before = sold.refunded

        done = refund_sale(self.shop, sold.sale, quantities)

        sold.refunded += -done.total
        sold.fully_refunded = everything or sum(x.refundable for x in left) == 1
        reverse = share(sold.earned, sale_total, sold.refunded, sold.fully_refunded) - share(
            sold.earned, sale_total, before, False
        )
        restore = share(sold.spent, sale_total, sold.refunded, sold.fully_refunded) - share(
            sold.spent, sale_total, before, False
        )
        self.model.credit(self.clock.moment, restore)
        taken = min(reverse, self.model.balance)
        if taken < reverse:
            self.ran["a refund short of points"] += 1
        self.model.debit(taken)
        if reverse or restore:
            assert done.loyalty is not None
            assert (done.loyalty.points_reversed, done.loyalty.points_restored) == (taken, restore)
            assert done.loyalty.shortfall == reverse - taken

    # -- the back office and time --------------------------------------------------------

    @rule()
    def give_a_voucher(self) -> None:
        self.ran["give_a_voucher"] += 1
        loyalty.issue_voucher(
            self.shop.uow, self.shop.manager, self.customer_id, "euro_2", "sorry for the wait"
        )

    @rule(points=st.integers(min_value=-400, max_value=600).filter(lambda p: p != 0))
    def adjust(self, points: int) -> None:
        self.ran["adjust"] += 1
        shop = self.shop
        if self.model.balance + points < 0:
            try:
                loyalty.adjust_points(shop.uow, shop.manager, self.customer_id, points, "test")
            except NotEnoughPoints:
                return
            raise AssertionError("a balance went below zero")
        loyalty.adjust_points(shop.uow, shop.manager, self.customer_id, points, "test")
        if points > 0:
            self.model.credit(self.clock.moment, points)
        else:
            self.model.debit(-points)

    @rule(days=st.integers(min_value=0, max_value=120), hours=st.integers(0, 6))
    def time_passes(self, days: int, hours: int) -> None:
        self.ran["time_passes"] += 1
        self.clock.advance(days=days, hours=hours)

    @rule(days=st.integers(min_value=0, max_value=400))
    def expire(self, days: int) -> None:
        self.ran["expire"] += 1
        self.clock.advance(days=days)
        cutoff = year_before(self.clock.moment)
        due = sum(lot.points for lot in self.model.lots if lot.at <= cutoff)

        loyalty.expire_points(self.shop.uow, self.shop.cashier)

        self.model.debit(due)
        if due:
            self.ran["points expired"] += 1

    # -- what must always hold -----------------------------------------------------------

    @invariant()
    def the_balance_is_the_ledger_and_the_model(self) -> None:
        if not hasattr(self, "model"):
            return
        cached = balance(self.shop.uow, self.customer_id)
        assert cached == ledger_sum(self.shop.uow, self.customer_id) == self.model.balance
        assert cached >= 0


def test_random_days_of_trade_keep_the_points_honest(shop: Shop, database_url: str) -> None:
    original = shop.uow.clock
    LoyaltyDays.shop = shop
    LoyaltyDays.ran.clear()
    examples = 60 if "://" not in database_url else 30
    try:
        run_state_machine_as_test(
            LoyaltyDays,
            settings=settings(
                max_examples=examples,
                stateful_step_count=30,
                deadline=None,
                # The same sequences every run: the check below that every kind of step
                # ran must not depend on the draw of the day.
                derandomize=True,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
    finally:
        shop.uow.clock = original
    assert {
        "sell",
        "post_again",
        "void",
        "refund",
        "adjust",
        "time_passes",
        "expire",
        "give_a_voucher",
        "a voucher used",
        "points spent",
        "points expired",
    } <= set(LoyaltyDays.ran), LoyaltyDays.ran
