"""The care report against plain Python over the rows the random five months recorded.

The shop of tests/integration/loyalty_shop.py with its variety for care (two tills,
reminders marked on either or on none or left alone at a sale, ratings with comments and
without a sale); every figure and every table and chart value is worked out here from the
reminder actions and those left alone,
sales, ratings, promises, complaints and notes as read, with the shop's days taken from
each moment in Python (zoneinfo), and visit days from the members' sales.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import select

from posapp.db.models import (
    Complaint,
    CustomerNote,
    Promise,
    Rating,
    ReminderAction,
    ReminderLeft,
    Sale,
    Till,
    User,
)
from posapp.domain.periods import Period
from posapp.domain.reminders import ReminderKind, kind_name
from posapp.errors import PermissionDenied
from posapp.i18n import format_day_month, language
from posapp.output.report import ChartKind, Report
from posapp.output.report_pdf import render_report_pdf
from posapp.services import care, checkout, loyalty
from posapp.services.reports import ReportQuery, run_report
from posapp.services.reports.care import build
from tests.conftest import TILL, Shop
from tests.integration.helpers import pay_exact, ring_up
from tests.integration.loyalty_shop import (
    DST_DAY,
    REPORT_AT,
    SECOND_TILL,
    ZONE,
    build_loyalty_shop,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))  # compared with September
DST_WEEK = Period(date(2026, 10, 19), date(2026, 10, 25))  # compared with the week before
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))  # not over yet: the end is now
SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
OCT_28 = date(2026, 10, 28)
NOV_6 = date(2026, 11, 6)
SUMMER = Period(date(2026, 6, 1), date(2026, 9, 30))  # weeks in the trend, 30 days over
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
ONE = timedelta(1)


@dataclass
class Rows:
    actions: list[tuple[ReminderAction, str | None]]
    left: list[tuple[ReminderLeft, str | None]]
    sales: list[Sale]
    ratings: list[tuple[Rating, str | None]]
    promises: list[Promise]
    complaints: list[Complaint]
    notes: list[CustomerNote]
    names: dict[int, str]
    tills: dict[str, int]


def read_rows(shop: Shop) -> Rows:
    uow = shop.uow
    with uow:
        s = uow.session
        names = {u.id: u.name for u in s.scalars(select(User))}
        actions = list(s.scalars(select(ReminderAction)))
        left = list(s.scalars(select(ReminderLeft)))
        ratings = list(s.scalars(select(Rating)))
        return Rows(
            actions=[(a, names.get(a.user_id)) for a in actions],
            left=[(r, names.get(r.user_id)) for r in left],
            sales=list(s.scalars(select(Sale))),
            ratings=[(r, names.get(r.user_id)) for r in ratings],
            promises=list(s.scalars(select(Promise))),
            complaints=list(s.scalars(select(Complaint))),
            notes=list(s.scalars(select(CustomerNote))),
            names=names,
            tills={t.code: t.id for t in s.scalars(select(Till))},
        )


def local_day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def ratio(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


def average(total: int, count: int) -> Decimal | None:
    return (Decimal(total) / count).quantize(TENTH, ROUND_HALF_UP) if count else None


def expected(rows: Rows, period: Period, till: str | None = None) -> dict[str, Any]:
    start, end = period.bounds(ZONE)
    today = local_day(REPORT_AT)
    end_moment = min(end, REPORT_AT)
    till_id = rows.tills[till] if till is not None else None
    sale_till = {s.id: s.till_id for s in rows.sales}

    def within(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    actions = [
        (a, name)
        for a, name in rows.actions
        if within(a.at) and (till_id is None or a.till_id == till_id)
    ]
    left_alone = [
        (r, name)
        for r, name in rows.left
        if within(r.at) and (till_id is None or r.till_id == till_id)
    ]
    done = sum(1 for a, _n in actions if a.action == "done")
    dismissed = sum(1 for a, _n in actions if a.action == "dismissed")
    left = len(left_alone)
    shown = done + dismissed + left
    by_kind = Counter((a.kind, a.action) for a, _n in actions)
    by_kind.update((r.kind, "left") for r, _n in left_alone)
    by_who = Counter((name, a.action) for a, name in actions)
    by_who.update((name, "left") for _r, name in left_alone)
    member_sales = [
        s
        for s in rows.sales
        if s.status == "completed"
        and s.kind == "sale"
        and s.customer_id is not None
        and within(s.completed_at)
        and (till_id is None or s.till_id == till_id)
    ]
    rated_ids = {r.sale_id for r, _n in rows.ratings if r.sale_id is not None}
    served_by = Counter(rows.names[s.user_id] for s in member_sales)
    rated_by = Counter(rows.names[s.user_id] for s in member_sales if s.id in rated_ids)
    rated_sales = sum(rated_by.values())
    # Promises due in the period, by their outcome at the end.
    overdue_before = min(period.last + timedelta(1), today)
    outcomes: Counter[str] = Counter()
    for p in rows.promises:
        if not period.first <= p.due_on <= period.last:
            continue
        resolved = p.status != "open" and p.resolved_at is not None
        resolved = resolved and p.resolved_at < end_moment
        if resolved and p.status == "cancelled":
            outcomes["cancelled"] += 1
        elif resolved and local_day(p.resolved_at) <= p.due_on:
            outcomes["on_time"] += 1
        elif resolved:
            outcomes["late"] += 1
        elif p.due_on < overdue_before:
            outcomes["overdue"] += 1
        else:
            outcomes["open"] += 1
    resolved_complaints = [c for c in rows.complaints if within(c.resolved_at)]
    lengths = sorted(
        Decimal((c.resolved_at - c.taken_at).total_seconds()) for c in resolved_complaints
    )
    median = None
    if lengths:
        n = len(lengths)
        middle = lengths[n // 2] if n % 2 else (lengths[n // 2 - 1] + lengths[n // 2]) / 2
        median = (middle / 86400).quantize(TENTH, ROUND_HALF_UP)
    ratings = [
        (r, name)
        for r, name in rows.ratings
        if within(r.at)
        and (till_id is None or (r.sale_id is not None and sale_till[r.sale_id] == till_id))
    ]
    stars = Counter(r.rating for r, _n in ratings)
    weekly = period.days > 31
    buckets: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for r, _n in ratings:
        day = local_day(r.at)
        bucket = day - timedelta(day.weekday()) if weekly else day
        buckets[bucket][0] += 1
        buckets[bucket][1] += r.rating
    comments = sorted(
        ((r, name) for r, name in ratings if r.comment),
        key=lambda rn: (rn[0].at, rn[0].id),
        reverse=True,
    )
    notes = Counter(n.kind for n in rows.notes if within(n.at))
    # Who came back: visit days from the members' sales, on every till.
    visits: dict[int, set[date]] = defaultdict(set)
    for s in rows.sales:
        if s.status == "completed" and s.kind == "sale" and s.customer_id is not None:
            visits[s.customer_id].add(local_day(s.completed_at))
    first_done: dict[int, datetime] = {}
    first_dismissed: dict[int, datetime] = {}
    for a, _n in rows.actions:
        if within(a.at):
            first = first_done if a.action == "done" else first_dismissed
            if a.customer_id not in first or a.at < first[a.customer_id]:
                first[a.customer_id] = a.at
    first_left: dict[int, datetime] = {}
    for r, _n in rows.left:
        if within(r.at) and (r.customer_id not in first_left or r.at < first_left[r.customer_id]):
            first_left[r.customer_id] = r.at
    visitors = {c for c, days in visits.items() if any(d in period for d in days)}
    groups: dict[str, list[int]] = {g: [0, 0, 0] for g in ("done", "dismissed", "left", "none")}
    for customer in visitors | set(first_done) | set(first_dismissed) | set(first_left):
        if customer in first_done:
            group, anchor = "done", local_day(first_done[customer])
        elif customer in first_dismissed:
            group, anchor = "dismissed", local_day(first_dismissed[customer])
        elif customer in first_left:
            group, anchor = "left", local_day(first_left[customer])
        else:
            group, anchor = "none", min(d for d in visits[customer] if d in period)
        counts = groups[group]
        counts[0] += 1
        if anchor + timedelta(30) < today:
            counts[1] += 1
            if any(anchor < d <= anchor + timedelta(30) for d in visits[customer]):
                counts[2] += 1
    marked = done + dismissed
    values = {
        "reminders_shown": shown,
        "reminders_done": done,
        "reminders_dismissed": dismissed,
        "reminders_left": left,
        "reminders_done_share": ratio(done, shown),
        "members_served": len({s.customer_id for s in member_sales}),
        "marked_per_sale": (
            (Decimal(marked) / len(member_sales)).quantize(HUNDREDTH, ROUND_HALF_UP)
            if member_sales
            else None
        ),
        "promises_made": sum(1 for p in rows.promises if within(p.taken_at)),
        "promises_due": sum(outcomes.values()),
        "promises_on_time": outcomes["on_time"],
        "promises_late": outcomes["late"],
        "promises_cancelled": outcomes["cancelled"],
        "promises_overdue": outcomes["overdue"],
        "promises_on_time_share": ratio(
            outcomes["on_time"], outcomes["on_time"] + outcomes["late"] + outcomes["overdue"]
        ),
        "complaints_opened": sum(1 for c in rows.complaints if within(c.taken_at)),
        "complaints_resolved": len(resolved_complaints),
        "complaints_median_days": median,
        "complaints_open": sum(
            1
            for c in rows.complaints
            if c.taken_at < end_moment and (c.resolved_at is None or c.resolved_at >= end_moment)
        ),
        "ratings": len(ratings),
        "rating_average": average(sum(r.rating for r, _n in ratings), len(ratings)),
        "sales_rated_share": ratio(rated_sales, len(member_sales)),
        "notes_written": notes["note"],
        "preferences_written": notes["preference"],
        "came_back_done": ratio(groups["done"][2], groups["done"][1]),
        "came_back_dismissed": ratio(groups["dismissed"][2], groups["dismissed"][1]),
        "came_back_left": ratio(groups["left"][2], groups["left"][1]),
        "came_back_none": ratio(groups["none"][2], groups["none"][1]),
    }
    cashiers = {name for name, _a in by_who} | set(served_by)
    return {
        "values": values,
        "by_kind": by_kind,
        "cashiers": {
            (name or "Unknown"): (
                by_who[(name, "done")],
                by_who[(name, "dismissed")],
                by_who[(name, "left")],
                ratio(
                    by_who[(name, "done")],
                    by_who[(name, "done")] + by_who[(name, "dismissed")] + by_who[(name, "left")],
                ),
                served_by[name],
                rated_by[name],
                (
                    (
                        Decimal(by_who[(name, "done")] + by_who[(name, "dismissed")])
                        / served_by[name]
                    ).quantize(HUNDREDTH, ROUND_HALF_UP)
                    if served_by[name]
                    else None
                ),
            )
            for name in cashiers
        },
        "outcomes": outcomes,
        "stars": tuple(stars[n] for n in range(1, 6)),
        "trend": [
            (d, buckets[d][0], average(buckets[d][1], buckets[d][0])) for d in sorted(buckets)
        ],
        "weekly": weekly,
        "comments": [
            (local_day(r.at), r.rating, r.comment, name or "Unknown") for r, name in comments
        ],
        "groups": {g: tuple(c) for g, c in groups.items()},
    }


@dataclass
class Edges:
    """The test's own cases among the random months, at the edges of days and periods:
    Yvonne and Zane, members the cashiers never mark a reminder for, buy on 1 September
    (ten past midnight) and again 30 days later (Yvonne, ten to midnight: she came back
    within 30 days) or 31 (Zane: he did not); Yvonne rates late at night, twice in the
    doubled hour the clocks go back, and in the last minutes of October; two promises
    due on 28 October are kept ten minutes before its midnight (on time) and ten after
    (late); a complaint made five minutes before October is resolved five after."""

    shop: Shop
    ids: dict[str, int] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)

    def enrol(self, name: str) -> None:
        member = loyalty.enrol_customer(self.shop.uow, self.shop.cashier, name)
        assert member.card_number is not None
        self.ids[name], self.cards[name] = member.customer_id, member.card_number

    def buy(self, name: str, rating: int | None = None) -> None:
        shop = self.shop
        cart = ring_up(shop, self.cards[name], shop.bread, actor=shop.cashier)
        sale = checkout.complete_sale(shop.uow, shop.cashier, pay_exact(cart))
        if rating is not None:
            care.rate_service(
                shop.uow, shop.cashier, self.ids[name], rating, "Late but kind", sale.sale_id
            )

    def rate(self, rating: int, comment: str) -> None:
        care.rate_service(self.shop.uow, self.shop.manager, self.ids["Yvonne"], rating, comment)

    def promise(self) -> None:
        care.add_promise(self.shop.uow, self.shop.cashier, self.ids["Yvonne"], "A cake", OCT_28)

    def keep(self, index: int) -> None:
        uow = self.shop.uow
        with uow:
            promises = uow.session.scalars(
                select(Promise.id).where(Promise.customer_id == self.ids["Yvonne"])
            ).all()
        care.resolve_promise(uow, self.shop.manager, sorted(promises)[index])

    def complain(self) -> None:
        care.add_complaint(self.shop.uow, self.shop.cashier, self.ids["Yvonne"], "Cold coffee")

    def resolve(self) -> None:
        uow = self.shop.uow
        with uow:
            complaint = uow.session.scalars(
                select(Complaint.id).where(Complaint.customer_id == self.ids["Yvonne"])
            ).one()
        care.resolve_complaint(uow, self.shop.owner, complaint, "A fresh cup")

    def events(self, today: date) -> list[tuple[datetime, Callable[[], None]]]:
        def at(day: date, hour: int, minute: int) -> datetime:
            return datetime.combine(day, time(hour, minute), ZONE).astimezone(UTC)

        plan: dict[date, list[tuple[datetime, Callable[[], None]]]] = {
            date(2026, 8, 3): [
                (at(date(2026, 8, 3), 10, 0), lambda: self.enrol("Yvonne")),
                (at(date(2026, 8, 3), 10, 5), lambda: self.enrol("Zane")),
            ],
            date(2026, 9, 1): [
                (at(date(2026, 9, 1), 0, 10), lambda: self.buy("Yvonne")),
                (at(date(2026, 9, 1), 0, 11), lambda: self.buy("Zane")),
            ],
            date(2026, 9, 30): [(at(date(2026, 9, 30), 23, 55), self.complain)],
            date(2026, 10, 1): [
                (at(date(2026, 10, 1), 0, 5), self.resolve),
                (at(date(2026, 10, 1), 23, 50), lambda: self.buy("Yvonne", 5)),
            ],
            date(2026, 10, 2): [(at(date(2026, 10, 2), 0, 10), lambda: self.buy("Zane"))],
            DST_DAY: [
                (datetime(2026, 10, 25, 0, 40, tzinfo=UTC), lambda: self.rate(2, "Summer 03:40")),
                (datetime(2026, 10, 25, 1, 40, tzinfo=UTC), lambda: self.rate(3, "Winter 03:40")),
            ],
            OCT_28: [
                (at(OCT_28, 0, 5), self.promise),
                (at(OCT_28, 0, 6), self.promise),
                (at(OCT_28, 23, 50), lambda: self.keep(0)),
                (at(OCT_28, 23, 52), lambda: self.rate(4, "Just before midnight")),
            ],
            date(2026, 10, 29): [
                (at(date(2026, 10, 29), 0, 10), lambda: self.keep(1)),
                (at(date(2026, 10, 29), 0, 12), lambda: self.rate(1, "Just after midnight")),
            ],
            date(2026, 10, 31): [
                (at(date(2026, 10, 31), 23, 56), lambda: self.rate(5, "Last of October"))
            ],
        }
        return plan.get(today, [])


@pytest.fixture
def traded(shop: Shop) -> tuple[Shop, Rows]:
    edges = Edges(shop)
    members = build_loyalty_shop(shop, varied=True, extra=edges.events)
    # The morning of the report: a promise due in two days is open, not yet overdue.
    care.add_promise(shop.uow, shop.cashier, members[0].customer_id, "A birthday cake", NOV_6)
    return shop, read_rows(shop)


def check(shop: Shop, rows: Rows, period: Period, till: str | None = None) -> dict[str, Any]:
    got: Report = run_report(shop.uow, shop.owner, "care", ReportQuery(period, till_code=till))
    now = expected(rows, period, till)
    before = expected(rows, period.previous(), till)
    for key, value in now["values"].items():
        found = got.figure(key)
        assert (key, found.value) == (key, value)
        assert (key, found.previous) == (key, before["values"][key])
    assert [f.key for f in got.figures] == list(now["values"])

    by_kind = got.table("reminders_by_kind")
    kinds = [
        k
        for k in ReminderKind
        if any(kind == k.value for kind, _a in (*now["by_kind"], *before["by_kind"]))
    ]
    assert [row[0] for row in by_kind.rows] == [kind_name(k) for k in kinds]
    for row, kind in zip(by_kind.rows, kinds, strict=True):
        mine, theirs = now["by_kind"], before["by_kind"]
        done, dismissed, left = (mine[(kind.value, a)] for a in ("done", "dismissed", "left"))
        shown = done + dismissed + left
        previous = sum(theirs[(kind.value, a)] for a in ("done", "dismissed", "left"))
        assert row[1:] == (shown, done, dismissed, left, ratio(done, shown), previous)
    assert by_kind.total is not None
    assert by_kind.total[1:5] == tuple(
        now["values"][f"reminders_{a}"] for a in ("shown", "done", "dismissed", "left")
    )
    assert by_kind.total[6] == sum(before["by_kind"].values())

    cashiers = got.table("reminders_by_cashier")
    assert {row[0]: row[1:] for row in cashiers.rows} == now["cashiers"]
    assert cashiers.total is not None
    assert cashiers.total[1:4] == by_kind.total[2:5]
    assert cashiers.total[5] == sum(c[4] for c in now["cashiers"].values())

    promises = got.table("promises")
    order = ("on_time", "late", "cancelled", "overdue", "open")
    assert [row[1] for row in promises.rows] == [now["outcomes"][o] for o in order]
    assert [row[2] for row in promises.rows] == [before["outcomes"][o] for o in order]
    due = now["values"]["promises_due"]
    assert [row[3] for row in promises.rows] == [ratio(now["outcomes"][o], due) for o in order]

    came_back = got.table("came_back")
    for row, group in zip(came_back.rows, ("done", "dismissed", "left", "none"), strict=True):
        members, known, back = now["groups"][group]
        _pm, pknown, pback = before["groups"][group]
        assert row[1:] == (members, known, back, ratio(back, known), ratio(pback, pknown))

    stars = got.chart("rating_distribution")
    assert stars.kind is ChartKind.BAR
    assert stars.categories == ("1", "2", "3", "4", "5")
    assert [s.values for s in stars.series] == [now["stars"], before["stars"]]
    assert list(got.table("comments").rows) == now["comments"]
    spread = got.table("rating_distribution")
    assert [row[:3] for row in spread.rows] == [
        (n, now["stars"][n - 1], before["stars"][n - 1]) for n in range(1, 6)
    ]
    assert spread.total is not None and spread.total[1] == now["values"]["ratings"]

    if not now["trend"]:  # no rating, no line
        assert [chart.key for chart in got.charts] == ["rating_distribution"]
        assert not got.table("rating_trend").rows
        return now
    trend = got.chart("rating_trend")
    assert trend.kind is ChartKind.LINE
    days = [day for day, _n, _a in now["trend"]]
    labels = [format_day_month(day, language()) for day in days]
    if now["weekly"]:
        labels = [f"Week of {label}" for label in labels]
    assert list(trend.categories) == labels
    assert list(trend.series[0].values) == [a for _d, _n, a in now["trend"]]
    assert list(got.table("rating_trend").rows) == now["trend"]

    return now


def test_every_figure_agrees_with_the_rows(traded: tuple[Shop, Rows]) -> None:
    shop, rows = traded
    # The edge cases happened as planned (the random resolutions left them alone).
    cake = sorted((p for p in rows.promises if p.what == "A cake"), key=lambda p: p.id)
    assert [local_day(p.resolved_at) for p in cake if p.resolved_at] == [OCT_28, OCT_28 + ONE]
    (cold,) = [c for c in rows.complaints if c.what == "Cold coffee"]
    assert cold.resolved_at is not None
    days = (local_day(cold.taken_at), local_day(cold.resolved_at))
    assert days == (OCTOBER.first - ONE, OCTOBER.first)
    shown = [check(shop, rows, period) for period in (OCTOBER, DST_WEEK, NOVEMBER, SUMMER)]
    check(shop, rows, SEPTEMBER)
    one_till = [check(shop, rows, period, SECOND_TILL) for period in (OCTOBER, SUMMER)]
    # The months give every figure something to show, and the till chosen changes them.
    for key in (
        "reminders_done",
        "reminders_dismissed",
        "promises_on_time",
        "promises_late",
        "promises_cancelled",
        "promises_overdue",
        "complaints_resolved",
        "complaints_open",
        "notes_written",
        "preferences_written",
        "came_back_done",
        "came_back_dismissed",
        "came_back_left",
        "came_back_none",
        "reminders_left",
    ):
        assert any(e["values"][key] for e in shown), key
    assert any(e["outcomes"]["open"] for e in shown)
    assert any(len(e["cashiers"]) >= 2 for e in shown)
    assert any(e["comments"] for e in shown) and any(e["weekly"] for e in shown)
    assert shown[0]["values"]["complaints_median_days"] is not None
    for key in ("reminders_done", "ratings"):
        assert 0 < one_till[1]["values"][key] < shown[3]["values"][key], key
    sales = [sum(c[4] for c in e["cashiers"].values()) for e in (one_till[1], shown[3])]
    assert 0 < sales[0] < sales[1]
    # Every reminder marked on a till is counted on it once; those marked without a till
    # only for all tills.
    first_till = check(shop, rows, SUMMER, TILL)

    def marked(e: dict[str, Any]) -> int:
        return int(e["values"]["reminders_done"]) + int(e["values"]["reminders_dismissed"])

    assert 0 < marked(first_till) + marked(one_till[1]) < marked(shown[3])
    # A reminder left alone is recorded with its sale's till: every one is on one till.
    left = [int(e["values"]["reminders_left"]) for e in (first_till, one_till[1], shown[3])]
    assert min(left[:2]) > 0 and left[0] + left[1] == left[2]


def test_a_cashier_may_not_see_it_owner_and_manager_may(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        build(shop.uow, shop.cashier, ReportQuery(OCTOBER))
    for actor in (shop.owner, shop.manager):
        got = build(shop.uow, actor, ReportQuery(OCTOBER))
        assert got.name == "care"
        assert got.figure("ratings").value == 0 and got.figure("rating_average").value is None
        # No rating, no trend line; the PDF of the empty report is made all the same.
        assert [chart.key for chart in got.charts] == ["rating_distribution"]
        assert render_report_pdf(got, "lv").startswith(b"%PDF")
