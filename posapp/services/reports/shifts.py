"""The shifts report: every shift opened in the period, its float and its counts at the close.

For each shift: the till, who opened and closed it and when, the opening float, and
per payment method what the till expected, what was counted and the difference.
A shift's own Z report stays posapp.services.shifts.shift_report (the reports
window and `posapp` reprint it by the shift's number shown here).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import aliased

from posapp.db.models import Shift, ShiftCount, Till, User
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO
from posapp.domain.roles import Actor
from posapp.i18n import _, language, translations
from posapp.output.receipt_layout import method_name
from posapp.output.report import Column, Report, Table, Unit, Value
from posapp.services.reports import ReportQuery
from posapp.services.reports.common import Scope, figure, open_scope


def _opened_in(scope: Scope) -> ColumnElement[bool]:
    """Shifts opened in the period, on the till when one is chosen."""
    within = and_(Shift.opened_at >= scope.start, Shift.opened_at < scope.end)
    return and_(within, Shift.till_id == scope.till if scope.till is not None else true())


def _read_shifts(uow: UnitOfWork, scope: Scope) -> list[tuple[Any, ...]]:
    """(id, till, opened by, opened at, closed by, closed at, float) in the order opened."""
    opener, closer = aliased(User), aliased(User)
    rows = uow.session.execute(
        select(
            Shift.id,
            Till.code,
            opener.name,
            Shift.opened_at,
            closer.name,
            Shift.closed_at,
            Shift.opening_float,
        )
        .join(Till, Till.id == Shift.till_id)
        .join(opener, opener.id == Shift.opened_by)
        .outerjoin(closer, closer.id == Shift.closed_by)
        .where(_opened_in(scope))
        .order_by(Shift.opened_at, Till.code)
    )
    return [tuple(row) for row in rows]


def _read_counts(uow: UnitOfWork, scope: Scope) -> list[tuple[int, str, Decimal, Decimal]]:
    """(shift, method, expected, counted) of the closed shifts opened in the period."""
    rows = uow.session.execute(
        select(ShiftCount.shift_id, ShiftCount.method, ShiftCount.expected, ShiftCount.counted)
        .join(Shift, Shift.id == ShiftCount.shift_id)
        .where(_opened_in(scope))
    )
    return [(shift, method, expected, counted) for shift, method, expected, counted in rows]


def _read_totals(uow: UnitOfWork, scope: Scope) -> tuple[int, Decimal]:
    """How many shifts were opened in the period, and counted minus expected over them."""
    shifts = uow.session.scalar(select(func.count()).select_from(Shift).where(_opened_in(scope)))
    counted, expected = uow.session.execute(
        select(func.sum(ShiftCount.counted), func.sum(ShiftCount.expected))
        .join(Shift, Shift.id == ShiftCount.shift_id)
        .where(_opened_in(scope))
    ).one()
    return shifts or 0, (counted or ZERO) - (expected or ZERO)


def _moment(at: datetime | None, scope: Scope) -> str:
    return at.astimezone(scope.zone).strftime("%Y-%m-%d %H:%M") if at is not None else ""


def _table(uow: UnitOfWork, scope: Scope) -> Table:
    counts: dict[int, dict[str, tuple[Decimal, Decimal]]] = defaultdict(dict)
    for shift, paid_by, expected, counted in _read_counts(uow, scope):
        counts[shift][paid_by] = (expected, counted)
    present = {paid_by for by_method in counts.values() for paid_by in by_method}
    methods = [m for m in PaymentMethod if m.value in present]
    texts = translations(language())
    columns = [
        Column("shift", _("Shift"), Unit.COUNT),
        Column("till", _("Till"), Unit.TEXT),
        Column("opened_by", _("Opened by"), Unit.TEXT),
        Column("opened_at", _("Opened"), Unit.TEXT),
        Column("closed_by", _("Closed by"), Unit.TEXT),
        Column("closed_at", _("Closed"), Unit.TEXT),
        Column("opening_float", _("Float"), Unit.MONEY),
    ]
    for method in methods:
        name = method_name(method, texts)
        columns += [
            Column(
                f"{method.value}_expected", _("{method}: expected").format(method=name), Unit.MONEY
            ),
            Column(
                f"{method.value}_counted", _("{method}: counted").format(method=name), Unit.MONEY
            ),
            Column(
                f"{method.value}_difference",
                _("{method}: difference").format(method=name),
                Unit.MONEY,
            ),
        ]
    rows = []
    for shift, till, opened_by, opened_at, closed_by, closed_at, opening in _read_shifts(
        uow, scope
    ):
        row: list[Value] = [
            shift,
            till,
            opened_by,
            _moment(opened_at, scope),
            closed_by or "",
            _moment(closed_at, scope),
            opening,
        ]
        for method in methods:
            found = counts[shift].get(method.value)
            row += [found[0], found[1], found[1] - found[0]] if found else [None, None, None]
        rows.append(tuple(row))
    return Table(
        "shifts",
        _("Shifts"),
        tuple(columns),
        tuple(rows),
        note=_(
            "Expected cash is the opening float plus the cash taken, less the cash refunded; a "
            "difference is counted minus expected (below zero: missing). A shift still open has "
            "no count yet. Times are the shop's."
        ),
    )


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        shifts, difference = _read_totals(uow, scope)
        before = _read_totals(uow, scope.previous) if scope.previous is not None else (None, None)
        return scope.report(
            "shifts",
            _("Shifts"),
            figures=(
                figure("shifts", _("Shifts"), Unit.COUNT, shifts, before[0]),
                figure(
                    "difference",
                    _("Counted minus expected"),
                    Unit.MONEY,
                    difference,
                    before[1],
                ),
            ),
            tables=(_table(uow, scope),),
        )
