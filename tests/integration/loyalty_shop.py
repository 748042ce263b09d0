"""A seeded random five months of a shop's loyalty programme for the loyalty and care reports.

`build_loyalty_shop` drives the `shop` fixture (tests/conftest.py) through the public
services, as the till would, from Monday 1 June to Tuesday 3 November 2026 in
Europe/Riga: members enrolled along the way (some brought by another), each with a habit
of their own (some stop coming), their sales with points rewards and vouchers, refunds,
points expiring every Monday (after two months), sales without a card with the card
offer's answer, ratings, complaints and promises made and resolved, notes, reminders
marked done or dismissed, and sales minutes either side of midnight and in the hour the
clocks go back (Sunday 25 October). The tests read what was recorded themselves.

With `varied=True` (the care report's tests) there is a second till, T2: members' sales
are rung up on either till, reminders are marked on either or without a till, some
ratings are given without a sale and some with a comment, promises are made more often,
and the cashiers mark one member's reminders mostly done, another's only dismissed and a
third's never (leaving them alone at every sale; others' now and then). Without it the
same seed makes the same shop as before.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select

from posapp.db.models import Complaint, Promise, Voucher
from posapp.domain.cart import Cart, PaymentMethod
from posapp.domain.periods import Period
from posapp.domain.reminders import Reminder
from posapp.domain.roles import Actor
from posapp.services import care, checkout, loyalty, shifts
from posapp.services.care import CardOfferAnswer
from posapp.services.checkout import CompletedSale
from posapp.services.settings import update_settings
from tests.conftest import TILL, Shop
from tests.integration.helpers import pay_exact, refund_sale, ring_up
from tests.integration.loyalty_helpers import Clock, balance, set_loyalty, use_clock

ZONE_NAME = "Europe/Riga"
SECOND_TILL = "T2"
COMMENTS = ("Friendly as always", "Queue was long", "Ļoti garšīga maize", "Could not find oat milk")
ZONE = ZoneInfo(ZONE_NAME)
FIRST_DAY = date(2026, 6, 1)  # a Monday
LAST_DAY = date(2026, 11, 3)
DST_DAY = date(2026, 10, 25)
REPORT_AT = datetime(2026, 11, 4, 8, 0, tzinfo=UTC)  # the morning after the last day
NAMES = (
    "Anna Bērziņa",
    "Jānis Kalniņš",
    "Līva Ozola",
    "Kārlis Liepa",
    "Marta Zariņa",
    "Pēteris Krūmiņš",
    "Inese Vītola",
    "Rūdolfs Sproģis",
    "Elza Kļaviņa",
    "Gatis Ķēniņš",
    "Sanita Puriņa",
)

# A test's own events of a day: (the moment, what to do then) for each.
Extra = Callable[[date], list[tuple[datetime, Callable[[], None]]]]

ENROLLED_AFTER = (0, 0, 0, 0, 20, 40, 60, 80, 100, 125, 135)  # days after the first


@dataclass
class Member:
    customer_id: int
    card: str
    habit: float  # the chance of a purchase on a day
    quits_on: date | None  # from this day on they do not come


@dataclass
class _Builder:
    shop: Shop
    rng: random.Random
    clock: Clock
    varied: bool = False
    extra: Extra | None = None
    members: list[Member] = field(default_factory=list)
    refundable: list[CompletedSale] = field(default_factory=list)

    def actor(self) -> Actor:
        return self.rng.choice([self.shop.cashier, self.shop.cashier, self.shop.manager])

    def enrol(self, name: str) -> None:
        rng = self.rng
        referrer = rng.choice(self.members).card if self.members and rng.random() < 0.4 else None
        summary = loyalty.enrol_customer(
            self.shop.uow, self.actor(), name, consent=rng.random() < 0.7, referred_by=referrer
        )
        assert summary.card_number is not None
        quits = FIRST_DAY + timedelta(rng.randint(40, 150)) if rng.random() < 0.3 else None
        habit = rng.choice([0.04, 0.1, 0.2, 0.35, 0.5])
        self.members.append(Member(summary.customer_id, summary.card_number, habit, quits))

    def codes(self) -> list[str]:
        shop = self.shop
        return self.rng.choices([shop.bread, shop.milk, shop.coffee], k=self.rng.randint(1, 3))

    def open_voucher(self, customer_id: int, today: date) -> str | None:
        uow = self.shop.uow
        with uow:
            return uow.session.scalars(
                select(Voucher.code).where(
                    Voucher.customer_id == customer_id,
                    Voucher.status == "issued",
                    Voucher.expires_on >= today,
                )
            ).first()

    def member_sale(self, member: Member, today: date) -> None:
        shop, rng = self.shop, self.rng
        actor = self.actor()
        till = rng.choice((TILL, SECOND_TILL)) if self.varied else TILL
        cart = ring_up(shop, member.card, shop.coffee, *self.codes(), actor=actor, till=till)
        if balance(shop.uow, member.customer_id) >= 200 and rng.random() < 0.6:
            cart = loyalty.apply_reward(shop.uow, actor, cart, "points:euro_2")
        code = self.open_voucher(member.customer_id, today)
        if code is not None and rng.random() < 0.5:
            cart = loyalty.apply_voucher(shop.uow, actor, cart, code)
        left: tuple[Reminder, ...] = ()
        if self.varied and (member.customer_id % 3 == 2 or rng.random() < 0.3):
            # On the screen, unmarked, when the sale completes: left alone.
            left = care.customer_reminders(shop.uow, member.customer_id).reminders
        sale = checkout.complete_sale(shop.uow, actor, pay_exact(cart), left)
        if till == TILL:  # refund_sale refunds T1's sales
            self.refundable.append(sale)
        self.care_after(member, sale, actor, today)

    def care_after(self, member: Member, sale: CompletedSale, actor: Actor, today: date) -> None:
        uow, rng, cid = self.shop.uow, self.rng, member.customer_id
        if rng.random() < 0.3:
            rating = rng.choice([5, 5, 5, 4, 4, 3, 2, 1])
            comment, at_sale = None, True
            if self.varied:
                comment = rng.choice(COMMENTS) if rng.random() < 0.3 else None
                at_sale = rng.random() < 0.85
            care.rate_service(
                uow, actor, cid, rating, comment, sale_id=sale.sale_id if at_sale else None
            )
        if rng.random() < 0.06:
            care.add_complaint(uow, actor, cid, "The bread was stale", "a fresh loaf")
        if rng.random() < (0.15 if self.varied else 0.06):
            care.add_promise(
                uow, actor, cid, "Order rye flour", today + timedelta(rng.randint(0, 9))
            )
        if rng.random() < 0.08:
            care.add_note(uow, actor, cid, "Likes dark rye", preference=rng.random() < 0.5)
        reminders = [r for r in care.customer_reminders(uow, cid).reminders if not r.sticky]
        # With variety the cashiers have their ways with a member: they mostly act on
        # one's reminders, put away another's, and never mark a third's.
        way = cid % 3 if self.varied else 0
        if reminders and way != 2 and rng.random() < 0.5:
            reminder = rng.choice(reminders)
            done = rng.random() < 0.6 and way == 0
            till = rng.choice((TILL, SECOND_TILL, None)) if self.varied else TILL
            care.mark_reminder(uow, actor, cid, reminder.key, done, till=till)

    def resolve_some(self) -> None:
        uow, rng = self.shop.uow, self.rng
        with uow:
            complaints = list(
                uow.session.scalars(select(Complaint.id).where(Complaint.status == "open"))
            )
            promises = list(uow.session.scalars(select(Promise.id).where(Promise.status == "open")))
        for complaint in complaints:
            if rng.random() < 0.3:
                care.resolve_complaint(uow, self.actor(), complaint, "A fresh loaf given")
        for promise in promises:
            if rng.random() < 0.25:
                done = rng.random() < 0.8
                care.resolve_promise(uow, self.actor(), promise, done=done, how="Not in stock")

    def anonymous_sale(self) -> None:
        shop, actor = self.shop, self.actor()
        cart: Cart = ring_up(shop, *self.codes(), actor=actor)
        sale = checkout.complete_sale(shop.uow, actor, cart.pay(PaymentMethod.CASH, cart.due))
        answer = self.rng.choice(list(CardOfferAnswer))
        if self.rng.random() < 0.8:
            care.record_card_offer(shop.uow, actor, sale.sale_id, answer)

    def refund(self) -> None:
        sale = self.rng.choice(self.refundable)
        self.refundable.remove(sale)
        refund_sale(self.shop, sale, reason="changed mind")

    def day(self, today: date, enrolments: list[str]) -> None:
        rng, clock = self.rng, self.clock
        start, end = Period(today, today).bounds(ZONE)
        clock.moment = start + timedelta(minutes=1)
        for till in self.tills:
            shifts.open_shift(self.shop.uow, self.shop.manager, till, Decimal("100.00"))
        if today.weekday() == 0:
            loyalty.expire_points(self.shop.uow, self.shop.manager)
        seconds = int((end - start).total_seconds())
        events: list[tuple[datetime, str, object]] = []

        def moment() -> datetime:
            roll = rng.random()
            if roll < 0.08:
                return start + timedelta(minutes=rng.randint(3, 20))
            if roll < 0.16:
                return end - timedelta(minutes=rng.randint(3, 20))
            return start + timedelta(seconds=rng.randrange(1800, seconds - 1800))

        for name in enrolments:
            events.append((moment(), "enrol", name))
        for member in self.members:
            if member.quits_on is not None and today >= member.quits_on:
                continue
            if rng.random() < member.habit:
                events.append((moment(), "member", member))
        for _n in range(rng.randint(0, 2)):
            events.append((moment(), "anonymous", None))
        if self.refundable and rng.random() < 0.15:
            events.append((moment(), "refund", None))
        if today == DST_DAY:  # 03:30 summer time, then 03:30 winter time
            events.append((datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "anonymous", None))
            if self.members:
                events.append(
                    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "member", self.members[0])
                )
        for at, action in self.extra(today) if self.extra is not None else ():
            events.append((at, "extra", action))
        events.sort(key=lambda event: event[0])
        for at, what, about in events:
            clock.moment = at
            if what == "enrol":
                assert isinstance(about, str)
                self.enrol(about)
            elif what == "member":
                assert isinstance(about, Member)
                self.member_sale(about, today)
            elif what == "anonymous":
                self.anonymous_sale()
            elif what == "extra":
                assert callable(about)
                about()
            else:
                self.refund()
        clock.moment = end - timedelta(minutes=1)
        if rng.random() < 0.3:
            self.resolve_some()
        for till in self.tills:
            shifts.close_shift(
                self.shop.uow, self.shop.manager, till, {PaymentMethod.CASH: Decimal("100.00")}
            )

    @property
    def tills(self) -> tuple[str, ...]:
        return (TILL, SECOND_TILL) if self.varied else (TILL,)


def build_loyalty_shop(
    shop: Shop, seed: int = 2026, *, varied: bool = False, extra: Extra | None = None
) -> list[Member]:
    """The five months of trading (see the module's docstring); the clock is left at REPORT_AT.

    `extra`: what else happens on a day, at which moments (a test's own cases), among the
    random events; it is called with each day.
    """
    uow = shop.uow
    update_settings(uow, shop.owner, time_zone=ZONE_NAME)
    set_loyalty(
        shop,
        points_expire_months=1,
        client_visits=3,
        client_window_days=21,
        advocate_five_star_ratings=2,
    )
    shifts.close_shift(uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    if varied:
        shifts.ensure_till(uow, SECOND_TILL)
    clock = Clock()
    restore = use_clock(shop, clock)
    builder = _Builder(shop, random.Random(seed), clock, varied, extra)
    schedule: dict[date, list[str]] = {}
    for name, days in zip(NAMES, ENROLLED_AFTER, strict=True):
        schedule.setdefault(FIRST_DAY + timedelta(days), []).append(name)
    try:
        day = FIRST_DAY
        while day <= LAST_DAY:
            builder.day(day, schedule.get(day, []))
            day += timedelta(1)
        clock.moment = REPORT_AT
    except BaseException:
        restore()
        raise
    return builder.members
