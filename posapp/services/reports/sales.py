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

Every figure is read by GROUP BY in the database over the sales completed in the
period (Scope.sales_in); the functions named `_read_*` are the only ones that read
rows, so takings can move onto aggregate tables without touching the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from babel import dates
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    cast,
    extract,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import QueryableAttribute, aliased

from posapp.db.models import Payment, Product, Sale, SaleLine, Till, User
from posapp.db.types import ScaledDecimal
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
from posapp.services.reports import ReportQuery
from posapp.services.reports.common import Scope, figure, open_scope, share

QUARTER_HOUR = 900  # seconds


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


def _read_takings(
    uow: UnitOfWork, scope: Scope, *keys: ColumnElement[Any] | QueryableAttribute[Any]
) -> list[tuple[Any, ...]]:
    """(*keys, kind, status, count, total) of the period's sales, refunds and voids."""
    return [
        tuple(row)
        for row in uow.session.execute(
            select(*keys, Sale.kind, Sale.status, func.count(), func.sum(Sale.total))
            .where(scope.sales_in())
            .group_by(*keys, Sale.kind, Sale.status)
        )
    ]


def _read_line_sums(uow: UnitOfWork, scope: Scope) -> list[tuple[str, Any, Any, int, Any, Any]]:
    """Per kind of completed sale: VAT, units of unit lines, weighed lines, discounts and
    what changed prices took off (in hundred-thousandths: quantity x cents)."""
    taken_off = func.sum(SaleLine.quantity * (SaleLine.list_price - SaleLine.unit_price))
    rows = uow.session.execute(
        select(
            Sale.kind,
            func.sum(SaleLine.vat_amount),
            func.sum(SaleLine.quantity).filter(Product.sold_by == "unit"),
            func.count().filter(Product.sold_by == "weight"),
            func.sum(SaleLine.discount),
            type_coerce(taken_off, ScaledDecimal(5)),
        )
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(Product, Product.id == SaleLine.product_id)
        .where(scope.sales_in(), Sale.status == "completed")
        .group_by(Sale.kind)
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _read_payments(uow: UnitOfWork, scope: Scope) -> list[tuple[str, str, Decimal]]:
    """(method, kind, amount) settled by payments of completed sales and refunds."""
    rows = uow.session.execute(
        select(Payment.method, Sale.kind, func.sum(Payment.amount))
        .join(Sale, Sale.id == Payment.sale_id)
        .where(scope.sales_in(), Sale.status == "completed")
        .group_by(Payment.method, Sale.kind)
    )
    return [(method, kind, amount) for method, kind, amount in rows]


def _read_discounts(uow: UnitOfWork, scope: Scope) -> list[tuple[Any, ...]]:
    """Per cashier and approver: discounted lines, their discounts, changed prices and what
    those took off (hundred-thousandths), of completed sales."""
    changed = SaleLine.unit_price != SaleLine.list_price
    taken_off = func.sum(SaleLine.quantity * (SaleLine.list_price - SaleLine.unit_price))
    rows = uow.session.execute(
        select(
            Sale.user_id,
            SaleLine.approved_by,
            func.count().filter(SaleLine.discount != ZERO),
            func.sum(SaleLine.discount),
            func.count().filter(changed),
            type_coerce(taken_off, ScaledDecimal(5)),
        )
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(
            scope.sales_in(),
            Sale.status == "completed",
            Sale.kind == "sale",
            or_(SaleLine.discount != ZERO, changed),
        )
        .group_by(Sale.user_id, SaleLine.approved_by)
    )
    return [tuple(row) for row in rows]


def _read_refunds_and_voids(uow: UnitOfWork, scope: Scope) -> list[tuple[Any, ...]]:
    """The period's refunds and voids, in time order, with the receipt each refunded."""
    original = aliased(Sale)
    original_till = aliased(Till)
    approver = (
        select(func.max(SaleLine.approved_by)).where(SaleLine.sale_id == Sale.id).scalar_subquery()
    )
    rows = uow.session.execute(
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
        .where(scope.sales_in(), or_(Sale.kind == "refund", Sale.status == "voided"))
        .order_by(Sale.completed_at, Sale.id)
    )
    return [tuple(row) for row in rows]


def _read_user_names(uow: UnitOfWork) -> dict[int, str]:
    return {user_id: name for user_id, name in uow.session.execute(select(User.id, User.name))}


def _read_till_codes(uow: UnitOfWork) -> dict[int, str]:
    return {till: code for till, code in uow.session.execute(select(Till.id, Till.code))}


def quarter_hour(uow: UnitOfWork) -> ColumnElement[int]:
    """The quarter of an hour (counted from 1970, UTC) a sale was completed in.

    Every zone is a whole number of quarter hours from UTC, so all the moments of one
    quarter fall in the same local hour of the same local day, whatever the DST.
    """
    if uow.connection.dialect.name == "sqlite":
        seconds: ColumnElement[int] = cast(func.strftime("%s", Sale.completed_at), Integer)
    else:
        seconds = cast(func.floor(extract("epoch", Sale.completed_at)), BigInteger)
    return seconds // QUARTER_HOUR


# --- Folding the rows into the report ------------------------------------------------------


def takings_by(rows: Iterable[tuple[Any, ...]]) -> dict[Any, Takings]:
    """Rows of _read_takings with one key, folded per key."""
    grouped: dict[Any, Takings] = defaultdict(Takings)
    for key, kind, status, count, total in rows:
        grouped[key].add(kind, status, count, total)
    return grouped


def _total_takings(uow: UnitOfWork, scope: Scope) -> Takings:
    whole = Takings()
    for kind, status, count, total in _read_takings(uow, scope):
        whole.add(kind, status, count, total)
    return whole


def _line_sums(uow: UnitOfWork, scope: Scope) -> LineSums:
    vat, items, discounts = ZERO, ZERO, ZERO
    for kind, kind_vat, units, weighed, discount, taken_off in _read_line_sums(uow, scope):
        vat += kind_vat or ZERO
        if kind == "sale":
            items = (units or ZERO) + weighed
            discounts = (discount or ZERO) + to_cents(taken_off or ZERO)
    return LineSums(vat, items, discounts)


def _figure_values(uow: UnitOfWork, scope: Scope) -> dict[str, Value]:
    takings, lines = _total_takings(uow, scope), _line_sums(uow, scope)
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


def _figures(uow: UnitOfWork, scope: Scope) -> tuple[Figure, ...]:
    now = _figure_values(uow, scope)
    before = _figure_values(uow, scope.previous) if scope.previous is not None else {}
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


def _local(quarter: int, scope: Scope) -> datetime:
    return datetime.fromtimestamp(quarter * QUARTER_HOUR, UTC).astimezone(scope.zone)


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
    for quarter, kind, status, count, total in _read_takings(uow, scope, quarter_hour(uow)):
        moment = _local(quarter, scope)
        by_day[moment.date()].add(kind, status, count, total)
        if kind == "sale" and status == "completed":
            heat[moment.weekday()][moment.hour] += count
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


def _by_cashier(uow: UnitOfWork, scope: Scope, names: dict[int, str], whole: Takings) -> Table:
    grouped = takings_by(_read_takings(uow, scope, Sale.user_id))
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


def _by_till(uow: UnitOfWork, scope: Scope, whole: Takings) -> Table:
    codes = _read_till_codes(uow)
    grouped = takings_by(_read_takings(uow, scope, Sale.till_id))
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


def _refunds_and_voids(uow: UnitOfWork, scope: Scope, names: dict[int, str]) -> Table:
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
    ) in _read_refunds_and_voids(uow, scope):
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
        ),
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
        whole = _total_takings(uow, scope)
        by_day, bars, heat_map = _by_time(uow, scope, whole)
        return scope.report(
            "sales",
            _("Sales"),
            figures=_figures(uow, scope),
            charts=(bars, heat_map),
            tables=(
                by_day,
                _by_cashier(uow, scope, names, whole),
                _by_method(uow, scope),
                _by_till(uow, scope, whole),
                _refunds_and_voids(uow, scope, names),
                _discounts(uow, scope, names),
            ),
        )
