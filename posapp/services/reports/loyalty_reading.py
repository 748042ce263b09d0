"""What the loyalty report reads: each figure's one aggregate statement, and the reading
they make for one scope (`read`), kept for the months over (posapp.services.reports.kept).

The definitions of every figure are posapp.services.reports.loyalty's; that module folds
a reading into the report's figures, tables and charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    and_,
    case,
    distinct,
    func,
    literal,
    select,
    text,
    true,
    type_coerce,
)

from posapp.db.models import (
    CardOffer,
    Customer,
    CustomerVisit,
    LoyaltyAccount,
    PointsEntry,
    Sale,
    StageChange,
    User,
    Voucher,
)
from posapp.db.models.loyalty import POINTS_KINDS
from posapp.db.models.sales import members_sales
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import Stage
from posapp.domain.money import ZERO, to_cents
from posapp.domain.periods import local_midnight
from posapp.output.report import (
    Value,
)
from posapp.services.reports import aggregates
from posapp.services.reports.common import Scope, materialized, share
from posapp.services.settings import RewardTrigger, ShopSettings

OFFERED = "offered"
FUNNEL = (OFFERED, *(stage.value for stage in Stage))  # offered, visitor … advocate
STAGE_ORDER = {stage.value: n for n, stage in enumerate(Stage)}
COHORT_MONTHS = 13  # the month of the end and the twelve before it
RETENTION_AFTER = (1, 3, 6, 12)
_INT = BigInteger()
_HUNDRED = Decimal(100)
_PLACES = Decimal("0.01")


def _raw(column: Any) -> ColumnElement[int]:
    """A column as stored: integer cents or tenths, whatever the model's type."""
    return type_coerce(column, _INT)


def _cents(value: int | None) -> Decimal:
    return (Decimal(value or 0) / _HUNDRED).quantize(_PLACES)


@dataclass(frozen=True)
class Moments:
    """The moments and days a scope's figures are counted at."""

    end: datetime  # the end: the period's end, or now when that is later
    end_day: date  # the first shop day after the end (exclusive)
    today: date  # the shop's day the report is made

    @property
    def last_day(self) -> date:
        return self.end_day - timedelta(1)


def scope_moments(scope: Scope) -> Moments:
    today = scope.made_at.astimezone(scope.zone).date()
    end_day = min(scope.period.last, today) + timedelta(1)
    return Moments(min(scope.end, scope.made_at), end_day, today)


def months_back(day: date, months: int) -> date:
    """The first of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


# --- Reading: one aggregate statement each ------------------------------------------------


def _days_between(uow: UnitOfWork, later: date, earlier: Any) -> ColumnElement[Any]:
    """`later` - `earlier` in whole days (`earlier` a date column)."""
    if uow.session.get_bind().dialect.name == "sqlite":
        days: ColumnElement[Any] = func.julianday(literal(later.isoformat())) - func.julianday(
            earlier
        )
        return days
    difference: ColumnElement[Any] = literal(later) - earlier
    return difference


def _read_funnel(
    uow: UnitOfWork, moments: Moments, settings: ShopSettings
) -> dict[tuple[str, bool], int]:
    """Members at the end by (funnel step, lapsed)."""
    loyalty = settings.loyalty
    end, end_day = moments.end, moments.end_day
    window_start = end_day - timedelta(loyalty.client_window_days)
    # The few rows after the end, picked by the index on days (moments) and kept apart
    # before they are grouped: grouped at once, SQLite reads the whole table in the
    # order of its customers' index instead, to spare itself a sort.
    visits_after = materialized(
        select(CustomerVisit.customer_id).where(CustomerVisit.day >= end_day), "visits_after"
    )
    later = (
        select(visits_after.c.customer_id, func.count().label("n"))
        .group_by(visits_after.c.customer_id)
        .subquery()
    )
    last_before = (
        select(CustomerVisit.customer_id, func.max(CustomerVisit.day).label("last"))
        .where(
            CustomerVisit.day < end_day, CustomerVisit.customer_id.in_(select(later.c.customer_id))
        )
        .group_by(CustomerVisit.customer_id)
        .subquery()
    )
    in_window = (
        select(CustomerVisit.customer_id, func.count().label("n"))
        .where(CustomerVisit.day >= window_start, CustomerVisit.day < end_day)
        .group_by(CustomerVisit.customer_id)
        .subquery()
    )
    changes_after = materialized(
        select(StageChange.customer_id, StageChange.id).where(StageChange.at >= end),
        "changes_after",
    )
    first_after = (
        select(changes_after.c.customer_id, func.min(changes_after.c.id).label("id"))
        .group_by(changes_after.c.customer_id)
        .subquery()
    )
    change = StageChange.__table__.alias("first_change")
    visits = LoyaltyAccount.visits - func.coalesce(later.c.n, 0)
    stage = func.coalesce(change.c.from_stage, LoyaltyAccount.stage)
    last_visit = case((later.c.n.is_(None), LoyaltyAccount.last_visit_on), else_=last_before.c.last)
    step = case(
        (
            and_(
                stage.in_((Stage.CLIENT.value, Stage.ADVOCATE.value)),
                func.coalesce(in_window.c.n, 0) >= loyalty.client_visits,
            ),
            stage,
        ),
        (visits <= 0, literal(OFFERED)),
        (visits == 1, literal(Stage.VISITOR.value)),
        else_=literal(Stage.BUYER.value),
    )
    interval = _raw(LoyaltyAccount.visit_interval)  # tenths of a day
    gap = _days_between(uow, moments.last_day, last_visit)
    lapsed = case(
        (and_(visits >= 2, interval.is_not(None), gap * 10 > interval * 2), 1),
        else_=0,
    )
    members = (
        select(step.label("step"), lapsed.label("lapsed"))
        .select_from(Customer)
        .join(LoyaltyAccount, LoyaltyAccount.customer_id == Customer.id)
        .outerjoin(later, later.c.customer_id == Customer.id)
        .outerjoin(last_before, last_before.c.customer_id == Customer.id)
        .outerjoin(in_window, in_window.c.customer_id == Customer.id)
        .outerjoin(first_after, first_after.c.customer_id == Customer.id)
        .outerjoin(change, change.c.id == first_after.c.id)
        .where(Customer.merged_into_id.is_(None), Customer.created_at < end)
        .subquery()
    )
    rows = uow.session.execute(
        select(members.c.step, members.c.lapsed, func.count()).group_by(
            members.c.step, members.c.lapsed
        )
    )
    return {(step, bool(flag)): count for step, flag, count in rows}


def _read_offers(uow: UnitOfWork, scope: Scope) -> dict[str | None, dict[str, int]]:
    """Card offers of the period by cashier (None: not known) and answer."""
    where = [CardOffer.at >= scope.start, CardOffer.at < scope.end]
    if scope.till is not None:
        where.append(CardOffer.till_id == scope.till)
    rows = uow.session.execute(
        select(User.name, CardOffer.answer, func.count())
        .select_from(CardOffer)
        .outerjoin(User, User.id == CardOffer.user_id)
        .where(*where)
        .group_by(User.name, CardOffer.answer)
    )
    offers: dict[str | None, dict[str, int]] = {}
    for name, answer, count in rows:
        offers.setdefault(name, {})[answer] = count
    return offers


def _read_movement(uow: UnitOfWork, scope: Scope) -> list[tuple[str, str, int]]:
    rows = uow.session.execute(
        select(StageChange.from_stage, StageChange.to_stage, func.count())
        .where(StageChange.at >= scope.start, StageChange.at < scope.end)
        .group_by(StageChange.from_stage, StageChange.to_stage)
    )
    return [(a, b, n) for a, b, n in rows]


def _read_active(uow: UnitOfWork, moments: Moments) -> tuple[int, int]:
    """Members who bought in the 30 and in the 90 days before the end."""
    end_day = moments.end_day
    last = (
        select(CustomerVisit.customer_id, func.max(CustomerVisit.day).label("last"))
        .where(CustomerVisit.day >= end_day - timedelta(90), CustomerVisit.day < end_day)
        .group_by(CustomerVisit.customer_id)
        .subquery()
    )
    row = uow.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((last.c.last >= end_day - timedelta(30), 1), else_=0)), 0),
        )
    ).one()
    return int(row[1]), int(row[0])


def _read_visits(uow: UnitOfWork, scope: Scope) -> tuple[int, int, int]:
    """(members who bought in the period, of them on two days or more, their days)."""
    per_member = (
        select(CustomerVisit.customer_id, func.count().label("n"))
        .where(CustomerVisit.day >= scope.period.first, CustomerVisit.day <= scope.period.last)
        .group_by(CustomerVisit.customer_id)
        .subquery()
    )
    row = uow.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((per_member.c.n >= 2, 1), else_=0)), 0),
            func.coalesce(func.sum(per_member.c.n), 0),
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def _members_sales(scope: Scope, start: datetime, end: datetime) -> list[Any]:
    # Spelt as the partial index on members' sales is, so that the database uses it.
    where = [text(f"({members_sales(Sale.__tablename__)})"), Sale.completed_at >= start]
    where += [Sale.completed_at < end, Sale.till_id == scope.till if scope.till else true()]
    return where


def _read_member_takings(uow: UnitOfWork, scope: Scope) -> dict[str, tuple[int, Decimal]]:
    """Members' completed sales and refunds of the period: kind -> (count, total)."""
    rows = uow.session.execute(
        select(Sale.kind, func.count(), func.sum(_raw(Sale.total)))
        .where(*_members_sales(scope, scope.start, scope.end))
        .group_by(Sale.kind)
    )
    return {kind: (count, _cents(total)) for kind, count, total in rows}


def _read_year(uow: UnitOfWork, scope: Scope, moments: Moments) -> tuple[int, Decimal]:
    """Members who bought in the year up to the end, and their net takings."""
    end_day = moments.end_day
    try:
        first = end_day.replace(year=end_day.year - 1)
    except ValueError:  # the 29th of February
        first = date(end_day.year - 1, 3, 1)
    start = local_midnight(first, scope.zone)
    end = local_midnight(moments.end_day, scope.zone)
    buyers = func.count(distinct(case((Sale.kind == "sale", Sale.customer_id))))
    row = uow.session.execute(
        select(buyers, func.sum(_raw(Sale.total))).where(*_members_sales(scope, start, end))
    ).one()
    return int(row[0]), _cents(row[1])


def _read_takings(uow: UnitOfWork, scope: Scope) -> tuple[int, Decimal, Decimal]:
    """All completed sales of the period: (count, gross, net of refunds)."""
    sales, gross, net = 0, ZERO, ZERO
    rows = aggregates.totals(
        uow, scope, aggregates.TAKINGS, ["kind"], lambda c: c.status == "completed"
    )
    for row in rows:
        net += row["gross"]
        if row["kind"] == "sale":
            sales, gross = row["sales"], row["gross"]
    return sales, gross, net


def _read_points(uow: UnitOfWork, start: datetime | None, end: datetime) -> dict[str, int]:
    """Points by kind of entry from `start` (None: the beginning) to `end`."""
    where = [PointsEntry.kind.in_(POINTS_KINDS), PointsEntry.at < end]
    if start is not None:
        where.append(PointsEntry.at >= start)
    rows = uow.session.execute(
        select(PointsEntry.kind, func.sum(PointsEntry.points))
        .where(*where)
        .group_by(PointsEntry.kind)
    )
    return {kind: int(points or 0) for kind, points in rows}


def _read_points_after(uow: UnitOfWork, end: datetime) -> int:
    row = uow.session.execute(
        select(func.sum(PointsEntry.points)).where(
            PointsEntry.kind.in_(POINTS_KINDS), PointsEntry.at >= end
        )
    ).scalar()
    return int(row or 0)


def _read_balances(uow: UnitOfWork) -> int:
    return int(uow.session.execute(select(func.sum(LoyaltyAccount.balance))).scalar() or 0)


def _read_ended(uow: UnitOfWork, end: datetime) -> tuple[int, int]:
    """(points redeemed net of those given back, points expired) up to `end`."""
    kinds = ("redeemed", "redemption_restored", "expired")
    rows = dict(
        uow.session.execute(
            select(PointsEntry.kind, func.sum(PointsEntry.points))
            .where(PointsEntry.kind.in_(kinds), PointsEntry.at < end)
            .group_by(PointsEntry.kind)
        ).all()
    )
    redeemed = -int(rows.get("redeemed") or 0) - int(rows.get("redemption_restored") or 0)
    return redeemed, -int(rows.get("expired") or 0)


def _read_vouchers(uow: UnitOfWork, scope: Scope, moments: Moments) -> tuple[int, int, int]:
    issued = func.sum(
        case((and_(Voucher.issued_at >= scope.start, Voucher.issued_at < scope.end), 1), else_=0)
    )
    used = func.sum(
        case((and_(Voucher.used_at >= scope.start, Voucher.used_at < scope.end), 1), else_=0)
    )
    row = uow.session.execute(select(issued, used)).one()
    last = min(scope.period.last, moments.today - timedelta(1))
    expired = uow.session.execute(
        select(func.count()).where(
            Voucher.status.in_(("issued", "expired")),
            Voucher.expires_on >= scope.period.first,
            Voucher.expires_on <= last,
        )
    ).scalar()
    return int(row[0] or 0), int(row[1] or 0), int(expired or 0)


def _read_new_members(uow: UnitOfWork, scope: Scope) -> tuple[int, int]:
    """(members who joined in the period, members brought by another who made their first
    purchase in it)."""
    joined = func.sum(
        case(
            (and_(Customer.created_at >= scope.start, Customer.created_at < scope.end), 1), else_=0
        )
    )
    new = uow.session.execute(select(joined).where(Customer.merged_into_id.is_(None))).scalar()
    referred = uow.session.execute(
        select(func.count())
        .select_from(Customer)
        .join(LoyaltyAccount, LoyaltyAccount.customer_id == Customer.id)
        .where(
            Customer.referred_by_id.is_not(None),
            Customer.merged_into_id.is_(None),
            LoyaltyAccount.first_purchase_at >= scope.start,
            LoyaltyAccount.first_purchase_at < scope.end,
        )
    ).scalar()
    return int(new or 0), int(referred or 0)


def _month_index(column: Any, starts: list[Any]) -> ColumnElement[int]:
    """The index of the month (of `starts`, their first moments or days) `column` is in."""
    whens = [(column < start, n - 1) for n, start in enumerate(starts[1:], 1)]
    return case(*whens, else_=len(starts) - 1)


@dataclass(frozen=True)
class Cohorts:
    """The cohort months, their members, and their buyers by (cohort, month)."""

    months: list[date]
    sizes: dict[int, int]
    buyers: dict[tuple[int, int], int]


def read_cohorts(uow: UnitOfWork, scope: Scope) -> Cohorts:
    """The cohorts of the 13 months up to the scope's end."""
    moments = scope_moments(scope)
    months = [months_back(moments.last_day, n) for n in range(COHORT_MONTHS - 1, -1, -1)]
    moments_of = [local_midnight(month, scope.zone) for month in months]
    cohort = _month_index(Customer.created_at, moments_of).label("cohort")
    joined = [
        Customer.merged_into_id.is_(None),
        Customer.created_at >= moments_of[0],
        Customer.created_at < moments.end,
    ]
    sizes = dict(
        uow.session.execute(select(cohort, func.count()).where(*joined).group_by(cohort)).all()
    )
    # The members who joined in those months first, then their visit days by their own
    # index: not every member's visits of the months, each looked up to see when they joined.
    members = materialized(
        select(Customer.id.label("customer_id"), cohort).where(*joined), "cohort_members"
    )
    month = _month_index(CustomerVisit.day, months).label("month")
    rows = uow.session.execute(
        select(members.c.cohort, month, func.count(distinct(CustomerVisit.customer_id)))
        .select_from(members)
        .join(CustomerVisit, CustomerVisit.customer_id == members.c.customer_id)
        .where(CustomerVisit.day >= months[0], CustomerVisit.day < moments.end_day)
        .group_by(members.c.cohort, month)
    )
    return Cohorts(months, sizes, {(c, m): n for c, m, n in rows})


# --- Folding into the report ---------------------------------------------------------------


def point_value(settings: ShopSettings) -> Decimal | None:
    """The euro value of a point: the best euro-off reward for points (None: there is none)."""
    rates = [
        reward.amount / reward.points
        for reward in settings.loyalty.rewards
        if reward.trigger == RewardTrigger.POINTS
        and reward.kind == "amount"
        and reward.amount
        and reward.points > 0
    ]
    return max(rates) if rates else None


def _quotient(part: Decimal | int, whole: int) -> Decimal | None:
    return (Decimal(part) / whole).quantize(_PLACES) if whole else None


@dataclass(frozen=True)
class Reading:
    """What one scope's figures, funnel and tables are made of."""

    values: dict[str, Value]
    funnel: dict[str, int]
    offers: dict[str | None, dict[str, int]]
    movement: list[tuple[str, str, int]]


def read(uow: UnitOfWork, scope: Scope) -> Reading:
    settings = scope.settings
    moments = scope_moments(scope)
    by_step = _read_funnel(uow, moments, settings)
    offers = _read_offers(uow, scope)
    declined = sum(answers.get("declined", 0) for answers in offers.values())
    accepted = sum(answers.get("accepted", 0) for answers in offers.values())
    funnel = {step: sum(n for (s, _l), n in by_step.items() if s == step) for step in FUNNEL}
    members = sum(funnel.values())
    funnel[OFFERED] += declined
    movement = _read_movement(uow, scope)
    up = sum(n for a, b, n in movement if STAGE_ORDER[b] > STAGE_ORDER[a])
    down = sum(n for a, b, n in movement if STAGE_ORDER[b] < STAGE_ORDER[a])
    active_30, active_90 = _read_active(uow, moments)
    buyers, repeaters, visit_days = _read_visits(uow, scope)
    sales, gross, net = _read_takings(uow, scope)
    mine = _read_member_takings(uow, scope)
    member_sales, member_gross = mine.get("sale", (0, ZERO))
    member_net = member_gross + mine.get("refund", (0, ZERO))[1]
    year_buyers, year_net = _read_year(uow, scope, moments)
    points = _read_points(uow, scope.start, scope.end)
    issued = sum(points.get(k, 0) for k in ("earned", "referral", "bonus", "refund_reversal"))
    redeemed = -points.get("redeemed", 0) - points.get("redemption_restored", 0)
    outstanding = _read_balances(uow) - _read_points_after(uow, moments.end)
    ended_redeemed, ended_expired = _read_ended(uow, moments.end)
    breakage = share(ended_expired, ended_redeemed + ended_expired)
    value = point_value(settings)
    liability = (
        to_cents(outstanding * value * (1 - (breakage or ZERO))) if value is not None else None
    )
    vouchers_issued, vouchers_used, vouchers_expired = _read_vouchers(uow, scope, moments)
    new_members, referrals = _read_new_members(uow, scope)
    values: dict[str, Value] = {
        "members": members,
        "moved_up": up,
        "fell_back": down,
        "active_30": active_30,
        "active_90": active_90,
        "members_share": share(member_net, net) if net else None,
        "repeat_rate": share(repeaters, buyers),
        "visit_frequency": _quotient(visit_days, buyers),
        "new_members": new_members,
        "card_offers": accepted + declined,
        "offer_acceptance": share(accepted, accepted + declined),
        "points_issued": issued,
        "points_redeemed": redeemed,
        "points_expired": -points.get("expired", 0),
        "points_adjusted": points.get("adjustment", 0),
        "points_outstanding": outstanding,
        "breakage": breakage,
        "points_liability": liability,
        "vouchers_issued": vouchers_issued,
        "vouchers_used": vouchers_used,
        "vouchers_expired": vouchers_expired,
        "referrals": referrals,
        "lapsed": sum(n for (_s, flag), n in by_step.items() if flag),
        "member_yearly_spend": to_cents(year_net / year_buyers) if year_buyers else None,
        "member_basket": to_cents(member_gross / member_sales) if member_sales else None,
        "anonymous_basket": (
            to_cents((gross - member_gross) / (sales - member_sales))
            if sales > member_sales
            else None
        ),
    }
    return Reading(values, funnel, offers, movement)
