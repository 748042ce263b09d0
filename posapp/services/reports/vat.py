"""The VAT report: per VAT rate, net, VAT and gross of the period's sales and refunds.

The amounts are the receipts' own: each line's total (VAT included) and the VAT
it carries, as recorded when the sale or refund completed, summed per rate. So the
report equals, to the cent, the sum of the Z reports of the shifts covering the same
days (posapp.services.shifts.shift_report). Net is gross minus VAT; refunds are
shown apart, as positive amounts, and the "after refunds" columns take them off.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from posapp.db.uow import UnitOfWork
from posapp.domain.money import ZERO
from posapp.domain.roles import Actor
from posapp.i18n import _
from posapp.output.report import Column, Figure, Report, Table, Unit, Value
from posapp.services.reports import ReportQuery, aggregates
from posapp.services.reports.common import Scope, figure, open_scope


@dataclass
class VatSums:
    gross: Decimal = ZERO
    vat: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.gross - self.vat

    def add(self, other: VatSums) -> None:
        self.gross += other.gross
        self.vat += other.vat

    def values(self) -> tuple[Decimal, Decimal, Decimal]:
        return self.net, self.vat, self.gross


@dataclass
class RateSums:
    """One rate's sales, and refunds (positive), in part of a period."""

    sales: VatSums
    refunds: VatSums

    @property
    def after_refunds(self) -> VatSums:
        return VatSums(self.sales.gross - self.refunds.gross, self.sales.vat - self.refunds.vat)


def vat_by_month(uow: UnitOfWork, scope: Scope) -> dict[tuple[date, Decimal], RateSums]:
    """Per (first day of the month, rate): the sales and refunds of the scope.

    Read from the aggregates by day (posapp.services.reports.aggregates), whatever
    the period's length.
    """
    rows = aggregates.totals(
        uow,
        scope,
        aggregates.VAT,
        ["day", "vat_rate", "kind"],
        lambda c: c.status == "completed",
    )
    sums: dict[tuple[date, Decimal], RateSums] = defaultdict(lambda: RateSums(VatSums(), VatSums()))
    for row in rows:
        rate = Decimal(row["vat_rate"]).scaleb(-2)
        part = sums[(row["day"].replace(day=1), rate)]
        if row["kind"] == "refund":
            part.refunds.add(VatSums(-row["gross"], -row["vat"]))
        else:
            part.sales.add(VatSums(row["gross"], row["vat"]))
    return sums


def _by_rate(sums: dict[tuple[date, Decimal], RateSums]) -> dict[Decimal, RateSums]:
    rates: dict[Decimal, RateSums] = defaultdict(lambda: RateSums(VatSums(), VatSums()))
    for (_month, rate), part in sums.items():
        rates[rate].sales.add(part.sales)
        rates[rate].refunds.add(part.refunds)
    return rates


def _whole(rates: dict[Decimal, RateSums]) -> RateSums:
    whole = RateSums(VatSums(), VatSums())
    for part in rates.values():
        whole.sales.add(part.sales)
        whole.refunds.add(part.refunds)
    return whole


def _figures(whole: RateSums, before: RateSums | None) -> tuple[Figure, ...]:
    now, then = whole.after_refunds, before.after_refunds if before is not None else None
    return (
        figure("net", _("Net of VAT"), Unit.MONEY, now.net, then.net if then else None),
        figure("vat", _("VAT"), Unit.MONEY, now.vat, then.vat if then else None),
        figure("gross", _("Gross"), Unit.MONEY, now.gross, then.gross if then else None),
    )


def _amount_columns(prefix: str, label: str) -> tuple[Column, ...]:
    return (
        Column(f"{prefix}net", _("{part}: net").format(part=label), Unit.MONEY),
        Column(f"{prefix}vat", _("{part}: VAT").format(part=label), Unit.MONEY),
        Column(f"{prefix}gross", _("{part}: gross").format(part=label), Unit.MONEY),
    )


def _rate_row(first: Value, sums: RateSums) -> tuple[Value, ...]:
    return (
        first,
        *sums.sales.values(),
        *sums.refunds.values(),
        *sums.after_refunds.values(),
    )


def _rate_table(rates: dict[Decimal, RateSums], whole: RateSums) -> Table:
    return Table(
        "by_rate",
        _("VAT by rate"),
        (
            Column("rate", _("VAT rate"), Unit.SHARE),
            *_amount_columns("sales_", _("Sales")),
            *_amount_columns("refunds_", _("Refunds")),
            *_amount_columns("", _("After refunds")),
        ),
        tuple(_rate_row(rate / 100, rates[rate]) for rate in sorted(rates, reverse=True)),
        total=_rate_row(_("Total"), whole),
        note=_(
            "Gross includes VAT; net is gross minus VAT. The amounts are the receipts' own, "
            "summed per rate, as the Z reports of the shifts print them. Refunds are shown as "
            "positive amounts and taken off after refunds."
        ),
    )


def _month_table(sums: dict[tuple[date, Decimal], RateSums]) -> Table:
    rows = tuple(
        (month, rate / 100, *sums[(month, rate)].after_refunds.values())
        for month, rate in sorted(sums, key=lambda key: (key[0], -key[1]))
    )
    return Table(
        "by_month",
        _("VAT by month and rate"),
        (
            Column("month", _("Month"), Unit.MONTH),
            Column("rate", _("VAT rate"), Unit.SHARE),
            Column("net", _("Net"), Unit.MONEY),
            Column("vat", _("VAT"), Unit.MONEY),
            Column("gross", _("Gross"), Unit.MONEY),
        ),
        rows,
        note=_("After refunds. The first and last months may be part months of the period."),
    )


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        sums = vat_by_month(uow, scope)
        rates = _by_rate(sums)
        whole = _whole(rates)
        before = (
            _whole(_by_rate(vat_by_month(uow, scope.previous)))
            if scope.previous is not None
            else None
        )
        return scope.report(
            "vat",
            _("VAT"),
            figures=_figures(whole, before),
            tables=(_rate_table(rates, whole), _month_table(sums)),
        )
