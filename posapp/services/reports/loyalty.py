"""The loyalty report: the funnel of the five kinds of people, members, points and vouchers.

Definitions (also said under the tables; "the end" is the period's end, or now when the
period has not ended yet; a member is an enrolled customer not merged into another):

- the funnel at the end, each member in one step:
  Advocate / Client: the stage the loyalty code recorded for the member at the end (their
  last stage change before it), when they still had the Client visits (the shop's
  setting, 4 days with a purchase) within the Client window (90 days) before the end; a
  recorded Client or Advocate whose visits thinned out counts as a Buyer (the till
  records the fall at their next purchase);
  Buyer: the other members with two days or more with a purchase by the end;
  Visitor: the other members who bought on one day only;
  Offered: members enrolled by the end who had not bought yet, and the buyers without a
  card who were offered one in the period and declined (anonymous: counted per offer);
- moved up / fell back: the stage changes recorded in the period to a later or an
  earlier stage (Visitor, Buyer, Client, Advocate);
- active members: members who bought in the 30 (90) days before the end;
- members' share of takings: members' completed sales less their refunds, over the net
  takings (on the till chosen, like every figure of takings);
- repeat rate: of the members who bought in the period, the share who bought on two
  days or more; visit frequency: their days with a purchase per member;
- card offers: buyers without a card asked to join after a sale; acceptance rate:
  accepted over accepted and declined;
- points issued: earned, referral and bonus points, less those taken back by refunds;
  redeemed: points spent on rewards less those given back by refunds; expired: points
  that expired; outstanding: every member's balance at the end;
- breakage: of the points that ended (redeemed or expired) up to the end, the share that
  expired; points liability (IFRS 15): outstanding points x the euro value of a point
  (the best euro reward for points in the shop's settings) x (1 - breakage);
- vouchers issued and used in the period; expired: not used, and their last day was in
  the period and is over;
- referrals: members brought by another who made their first purchase in the period;
- lapsed: members with two days with a purchase or more whose last was longer ago at the
  end than twice their usual interval between visits (as the till keeps it);
- cohorts: members by the month they joined; after N months: the share of them who
  bought in the Nth month after it ("—" until that month is over);
- a member's yearly spend: members' net takings in the year up to the end per member who
  bought in it; average baskets: completed sales over their number, of members and of
  buyers without a card.

Every read is one aggregate statement bounded by the period (or by what happened after
its end), by the indexes of migration 0009; nothing loops over the members in Python.
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
    POINTS_KINDS,
    CardOffer,
    Customer,
    CustomerVisit,
    LoyaltyAccount,
    PointsEntry,
    Sale,
    StageChange,
    User,
    Voucher,
    members_sales,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import Stage, stage_name
from posapp.domain.money import ZERO, to_cents
from posapp.domain.periods import local_midnight
from posapp.domain.roles import Actor
from posapp.i18n import _
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
from posapp.services.reports import ReportQuery, aggregates, kept
from posapp.services.reports.common import Scope, figure, materialized, open_scope, share
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


def _moments(scope: Scope) -> Moments:
    today = scope.made_at.astimezone(scope.zone).date()
    end_day = min(scope.period.last, today) + timedelta(1)
    return Moments(min(scope.end, scope.made_at), end_day, today)


def _months_back(day: date, months: int) -> date:
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


def _read_cohorts(uow: UnitOfWork, scope: Scope) -> Cohorts:
    """The cohorts of the 13 months up to the scope's end."""
    moments = _moments(scope)
    months = [_months_back(moments.last_day, n) for n in range(COHORT_MONTHS - 1, -1, -1)]
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


def _read(uow: UnitOfWork, scope: Scope) -> Reading:
    settings = scope.settings
    moments = _moments(scope)
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


def _labels() -> tuple[tuple[str, str, Unit, bool], ...]:
    """(key, label, unit, lower is better) of the figures, in order."""
    return (
        ("members", _("Members"), Unit.COUNT, False),
        ("moved_up", _("Moved up a stage"), Unit.COUNT, False),
        ("fell_back", _("Fell back a stage"), Unit.COUNT, True),
        ("active_30", _("Active members (30 days)"), Unit.COUNT, False),
        ("active_90", _("Active members (90 days)"), Unit.COUNT, False),
        ("members_share", _("Members' share of takings"), Unit.SHARE, False),
        ("repeat_rate", _("Repeat rate"), Unit.SHARE, False),
        ("visit_frequency", _("Visits per active member"), Unit.QUANTITY, False),
        ("new_members", _("New members"), Unit.COUNT, False),
        ("card_offers", _("Card offers answered"), Unit.COUNT, False),
        ("offer_acceptance", _("Card offer acceptance"), Unit.SHARE, False),
        ("points_issued", _("Points issued"), Unit.POINTS, False),
        ("points_redeemed", _("Points redeemed"), Unit.POINTS, False),
        ("points_expired", _("Points expired"), Unit.POINTS, True),
        ("points_adjusted", _("Points adjusted"), Unit.POINTS, False),
        ("points_outstanding", _("Points outstanding"), Unit.POINTS, False),
        ("breakage", _("Breakage"), Unit.SHARE, False),
        ("points_liability", _("Points liability"), Unit.MONEY, True),
        ("vouchers_issued", _("Vouchers issued"), Unit.COUNT, False),
        ("vouchers_used", _("Vouchers used"), Unit.COUNT, False),
        ("vouchers_expired", _("Vouchers expired"), Unit.COUNT, True),
        ("referrals", _("Referrals who bought"), Unit.COUNT, False),
        ("lapsed", _("Lapsed members"), Unit.COUNT, True),
        ("member_yearly_spend", _("Member's yearly spend"), Unit.MONEY, False),
        ("member_basket", _("Member's average basket"), Unit.MONEY, False),
        ("anonymous_basket", _("Average basket without a card"), Unit.MONEY, False),
    )


def _figures(now: Reading, before: Reading | None) -> tuple[Figure, ...]:
    return tuple(
        figure(
            key,
            label,
            unit,
            now.values[key],
            before.values[key] if before is not None else None,
            lower_is_better=worse,
        )
        for key, label, unit, worse in _labels()
    )


def _step_name(step: str) -> str:
    return _("Offered") if step == OFFERED else stage_name(Stage(step))


def _funnel(now: Reading, before: Reading | None) -> tuple[Table, Chart]:
    total = sum(now.funnel.values())
    rows = tuple(
        (
            _step_name(step),
            now.funnel[step],
            before.funnel[step] if before is not None else None,
            share(now.funnel[step], total),
        )
        for step in FUNNEL
    )
    table = Table(
        "funnel",
        _("Loyalty funnel at the end of the period"),
        (
            Column("stage", _("Stage"), Unit.TEXT),
            Column("people", _("People"), Unit.COUNT),
            Column("previous", _("Previous period"), Unit.COUNT),
            Column("share", _("Share"), Unit.SHARE),
        ),
        rows,
        total=(_("Total"), total, sum(before.funnel.values()) if before else None, share(1, 1)),
        note=_(
            "Offered: members who had not bought yet, and buyers without a card who declined "
            "one in the period (counted per offer). Visitor: members who bought on one day "
            "only. Buyer: members who bought on two days or more. Client and Advocate: the "
            "stage the till recorded, while the member still has the Client visits within the "
            "Client window before the end (else a Buyer)."
        ),
    )
    series = [Series(_("End of the period"), tuple(now.funnel[s] for s in FUNNEL))]
    if before is not None:
        series.append(Series(_("Previous period"), tuple(before.funnel[s] for s in FUNNEL)))
    chart = Chart(
        "funnel",
        _("Loyalty funnel"),
        ChartKind.HORIZONTAL_BAR,
        Unit.COUNT,
        tuple(_step_name(step) for step in FUNNEL),
        tuple(series),
    )
    return table, chart


def _movement(now: Reading) -> Table:
    rows = sorted(now.movement, key=lambda row: (STAGE_ORDER[row[0]], STAGE_ORDER[row[1]]))
    return Table(
        "movement",
        _("Stage changes in the period"),
        (
            Column("from", _("From"), Unit.TEXT),
            Column("to", _("To"), Unit.TEXT),
            Column("members", _("Changes"), Unit.COUNT),
        ),
        tuple((stage_name(Stage(a)), stage_name(Stage(b)), n) for a, b, n in rows),
        total=(_("Total"), "", sum(n for _a, _b, n in rows)),
        note=_("A change to a later stage is a move up; to an earlier one, a fall back."),
    )


def _offers(now: Reading) -> Table:
    rows = []
    for name in sorted(now.offers, key=lambda n: (n is None, n or "")):
        answers = now.offers[name]
        accepted, declined = answers.get("accepted", 0), answers.get("declined", 0)
        rows.append(
            (
                name if name is not None else _("Unknown"),
                accepted,
                declined,
                answers.get("not_asked", 0),
                share(accepted, accepted + declined),
            )
        )
    accepted = sum(row[1] for row in rows)
    declined = sum(row[2] for row in rows)
    return Table(
        "card_offers",
        _("Card offers by cashier"),
        (
            Column("cashier", _("Cashier"), Unit.TEXT),
            Column("accepted", _("Joined"), Unit.COUNT),
            Column("declined", _("Declined"), Unit.COUNT),
            Column("not_asked", _("Not asked"), Unit.COUNT),
            Column("acceptance", _("Acceptance rate"), Unit.SHARE),
        ),
        tuple(rows),
        total=(
            _("Total"),
            accepted,
            declined,
            sum(row[3] for row in rows),
            share(accepted, accepted + declined),
        ),
        note=_(
            "After a sale without a card the cashier records whether the buyer was offered "
            "one and what they said; the acceptance rate is joined over joined and declined."
        ),
    )


def _points_note() -> str:
    return _(
        "Points liability (IFRS 15): the points outstanding at the end x the euro value of a "
        "point (the best euro reward for points) x (1 - breakage); breakage is the share of "
        "the points that ended (redeemed or expired) up to the end that expired."
    )


def _retention_labels() -> tuple[str, ...]:
    return (_("After 1 month"), _("After 3 months"), _("After 6 months"), _("After 12 months"))


def _cohorts(scope: Scope, cohorts: Cohorts) -> Table:
    moments = _moments(scope)
    months, sizes, buyers = cohorts.months, cohorts.sizes, cohorts.buyers
    rows = []
    for index, month in enumerate(months):
        size = sizes.get(index, 0)
        if not size:
            continue
        cells: list[Value] = []
        for after in RETENTION_AFTER:
            later = index + after
            over = (
                later < len(months)
                and _months_back(months[later], -1) - timedelta(1) <= scope.period.last
                and _months_back(months[later], -1) <= moments.today
            )
            cells.append(share(buyers.get((index, later), 0), size) if over else None)
        rows.append((month, size, *cells))
    return Table(
        "cohorts",
        _("Retention by month of joining"),
        (
            Column("month", _("Joined"), Unit.MONTH),
            Column("members", _("Members"), Unit.COUNT),
            *(
                Column(f"after_{n}", label, Unit.SHARE)
                for n, label in zip(RETENTION_AFTER, _retention_labels(), strict=True)
            ),
        ),
        tuple(rows),
        note=_(
            "Members by the month they joined; after N months: the share of them who bought "
            "in the Nth month after it, shown once that month is over."
        ),
    )


READING = kept.Kept("loyalty", _read, Reading)
COHORTS = kept.Kept("loyalty.cohorts", _read_cohorts, Cohorts)
KEPT = (READING, COHORTS)


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        now = kept.reading(uow, scope, READING)
        before = kept.reading(uow, scope.previous, READING) if scope.previous else None
        funnel, chart = _funnel(now, before)
        return scope.report(
            "loyalty",
            _("Loyalty"),
            figures=_figures(now, before),
            charts=(chart,),
            tables=(
                funnel,
                _movement(now),
                _offers(now),
                _cohorts(scope, kept.reading(uow, scope, COHORTS)),
            ),
            notes=(_points_note(),),
        )
