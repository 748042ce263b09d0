"""Report periods: whole days of the shop's calendar, and the period each is compared with.

A period is a range of the shop's days, first and last included (a report for
"this month" on the 5th covers the 1st to the 5th). Its moments are the local
midnights around it, so a day of 23 or 25 hours (a DST change) is still one day.
The previous period is the one a person compares with: last month for a month
(the same days of last month for a month to date), last week's same days for a
week, last year's same days for a year to date, and for any other range the
same number of days just before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum

from posapp.errors import InvalidInput
from posapp.i18n import N_, _


class Preset(Enum):
    TODAY = "today"
    YESTERDAY = "yesterday"
    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    CUSTOM = "custom"


PRESET_NAMES = {
    Preset.TODAY: N_("Today"),
    Preset.YESTERDAY: N_("Yesterday"),
    Preset.THIS_WEEK: N_("This week"),
    Preset.LAST_WEEK: N_("Last week"),
    Preset.THIS_MONTH: N_("This month"),
    Preset.LAST_MONTH: N_("Last month"),
    Preset.THIS_YEAR: N_("This year"),
    Preset.CUSTOM: N_("Custom range"),
}

# The longest range a report covers: ten years of days.
MAX_DAYS = 3660


@dataclass(frozen=True)
class Period:
    """The shop's days `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput(_("A period ends on or after the day it starts."))
        if self.days > MAX_DAYS:
            raise InvalidInput(_("A report covers ten years at most. Choose a shorter period."))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[start, end) in UTC: the local midnight starting `first`, and the one after `last`."""
        return local_midnight(self.first, zone), local_midnight(self.last + timedelta(1), zone)

    def previous(self) -> Period:
        """The period a figure is compared with (see the module's docstring)."""
        first, last = self.first, self.last
        if first.day == 1 and (last + timedelta(1)).day == 1 and first.year == last.year:
            # whole months: as many months just before
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            return Period(_add_months(first, -months), first - timedelta(1))
        if first == date(first.year, 1, 1) and last.year == first.year:
            # a year to date: the same days of the year before
            return Period(date(first.year - 1, 1, 1), _same_day_a_year_before(last))
        if first.day == 1 and last.year == first.year and last.month == first.month:
            # a month to date: the same days of the month before
            start = _add_months(first, -1)
            return Period(start, _clip(start, last.day))
        if first.weekday() == 0 and self.days <= 7:
            # a week, or a week to date: the same days of the week before
            return Period(first - timedelta(7), last - timedelta(7))
        return Period(first - timedelta(self.days), first - timedelta(1))


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The moment `day` starts in `zone`, as an aware UTC datetime."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def period_of(
    preset: Preset, today: date, first: date | None = None, last: date | None = None
) -> Period:
    """The days a preset names, seen from `today` (weeks start on Monday).

    CUSTOM takes `first` and `last`; the others ignore them.
    """
    if preset is Preset.TODAY:
        return Period(today, today)
    if preset is Preset.YESTERDAY:
        return Period(today - timedelta(1), today - timedelta(1))
    monday = today - timedelta(today.weekday())
    if preset is Preset.THIS_WEEK:
        return Period(monday, today)
    if preset is Preset.LAST_WEEK:
        return Period(monday - timedelta(7), monday - timedelta(1))
    if preset is Preset.THIS_MONTH:
        return Period(today.replace(day=1), today)
    if preset is Preset.LAST_MONTH:
        end = today.replace(day=1) - timedelta(1)
        return Period(end.replace(day=1), end)
    if preset is Preset.THIS_YEAR:
        return Period(date(today.year, 1, 1), today)
    if first is None or last is None:
        raise InvalidInput(_("A custom range needs its first and last day."))
    return Period(first, last)


def months_of(period: Period) -> list[Period]:
    """The period cut at the turn of each month (the first and last may be part months)."""
    parts = []
    start = period.first
    while start <= period.last:
        end = min(_add_months(start.replace(day=1), 1) - timedelta(1), period.last)
        parts.append(Period(start, end))
        start = end + timedelta(1)
    return parts


def _add_months(day: date, months: int) -> date:
    """The first of the month `months` after (or before) `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _clip(month_start: date, day: int) -> date:
    """`day` of the month starting `month_start`, or that month's last day if it is shorter."""
    end = _add_months(month_start, 1) - timedelta(1)
    return month_start.replace(day=min(day, end.day))


def _same_day_a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: the 28th of a year without one
        return date(day.year - 1, 2, 28)
