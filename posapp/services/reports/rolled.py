"""The products' summed days rolled up by calendar month and year.

report_products keeps a row per shop day, till, product, kind and status; a busy
shop's year is millions of them. ReportProductsRolled keeps, per month and per
year, one row per product: its completed sales and refunds of every till, the
lines of its sales apart (`sale_lines`: was it sold, or only refunded). A day is
added to its month and its year as it is summed (`roll`), and taken back before a
day is summed again; a span's rows hold its days up to the last one summed, so
this month's and this year's rows are there to read too. `spans` cuts a period
into the months and years whose rows it may read and the days left at its edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, Select, and_, case, delete, func, literal, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from posapp.db.models import ReportProducts, ReportProductsRolled
from posapp.db.uow import UnitOfWork

# The days' measures (report_products' columns outside its key), summed as they are;
# `sale_lines` counts only the sales' lines.
DAY_MEASURES = tuple(c.name for c in ReportProducts.__table__.columns if not c.primary_key)
MEASURES = ("sale_lines", *DAY_MEASURES)


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=28) + timedelta(4)).replace(day=1)


def _upsert(dialect_insert: Any) -> Any:
    """A product's month or year row: added to, or its first row."""
    statement = dialect_insert(ReportProductsRolled)
    table = ReportProductsRolled.__table__
    return statement.on_conflict_do_update(
        index_elements=["span", "start", "product_id"],
        set_={m: table.c[m] + statement.excluded[m] for m in MEASURES},
    )


_ADD = {"sqlite": _upsert(sqlite.insert), "postgresql": _upsert(postgresql.insert)}


def day_sums(rows: Any) -> list[Any]:
    """The rolled-up measures of day rows (report_products' columns): `sale_lines` and the
    rest as they are, to be summed."""
    sale_lines = case((rows.kind == "sale", rows.lines), else_=0)
    return [sale_lines.label("sale_lines"), *(getattr(rows, m).label(m) for m in DAY_MEASURES)]


def roll(uow: UnitOfWork, day: date, sign: int) -> None:
    """Add (sign 1) or take back (-1) a summed day's completed product rows to its month's
    and its year's (a row taken back to nothing is removed)."""
    table = ReportProducts
    sums = [(sign * func.sum(column)).label(column.name) for column in day_sums(table)]
    connection = uow.connection
    for span, start in (("month", day.replace(day=1)), ("year", date(day.year, 1, 1))):
        summed = (
            select(literal(span), literal(start, Date()), table.product_id, *sums)
            .where(table.day == day, table.status == "completed")
            .group_by(table.product_id)
        )
        names = ["span", "start", "product_id", *MEASURES]
        connection.execute(_ADD[connection.dialect.name].from_select(names, summed))
        if sign < 0:
            rolled = ReportProductsRolled
            connection.execute(
                delete(rolled).where(rolled.span == span, rolled.start == start, rolled.lines == 0)
            )


def spans(
    first: date, last: date, covered: date
) -> tuple[list[tuple[str, date]], list[tuple[date, date]]]:
    """The summed days first..last (last <= covered, the last day summed) as the calendar
    years and months whose rows hold only days of them (a span's rows end at `covered`),
    as (span, its first day), and the runs of days left over, as (first, last)."""
    rolled: list[tuple[str, date]] = []
    runs: list[tuple[date, date]] = []
    day = first
    while day <= last:
        next_year, month_after = date(day.year + 1, 1, 1), next_month(day)
        if (day.month, day.day) == (1, 1) and min(next_year - timedelta(1), covered) <= last:
            rolled.append(("year", day))
            day = next_year
        elif day.day == 1 and min(month_after - timedelta(1), covered) <= last:
            rolled.append(("month", day))
            day = month_after
        else:
            if runs and runs[-1][1] == day - timedelta(1):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
            day += timedelta(1)
    return rolled, runs


def rows(chosen: Sequence[tuple[str, date]]) -> Select[Any]:
    """The product rows of those months and years: product_id and MEASURES."""
    table = ReportProductsRolled
    where = [
        and_(table.span == span, table.start.in_([start for s, start in chosen if s == span]))
        for span in ("year", "month")
        if any(s == span for s, _start in chosen)
    ]
    return select(table.product_id, *(getattr(table, m) for m in MEASURES)).where(or_(*where))


def differences(uow: UnitOfWork, first: date, last: date) -> list[str]:
    """The months and years (those kept, and those of the summed days first..last) whose
    rows differ from the sum of their summed days."""
    table, days = ReportProductsRolled, ReportProducts
    kept_spans = {("year", date(year, 1, 1)) for year in range(first.year, last.year + 1)}
    month = first.replace(day=1)
    while month <= last:
        kept_spans.add(("month", month))
        month = next_month(month)
    kept_spans |= {
        (span, start)
        for span, start in uow.connection.execute(select(table.span, table.start).distinct())
    }
    found: list[str] = []
    for span, start in sorted(kept_spans):
        end = date(start.year + 1, 1, 1) if span == "year" else next_month(start)
        kept = set(
            uow.connection.execute(
                select(table.product_id, *(getattr(table, m) for m in MEASURES)).where(
                    table.span == span, table.start == start
                )
            )
        )
        summed = set(
            uow.connection.execute(
                select(days.product_id, *(func.sum(column) for column in day_sums(days)))
                .where(days.day >= start, days.day < end, days.status == "completed")
                .group_by(days.product_id)
            )
        )
        for row in sorted(kept ^ summed, key=repr)[:5]:
            found.append(f"{table.__tablename__}: {span} {start}: {row}")
    return found
