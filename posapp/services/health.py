"""The shop's health check (`posapp check`): read-only, each check a sentence and its findings.

What it proves, on the whole database: the file is sound (SQLite's
integrity_check), each till's receipt numbers run without a gap, every
completed sale is whole (its lines add up to its total, its payments settle
it, its VAT per rate is the VAT of that rate's gross), every member's balance
is the sum of their ledger, every used voucher was used in one completed sale,
and the reports' aggregates equal the raw rows. A finding names the rows to
look at; an empty list of findings is a healthy shop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from posapp.db.models import LoyaltyAccount, Payment, PointsEntry, Sale, SaleLine, Till, Voucher
from posapp.db.uow import UnitOfWork
from posapp.domain.money import ZERO
from posapp.domain.vat import vat_included
from posapp.i18n import N_, _
from posapp.services.reports import aggregates

SHOWN = 10  # findings shown per check; the count says how many there are


@dataclass(frozen=True)
class Check:
    name: str  # translated: what was checked
    findings: tuple[str, ...]  # what is wrong (empty: all is well)
    count: int  # how many findings in all


def check_shop(uow: UnitOfWork) -> list[Check]:
    """Every check, in one read transaction (what the tills write meanwhile waits for the next)."""
    with uow:
        return [Check(_(name), *_shown(run(uow))) for name, run in CHECKS]


def _shown(findings: list[str]) -> tuple[tuple[str, ...], int]:
    return tuple(findings[:SHOWN]), len(findings)


def _integrity(uow: UnitOfWork) -> list[str]:
    if uow.connection.dialect.name != "sqlite":
        return []  # PostgreSQL checks its pages itself (and pg_amcheck does it on demand)
    rows = [row[0] for row in uow.connection.exec_driver_sql("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else [str(row) for row in rows]


def _receipt_numbers(uow: UnitOfWork) -> list[str]:
    numbers = (
        select(
            Till.code,
            Till.next_receipt_number,
            func.count(Sale.id),
            func.min(Sale.receipt_number),
            func.max(Sale.receipt_number),
        )
        .select_from(Till)
        .outerjoin(Sale, (Sale.till_id == Till.id) & (Sale.receipt_number.is_not(None)))
        .group_by(Till.id)
        .order_by(Till.code)
    )
    found = []
    for code, following, counted, first, last in uow.connection.execute(numbers):
        issued = following - 1
        if counted != issued or (counted and (first != 1 or last != issued)):
            found.append(
                _(
                    "till {till}: {issued} receipt numbers issued, {counted} receipts found"
                    " (numbers {first} to {last})"
                ).format(till=code, issued=issued, counted=counted, first=first, last=last)
            )
    return found


def _sales_whole(uow: UnitOfWork) -> list[str]:
    lines = (
        select(SaleLine.sale_id, func.sum(SaleLine.total).label("total"))
        .group_by(SaleLine.sale_id)
        .subquery()
    )
    paid = (
        select(Payment.sale_id, func.sum(Payment.amount).label("total"))
        .group_by(Payment.sale_id)
        .subquery()
    )
    statement = (
        select(Till.code, Sale.receipt_number, Sale.total, lines.c.total, paid.c.total)
        .join(Till, Till.id == Sale.till_id)
        .outerjoin(lines, lines.c.sale_id == Sale.id)
        .outerjoin(paid, paid.c.sale_id == Sale.id)
        .where(Sale.status == "completed")
        .order_by(Sale.id)
    )
    found = []
    for till, number, total, lines_total, paid_total in uow.connection.execute(statement):
        # A sale that rewards took to 0.00 has no payment to record.
        paid_total = ZERO if paid_total is None else paid_total
        if lines_total != total or paid_total != total:
            found.append(
                _(
                    "receipt {till}-{number}: total {total}, its lines {lines}, its payments {paid}"
                ).format(till=till, number=number, total=total, lines=lines_total, paid=paid_total)
            )
    return found


def _sales_vat(uow: UnitOfWork) -> list[str]:
    """A sale's VAT per rate is the VAT included in that rate's gross (as its receipt shows).

    Refunds are left out: a refund returns the VAT its original lines carried.
    """
    statement = (
        select(
            Sale.id,
            Till.code,
            Sale.receipt_number,
            SaleLine.vat_rate,
            func.sum(SaleLine.total),
            func.sum(SaleLine.vat_amount),
        )
        .join(Till, Till.id == Sale.till_id)
        .join(SaleLine, SaleLine.sale_id == Sale.id)
        .where(Sale.status == "completed", Sale.kind == "sale")
        .group_by(Sale.id, Till.code, Sale.receipt_number, SaleLine.vat_rate)
    )
    found = []
    for _id, till, number, rate, gross, vat in uow.connection.execute(statement):
        if vat != vat_included(gross, rate):
            found.append(
                _("receipt {till}-{number}: VAT {vat} at {rate} % of {gross}").format(
                    till=till, number=number, vat=vat, rate=rate, gross=gross
                )
            )
    return found


def _balances(uow: UnitOfWork) -> list[str]:
    ledger: dict[int, int] = defaultdict(int)
    for customer, points in uow.connection.execute(
        select(PointsEntry.customer_id, func.sum(PointsEntry.points)).group_by(
            PointsEntry.customer_id
        )
    ):
        ledger[customer] = int(points)
    found = []
    for customer, balance in uow.connection.execute(
        select(LoyaltyAccount.customer_id, LoyaltyAccount.balance)
    ):
        summed = ledger.pop(customer, 0)
        if summed != balance:
            found.append(
                _("member {customer}: balance {balance}, ledger {ledger}").format(
                    customer=customer, balance=balance, ledger=summed
                )
            )
    found.extend(
        _("customer {customer}: {points} points in the ledger and no account").format(
            customer=customer, points=points
        )
        for customer, points in ledger.items()
        if points
    )
    return found


def _vouchers(uow: UnitOfWork) -> list[str]:
    statement = (
        select(Voucher.code, Sale.status)
        .outerjoin(Sale, Sale.id == Voucher.used_in_sale_id)
        .where(Voucher.status == "used")
    )
    return [
        _("voucher {code}: used in a sale that was not completed").format(code=code)
        for code, status in uow.connection.execute(statement)
        if status != "completed"
    ]


def _aggregates(uow: UnitOfWork) -> list[str]:
    return aggregates.differences(uow)


CHECKS: tuple[tuple[str, Callable[[UnitOfWork], list[str]]], ...] = (
    (N_("The database file is sound"), _integrity),
    (N_("Receipt numbers run without a gap on every till"), _receipt_numbers),
    (N_("Every sale's lines and payments add up to its total"), _sales_whole),
    (N_("Every sale's VAT is the VAT of its gross per rate"), _sales_vat),
    (N_("Every member's balance is the sum of their points ledger"), _balances),
    (N_("Every used voucher was used in a completed sale"), _vouchers),
    (N_("The reports' aggregates equal the sales they sum"), _aggregates),
)
