"""What every report shares: the permission, the shop's zone, the period's moments, the header.

A report module's `build` reads inside one transaction:

    with uow:
        scope = open_scope(uow, actor, query)
        ... queries bounded by scope.start/scope.end (and scope.till) ...
        return scope.report("sales", _("Sales"), figures=..., charts=..., tables=...)

`scope.previous` is the scope of the period compared with (None when the query
asks for no comparison), so the same code computes both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import CTE, ColumnElement, Select, and_, true

from posapp.db.models import Sale
from posapp.db.uow import UnitOfWork
from posapp.domain.periods import Period
from posapp.domain.roles import Actor, Permission, require
from posapp.output.report import Figure, Report, Unit, Value
from posapp.services.reports import ReportQuery
from posapp.services.settings import ShopSettings, read_settings, shop_time_zone
from posapp.services.shifts import till_id


@dataclass(frozen=True)
class Scope:
    """One period of one till (or all) in the shop's zone, with its moments in UTC."""

    period: Period
    start: datetime  # aware UTC: the local midnight starting the period's first day
    end: datetime  # aware UTC: the local midnight after its last day (exclusive)
    zone: tzinfo
    zone_name: str
    till: int | None  # the till's id, None: all tills
    till_code: str | None
    settings: ShopSettings
    made_at: datetime
    previous: Scope | None = None

    def sales_in(self) -> ColumnElement[bool]:
        """Sales (and refunds) completed in the period, on the till when one is chosen."""
        within = and_(Sale.completed_at >= self.start, Sale.completed_at < self.end)
        return and_(within, Sale.till_id == self.till if self.till is not None else true())

    def report(self, name: str, title: str, **parts: Any) -> Report:
        """The report's document with this scope's header (`parts`: figures, charts, tables…)."""
        return Report(
            name=name,
            title=title,
            period=self.period,
            previous=self.previous.period if self.previous is not None else None,
            till_code=self.till_code,
            shop_name=self.settings.shop_name,
            time_zone=self.zone_name,
            made_at=self.made_at,
            **parts,
        )


def open_scope(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Scope:
    """The query's scope (and its previous period's), for an actor who may see reports.

    Call inside the report's transaction. Raises PermissionDenied for a cashier.
    """
    require(actor, Permission.SEE_REPORTS)
    till = till_id(uow, query.till_code) if query.till_code is not None else None
    previous = (
        shop_scope(uow, query.period.previous(), till, query.till_code) if query.compare else None
    )
    return shop_scope(uow, query.period, till, query.till_code, previous)


def shop_scope(
    uow: UnitOfWork,
    period: Period,
    till: int | None = None,
    till_code: str | None = None,
    previous: Scope | None = None,
) -> Scope:
    """The scope of a period on one till (its id and code) or on all (None), inside a
    transaction; no permission asked (open_scope asks it)."""
    settings = read_settings(uow)
    zone_name, zone = shop_time_zone(settings.time_zone)
    start, end = period.bounds(zone)
    return Scope(
        period, start, end, zone, zone_name, till, till_code, settings, uow.now(), previous
    )


def figure(
    key: str,
    label: str,
    unit: Unit,
    value: Value,
    previous: Value = None,
    *,
    lower_is_better: bool = False,
) -> Figure:
    return Figure(key, label, unit, value, previous, lower_is_better)


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """part / whole as a fraction, None when the whole is 0."""
    if not whole:
        return None
    return Decimal(part) / Decimal(whole)


def materialized(rows: Select[*tuple[Any, ...]], name: str) -> CTE:
    """`rows` as a CTE the database computes once on its own (MATERIALIZED, on SQLite
    and PostgreSQL alike): read by several parts of a statement, or picked by its own
    index before anything groups or joins it."""
    return rows.cte(name).prefix_with("MATERIALIZED")
