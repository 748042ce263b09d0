"""The shifts report against the shifts the test shop opened, counted and closed."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from posapp.domain.money import ZERO
from posapp.domain.periods import Period
from posapp.errors import PermissionDenied
from posapp.output.report import Report
from posapp.services.reports import ReportQuery, run_report
from posapp.services.reports.shifts import build
from posapp.services.shifts import shift_report
from tests.conftest import Shop
from tests.integration.report_shop import FIRST_DAY, LAST_DAY, SECOND_TILL, ZONE, ShiftDone, trade

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

SECOND_WEEK = Period(FIRST_DAY + timedelta(7), LAST_DAY)
METHODS = ("cash", "card", "voucher")  # those the fortnight was paid by


def opened_in(shifts: list[ShiftDone], period: Period, till: str | None) -> list[ShiftDone]:
    return [
        s
        for s in shifts
        if s.opened_at.astimezone(ZONE).date() in period and till in (None, s.till)
    ]


def difference(shifts: list[ShiftDone]) -> Decimal:
    return sum(
        (s.counted.get(m, ZERO) - s.expected.get(m, ZERO) for s in shifts for m in METHODS), ZERO
    )


def check_report(report: Report, shifts: list[ShiftDone], period: Period, till: str | None) -> None:
    mine = opened_in(shifts, period, till)
    table = report.table("shifts")
    assert [c.key for c in table.columns][7:] == [
        f"{m}_{what}" for m in METHODS for what in ("expected", "counted", "difference")
    ]
    expected_rows = []
    for s in sorted(mine, key=lambda s: (s.opened_at, s.till)):
        assert s.closed_at is not None
        row: list[object] = [
            s.shift_id,
            s.till,
            s.opened_by,
            s.opened_at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M"),
            s.closed_by,
            s.closed_at.astimezone(ZONE).strftime("%Y-%m-%d %H:%M"),
            s.opening_float,
        ]
        for m in METHODS:
            if m in s.counted:
                row += [s.expected[m], s.counted[m], s.counted[m] - s.expected[m]]
            else:
                row += [None, None, None]
        expected_rows.append(tuple(row))
    assert list(table.rows) == expected_rows
    assert report.figure("shifts").value == len(mine)
    assert report.figure("difference").value == difference(mine)
    before = opened_in(shifts, period.previous(), till)
    assert report.figure("shifts").previous == len(before)
    assert report.figure("difference").previous == difference(before)


def test_every_shift_of_the_period_with_its_counts(shop: Shop) -> None:
    trading = trade(shop)
    report = build(shop.uow, shop.owner, ReportQuery(SECOND_WEEK))
    check_report(report, trading.shifts, SECOND_WEEK, None)
    assert report.figure("difference").value != ZERO  # the fortnight had cash differences
    # Each row's numbers are its Z report's, which stays the one to reprint.
    for row in report.table("shifts").rows[:3]:
        assert isinstance(row[0], int)
        z = shift_report(shop.uow, row[0])
        assert (z.till_code, z.opening_float) == (row[1], row[6])
        cash = next(c for c in z.counts if c.method.value == "cash")
        assert (cash.expected, cash.counted, cash.difference) == row[7:10]


def test_one_till_and_the_previous_period(shop: Shop) -> None:
    trading = trade(shop)
    report = run_report(
        shop.uow, shop.manager, "shifts", ReportQuery(SECOND_WEEK, till_code=SECOND_TILL)
    )
    check_report(report, trading.shifts, SECOND_WEEK, SECOND_TILL)
    assert {row[1] for row in report.table("shifts").rows} == {SECOND_TILL}


def test_a_cashier_may_not_see_the_shifts_report(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        build(shop.uow, shop.cashier, ReportQuery(SECOND_WEEK))
    # The fixture's shift, opened today and still open, shows without counts.
    today = shop.uow.now().astimezone(ZONE).date()
    report = build(shop.uow, shop.owner, ReportQuery(Period(today, today)))
    (row,) = report.table("shifts").rows
    assert row[4:6] == ("", "") and row[6] == Decimal("100.00")
    assert report.figure("difference").value == ZERO
