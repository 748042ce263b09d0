"""The loyalty part of a refund, inside refunds.refund()'s transaction: earned points
taken back and spent ones given back, in the very transaction that records the refund."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select

from posapp.db.models import PointsEntry
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import refund_step
from posapp.domain.roles import Actor
from posapp.i18n import _
from posapp.services.loyalty.accounts import read_member
from posapp.services.loyalty.ledger import _CHANGE_BALANCE, _entry, _post
from posapp.services.loyalty.rewards import _next_reward
from posapp.services.loyalty.sale import LoyaltyOutcome
from posapp.services.settings import read_settings


def record_refund(
    uow: UnitOfWork,
    actor: Actor,
    *,
    sale_id: int,
    customer_id: int,
    refund_id: int,
    sale_total: Decimal,
    refunded_before: Decimal,
    refunded_after: Decimal,
    fully: bool,
    now: datetime,
) -> LoyaltyOutcome | None:
    """Inside refund()'s transaction: take back earned points, give back spent ones.

    Both follow the money refunded (posapp.domain.loyalty.refund_step), so the
    refunds of a sale, however split, take back exactly what it earned once it
    is all refunded, never more. Spent points come back per the shop's setting
    (in proportion, only on a full refund, or never). A balance never goes
    below zero: when the customer has already spent the points a refund would
    take back, it takes what there is and the entry says how many it could not.
    """
    connection = uow.connection
    earned = (
        connection.execute(
            select(PointsEntry.points).where(
                PointsEntry.kind == "earned", PointsEntry.key == f"sale:{sale_id}"
            )
        ).scalar()
        or 0
    )
    spent = -(
        connection.execute(
            select(func.sum(PointsEntry.points)).where(
                PointsEntry.sale_id == sale_id, PointsEntry.kind == "redeemed"
            )
        ).scalar()
        or 0
    )
    if not earned and not spent:
        return None
    loyalty = read_settings(uow).loyalty
    account = read_member(uow, customer_id, loyalty.stage_rules(), lock=True)
    reverse = refund_step(earned, sale_total, refunded_before, refunded_after, fully)
    if loyalty.refund_restores_points == "proportional":
        restore = refund_step(spent, sale_total, refunded_before, refunded_after, fully)
    elif loyalty.refund_restores_points == "full_refund":
        restore = spent if fully else 0
    else:
        restore = 0
    taken = min(reverse, account.balance + restore)
    shortfall = reverse - taken
    key = f"refund:{refund_id}"
    entries = []
    if restore:
        entries.append(_entry(account.customer_id, "redemption_restored", restore, key, refund_id))
    if reverse:
        reason = None
        if shortfall:
            reason = _(
                "{short} of {points} points not taken back: the customer had already spent them."
            ).format(short=shortfall, points=reverse)
        entries.append(
            _entry(account.customer_id, "refund_reversal", -taken, key, refund_id, reason)
        )
    change = restore - taken
    connection.execute(
        _CHANGE_BALANCE,
        {"customer": account.customer_id, "needed": max(-change, 0), "change": change},
    )
    _post(uow, entries, actor, now)
    upcoming = _next_reward(loyalty, account.balance + change)
    return LoyaltyOutcome(
        customer_id=account.customer_id,
        points_reversed=taken,
        points_restored=restore,
        shortfall=shortfall,
        balance=account.balance + change,
        next_reward=upcoming[0],
        points_to_next_reward=upcoming[1],
    )
