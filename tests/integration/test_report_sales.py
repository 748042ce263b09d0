"""The sales report against a fortnight of trading, figure by figure, computed here in Python."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from posapp.domain.money import ZERO, to_cents, to_grams
from posapp.domain.periods import Period
from posapp.errors import PermissionDenied
from posapp.output.report import ChartKind, Report, Value
from posapp.services.reports import ReportQuery, run_report
from posapp.services.reports.sales import build
from tests.conftest import Shop
from tests.integration.report_shop import (
    DST_DAY,
    FIRST_DAY,
    LAST_DAY,
    SECOND_TILL,
    SUMMED,
    Done,
    Trading,
    sum_days,
    trade,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

FIRST_WEEK = Period(FIRST_DAY, FIRST_DAY + timedelta(6))  # holds the end of summer time
SECOND_WEEK = Period(FIRST_DAY + timedelta(7), LAST_DAY)  # compared with the first


def _in(period: Period, trading: Trading, till: str | None) -> tuple[list[Done], list[Done]]:
    done = trading.completed(period.first, period.last, till)
    return [s for s in done if s.kind == "sale"], [s for s in done if s.kind == "refund"]


def _average(total: Decimal, count: int) -> Decimal | None:
    return to_cents(total / count) if count else None


def expected_figures(trading: Trading, period: Period, till: str | None = None) -> dict[str, Value]:
    sales, refunds = _in(period, trading, till)
    voids = [v for v in trading.voids if v.day in period and till in (None, v.till)]
    gross = sum((s.total for s in sales), ZERO)
    refunded = -sum((r.total for r in refunds), ZERO)
    lines = [line for s in sales for line in s.lines]
    items = sum((Decimal(1) if line.weighed else line.quantity for line in lines), ZERO)
    return {
        "gross": gross,
        "net": gross - refunded,
        "vat": sum((line.vat for s in sales + refunds for line in s.lines), ZERO),
        "sales": len(sales),
        "average_basket": _average(gross, len(sales)),
        "items_per_sale": to_grams(items / len(sales)) if sales else None,
        "refunds": len(refunds),
        "refunded": refunded,
        "voids": len(voids),
        "voided": sum((v.total for v in voids), ZERO),
        "discounts": sum((line.discount for line in lines), ZERO)
        + to_cents(sum((line.overridden for line in lines), ZERO)),
    }


def takings_rows(
    trading: Trading, period: Period, key: str, till: str | None = None
) -> dict[Value, tuple[Value, ...]]:
    """(sales, gross, refunded, net, average basket) per day, cashier or till."""
    sales, refunds = _in(period, trading, till)
    count: dict[Value, int] = defaultdict(int)
    gross: dict[Value, Decimal] = defaultdict(lambda: ZERO)
    refunded: dict[Value, Decimal] = defaultdict(lambda: ZERO)
    for sale in sales:
        count[getattr(sale, key)] += 1
        gross[getattr(sale, key)] += sale.total
    for refund in refunds:
        refunded[getattr(refund, key)] -= refund.total
    return {
        k: (count[k], gross[k], refunded[k], gross[k] - refunded[k], _average(gross[k], count[k]))
        for k in set(count) | set(refunded)
    }


def check_report(report: Report, trading: Trading, period: Period, till: str | None) -> None:
    now = expected_figures(trading, period, till)
    before = expected_figures(trading, period.previous(), till)
    for key, value in now.items():
        assert (key, report.figure(key).value) == (key, value)
        assert (key, report.figure(key).previous) == (key, before[key])

    # By day: every day of the period, with its totals row.
    days = takings_rows(trading, period, "day", till)
    by_day = report.table("by_day")
    every_day = [period.first + timedelta(n) for n in range(period.days)]
    empty = (0, ZERO, ZERO, ZERO, None)
    assert by_day.rows == tuple((day, *days.get(day, empty)) for day in every_day)
    assert by_day.total is not None
    assert by_day.total[1:] == (
        now["sales"],
        now["gross"],
        now["refunded"],
        now["net"],
        now["average_basket"],
    )
    bars = report.chart("takings_by_day")
    assert bars.kind is ChartKind.BAR
    assert len(bars.categories) == period.days
    assert bars.series[0].values == tuple(days.get(day, empty)[3] for day in every_day)

    cashiers = takings_rows(trading, period, "cashier", till)
    assert {row[0]: row[1:] for row in report.table("by_cashier").rows} == cashiers

    tills = takings_rows(trading, period, "till", till)
    voids_by_till: dict[Value, int] = defaultdict(int)
    for void in trading.voids:
        if void.day in period and till in (None, void.till):
            voids_by_till[void.till] += 1
    assert {row[0]: row[1:] for row in report.table("by_till").rows} == {
        code: (*row, voids_by_till[code]) for code, row in tills.items()
    }

    check_methods(report, trading, period, till)
    check_heat_map(report, trading, period, till)
    check_refunds_and_voids(report, trading, period, till)
    check_discounts(report, trading, period, till)


def check_methods(report: Report, trading: Trading, period: Period, till: str | None) -> None:
    sales, refunds = _in(period, trading, till)
    taken: dict[str, Decimal] = defaultdict(lambda: ZERO)
    back: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for sale in sales:
        for method, amount in sale.payments.items():
            taken[method] += amount
    for refund in refunds:
        for method, amount in refund.payments.items():
            back[method] -= amount
    names = {"cash": "Cash", "card": "Card", "voucher": "Voucher", "points": "Points"}
    table = report.table("by_method")
    net_total = sum(taken.values(), ZERO) - sum(back.values(), ZERO)
    assert {row[0]: row[1:] for row in table.rows} == {
        names[m]: (taken[m], back[m], taken[m] - back[m], (taken[m] - back[m]) / net_total)
        for m in set(taken) | set(back)
    }
    assert table.total is not None
    assert table.total[3] == report.figure("net").value  # every payment settled a sale


def check_heat_map(report: Report, trading: Trading, period: Period, till: str | None) -> None:
    sales, _refunds = _in(period, trading, till)
    cells = [[0] * 24 for _day in range(7)]
    for sale in sales:
        cells[sale.weekday][sale.hour] += 1
    heat = report.chart("sales_by_hour")
    assert heat.kind is ChartKind.HEAT_MAP
    assert heat.categories == tuple(f"{hour:02d}" for hour in range(24))
    assert [s.name for s in heat.series][:2] == ["Monday", "Tuesday"]
    assert [list(s.values) for s in heat.series] == cells


def check_refunds_and_voids(
    report: Report, trading: Trading, period: Period, till: str | None
) -> None:
    _sales, refunds = _in(period, trading, till)
    expected = [
        (
            r.at,
            (
                r.day,
                "Refund",
                r.till,
                r.receipt,
                r.refund_of,
                r.cashier,
                r.lines[0].approved_by or "",
                -r.total,
                r.reason,
            ),
        )
        for r in refunds
    ] + [
        (v.at, (v.day, "Void", v.till, "", "", v.cashier, "", v.total, v.reason))
        for v in trading.voids
        if v.day in period and till in (None, v.till)
    ]
    rows = report.table("refunds_and_voids").rows
    assert [row[:1] + row[2:] for row in rows] == [row for _at, row in sorted(expected)]


def check_discounts(report: Report, trading: Trading, period: Period, till: str | None) -> None:
    sales, _refunds = _in(period, trading, till)
    groups: dict[tuple[str, str], list[Decimal]] = {}
    for sale in sales:
        for line in sale.lines:
            if not line.discount and line.unit_price == line.list_price:
                continue
            group = groups.setdefault((sale.cashier, line.approved_by or ""), [ZERO] * 4)
            group[0] += 1 if line.discount else 0
            group[1] += line.discount
            group[2] += 1 if line.unit_price != line.list_price else 0
            group[3] += line.overridden
    table = report.table("discounts")
    assert {row[:2]: row[2:] for row in table.rows} == {
        key: (int(n), d, int(c), to_cents(o), d + to_cents(o))
        for key, (n, d, c, o) in groups.items()
    }
    assert table.total is not None


@pytest.mark.parametrize("period", [FIRST_WEEK, SECOND_WEEK], ids=["first", "second"])
@SUMMED
def test_every_figure_and_table_of_the_sales_report(
    shop: Shop, period: Period, summed_days: int | None
) -> None:
    trading = trade(shop)
    sum_days(shop, summed_days)
    report = build(shop.uow, shop.owner, ReportQuery(period))
    assert (report.period, report.previous) == (period, period.previous())
    assert report.time_zone == "Europe/Riga"
    check_report(report, trading, period, None)
    # The shop's trading is what the report is about: all of it shows somewhere.
    assert report.figure("refunds").value and report.figure("voids").value
    assert report.figure("discounts").value
    # The window lists the newest refunds and voids only, and says so; the totals stay.
    every = report.table("refunds_and_voids")
    short = build(shop.uow, shop.owner, ReportQuery(period, limit=2)).table("refunds_and_voids")
    assert len(every.rows) > 2 and short.rows == every.rows[-2:]
    assert f"The newest 2 of {len(every.rows)} are listed" in short.note
    assert "newest" not in every.note


@SUMMED
def test_the_night_the_clocks_go_back_and_the_minutes_around_midnight(
    shop: Shop, summed_days: int | None
) -> None:
    trading = trade(shop)
    sum_days(shop, summed_days)
    report = build(shop.uow, shop.manager, ReportQuery(FIRST_WEEK, compare=False))
    sunday = report.chart("sales_by_hour").series[6].values
    at_three = [s for s in trading.sales if s.day == DST_DAY and s.hour == 3]
    assert len({s.at for s in at_three}) >= 2  # 03:30 summer time and 03:30 winter time
    assert sunday[3] == len(at_three)
    # A sale at 23:57 or 00:03 local time counts for that local day, not the UTC one.
    near_midnight = [s for s in trading.sales if s.hour in (0, 23) and s.kind == "sale"]
    assert any(s.at.date() != s.day for s in near_midnight)
    day_sales = {row[0]: row[1] for row in report.table("by_day").rows}
    for day in day_sales:
        assert day_sales[day] == sum(1 for s in trading.sales if s.kind == "sale" and s.day == day)
    assert report.figure("gross").previous is None  # no comparison asked for


def test_one_till_shows_that_tills_figures_only(shop: Shop) -> None:
    trading = trade(shop)
    report = run_report(
        shop.uow, shop.owner, "sales", ReportQuery(SECOND_WEEK, till_code=SECOND_TILL)
    )
    assert report.till_code == SECOND_TILL
    check_report(report, trading, SECOND_WEEK, SECOND_TILL)
    assert [row[0] for row in report.table("by_till").rows] == [SECOND_TILL]
    everything = build(shop.uow, shop.owner, ReportQuery(SECOND_WEEK))
    assert report.figure("gross").value != everything.figure("gross").value


def test_a_cashier_may_not_see_the_sales_report(shop: Shop) -> None:
    period = Period(date(2026, 10, 1), date(2026, 10, 31))
    with pytest.raises(PermissionDenied):
        build(shop.uow, shop.cashier, ReportQuery(period))
    for actor in (shop.owner, shop.manager):
        empty = build(shop.uow, actor, ReportQuery(period))
        assert empty.figure("gross").value == ZERO
        assert empty.figure("average_basket").value is None
        assert empty.table("by_method").rows == ()
