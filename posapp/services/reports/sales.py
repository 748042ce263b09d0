"""The sales report: takings of a period beside the previous period's, and where they came from.

Definitions (also said under the tables where not obvious):

- gross takings: what completed sales came to (after their discounts);
- refunds: what completed refunds gave back, as a positive amount;
- net takings: gross takings minus refunds;
- VAT: the VAT of sales minus the VAT given back by refunds;
- items: units sold, a weighed line counting as one item;
- discounts given: line discounts and rewards (SaleLine.discount) plus what changed prices
  took off the list price, on completed sales;
- voids: sales cancelled before completion, at what they came to when voided.

The takings are read from the aggregates by shop day (posapp.services.reports.aggregates:
summed days and the raw rows of the days not yet summed), by the functions named
`_read_*`; only the list of refunds and voids reads sales themselves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from babel import dates
from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from posapp.db.models import Sale, SaleLine, Till, User
from posapp.db.models.sales import refunds_and_voids
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.money import ZERO, to_cents, to_grams
from posapp.domain.roles import Actor
from posapp.i18n import _, format_day_month, language, translations
from posapp.output import formatting
from posapp.output.receipt_layout import method_name
from posapp.output.report import (
    Chart,
    ChartKind,
    Column,
    Figure,
    Report,
    Series,
    Table,
    Unit,
    Value,
)
from posapp.services.reports import ReportQuery, aggregates
from posapp.services.reports.common import Scope, figure, open_scope, share


@dataclass
class Takings:
    """Completed sales, refunds and voids of one group (a day, a cashier, a till…)."""

    sales: int = 0
    gross: Decimal = ZERO
    refunds: int = 0
    refunded: Decimal = ZERO  # positive
    voids: int = 0
    voided: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.gross - self.refunded

    @property
    def average(self) -> Decimal | None:
        return to_cents(self.gross / self.sales) if self.sales else None

    def add(self, kind: str, status: str, count: int, total: Decimal) -> None:
        if status == "voided":
            self.voids += count
            self.voided += total
        elif kind == "refund":
            self.refunds += count
            self.refunded -= total
        else:
            self.sales += count
            self.gross += total


@dataclass(frozen=True)
class LineSums:
    vat: Decimal = ZERO  # of sales, less refunds'
    items: Decimal = ZERO  # units sold, one per weighed line
    discounts: Decimal = ZERO  # line discounts and price changes of sales


# --- Reading rows: GROUP BY in the database ---------------------------------------------


def _read_takings(uow: UnitOfWork, scope: Scope, *keys: str) -> list[tuple[Any, ...]]:
    """(*keys, kind, status, count, total) of the period's sales, refunds and voids.

    `keys` are of the aggregates' takings ("day", "hour", "user_id", "till_id").
    """
    rows = aggregates.totals(
        uow, scope, aggregates.TAKINGS, [*keys, "kind", "status"], measures=("sales", "gross")
    )
    return [
        (*(row[key] for key in keys), row["kind"], row["status"], row["sales"], row["gross"])
        for row in rows
    ]


def _completed(columns: Any) -> Any:
    return columns.status == "completed"


def _read_line_sums(uow: UnitOfWork, scope: Scope) -> LineSums:
    """The VAT of completed sales less refunds', the items and the discounts of sales."""
    vat, items = ZERO, ZERO
    for row in aggregates.totals(uow, scope, aggregates.TAKINGS, ["kind"], _completed):
        vat += row["vat"]
        if row["kind"] == "sale":
            items = row["items"]
    discounts = ZERO
    for row in aggregates.totals(uow, scope, aggregates.DISCOUNTS, ["kind"], _completed):
        if row["kind"] == "sale":
            discounts = row["discount"] + to_cents(row["overridden"])
    return LineSums(vat, items, discounts)


def _read_payments(uow: UnitOfWork, scope: Scope) -> list[tuple[str, str, Decimal]]:
    """(method, kind, amount) settled by payments of completed sales and refunds."""
    rows = aggregates.totals(uow, scope, aggregates.PAYMENTS, ["method", "kind"], _completed)
    return [(row["method"], row["kind"], row["amount"]) for row in rows]


def _read_discounts(uow: UnitOfWork, scope: Scope) -> list[tuple[Any, ...]]:
    """Per cashier and approver (None: no one needed to): discounted lines, their
    discounts, changed prices and what those took off, of completed sales."""
    rows = aggregates.totals(
        uow,
        scope,
        aggregates.DISCOUNTS,
        ["user_id", "approved_by"],
        lambda c: (c.status == "completed") & (c.kind == "sale"),
    )
    return [
        (
            row["user_id"],
            row["approved_by"] or None,
            row["discounted"],
            row["discount"],
            row["changed"],
            row["overridden"],
        )
        for row in rows
    ]


def _read_refunds_and_voids(
    uow: UnitOfWork, scope: Scope, limit: int | None
) -> tuple[list[tuple[Any, ...]], int]:
    """The period's refunds and voids, in time order, with the receipt each refunded: the
    newest `limit` of them (None: all), and how many there are."""
    # Spelt as the partial index on refunds and voids is, so that the database uses it.
    where: list[Any] = [scope.sales_in(), text(f"({refunds_and_voids(Sale.__tablename__)})")]
    original = aliased(Sale)
    original_till = aliased(Till)
    approver = (
        select(func.max(SaleLine.approved_by)).where(SaleLine.sale_id == Sale.id).scalar_subquery()
    )
    listed = (
        select(
            Sale.completed_at,
            Sale.kind,
            Sale.status,
            Till.code,
            Sale.receipt_number,
            original_till.code,
            original.receipt_number,
            Sale.user_id,
            approver,
            Sale.total,
            Sale.reason,
        )
        .join(Till, Till.id == Sale.till_id)
        .outerjoin(original, original.id == Sale.refund_of_id)
        .outerjoin(original_till, original_till.id == original.till_id)
        .where(*where)
        .order_by(Sale.completed_at.desc(), Sale.id.desc())
        .limit(limit)
    )
    rows = [tuple(row) for row in uow.session.execute(listed)][::-1]
    if limit is None or len(rows) < limit:
        return rows, len(rows)
    count = uow.session.execute(select(func.count()).select_from(Sale).where(*where)).scalar()
    return rows, int(count or 0)


def _read_user_names(uow: UnitOfWork) -> dict[int, str]:
    return {user_id: name for user_id, name in uow.session.execute(select(User.id, User.name))}


def _read_till_codes(uow: UnitOfWork) -> dict[int, str]:
    return {till: code for till, code in uow.session.execute(select(Till.id, Till.code))}


# --- Folding the rows into the report ------------------------------------------------------


def takings_by(rows: Iterable[tuple[Any, ...]]) -> dict[Any, Takings]:
    """Rows of _read_takings(…, key) folded per key."""
    grouped: dict[Any, Takings] = defaultdict(Takings)
    for key, kind, status, count, total in rows:
        grouped[key].add(kind, status, count, total)
    return grouped


def _total_takings(uow: UnitOfWork, scope: Scope) -> Takings:
    whole = Takings()
    for kind, status, count, total in _read_takings(uow, scope):
        whole.add(kind, status, count, total)
    return whole


def _figure_values(uow: UnitOfWork, scope: Scope, takings: Takings) -> dict[str, Value]:
    lines = _read_line_sums(uow, scope)
    items_per_sale = to_grams(lines.items / takings.sales) if takings.sales else None
    return {
        "gross": takings.gross,
        "net": takings.net,
        "vat": lines.vat,
        "sales": takings.sales,
        "average_basket": takings.average,
        "items_per_sale": items_per_sale,
        "refunds": takings.refunds,
        "refunded": takings.refunded,
        "voids": takings.voids,
        "voided": takings.voided,
        "discounts": lines.discounts,
    }


def _figures(uow: UnitOfWork, scope: Scope, whole: Takings) -> tuple[Figure, ...]:
    now = _figure_values(uow, scope, whole)
    previous = scope.previous
    before = (
        _figure_values(uow, previous, _total_takings(uow, previous)) if previous is not None else {}
    )
    worse_when_higher = {"refunds", "refunded", "voids", "voided", "discounts"}
    labels = (
        ("gross", _("Gross takings"), Unit.MONEY),
        ("net", _("Net takings"), Unit.MONEY),
        ("vat", _("VAT"), Unit.MONEY),
        ("sales", _("Sales"), Unit.COUNT),
        ("average_basket", _("Average basket"), Unit.MONEY),
        ("items_per_sale", _("Items per sale"), Unit.QUANTITY),
        ("refunds", _("Refunds"), Unit.COUNT),
        ("refunded", _("Refunded"), Unit.MONEY),
        ("voids", _("Voided sales"), Unit.COUNT),
        ("voided", _("Voided amount"), Unit.MONEY),
        ("discounts", _("Discounts given"), Unit.MONEY),
    )
    return tuple(
        figure(
            key,
            label,
            unit,
            now[key],
            before.get(key),
            lower_is_better=key in worse_when_higher,
        )
        for key, label, unit in labels
    )


def _days(scope: Scope) -> list[date]:
    return [scope.period.first + timedelta(n) for n in range(scope.period.days)]


def _takings_columns(first: Column) -> tuple[Column, ...]:
    return (
        first,
        Column("sales", _("Sales"), Unit.COUNT),
        Column("gross", _("Gross takings"), Unit.MONEY),
        Column("refunded", _("Refunded"), Unit.MONEY),
        Column("net", _("Net takings"), Unit.MONEY),
        Column("average_basket", _("Average basket"), Unit.MONEY),
    )


def _takings_row(key: Value, takings: Takings) -> tuple[Value, ...]:
    return (key, takings.sales, takings.gross, takings.refunded, takings.net, takings.average)


def _by_time(uow: UnitOfWork, scope: Scope, whole: Takings) -> tuple[Table, Chart, Chart]:
    """The table and chart of takings by day, and the heat map of sales by weekday and hour."""
    by_day: dict[date, Takings] = defaultdict(Takings)
    heat = [[0] * 24 for _weekday in range(7)]
    for day, hour, kind, status, count, total in _read_takings(uow, scope, "day", "hour"):
        by_day[day].add(kind, status, count, total)
        if kind == "sale" and status == "completed":
            heat[day.weekday()][hour] += count
    days = _days(scope)
    table = Table(
        "by_day",
        _("Takings by day"),
        _takings_columns(Column("day", _("Day"), Unit.DATE)),
        tuple(_takings_row(day, by_day.get(day, Takings())) for day in days),
        total=_takings_row(_("Total"), whole),
        note=_(
            "Gross takings are what completed sales came to after discounts; net takings are "
            "gross takings minus refunds. A day is the shop's day in its time zone."
        ),
    )
    bars = Chart(
        "takings_by_day",
        _("Net takings by day"),
        ChartKind.BAR,
        Unit.MONEY,
        tuple(format_day_month(day, language()) for day in days),
        (Series(_("Net takings"), tuple(by_day.get(day, Takings()).net for day in days)),),
    )
    weekdays = dates.get_day_names("wide", locale=formatting.babel_locale(language()))
    heat_map = Chart(
        "sales_by_hour",
        _("Sales by weekday and hour"),
        ChartKind.HEAT_MAP,
        Unit.COUNT,
        tuple(f"{hour:02d}" for hour in range(24)),
        tuple(Series(str(weekdays[n]), tuple(heat[n])) for n in range(7)),
    )
    return table, bars, heat_map


def _by_cashier(grouped: dict[Any, Takings], names: dict[int, str], whole: Takings) -> Table:
    rows = sorted(
        (_takings_row(names[user], takings) for user, takings in grouped.items()),
        key=lambda row: str(row[0]),
    )
    return Table(
        "by_cashier",
        _("Takings by cashier"),
        _takings_columns(Column("cashier", _("Cashier"), Unit.TEXT)),
        tuple(rows),
        total=_takings_row(_("Total"), whole),
        note=_("A refund counts for whoever made it, not for who made the sale."),
    )


def _by_till(uow: UnitOfWork, grouped: dict[Any, Takings], whole: Takings) -> Table:
    codes = _read_till_codes(uow)
    rows = sorted(
        ((*_takings_row(codes[till], takings), takings.voids) for till, takings in grouped.items()),
        key=lambda row: str(row[0]),
    )
    return Table(
        "by_till",
        _("Takings by till"),
        (
            *_takings_columns(Column("till", _("Till"), Unit.TEXT)),
            Column("voids", _("Voided sales"), Unit.COUNT),
        ),
        tuple(rows),
        total=(*_takings_row(_("Total"), whole), whole.voids),
    )


def _by_method(uow: UnitOfWork, scope: Scope) -> Table:
    taken: dict[str, Decimal] = defaultdict(lambda: ZERO)
    given_back: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for paid_by, kind, amount in _read_payments(uow, scope):
        if kind == "refund":
            given_back[paid_by] -= amount
        else:
            taken[paid_by] += amount
    net_total = sum(taken.values(), ZERO) - sum(given_back.values(), ZERO)
    texts = translations(language())
    rows = []
    for method in PaymentMethod:
        if method.value not in taken and method.value not in given_back:
            continue
        net = taken[method.value] - given_back[method.value]
        rows.append(
            (
                method_name(method, texts),
                taken[method.value],
                given_back[method.value],
                net,
                share(net, net_total),
            )
        )
    return Table(
        "by_method",
        _("Takings by payment method"),
        (
            Column("method", _("Payment method"), Unit.TEXT),
            Column("taken", _("Taken"), Unit.MONEY),
            Column("refunded", _("Refunded"), Unit.MONEY),
            Column("net", _("Net"), Unit.MONEY),
            Column("share", _("Share"), Unit.SHARE),
        ),
        tuple(rows),
        total=(
            _("Total"),
            sum(taken.values(), ZERO),
            sum(given_back.values(), ZERO),
            net_total,
            share(1, 1) if net_total else None,
        ),
        note=_(
            "What each payment settled: change given back from cash is not counted. A refund is "
            "paid back by the method chosen when refunding."
        ),
    )


def _refunds_and_voids(
    uow: UnitOfWork, scope: Scope, names: dict[int, str], limit: int | None
) -> Table:
    listed, count = _read_refunds_and_voids(uow, scope, limit)
    rows = []
    for (
        at,
        kind,
        status,
        till,
        number,
        original_till,
        original_number,
        user,
        approver,
        total,
        reason,
    ) in listed:
        local = at.astimezone(scope.zone)
        refund = status == "completed"
        rows.append(
            (
                local.date(),
                local.strftime("%H:%M"),
                _("Refund") if refund else _("Void"),
                till,
                f"{till}-{number}" if refund else "",
                f"{original_till}-{original_number}" if kind == "refund" else "",
                names[user],
                names[approver] if approver is not None else "",
                -total if refund else total,
                reason or "",
            )
        )
    return Table(
        "refunds_and_voids",
        _("Refunds and voids"),
        (
            Column("day", _("Day"), Unit.DATE),
            Column("time", _("Time"), Unit.TEXT),
            Column("what", _("What"), Unit.TEXT),
            Column("till", _("Till"), Unit.TEXT),
            Column("receipt", _("Receipt"), Unit.TEXT),
            Column("refund_of", _("Refund of"), Unit.TEXT),
            Column("cashier", _("Cashier"), Unit.TEXT),
            Column("approved_by", _("Approved by"), Unit.TEXT),
            Column("amount", _("Amount"), Unit.MONEY),
            Column("reason", _("Reason"), Unit.TEXT),
        ),
        tuple(rows),
        note=_(
            "A refund's amount is what it gave back; a void's is what the sale came to when it "
            "was cancelled. 'Approved by' names the manager who approved a cashier's refund."
        )
        + (
            " " + _("The newest {shown} of {count} are listed; the CSV export lists them all.")
            if len(rows) < count
            else ""
        ).format(shown=len(rows), count=count),
    )


def _discounts(uow: UnitOfWork, scope: Scope, names: dict[int, str]) -> Table:
    rows = []
    for user, approver, lines, discount, changed, taken_off in _read_discounts(uow, scope):
        price_changes = to_cents(taken_off or ZERO)
        discount = discount or ZERO
        rows.append(
            (
                names[user],
                names[approver] if approver is not None else "",
                lines,
                discount,
                changed,
                price_changes,
                discount + price_changes,
            )
        )
    rows.sort(key=lambda row: (str(row[0]), str(row[1])))
    return Table(
        "discounts",
        _("Discounts and price changes by cashier"),
        (
            Column("cashier", _("Cashier"), Unit.TEXT),
            Column("approved_by", _("Approved by"), Unit.TEXT),
            Column("discounted_lines", _("Discounted lines"), Unit.COUNT),
            Column("discounts", _("Discounts"), Unit.MONEY),
            Column("changed_prices", _("Changed prices"), Unit.COUNT),
            Column("price_changes", _("Taken off by changed prices"), Unit.MONEY),
            Column("total", _("Given in all"), Unit.MONEY),
        ),
        tuple(rows),
        total=(
            _("Total"),
            "",
            sum(row[2] for row in rows),
            sum((row[3] for row in rows), ZERO),
            sum(row[4] for row in rows),
            sum((row[5] for row in rows), ZERO),
            sum((row[6] for row in rows), ZERO),
        ),
        note=_(
            "Discounts are the line discounts and loyalty rewards of completed sales; a changed "
            "price counts what it took off the list price. 'Approved by' is empty when no "
            "approval was needed."
        ),
    )


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        names = _read_user_names(uow)
        user_rows = _read_takings(uow, scope, "user_id")
        by_user = takings_by(user_rows)
        whole = takings_by((None, *row[1:]) for row in user_rows).get(None, Takings())
        by_day, bars, heat_map = _by_time(uow, scope, whole)
        return scope.report(
            "sales",
            _("Sales"),
            figures=_figures(uow, scope, whole),
            charts=(bars, heat_map),
            tables=(
                by_day,
                _by_cashier(by_user, names, whole),
                _by_method(uow, scope),
                _by_till(uow, takings_by(_read_takings(uow, scope, "till_id")), whole),
                _refunds_and_voids(uow, scope, names, query.limit),
                _discounts(uow, scope, names),
            ),
        )
