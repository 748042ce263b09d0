"""The loyalty report against plain Python over the rows the random five months recorded.

The shop of tests/integration/loyalty_shop.py; every figure, the funnel, the stage
changes, the card offers and the cohorts are worked out here from the sales, customers,
stage changes, points entries, vouchers and card offers as read, with visit days taken
from the members' sales (not from customer_visits), stages from the last change before
the end (not from the first after it), and balances from the ledger.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from posapp.db.models import (
    CardOffer,
    Customer,
    PointsEntry,
    Sale,
    StageChange,
    User,
    Voucher,
)
from posapp.domain.periods import Period
from posapp.domain.reminders import usual_interval
from posapp.errors import PermissionDenied
from posapp.output.report import ChartKind, Report
from posapp.services.reports import ReportQuery, aggregates
from posapp.services.reports.loyalty import build
from posapp.services.settings import load_settings
from tests.conftest import Shop
from tests.integration.loyalty_shop import REPORT_AT, ZONE, build_loyalty_shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))  # compared with September
DST_WEEK = Period(date(2026, 10, 19), date(2026, 10, 25))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))  # not over yet: the end is now
ORDER = ("visitor", "buyer", "client", "advocate")
CENT = Decimal("0.01")


@dataclass
class Rows:
    sales: list[Any]
    customers: list[Any]
    changes: list[Any]
    entries: list[Any]
    vouchers: list[Any]
    offers: list[Any]


def read_rows(shop: Shop) -> Rows:
    uow = shop.uow
    with uow:
        s = uow.session
        return Rows(
            sales=list(s.execute(select(Sale))),
            customers=list(s.execute(select(Customer))),
            changes=list(s.execute(select(StageChange).order_by(StageChange.at, StageChange.id))),
            entries=list(s.execute(select(PointsEntry))),
            vouchers=list(s.execute(select(Voucher))),
            offers=list(
                s.execute(
                    select(CardOffer, User.name).outerjoin(User, User.id == CardOffer.user_id)
                )
            ),
        )


def local_day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def month_of(day: date, months: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def expected(shop: Shop, rows: Rows, period: Period) -> dict[str, Any]:
    settings = load_settings(shop.uow)
    rules = settings.loyalty
    start, period_end = period.bounds(ZONE)
    today = local_day(REPORT_AT)
    end = min(period_end, REPORT_AT)
    last = min(period.last, today)
    end_day = last + timedelta(1)
    members = {
        c.Customer.id: c.Customer
        for c in rows.customers
        if c.Customer.merged_into_id is None and c.Customer.created_at < end
    }
    sales = [r.Sale for r in rows.sales if r.Sale.status == "completed"]
    days: dict[int, set[date]] = defaultdict(set)
    for sale in sales:
        if sale.customer_id is not None and sale.kind == "sale":
            days[sale.customer_id].add(local_day(sale.completed_at))
    stage_at: dict[int, str] = {}
    for row in rows.changes:
        if row.StageChange.at < end:
            stage_at[row.StageChange.customer_id] = row.StageChange.to_stage
    funnel: Counter[str] = Counter()
    lapsed = 0
    for cid in members:
        before = sorted(d for d in days[cid] if d < end_day)
        stage = stage_at.get(cid, "visitor")
        recent = [d for d in before if d >= end_day - timedelta(rules.client_window_days)]
        if stage in ("client", "advocate") and len(recent) >= rules.client_visits:
            step = stage
        elif not before:
            step = "offered"
        elif len(before) == 1:
            step = "visitor"
        else:
            step = "buyer"
        funnel[step] += 1
        interval = usual_interval(sorted(days[cid]))
        if len(before) >= 2 and interval is not None and (last - before[-1]).days > 2 * interval:
            lapsed += 1
    offers = [(r.CardOffer, r.name) for r in rows.offers if start <= r.CardOffer.at < period_end]
    answers = Counter(o.answer for o, _n in offers)
    by_cashier: dict[str, Counter[str]] = defaultdict(Counter)
    for offer, name in offers:
        by_cashier[name][offer.answer] += 1
    funnel["offered"] += answers["declined"]
    moves = Counter(
        (r.StageChange.from_stage, r.StageChange.to_stage)
        for r in rows.changes
        if start <= r.StageChange.at < period_end
    )
    up = sum(n for (a, b), n in moves.items() if ORDER.index(b) > ORDER.index(a))
    down = sum(n for (a, b), n in moves.items() if ORDER.index(b) < ORDER.index(a))

    def bought_within(first: date, last_day: date) -> set[int]:
        return {c for c, ds in days.items() if any(first <= d <= last_day for d in ds)}

    in_period = {c: [d for d in ds if period.first <= d <= period.last] for c, ds in days.items()}
    in_period = {c: ds for c, ds in in_period.items() if ds}
    period_sales = [s for s in sales if start <= s.completed_at < period_end]
    net = sum((s.total for s in period_sales), Decimal(0))
    mine = [s for s in period_sales if s.customer_id is not None]
    member_net = sum((s.total for s in mine), Decimal(0))
    member_sold = [s for s in mine if s.kind == "sale"]
    anonymous = [s for s in period_sales if s.customer_id is None and s.kind == "sale"]
    try:
        year_first = end_day.replace(year=end_day.year - 1)
    except ValueError:
        year_first = date(end_day.year - 1, 3, 1)
    year = [
        s
        for s in sales
        if s.customer_id is not None and year_first <= local_day(s.completed_at) < end_day
    ]
    year_buyers = {s.customer_id for s in year if s.kind == "sale"}
    entries = [r.PointsEntry for r in rows.entries]
    in_points = Counter()
    for e in entries:
        if start <= e.at < period_end:
            in_points[e.kind] += e.points
    outstanding = sum(e.points for e in entries if e.at < end)
    ended = Counter()
    for e in entries:
        if e.at < end:
            ended[e.kind] += e.points
    redeemed_ever = -ended["redeemed"] - ended["redemption_restored"]
    expired_ever = -ended["expired"]
    breakage = (
        Decimal(expired_ever) / (redeemed_ever + expired_ever)
        if redeemed_ever + expired_ever
        else None
    )
    liability = (Decimal(outstanding) * CENT * (1 - (breakage or 0))).quantize(CENT)
    vouchers = [r.Voucher for r in rows.vouchers]
    referred = {c.Customer.id for c in rows.customers if c.Customer.referred_by_id is not None}
    first_sale: dict[int, datetime] = {}
    for sale in sorted(sales, key=lambda s: s.completed_at):
        if sale.customer_id is not None and sale.kind == "sale":
            first_sale.setdefault(sale.customer_id, sale.completed_at)
    joined = [
        c.Customer
        for c in rows.customers
        if c.Customer.merged_into_id is None and start <= c.Customer.created_at < period_end
    ]

    def ratio(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
        return Decimal(part) / Decimal(whole) if whole else None

    values = {
        "members": len(members),
        "moved_up": up,
        "fell_back": down,
        "active_30": len(bought_within(end_day - timedelta(30), last)),
        "active_90": len(bought_within(end_day - timedelta(90), last)),
        "members_share": ratio(member_net, net),
        "repeat_rate": ratio(sum(1 for ds in in_period.values() if len(ds) >= 2), len(in_period)),
        "visit_frequency": (
            (Decimal(sum(len(ds) for ds in in_period.values())) / len(in_period)).quantize(CENT)
            if in_period
            else None
        ),
        "new_members": len(joined),
        "card_offers": answers["accepted"] + answers["declined"],
        "offer_acceptance": ratio(answers["accepted"], answers["accepted"] + answers["declined"]),
        "points_issued": sum(
            in_points[k] for k in ("earned", "referral", "bonus", "refund_reversal")
        ),
        "points_redeemed": -in_points["redeemed"] - in_points["redemption_restored"],
        "points_expired": -in_points["expired"],
        "points_adjusted": in_points["adjustment"],
        "points_outstanding": outstanding,
        "breakage": breakage,
        "points_liability": liability,
        "vouchers_issued": sum(1 for v in vouchers if start <= v.issued_at < period_end),
        "vouchers_used": sum(
            1 for v in vouchers if v.used_at is not None and start <= v.used_at < period_end
        ),
        "vouchers_expired": sum(
            1
            for v in vouchers
            if v.status != "used"
            and period.first <= v.expires_on <= min(period.last, today - timedelta(1))
        ),
        "referrals": sum(
            1 for c in referred if c in first_sale and start <= first_sale[c] < period_end
        ),
        "lapsed": lapsed,
        "member_yearly_spend": (
            (sum((s.total for s in year), Decimal(0)) / len(year_buyers)).quantize(CENT)
            if year_buyers
            else None
        ),
        "member_basket": (
            (sum((s.total for s in member_sold), Decimal(0)) / len(member_sold)).quantize(CENT)
            if member_sold
            else None
        ),
        "anonymous_basket": (
            (sum((s.total for s in anonymous), Decimal(0)) / len(anonymous)).quantize(CENT)
            if anonymous
            else None
        ),
    }
    # Cohorts: the month of the end and the twelve before it.
    cohorts = []
    for back in range(12, -1, -1):
        month = month_of(last, -back)
        people = [cid for cid, c in members.items() if month_of(local_day(c.created_at)) == month]
        if not people:
            continue
        cells: list[Decimal | None] = []
        for after in (1, 3, 6, 12):
            later = month_of(month, after)
            over = month_of(later, 1) - timedelta(1) <= period.last and month_of(later, 1) <= today
            if after > back or not over:
                cells.append(None)
                continue
            buyers = sum(
                1
                for cid in people
                if any(later <= d < month_of(later, 1) and d < end_day for d in days[cid])
            )
            cells.append(Decimal(buyers) / len(people))
        cohorts.append((month, len(people), *cells))
    offers_rows = {
        name: (
            c["accepted"],
            c["declined"],
            c["not_asked"],
            ratio(c["accepted"], c["accepted"] + c["declined"]),
        )
        for name, c in by_cashier.items()
    }
    return {
        "values": values,
        "funnel": {k: funnel[k] for k in ("offered", *ORDER)},
        "moves": dict(moves),
        "offers": offers_rows,
        "cohorts": cohorts,
    }


@pytest.fixture
def traded(shop: Shop) -> tuple[Shop, Rows]:
    build_loyalty_shop(shop)
    aggregates.catch_up(shop.uow)
    return shop, read_rows(shop)


def report(shop: Shop, period: Period, compare: bool = True) -> Report:
    return build(shop.uow, shop.owner, ReportQuery(period, compare=compare))


def check(shop: Shop, rows: Rows, period: Period) -> None:
    got = report(shop, period)
    now = expected(shop, rows, period)
    before = expected(shop, rows, period.previous())
    for key, value in now["values"].items():
        figure = got.figure(key)
        assert (key, figure.value) == (key, value)
        assert (key, figure.previous) == (key, before["values"][key])
    assert {f.key for f in got.figures} == set(now["values"])
    funnel = got.table("funnel")
    assert [row[1] for row in funnel.rows] == list(now["funnel"].values())
    assert [row[2] for row in funnel.rows] == list(before["funnel"].values())
    chart = got.chart("funnel")
    assert chart.kind is ChartKind.HORIZONTAL_BAR
    assert chart.series[0].values == tuple(now["funnel"].values())
    assert sum(row[2] for row in got.table("movement").rows) == sum(now["moves"].values())
    offers = {row[0]: row[1:] for row in got.table("card_offers").rows}
    assert offers == now["offers"]
    assert list(got.table("cohorts").rows) == now["cohorts"]


def test_every_figure_agrees_with_the_rows(traded: tuple[Shop, Rows]) -> None:
    shop, rows = traded
    for period in (OCTOBER, DST_WEEK, NOVEMBER):
        check(shop, rows, period)
    # The five months give every kind of figure something to show.
    shown = [expected(shop, rows, period) for period in (OCTOBER, NOVEMBER)]
    for key in (
        "moved_up",
        "fell_back",
        "points_expired",
        "points_redeemed",
        "lapsed",
        "referrals",
        "new_members",
        "vouchers_used",
    ):
        assert any(e["values"][key] for e in shown), key
    assert any(cells[3] is not None for cells in shown[0]["cohorts"])


def test_a_cashier_may_not_see_it_owner_and_manager_may(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        build(shop.uow, shop.cashier, ReportQuery(OCTOBER))
    for actor in (shop.owner, shop.manager):
        got = build(shop.uow, actor, ReportQuery(OCTOBER))
        assert got.name == "loyalty"
