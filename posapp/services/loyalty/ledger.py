"""The points ledger: posting entries, adjusting points by hand, and points expiring.

The ledger (points_entries) is append-only, and each entry is keyed to what it is for
under UNIQUE (kind, key): points for a sale cannot be granted twice. The cached balance
(loyalty_accounts.balance) changes in the same statement sequence as the entries, by a
conditional UPDATE (… WHERE balance >= :needed) under the account's row lock; the
database refuses a negative balance.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, func, insert, select, update

from posapp.db.models import LoyaltyAccount, PointsEntry, Voucher
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import StageRules, months_before, points_to_expire
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput, NotEnoughPoints
from posapp.i18n import _
from posapp.services import audit
from posapp.services.loyalty.accounts import _read_account, read_member
from posapp.services.settings import read_settings

EXPIRY_BATCH = 200  # customers per transaction when points expire


@dataclass(frozen=True)
class ExpiryReport:
    cutoff: datetime | None  # points credited at or before it expired; None: they never expire
    customers: int
    points: int
    vouchers: int  # vouchers past their last day, marked expired


_CHANGE_BALANCE = (
    update(LoyaltyAccount)
    .where(
        LoyaltyAccount.customer_id == bindparam("customer"),
        LoyaltyAccount.balance >= bindparam("needed"),
    )
    .values(balance=LoyaltyAccount.balance + bindparam("change"))
)
_INSERT_ENTRIES = insert(PointsEntry)


def _not_enough(balance: int) -> NotEnoughPoints:
    return NotEnoughPoints(
        _(
            "Not enough points: the customer has {balance}. Take a reward off the sale, or "
            "scan the card again to see what is left."
        ).format(balance=balance)
    )


def _entry(
    customer_id: int,
    kind: str,
    points: int,
    key: str,
    sale_id: int | None,
    reason: str | None = None,
) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "kind": kind,
        "points": points,
        "key": key,
        "sale_id": sale_id,
        "reason": reason,
    }


def _post(uow: UnitOfWork, entries: list[dict[str, Any]], actor: Actor, now: datetime) -> None:
    """Append entries to the ledger (the caller has changed the balances they make)."""
    if entries:
        uow.connection.execute(
            _INSERT_ENTRIES, [{**entry, "user_id": actor.user_id, "at": now} for entry in entries]
        )


def adjust_points(uow: UnitOfWork, actor: Actor, customer_id: int, points: int, reason: str) -> int:
    """Add (or with a negative number take away) points by hand, saying why; returns the
    new balance. Owner or manager. A balance cannot go below zero."""
    require(actor, Permission.MANAGE_LOYALTY)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(_("Say why the points are changed."))
    if isinstance(points, bool) or not isinstance(points, int) or points == 0:
        raise InvalidInput(_("Give the points to add, or a negative number to take away."))
    with uow.writing():
        rules = read_settings(uow).loyalty.stage_rules()
        account = read_member(uow, customer_id, rules, lock=True)
        if account.balance + points < 0:
            raise _not_enough(account.balance)
        changed = uow.connection.execute(
            _CHANGE_BALANCE,
            {"customer": account.customer_id, "needed": max(-points, 0), "change": points},
        ).rowcount
        if changed != 1:
            raise _not_enough(account.balance)
        now = uow.now()
        key = f"adjust:{uuid_module.uuid4()}"
        _post(
            uow,
            [_entry(account.customer_id, "adjustment", points, key, None, reason[:200])],
            actor,
            now,
        )
        audit.record(
            uow,
            actor,
            "points_adjusted",
            {"customer_id": account.customer_id, "points": points, "reason": reason},
        )
        uow.commit()
    return account.balance + points


def expire_points(uow: UnitOfWork, actor: Actor, as_of: datetime | None = None) -> ExpiryReport:
    """Points credited longer ago than the shop's expiry (months) and not spent expire,
    oldest first (posapp.domain.loyalty.points_to_expire); vouchers past their last day
    are marked expired. Run again for the same moment, it finds nothing more.

    Customers are handled EXPIRY_BATCH at a time, each batch a transaction of its
    own, so tills selling meanwhile wait for one batch at most.
    """
    require(actor, Permission.MANAGE_SHIFT)
    as_of = as_of or uow.now()
    with uow:
        settings = read_settings(uow)
    months = settings.loyalty.points_expire_months
    today = settings.local_date(as_of)
    with uow.writing():
        vouchers = uow.connection.execute(
            update(Voucher)
            .where(Voucher.status == "issued", Voucher.expires_on < today)
            .values(status="expired")
        ).rowcount
        uow.commit()
    if months <= 0:
        return ExpiryReport(None, 0, 0, vouchers)
    cutoff = months_before(as_of, months)
    with uow:
        candidates = list(uow.connection.execute(_EXPIRY_CANDIDATES, {"cutoff": cutoff}).scalars())
    customers = points = 0
    rules = settings.loyalty.stage_rules()
    for start in range(0, len(candidates), EXPIRY_BATCH):
        with uow.writing():
            now = uow.now()
            for customer_id in candidates[start : start + EXPIRY_BATCH]:
                expired = _expire_one(uow, actor, customer_id, cutoff, now, rules)
                if expired:
                    customers += 1
                    points += expired
            uow.commit()
    return ExpiryReport(cutoff, customers, points, vouchers)


# The customers who may have points to lose: some left, and credits before the cutoff
# that their debits do not cover (checked again, exactly, under each account's lock).
_CREDITED_BEFORE = func.sum(
    case(
        (
            (PointsEntry.points > 0) & (PointsEntry.at <= bindparam("cutoff")),
            PointsEntry.points,
        ),
        else_=0,
    )
)
_DEBITED = func.sum(case((PointsEntry.points < 0, -PointsEntry.points), else_=0))
_EXPIRY_CANDIDATES = (
    select(PointsEntry.customer_id)
    .where(
        PointsEntry.customer_id.in_(
            select(LoyaltyAccount.customer_id).where(LoyaltyAccount.balance > 0)
        )
    )
    .group_by(PointsEntry.customer_id)
    .having(_CREDITED_BEFORE > _DEBITED)
    .order_by(PointsEntry.customer_id)
)


def _expire_one(
    uow: UnitOfWork,
    actor: Actor,
    customer_id: int,
    cutoff: datetime,
    now: datetime,
    rules: StageRules,
) -> int:
    account = _read_account(uow, customer_id, rules, lock=True)
    if account is None:
        return 0
    entries = [
        (at, points)
        for at, points in uow.connection.execute(
            select(PointsEntry.at, PointsEntry.points).where(PointsEntry.customer_id == customer_id)
        )
    ]
    expired = min(points_to_expire(entries, cutoff), account.balance)
    if expired <= 0:
        return 0
    uow.connection.execute(
        _CHANGE_BALANCE, {"customer": customer_id, "needed": expired, "change": -expired}
    )
    _post(
        uow,
        [
            _entry(
                customer_id,
                "expired",
                -expired,
                f"expiry:{customer_id}:{cutoff:%Y%m%dT%H%M%S%f}",
                None,
            )
        ],
        actor,
        now,
    )
    return expired
