"""The loyalty and care readings of the calendar months and years that are over, kept.

A loyalty or care report reads every member's history (visit days, stage changes,
reminders left alone, who came back): for a month of a shop with 100,000 members
that is hundreds of milliseconds, for a year seconds. Once a calendar month or year
is over, what those reports read of it for every till no longer changes, so
`catch_up` keeps each such reading as a row of report_kept (its name, the period, a
fingerprint of the shop's settings, the reading as JSON) and the report reads that
row instead (`reading`) once its last day is summed. The care report's comparison of
who came back still changes for the 30 days after a period, as each member's 30 days
end: its reading is kept for the day it is made and read afresh by the next day's
first catch-up, until those 30 days are over.

A kept reading is forgotten, and read afresh, when what it was read from changes
after all: a late sale summed again into one of its days or an earlier one
(posapp.services.reports.aggregates), two members merged (posapp.services.loyalty),
the aggregates rebuilt, or any setting changed (its fingerprint differs). A period
with one till chosen, a week, a custom range and a period still running are read as
they always were.

Only the periods a report compares with are kept: the months from thirteen before
the current one and the two years before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from importlib import import_module
from typing import Any, Generic, TypeVar

from sqlalchemy import delete, or_, select

from posapp.db.models import ReportKept
from posapp.db.uow import UnitOfWork
from posapp.domain.periods import Period
from posapp.services.reports import aggregates
from posapp.services.reports.common import Scope, shop_scope
from posapp.services.reports.rolled import next_month
from posapp.services.settings import ShopSettings, read_settings, shop_time_zone

KEPT_BY = ("loyalty", "care", "products")  # the report modules with a KEPT of Kept parts
MONTHS_KEPT = 13
YEARS_KEPT = 2

T = TypeVar("T")


@dataclass(frozen=True)
class Kept(Generic[T]):
    """One part of a report that is kept: its name, how it is read, and the dataclass it
    reads into. `settles_after`: the days after a period's end during which its reading
    still changes from one day to the next (the care report's came-back comparison counts
    each member once their 30 days are over); until then it is read afresh each day."""

    name: str
    read: Callable[[UnitOfWork, Scope], T]
    kind: type[T]
    settles_after: int = 0
    records: tuple[type, ...] = ()  # the dataclasses held inside the reading

    def holds(self, period: Period, made_on: date, today: date) -> bool:
        """Whether a reading of `period` made on the shop's day `made_on` holds `today`."""
        return made_on == today or (made_on - period.last).days > self.settles_after


def reading(uow: UnitOfWork, scope: Scope, part: Kept[T]) -> T:
    """The part's reading of the scope: kept, when it is; else read."""
    if scope.till is None and _calendar(scope.period):
        today = scope.made_at.astimezone(scope.zone).date()
        text = _kept_text(uow, part, scope.period, fingerprint(scope.settings), scope.zone, today)
        if text is not None:
            return _loaded(part, text)
    return part.read(uow, scope)


def _kept_text(
    uow: UnitOfWork, part: Kept[Any], period: Period, settings: str, zone: tzinfo, today: date
) -> str | None:
    """The part's kept reading of the period as JSON, when one holds `today`."""
    row = uow.session.execute(
        select(ReportKept.made_at, ReportKept.reading).where(
            ReportKept.name == part.name,
            ReportKept.first == period.first,
            ReportKept.last == period.last,
            ReportKept.settings == settings,
        )
    ).one_or_none()
    if row is None or not part.holds(period, row.made_at.astimezone(zone).date(), today):
        return None
    return str(row.reading)


def catch_up(uow: UnitOfWork) -> None:
    """Keep the readings of the periods over that are not kept yet, or no longer hold (kept
    under other settings, or on an earlier day while they still change), one short write
    transaction each. Call after aggregates.catch_up."""
    parts = [part for name in KEPT_BY for part in import_module(f"{__package__}.{name}").KEPT]
    with uow:
        covered = aggregates.through(uow)
        shop = read_settings(uow)
        settings = fingerprint(shop)
        zone = shop_time_zone(shop.time_zone)[1]
        today = uow.now().astimezone(zone).date()
        made = {
            (name, first, last): made_at.astimezone(zone).date()
            for name, first, last, made_at in uow.session.execute(
                select(
                    ReportKept.name, ReportKept.first, ReportKept.last, ReportKept.made_at
                ).where(ReportKept.settings == settings)
            )
        }
    if covered is None:
        return
    for period in _periods(today):
        if period.last > covered:
            continue
        for part in parts:
            made_on = made.get((part.name, period.first, period.last))
            if made_on is not None and part.holds(period, made_on, today):
                continue
            with uow.writing():
                aggregates.locked_through(uow)  # another till may be keeping it meanwhile
                if _kept_text(uow, part, period, settings, zone, today) is not None:
                    uow.commit()
                    continue
                text = _dumped(part.read(uow, shop_scope(uow, period)))
                uow.session.merge(
                    ReportKept(
                        name=part.name,
                        first=period.first,
                        last=period.last,
                        settings=settings,
                        reading=text,
                        made_at=uow.now(),
                    )
                )
                uow.commit()


def forget(uow: UnitOfWork, since: date | None = None, report: str | None = None) -> None:
    """Forget the kept readings of the periods ending on `since` or later (None: all), of
    the report named (None: every report). Inside the write transaction that changed what
    they were read from."""
    statement = delete(ReportKept)
    if since is not None:
        statement = statement.where(ReportKept.last >= since)
    if report is not None:
        statement = statement.where(
            or_(ReportKept.name == report, ReportKept.name.startswith(f"{report}."))
        )
    uow.connection.execute(statement)


def fingerprint(settings: ShopSettings) -> str:
    """A digest of every setting: a kept reading holds while it is the same."""
    return hashlib.sha256(repr(settings).encode()).hexdigest()


def _calendar(period: Period) -> bool:
    """Whether the period is one calendar month or one calendar year."""
    if period.first.day != 1:
        return False
    month = next_month(period.first) - period.last
    year = period.first.month == 1 and period.last == date(period.first.year, 12, 31)
    return month.days == 1 or year


def _periods(today: date) -> list[Period]:
    """The months and years kept, newest first (the ones compared with most)."""
    periods = []
    month = today.replace(day=1)
    for _n in range(MONTHS_KEPT):
        last = month - timedelta(1)
        month = last.replace(day=1)
        periods.append(Period(month, last))
    years = range(today.year - 1, today.year - 1 - YEARS_KEPT, -1)
    return periods + [Period(date(year, 1, 1), date(year, 12, 31)) for year in years]


# --- JSON of a reading: dataclasses of ints, texts, Decimals, dates, tuples, lists, dicts ----


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, datetime):
        raise TypeError("a kept reading holds days, not moments")
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return {"tuple": [_plain(item) for item in value]}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {"dict": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if is_dataclass(value) and not isinstance(value, type):
        fields_of = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        return {"record": [type(value).__name__, fields_of]}
    raise TypeError(f"a kept reading cannot hold {type(value).__name__}")


def _unplain(value: Any, records: dict[str, type]) -> Any:
    if isinstance(value, list):
        return [_unplain(item, records) for item in value]
    if not isinstance(value, dict):
        return value
    ((tag, inner),) = value.items()
    if tag == "decimal":
        return Decimal(inner)
    if tag == "date":
        return date.fromisoformat(inner)
    if tag == "tuple":
        return tuple(_unplain(item, records) for item in inner)
    if tag == "record":
        name, values = inner
        return records[name](**{k: _unplain(v, records) for k, v in values.items()})
    return {_unplain(k, records): _unplain(v, records) for k, v in inner}


def _dumped(reading: Any) -> str:
    return json.dumps(_plain(reading))


def _loaded(part: Kept[T], text: str) -> T:
    records = {kind.__name__: kind for kind in (part.kind, *part.records)}
    loaded: T = _unplain(json.loads(text), records)
    return loaded
