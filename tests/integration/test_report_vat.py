"""The VAT report against the receipts' own lines and the shifts' Z reports."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from posapp.domain.money import ZERO
from posapp.domain.periods import Period
from posapp.errors import PermissionDenied
from posapp.output.report import Report
from posapp.services.reports import ReportQuery
from posapp.services.reports.vat import build
from posapp.services.shifts import shift_report
from tests.conftest import Shop
from tests.integration.report_shop import (
    FIRST_DAY,
    LAST_DAY,
    SECOND_TILL,
    SUMMED,
    ZONE,
    Trading,
    sum_days,
    trade,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

FORTNIGHT = Period(FIRST_DAY, LAST_DAY)  # October and two days of November
SECOND_WEEK = Period(FIRST_DAY + timedelta(7), LAST_DAY)  # compared with the first

Sums = dict[tuple[str, Decimal], list[Decimal]]  # (kind, rate) -> [gross, VAT]


def line_sums(trading: Trading, period: Period, till: str | None = None) -> Sums:
    sums: Sums = defaultdict(lambda: [ZERO, ZERO])
    for sale in trading.completed(period.first, period.last, till):
        for line in sale.lines:
            part = sums[(sale.kind, line.vat_rate)]
            part[0] += line.total
            part[1] += line.vat
    return sums


def z_reports(shop: Shop, trading: Trading, period: Period, till: str | None = None) -> Sums:
    """Per rate, (gross, VAT) after refunds summed over the Z reports of the period's shifts."""
    sums: Sums = defaultdict(lambda: [ZERO, ZERO])
    for shift in trading.shifts:
        assert shift.closed_at is not None
        if shift.opened_at.astimezone(ZONE).date() in period and till in (None, shift.till):
            for line in shift_report(shop.uow, shift.shift_id).vat:
                sums[("all", line.rate)][0] += line.gross
                sums[("all", line.rate)][1] += line.vat
    return sums


def amounts(gross: Decimal, vat: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    return gross - vat, vat, gross


def check_report(report: Report, trading: Trading, period: Period, till: str | None) -> Sums:
    sums = line_sums(trading, period, till)
    rates = sorted({rate for _kind, rate in sums}, reverse=True)
    expected = []
    for rate in rates:
        sold, back = (
            sums.get(("sale", rate), [ZERO, ZERO]),
            sums.get(("refund", rate), [ZERO, ZERO]),
        )
        expected.append(
            (
                rate / 100,
                *amounts(sold[0], sold[1]),
                *amounts(-back[0], -back[1]),
                *amounts(sold[0] + back[0], sold[1] + back[1]),
            )
        )
    table = report.table("by_rate")
    assert table.rows == tuple(expected)
    gross = sum((part[0] for part in sums.values()), ZERO)
    vat = sum((part[1] for part in sums.values()), ZERO)
    assert table.total is not None and table.total[-3:] == amounts(gross, vat)
    figures = {f.key: f.value for f in report.figures}
    assert figures == dict(zip(("net", "vat", "gross"), amounts(gross, vat), strict=True))
    before = line_sums(trading, period.previous(), till)
    before_gross = sum((part[0] for part in before.values()), ZERO)
    before_vat = sum((part[1] for part in before.values()), ZERO)
    assert report.figure("vat").previous == before_vat
    assert report.figure("gross").previous == before_gross
    assert report.figure("net").previous == before_gross - before_vat

    months: dict[tuple[date, Decimal], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for sale in trading.completed(period.first, period.last, till):
        for line in sale.lines:
            part = months[(sale.day.replace(day=1), line.vat_rate)]
            part[0] += line.total
            part[1] += line.vat
    assert {row[:2]: row[2:] for row in report.table("by_month").rows} == {
        (month, rate / 100): amounts(g, v) for (month, rate), (g, v) in months.items()
    }
    return sums


@SUMMED
def test_vat_by_rate_and_month_equals_the_receipts_and_the_z_reports(
    shop: Shop, summed_days: int | None
) -> None:
    trading = trade(shop)
    sum_days(shop, summed_days)
    report = build(shop.uow, shop.owner, ReportQuery(FORTNIGHT))
    sums = check_report(report, trading, FORTNIGHT, None)
    assert {rate for _kind, rate in sums} == {Decimal(21), Decimal(12), Decimal(5)}
    assert any(kind == "refund" for kind, _rate in sums)
    assert {row[0] for row in report.table("by_month").rows} == {
        date(2026, 10, 1),
        date(2026, 11, 1),
    }
    z = z_reports(shop, trading, FORTNIGHT)
    after = {row[0]: (row[-1], row[-2]) for row in report.table("by_rate").rows}
    assert after == {rate / 100: (g, v) for (_all, rate), (g, v) in z.items()}
    assert report.figure("gross").previous == ZERO  # nothing was sold the fortnight before


@SUMMED
def test_the_previous_period_and_one_till(shop: Shop, summed_days: int | None) -> None:
    trading = trade(shop)
    sum_days(shop, summed_days)
    check_report(
        build(shop.uow, shop.manager, ReportQuery(SECOND_WEEK)), trading, SECOND_WEEK, None
    )
    one = build(shop.uow, shop.owner, ReportQuery(SECOND_WEEK, till_code=SECOND_TILL))
    check_report(one, trading, SECOND_WEEK, SECOND_TILL)
    z = z_reports(shop, trading, SECOND_WEEK, SECOND_TILL)
    assert one.figure("gross").value == sum((g for g, _v in z.values()), ZERO)
    assert one.figure("vat").value == sum((v for _g, v in z.values()), ZERO)


def test_a_cashier_may_not_see_the_vat_report(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        build(shop.uow, shop.cashier, ReportQuery(FORTNIGHT))
    empty = build(shop.uow, shop.owner, ReportQuery(Period(date(2026, 1, 5), date(2026, 1, 5))))
    assert empty.table("by_rate").rows == () and empty.figure("vat").value == ZERO
