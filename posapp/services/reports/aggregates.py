"""The takings summed by shop day, so that a year's report reads thousands of rows, not millions.

Five facts (posapp.db.models.reports): sales by hour, till, cashier, kind and
status; lines by VAT rate; payments by method; lines by product; discounted
lines by who approved them. A completed sale never changes its takings (a
refund is a sale of its own), so a shop day, once over, is summed once:
`catch_up` sums every day that ended more than GRACE ago, in order, and moves
`report_state.through` on. A report reads a fact with `totals`: the aggregates
up to `through`, the raw rows after it (today, yesterday before the grace), in
one statement, so the figures are the same whether the aggregates have caught
up or not. `rebuild` (`posapp reports rebuild`) recomputes them all, and
`differences` (`posapp check`) compares them with the raw rows.

The products' days are rolled up further, by calendar month and year, as each
day is summed (posapp.services.reports.rolled): `product_sums` reads a period's
months and years from there and sums only the days around them, so a year's
products report reads a row per product.

A till whose clock is behind could still complete a sale into a summed day;
each catch-up therefore re-counts the last RECHECK_DAYS summed days' sales and
sums again any day whose count changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    Subquery,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
    update,
)

from posapp.db.models import (
    Payment,
    Product,
    ReportDiscounts,
    ReportPayments,
    ReportProducts,
    ReportProductsRolled,
    ReportState,
    ReportTakings,
    ReportVat,
    Sale,
    SaleLine,
)
from posapp.db.types import UtcDateTime
from posapp.db.uow import UnitOfWork
from posapp.domain.periods import local_midnight
from posapp.services.reports import kept, rolled
from posapp.services.reports.common import Scope, materialized
from posapp.services.settings import read_settings, shop_time_zone

GRACE = timedelta(hours=1)  # a day is summed this long after it ends
RECHECK_DAYS = 7
RAW_DAYS_LIMIT = 62  # more unsummed days than this in one report: catch up first

# Each column as stored: integer cents (or thousandths) whatever the model's type.
_INT = BigInteger()


def _raw(column: Any) -> ColumnElement[int]:
    return type_coerce(column, _INT)


@dataclass(frozen=True)
class Fact:
    """One aggregate: its table, its keys (beyond the day), its measures and its raw rows.

    `raw(day_of, hour_of)` selects the raw rows' keys and measures, grouped by
    them, with `day_of(moment)`/`hour_of(moment)` giving the shop day and hour
    of Sale.completed_at; the caller adds the time bounds.
    """

    table: Any
    keys: tuple[str, ...]
    measures: dict[str, int]  # name: its decimals (0: a count)
    raw: Callable[[ColumnElement[Any], ColumnElement[Any]], Select[Any]]


def _items(line: Any = SaleLine) -> ColumnElement[int]:
    """A line's items in thousandths: its quantity, or 1 for a weighed line."""
    return case(
        (Product.sold_by == "weight", case((_raw(line.quantity) < 0, -1000), else_=1000)),
        else_=_raw(line.quantity),
    )


def _takings(day: ColumnElement[Any], hour: ColumnElement[Any]) -> Select[Any]:
    per_sale = (
        select(
            Sale.id.label("sale_id"),
            day.label("day"),
            hour.label("hour"),
            Sale.till_id,
            Sale.user_id,
            Sale.kind,
            Sale.status,
            func.max(_raw(Sale.total)).label("gross"),
            func.coalesce(func.sum(_raw(SaleLine.vat_amount)), 0).label("vat"),
            func.coalesce(func.sum(_raw(SaleLine.discount)), 0).label("discount"),
            func.count(SaleLine.id).label("lines"),
            func.coalesce(func.sum(_items()), 0).label("items"),
        )
        .select_from(Sale)
        .outerjoin(SaleLine, SaleLine.sale_id == Sale.id)
        .outerjoin(Product, Product.id == SaleLine.product_id)
        # By the moment first, then the sale: SQLite then reads the period's sales in the
        # order of their index on completed_at; grouped by the id alone, it walked every
        # sale of the shop in id order to spare itself a sort (0.8 s a day on 3,000,000).
        .group_by(Sale.completed_at, Sale.id)
    )
    return per_sale


def _vat(day: ColumnElement[Any], hour: ColumnElement[Any]) -> Select[Any]:
    return (
        select(
            day.label("day"),
            Sale.till_id,
            Sale.kind,
            Sale.status,
            _raw(SaleLine.vat_rate).label("vat_rate"),
            func.count(SaleLine.id).label("lines"),
            func.sum(_raw(SaleLine.total)).label("gross"),
            func.sum(_raw(SaleLine.vat_amount)).label("vat"),
        )
        .select_from(Sale)
        .join(SaleLine, SaleLine.sale_id == Sale.id)
    )


def _payments(day: ColumnElement[Any], hour: ColumnElement[Any]) -> Select[Any]:
    return (
        select(
            day.label("day"),
            Sale.till_id,
            Sale.user_id,
            Sale.kind,
            Sale.status,
            Payment.method,
            func.count(Payment.id).label("payments"),
            func.sum(_raw(Payment.amount)).label("amount"),
        )
        .select_from(Sale)
        .join(Payment, Payment.sale_id == Sale.id)
    )


def _products(day: ColumnElement[Any], hour: ColumnElement[Any]) -> Select[Any]:
    return (
        select(
            day.label("day"),
            Sale.till_id,
            SaleLine.product_id,
            Sale.kind,
            Sale.status,
            func.count(SaleLine.id).label("lines"),
            func.sum(_raw(SaleLine.quantity)).label("quantity"),
            func.sum(_raw(SaleLine.total)).label("gross"),
            func.sum(_raw(SaleLine.vat_amount)).label("vat"),
            func.count(SaleLine.unit_cost).label("costed_lines"),
            func.coalesce(func.sum(_costed(SaleLine.total)), 0).label("costed_gross"),
            func.coalesce(func.sum(_costed(SaleLine.vat_amount)), 0).label("costed_vat"),
            func.coalesce(func.sum(_raw(SaleLine.unit_cost) * _raw(SaleLine.quantity)), 0).label(
                "cost"
            ),
        )
        .select_from(Sale)
        .join(SaleLine, SaleLine.sale_id == Sale.id)
    )


def _costed(amount: Any) -> ColumnElement[int]:
    """A line's amount when it has a unit_cost, else NULL (left out of the sum)."""
    return case((SaleLine.unit_cost.is_not(None), _raw(amount)))


def _discounts(day: ColumnElement[Any], hour: ColumnElement[Any]) -> Select[Any]:
    return (
        select(
            day.label("day"),
            Sale.till_id,
            Sale.user_id,
            func.coalesce(SaleLine.approved_by, 0).label("approved_by"),
            Sale.kind,
            Sale.status,
            func.sum(case((_raw(SaleLine.discount) != 0, 1), else_=0)).label("discounted"),
            func.sum(case((SaleLine.unit_price != SaleLine.list_price, 1), else_=0)).label(
                "changed"
            ),
            func.sum(_raw(SaleLine.discount)).label("discount"),
            func.sum(
                (_raw(SaleLine.list_price) - _raw(SaleLine.unit_price)) * _raw(SaleLine.quantity)
            ).label("overridden"),
        )
        .select_from(Sale)
        .join(SaleLine, SaleLine.sale_id == Sale.id)
        .where(or_(_raw(SaleLine.discount) != 0, SaleLine.unit_price != SaleLine.list_price))
    )


TAKINGS = Fact(
    ReportTakings,
    ("hour", "till_id", "user_id", "kind", "status"),
    {"sales": 0, "gross": 2, "vat": 2, "discount": 2, "lines": 0, "items": 3},
    _takings,
)
VAT = Fact(
    ReportVat,
    ("till_id", "kind", "status", "vat_rate"),
    {"lines": 0, "gross": 2, "vat": 2},
    _vat,
)
PAYMENTS = Fact(
    ReportPayments,
    ("till_id", "user_id", "kind", "status", "method"),
    {"payments": 0, "amount": 2},
    _payments,
)
PRODUCTS = Fact(
    ReportProducts,
    ("till_id", "product_id", "kind", "status"),
    {
        "lines": 0,
        "quantity": 3,
        "gross": 2,
        "vat": 2,
        "costed_lines": 0,
        "costed_gross": 2,
        "costed_vat": 2,
        "cost": 5,
    },
    _products,
)
DISCOUNTS = Fact(
    ReportDiscounts,
    ("till_id", "user_id", "approved_by", "kind", "status"),
    {"discounted": 0, "changed": 0, "discount": 2, "overridden": 5},
    _discounts,
)
FACTS = (TAKINGS, VAT, PAYMENTS, PRODUCTS, DISCOUNTS)


# ----------------------------------------------------------------- shop days and hours


@dataclass(frozen=True)
class _Clock:
    """The shop days from `first` to `last` and the UTC moments their hours start."""

    zone: tzinfo
    first: date
    last: date

    def days(self) -> list[date]:
        return [self.first + timedelta(n) for n in range((self.last - self.first).days + 1)]

    def day_of(self, moment: Any) -> ColumnElement[Any]:
        """The shop day of `moment` (within first..last) as SQL."""
        days = self.days()
        whens = [(moment < _moment(local_midnight(d + timedelta(1), self.zone)), d) for d in days]
        return case(*whens[:-1], else_=days[-1]) if len(whens) > 1 else literal(days[0])

    def hour_of(self, moment: Any) -> ColumnElement[Any]:
        """The shop's local hour (0-23) of `moment` as SQL, right across a DST change."""
        whens: list[tuple[ColumnElement[bool], int]] = []
        for day in self.days():
            starts = [_hour_start(day, hour, self.zone) for hour in range(24)]
            starts.append(local_midnight(day + timedelta(1), self.zone))
            whens.extend((moment < _moment(starts[h + 1]), h) for h in range(24))
        return case(*whens, else_=23)


def _hour_start(day: date, hour: int, zone: tzinfo) -> datetime:
    """When the local hour starts in UTC (an hour a DST change skips starts with the next)."""
    return datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)


def _moment(moment: datetime) -> ColumnElement[Any]:
    return literal(moment, UtcDateTime())


def _raw_rows(fact: Fact, clock: _Clock, start: datetime, end: datetime) -> Select[Any]:
    """The fact's raw rows between two moments (inside clock's days), summed by its keys."""
    statement = fact.raw(clock.day_of(Sale.completed_at), clock.hour_of(Sale.completed_at))
    statement = statement.where(Sale.completed_at >= start, Sale.completed_at < end)
    if fact is TAKINGS:  # summed per sale first: a sale is one sale, whatever its lines
        per_sale = statement.subquery()
        columns = [per_sale.c[k] for k in ("day", *fact.keys)]
        return select(
            *columns,
            func.count().label("sales"),
            *(func.sum(per_sale.c[m]).label(m) for m in fact.measures if m != "sales"),
        ).group_by(*columns)
    names = ("day", *fact.keys)
    return statement.group_by(*(statement.selected_columns[n] for n in names))


# ----------------------------------------------------------------- keeping them


def through(uow: UnitOfWork) -> date | None:
    """The last shop day the aggregates cover (None: none yet). Inside a transaction."""
    return uow.session.scalar(select(ReportState.through).where(ReportState.id == 1))


def catch_up(uow: UnitOfWork, *, limit_days: int | None = None) -> date | None:
    """Sum every shop day that ended more than GRACE ago and is not summed yet.

    One short write transaction per day, so that the tills write between them;
    `limit_days` bounds the work of one call. Returns the last day covered.
    """
    done = 0
    while limit_days is None or done < limit_days:
        with uow.writing():
            zone = _zone(uow)
            covered = locked_through(uow)
            if covered is not None and done == 0:
                _recheck(uow, zone, covered)
            day = _first_day(uow, covered, zone)
            if day is None or day > _last_day_over(uow.now(), zone):
                uow.commit()
                return covered
            _sum_days(uow, _Clock(zone, day, day))
            _set_through(uow, day)
            uow.commit()
        done += 1
    return day


def rebuild(uow: UnitOfWork) -> date | None:
    """Forget every aggregate and sum all the shop's days again."""
    with uow.writing():
        locked_through(uow)
        for table in (*(fact.table for fact in FACTS), ReportProductsRolled):
            uow.connection.execute(delete(table))
        kept.forget(uow)
        _set_through(uow, None)
        uow.commit()
    return catch_up(uow)


def differences(uow: UnitOfWork) -> list[str]:
    """The facts whose aggregates differ from their raw rows, day by day (empty: all agree).

    Inside a read transaction.
    """
    covered = through(uow)
    if covered is None:
        return []
    zone = _zone(uow)
    first = _first_sale_day(uow, zone)
    if first is None:
        return []
    found: list[str] = []
    for offset in range((covered - first).days + 1):
        day = first + timedelta(offset)
        clock = _Clock(zone, day, day)
        for fact in FACTS:
            summed = set(_summed_rows(uow, fact, clock))
            raw = set(_raw_rows_of(uow, fact, clock))
            for row in sorted(summed ^ raw, key=repr)[:5]:
                found.append(f"{fact.table.__tablename__}: {row}")
    found.extend(rolled.differences(uow, first, covered))
    return found


def _summed_rows(uow: UnitOfWork, fact: Fact, clock: _Clock) -> Iterable[tuple[Any, ...]]:
    table = fact.table
    columns = [getattr(table, n) for n in ("day", *fact.keys, *fact.measures)]
    return (
        tuple(row)
        for row in uow.connection.execute(
            select(*columns).where(table.day >= clock.first, table.day <= clock.last)
        )
    )


def _raw_rows_of(uow: UnitOfWork, fact: Fact, clock: _Clock) -> Iterable[tuple[Any, ...]]:
    start = local_midnight(clock.first, clock.zone)
    end = local_midnight(clock.last + timedelta(1), clock.zone)
    statement = _raw_rows(fact, clock, start, end).subquery()
    names = ("day", *fact.keys, *fact.measures)
    return (tuple(row) for row in uow.connection.execute(select(*(statement.c[n] for n in names))))


def _zone(uow: UnitOfWork) -> tzinfo:
    return shop_time_zone(read_settings(uow).time_zone)[1]


def _last_day_over(now: datetime, zone: tzinfo) -> date:
    """The last shop day that ended more than GRACE before `now`."""
    return (now - GRACE).astimezone(zone).date() - timedelta(1)


def locked_through(uow: UnitOfWork) -> date | None:
    """`through`, the state row locked for this write transaction (created when missing):
    one catch-up at a time, whichever till or window makes it."""
    state = uow.session.scalar(select(ReportState).where(ReportState.id == 1).with_for_update())
    if state is None:
        uow.session.add(ReportState(id=1, through=None, updated_at=uow.now()))
        uow.session.flush()
        return None
    return state.through


def _set_through(uow: UnitOfWork, day: date | None) -> None:
    uow.session.execute(
        update(ReportState).where(ReportState.id == 1).values(through=day, updated_at=uow.now())
    )


def _first_sale_day(uow: UnitOfWork, zone: tzinfo) -> date | None:
    first = uow.session.scalar(select(func.min(Sale.completed_at)))
    return None if first is None else first.astimezone(zone).date()


def _first_day(uow: UnitOfWork, covered: date | None, zone: tzinfo) -> date | None:
    """The first day to sum: the day after `covered`, or the first sale's day."""
    if covered is not None:
        return covered + timedelta(1)
    return _first_sale_day(uow, zone)


def _sum_days(uow: UnitOfWork, clock: _Clock) -> None:
    start = local_midnight(clock.first, clock.zone)
    end = local_midnight(clock.last + timedelta(1), clock.zone)
    for fact in FACTS:
        rows = _raw_rows(fact, clock, start, end).subquery()
        names = ["day", *fact.keys, *fact.measures]
        uow.connection.execute(
            insert(fact.table).from_select(names, select(*(rows.c[n] for n in names)))
        )
    for day in clock.days():
        rolled.roll(uow, day, 1)


def _recheck(uow: UnitOfWork, zone: tzinfo, covered: date) -> None:
    """Sum again the recent summed days whose count of sales no longer matches."""
    first = covered - timedelta(RECHECK_DAYS - 1)
    start = local_midnight(first, zone)
    end = local_midnight(covered + timedelta(1), zone)
    day = _Clock(zone, first, covered).day_of(Sale.completed_at).label("day")
    raw: dict[date, int] = dict(
        uow.connection.execute(
            select(day, func.count())
            .where(Sale.completed_at >= start, Sale.completed_at < end)
            .group_by(day)
        ).all()
    )
    summed: dict[date, int] = dict(
        uow.connection.execute(
            select(ReportTakings.day, func.sum(ReportTakings.sales))
            .where(ReportTakings.day >= first)
            .group_by(ReportTakings.day)
        ).all()
    )
    for stale in sorted(d for d in set(raw) | set(summed) if raw.get(d, 0) != summed.get(d, 0)):
        kept.forget(uow, stale)
        rolled.roll(uow, stale, -1)
        for fact in FACTS:
            uow.connection.execute(delete(fact.table).where(fact.table.day == stale))
        _sum_days(uow, _Clock(zone, stale, stale))


# ----------------------------------------------------------------- reading them


def rows_in(uow: UnitOfWork, scope: Scope, fact: Fact) -> Subquery | None:
    """The fact's rows in the scope: its summed days, then the raw rows of the days not yet
    summed (today, and days inside the grace period), as one subquery of "day", its keys
    and its measures as stored (cents, thousandths). None when the scope has no days yet."""
    covered = through(uow)
    parts: list[Select[Any]] = []
    first, last = scope.period.first, scope.period.last
    summed_last = min(last, covered) if covered is not None else None
    if summed_last is not None and summed_last >= first:
        parts.append(_summed_part(scope, fact, first, summed_last))
    raw = _raw_part(scope, fact, summed_last)
    if raw is not None:
        parts.append(raw)
    if not parts:
        return None
    return union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


def _summed_part(scope: Scope, fact: Fact, first: date, last: date) -> Select[Any]:
    """The fact's summed rows of the days first..last (of the scope's till)."""
    table = fact.table
    columns = (getattr(table, n) for n in ("day", *fact.keys, *fact.measures))
    part = select(*columns).where(table.day >= first, table.day <= last)
    return part.where(table.till_id == scope.till) if scope.till is not None else part


def _raw_part(scope: Scope, fact: Fact, summed_last: date | None) -> Select[Any] | None:
    """The fact's raw rows of the scope's days after `summed_last` (None: all of them),
    summed by its keys as the aggregates are; None when there are no such days."""
    first, last = scope.period.first, scope.period.last
    raw_first = first if summed_last is None or summed_last < first else summed_last + timedelta(1)
    raw_last = min(last, scope.made_at.astimezone(scope.zone).date())  # no sales tomorrow
    if raw_first > raw_last:
        return None
    if (raw_last - raw_first).days >= RAW_DAYS_LIMIT:
        raise RuntimeError("the reports' aggregates are behind: call catch_up() first")
    clock = _Clock(scope.zone, raw_first, raw_last)
    start = max(scope.start, local_midnight(raw_first, scope.zone))
    raw = _raw_rows(fact, clock, start, scope.end).subquery()
    part = select(*(raw.c[n] for n in ("day", *fact.keys, *fact.measures)))
    return part.where(raw.c.till_id == scope.till) if scope.till is not None else part


def product_sums(uow: UnitOfWork, scope: Scope) -> Subquery | None:
    """Each product's completed sales and refunds in the scope, one row per product:
    product_id and rolled.MEASURES as stored. None when the scope has no days yet.

    For every till, a period's months and years come rolled up (rolled.spans): the
    largest is read row by row as it is, what else the period holds (other months, days,
    today's raw rows) is summed per product and added to it, so that a year reads one
    row per product it sold and sums only what lies around it.
    """
    covered = through(uow)
    first, last = scope.period.first, scope.period.last
    summed_last = min(last, covered) if covered is not None else None
    chosen: list[tuple[str, date]] = []
    parts: list[Select[Any]] = []
    if covered is not None and summed_last is not None and summed_last >= first:
        runs = [(first, summed_last)]
        if scope.till is None:
            chosen, runs = rolled.spans(first, summed_last, covered)
        parts += [_summed_part(scope, PRODUCTS, a, b) for a, b in runs]
    raw = _raw_part(scope, PRODUCTS, summed_last)
    if raw is not None:
        parts.append(raw)
    days = [part.subquery() for part in parts]
    rest_parts = [
        select(day.c.product_id, *rolled.day_sums(day.c)).where(day.c.status == "completed")
        for day in days
    ]
    base = max(chosen, key=lambda span: span[0] == "year") if chosen else None
    others = [span for span in chosen if span != base]
    if others:
        rest_parts.append(rolled.rows(others))
    if base is None and not rest_parts:
        return None
    table = ReportProductsRolled
    at = (table.span == base[0], table.start == base[1]) if base is not None else ()
    if not rest_parts:
        return (
            select(table.product_id, *(getattr(table, m) for m in rolled.MEASURES))
            .where(*at)
            .subquery()
        )
    union = union_all(*rest_parts).subquery() if len(rest_parts) > 1 else rest_parts[0].subquery()
    rest = materialized(  # read by the join and by the products only in it
        select(
            union.c.product_id, *(func.sum(union.c[m]).label(m) for m in rolled.MEASURES)
        ).group_by(union.c.product_id),
        "rest_of_period",
    )
    columns = [rest.c.product_id, *(rest.c[m] for m in rolled.MEASURES)]
    if base is None:
        return select(*columns).subquery()
    joined = (
        select(
            table.product_id,
            *((getattr(table, m) + func.coalesce(rest.c[m], 0)).label(m) for m in rolled.MEASURES),
        )
        .select_from(table)
        .outerjoin(rest, rest.c.product_id == table.product_id)
        .where(*at)
    )
    only_rest = select(*columns).where(~exists().where(table.product_id == rest.c.product_id, *at))
    return union_all(joined, only_rest).subquery()


def totals(
    uow: UnitOfWork,
    scope: Scope,
    fact: Fact,
    by: Sequence[str],
    where: Callable[[Any], ColumnElement[bool]] | None = None,
    measures: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The fact's measures (those named, or all) in the scope, summed by `by` (of "day"
    and its keys).

    Measures come back as Decimal (money in euros, quantities in units) or int
    counts. `where(columns)` filters on keys (e.g. `lambda c: c.kind == "sale"`).
    """
    rows = rows_in(uow, scope, fact)
    if rows is None:
        return []
    summed = {m: fact.measures[m] for m in (measures if measures is not None else fact.measures)}
    condition = where(rows.c) if where is not None else None
    keys = [rows.c[name] for name in by]
    statement = select(*keys, *(func.sum(rows.c[m]).label(m) for m in summed))
    if condition is not None:
        statement = statement.where(condition)
    statement = statement.group_by(*keys) if keys else statement
    result = []
    for row in uow.connection.execute(statement):
        mapping = dict(row._mapping)
        for name, decimals in summed.items():
            mapping[name] = _value(mapping[name], decimals)
        result.append(mapping)
    return result


def _value(stored: int | None, decimals: int) -> int | Decimal:
    if decimals == 0:
        return int(stored or 0)
    return Decimal(int(stored or 0)).scaleb(-decimals)
