"""The reports' aggregates: the same takings whether summed or read raw, across DST and midnight.

Sales, refunds and voids are made at moments the test chooses (around local
midnight and the night Riga's clocks go back); the expected figures are
summed here in Python from what the services returned, then compared with
what the aggregates give before they catch up (raw rows), after (summed
days), after a catch-up that failed halfway, and after a rebuild.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from posapp.db.models import ReportTakings
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.periods import Period
from posapp.domain.roles import Actor
from posapp.services import checkout
from posapp.services.reports import ReportQuery
from posapp.services.reports import aggregates as agg
from posapp.services.reports.common import Scope, open_scope
from posapp.services.settings import update_settings
from tests.conftest import Shop
from tests.integration.helpers import pay_exact, refund_sale, ring_up, sell
from tests.integration.loyalty_helpers import Clock, use_clock

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

RIGA = ZoneInfo("Europe/Riga")
# Local moments: either side of midnight, and inside the hour 03:00-04:00 that
# happens twice on 2026-10-25 (summer time ends), and on ordinary days.
MOMENTS = [
    datetime(2026, 10, 23, 23, 58, tzinfo=RIGA),
    datetime(2026, 10, 24, 0, 1, tzinfo=RIGA),
    datetime(2026, 10, 24, 12, 30, tzinfo=RIGA),
    datetime(2026, 10, 25, 3, 20, tzinfo=RIGA),  # the first 03:20 (summer time)
    datetime(2026, 10, 25, 3, 20, fold=1, tzinfo=RIGA),  # the second, an hour later
    datetime(2026, 10, 25, 23, 59, tzinfo=RIGA),
    datetime(2026, 10, 26, 0, 0, tzinfo=RIGA),
    datetime(2026, 10, 27, 18, 45, tzinfo=RIGA),
]


def _build(shop: Shop, clock: Clock) -> dict[str, dict[tuple[object, ...], Decimal]]:
    """Random sales, refunds and voids at MOMENTS; what a report must say, summed by hand."""
    update_settings(shop.uow, shop.owner, time_zone="Europe/Riga")
    rng = random.Random(2026)
    goods = [shop.bread, shop.milk, shop.coffee]
    gross_by_day: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    sales_by_hour: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    vat_by_rate: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    paid_by_method: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    voids: dict[tuple[object, ...], Decimal] = defaultdict(Decimal)
    for moment in MOMENTS:
        for _ in range(rng.randint(1, 3)):
            clock.moment = moment.astimezone(UTC) + timedelta(seconds=rng.randint(0, 50))
            local = clock.moment.astimezone(RIGA)
            codes = [rng.choice(goods) for _ in range(rng.randint(1, 4))]
            method = rng.choice([PaymentMethod.CASH, PaymentMethod.CARD])
            if rng.random() < 0.15:
                cart = ring_up(shop, *codes)
                checkout.void_sale(shop.uow, shop.cashier, cart, "customer left", shop.manager)
                voids[(local.date(),)] += 1
                continue
            done = sell(shop, *codes, method=method)
            gross_by_day[(local.date(),)] += done.total
            sales_by_hour[(local.date(), local.hour)] += 1
            for rate, (_net, vat) in _vat_of(shop.uow, done.sale_id).items():
                vat_by_rate[("sale", rate)] += vat
            paid_by_method[("sale", method.value)] += done.total
            if rng.random() < 0.3:
                clock.advance(seconds=30)
                refund = refund_sale(shop, done, method=PaymentMethod.CASH)
                local = clock.moment.astimezone(RIGA)
                gross_by_day[(local.date(),)] += refund.total
                for rate, (_net, vat) in _vat_of(shop.uow, refund.sale_id).items():
                    vat_by_rate[("refund", rate)] += vat
                paid_by_method[("refund", "cash")] += refund.total
    return {
        "gross_by_day": dict(gross_by_day),
        "sales_by_hour": dict(sales_by_hour),
        "vat_by_rate": dict(vat_by_rate),
        "paid_by_method": dict(paid_by_method),
        "voids": dict(voids),
    }


def _vat_of(uow: UnitOfWork, sale_id: int) -> dict[Decimal, tuple[Decimal, Decimal]]:
    """The VAT of one sale by rate, from its lines as the receipt prints them."""
    from tests.integration.helpers import sale_lines

    found: dict[Decimal, tuple[Decimal, Decimal]] = {}
    for line in sale_lines(uow, sale_id):
        net, vat = found.get(line.vat_rate, (Decimal(0), Decimal(0)))
        found[line.vat_rate] = (net + line.total - line.vat_amount, vat + line.vat_amount)
    return found


def _scope(uow: UnitOfWork, actor: Actor) -> Scope:
    query = ReportQuery(Period(date(2026, 10, 23), date(2026, 10, 27)), compare=False)
    with uow:
        return open_scope(uow, actor, query)


def _figures(uow: UnitOfWork, scope: Scope) -> dict[str, dict[tuple[object, ...], Decimal]]:
    """What the aggregates say, in the shape `_build` sums by hand."""
    with uow:
        completed = lambda c: c.status == "completed"  # noqa: E731
        by_day = agg.totals(uow, scope, agg.TAKINGS, ["day"], completed)
        by_hour = agg.totals(
            uow,
            scope,
            agg.TAKINGS,
            ["day", "hour"],
            lambda c: (c.status == "completed") & (c.kind == "sale"),
        )
        vat = agg.totals(uow, scope, agg.VAT, ["kind", "vat_rate"], completed)
        paid = agg.totals(uow, scope, agg.PAYMENTS, ["kind", "method"], completed)
        voids = agg.totals(uow, scope, agg.TAKINGS, ["day"], lambda c: c.status == "voided")
    return {
        "gross_by_day": {(r["day"],): r["gross"] for r in by_day},
        "sales_by_hour": {(r["day"], r["hour"]): Decimal(r["sales"]) for r in by_hour},
        "vat_by_rate": {(r["kind"], Decimal(r["vat_rate"]).scaleb(-2)): r["vat"] for r in vat},
        "paid_by_method": {(r["kind"], r["method"]): r["amount"] for r in paid},
        "voids": {(r["day"],): Decimal(r["sales"]) for r in voids},
    }


def test_the_aggregates_give_the_takings_summed_by_hand_before_and_after_catching_up(
    shop: Shop,
) -> None:
    clock = Clock(MOMENTS[0].astimezone(UTC))
    restore = use_clock(shop, clock)
    try:
        expected = _build(shop, clock)
        # Two sales in the hour that happens twice: both counted in the local hour 3.
        assert expected["sales_by_hour"].get((date(2026, 10, 25), 3), 0) >= 2
        scope = _scope(shop.uow, shop.owner)
        assert _figures(shop.uow, scope) == expected  # nothing summed yet: all raw

        clock.moment = datetime(2026, 10, 27, 12, 0, tzinfo=RIGA).astimezone(UTC)
        assert agg.catch_up(shop.uow) == date(2026, 10, 26)  # the 27th is not over
        with shop.uow:
            assert agg.through(shop.uow) == date(2026, 10, 26)
        assert _figures(shop.uow, scope) == expected  # summed days and the raw 27th

        clock.moment = datetime(2026, 11, 2, 12, 0, tzinfo=RIGA).astimezone(UTC)
        assert agg.catch_up(shop.uow) == date(2026, 11, 1)
        assert _figures(shop.uow, scope) == expected
        with shop.uow:
            assert agg.differences(shop.uow) == []
    finally:
        restore()


def test_a_catch_up_that_fails_halfway_leaves_nothing_half_summed(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock(MOMENTS[0].astimezone(UTC))
    restore = use_clock(shop, clock)
    try:
        expected = _build(shop, clock)
        clock.moment = datetime(2026, 11, 2, 12, 0, tzinfo=RIGA).astimezone(UTC)
        real_sum = agg._sum_days
        calls = []

        def crash_on_the_third_day(uow: UnitOfWork, day_clock: agg._Clock) -> None:
            calls.append(day_clock.first)
            if len(calls) == 3:  # the first two days are kept: a day is one transaction
                raise OSError("disk I/O error")
            real_sum(uow, day_clock)

        monkeypatch.setattr(agg, "_sum_days", crash_on_the_third_day)
        with pytest.raises(OSError):
            agg.catch_up(shop.uow)
        with shop.uow:
            # The two days before were summed (a day is one transaction); the third not at all.
            assert agg.through(shop.uow) == date(2026, 10, 24)
            assert (
                shop.uow.session.scalar(
                    select(func.count()).where(ReportTakings.day > date(2026, 10, 24))
                )
                == 0
            )
            assert agg.differences(shop.uow) == []
        scope = _scope(shop.uow, shop.owner)
        assert _figures(shop.uow, scope) == expected

        monkeypatch.setattr(agg, "_sum_days", real_sum)
        assert agg.catch_up(shop.uow) == date(2026, 11, 1)
        assert _figures(shop.uow, scope) == expected
        assert agg.rebuild(shop.uow) == date(2026, 11, 1)
        assert _figures(shop.uow, scope) == expected
        with shop.uow:
            assert agg.differences(shop.uow) == []
    finally:
        restore()


def test_a_sale_completed_late_into_a_summed_day_is_summed_again(shop: Shop) -> None:
    """A till whose clock is behind completes a sale into a day already summed."""
    clock = Clock(MOMENTS[0].astimezone(UTC))
    restore = use_clock(shop, clock)
    try:
        expected = _build(shop, clock)
        clock.moment = datetime(2026, 10, 30, 12, 0, tzinfo=RIGA).astimezone(UTC)
        agg.catch_up(shop.uow)
        clock.moment = datetime(2026, 10, 26, 15, 0, tzinfo=RIGA).astimezone(UTC)
        late = sell(shop, shop.coffee)
        expected["gross_by_day"][(date(2026, 10, 26),)] += late.total
        expected["sales_by_hour"][(date(2026, 10, 26), 15)] = (
            expected["sales_by_hour"].get((date(2026, 10, 26), 15), Decimal(0)) + 1
        )
        for rate, (_net, vat) in _vat_of(shop.uow, late.sale_id).items():
            expected["vat_by_rate"][("sale", rate)] += vat
        expected["paid_by_method"][("sale", "card")] += late.total
        clock.moment = datetime(2026, 10, 30, 13, 0, tzinfo=RIGA).astimezone(UTC)
        agg.catch_up(shop.uow)
        assert _figures(shop.uow, _scope(shop.uow, shop.owner)) == expected
    finally:
        restore()


def test_one_till_s_takings_are_that_till_s_only(shop: Shop) -> None:
    clock = Clock(datetime(2026, 10, 24, 10, 0, tzinfo=RIGA).astimezone(UTC))
    restore = use_clock(shop, clock)
    try:
        update_settings(shop.uow, shop.owner, time_zone="Europe/Riga")
        from posapp.services import shifts

        shifts.ensure_till(shop.uow, "T2")
        shifts.open_shift(shop.uow, shop.manager, "T2", Decimal("50.00"))
        first = sell(shop, shop.bread)
        cart = pay_exact(ring_up(shop, shop.coffee, shop.coffee, till="T2"))
        second = checkout.complete_sale(shop.uow, shop.cashier, cart)
        query = ReportQuery(Period(date(2026, 10, 24), date(2026, 10, 24)), "T2", compare=False)
        for moment in (clock.moment, clock.moment + timedelta(days=3)):
            clock.moment = moment
            agg.catch_up(shop.uow)
            with shop.uow:
                scope = open_scope(shop.uow, shop.owner, query)
                rows = agg.totals(shop.uow, scope, agg.TAKINGS, [])
            assert rows[0]["gross"] == second.total != first.total
    finally:
        restore()
