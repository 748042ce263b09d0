"""What the care report reads: each figure's one aggregate statement, and the reading they
make for one scope (`read`), kept for the months over (posapp.services.reports.kept).

The definitions of every figure are posapp.services.reports.care's; that module folds a
reading into the report's figures, tables and charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    Date,
    Interval,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    type_coerce,
    union,
)

from posapp.db.models import (
    Complaint,
    CustomerNote,
    CustomerVisit,
    Promise,
    Rating,
    ReminderAction,
    ReminderLeft,
    Sale,
    User,
)
from posapp.db.models.sales import members_sales
from posapp.db.types import UtcDateTime
from posapp.db.uow import UnitOfWork
from posapp.i18n import _
from posapp.output.report import (
    Value,
)
from posapp.services.reports.common import Scope, share

CAME_BACK_DAYS = 30
DAILY_TREND_DAYS = 31  # a longer period's rating trend is by week
STARS = (1, 2, 3, 4, 5)
OUTCOMES = ("on_time", "late", "cancelled", "overdue", "open")
ACTIONS = ("done", "dismissed", "left")  # what became of a reminder shown
GROUPS = ("done", "dismissed", "left", "none")  # of the comparison
_TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
_DAY_SECONDS = Decimal(86400)


@dataclass(frozen=True)
class Moments:
    end: datetime  # the period's end, or now when that is earlier
    today: date  # the shop's day the report is made
    overdue_before: date  # a promise still open at the end is overdue if due before it


def _moments(scope: Scope) -> Moments:
    today = scope.made_at.astimezone(scope.zone).date()
    return Moments(
        min(scope.end, scope.made_at), today, min(scope.period.last + timedelta(1), today)
    )


def average(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / count).quantize(_TENTH, ROUND_HALF_UP)


# --- The shop's day of a moment, in SQL ------------------------------------------------------


def _utc_offsets(zone: tzinfo, start: datetime, end: datetime) -> list[tuple[datetime, timedelta]]:
    """The zone's UTC offset at `start`, and each change of it up to `end`: (from, offset)."""

    def offset(moment: datetime) -> timedelta:
        found = moment.astimezone(zone).utcoffset()
        return found if found is not None else timedelta(0)

    changes = [(start, offset(start))]
    moment = start
    while moment < end:
        later = min(moment + timedelta(days=1), end)
        if offset(later) != changes[-1][1]:
            low, high = moment, later  # the change is in (low, high]
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == changes[-1][1] else (low, middle)
            changes.append((high, offset(high)))
        moment = later
    return changes


def _day_of(uow: UnitOfWork, scope: Scope, moment: Any) -> Any:
    """The shop's day of `moment` (a UTC timestamp column) as a SQL date, right across a
    change of summer time: the zone's offsets from a day before the period to its end, as
    a CASE of a few moments (not one per day). A moment outside that range gets the
    nearest offset, which is all the callers need: such a moment is days away from the
    period's days it is compared with."""
    changes = _utc_offsets(scope.zone, scope.start - timedelta(days=1), scope.end)
    sqlite = uow.session.get_bind().dialect.name == "sqlite"

    def shift(offset: timedelta) -> Any:
        seconds = int(offset.total_seconds())
        return f"{seconds:+d} seconds" if sqlite else literal(offset, Interval())

    whens = [
        (moment < literal(since, UtcDateTime()), shift(changes[n][1]))
        for n, (since, _offset) in enumerate(changes[1:])
    ]
    offset = case(*whens, else_=shift(changes[-1][1])) if whens else shift(changes[0][1])
    if sqlite:
        return type_coerce(func.date(moment, offset), Date())
    return cast(func.timezone("UTC", moment) + offset, Date())


def _days_later(uow: UnitOfWork, day: Any, days: int) -> Any:
    """`day` (a SQL date) plus `days`."""
    if uow.session.get_bind().dialect.name == "sqlite":
        return type_coerce(func.date(day, f"+{days} days"), Date())
    return cast(day, Date()) + days


# --- Reading: one aggregate statement each ------------------------------------------------


def _in(column: Any, scope: Scope) -> Any:
    return and_(column >= scope.start, column < scope.end)


def _read_reminders(uow: UnitOfWork, scope: Scope) -> list[tuple[str, str | None, str, int]]:
    """(kind, who marked it or rang the sale up, done, dismissed or left, how many) of the
    period: the reminders marked and those left alone."""
    rows: list[tuple[str, str | None, str, int]] = []
    for table, action in (
        (ReminderAction, ReminderAction.action),
        (ReminderLeft, literal("left")),
    ):
        where = [_in(table.at, scope)]
        if scope.till is not None:
            where.append(table.till_id == scope.till)
        found = uow.session.execute(
            select(table.kind, User.name, action, func.count())
            .select_from(table)
            .outerjoin(User, User.id == table.user_id)
            .where(*where)
            .group_by(table.kind, User.name, action)
        )
        rows.extend((kind, name, act, count) for kind, name, act, count in found)
    return rows


def _members_sales(scope: Scope) -> list[Any]:
    # Spelt as the partial index on members' sales is, so that the database uses it.
    where = [text(f"({members_sales(Sale.__tablename__)})"), Sale.kind == "sale"]
    where += [_in(Sale.completed_at, scope)]
    if scope.till is not None:
        where.append(Sale.till_id == scope.till)
    return where


def _read_served(uow: UnitOfWork, scope: Scope) -> tuple[dict[str | None, tuple[int, int]], int]:
    """Members' sales of the period by cashier: (sales, of them rated); and the members."""
    rows = uow.session.execute(
        select(User.name, func.count(), func.count(Rating.id))
        .select_from(Sale)
        .outerjoin(User, User.id == Sale.user_id)
        .outerjoin(Rating, Rating.sale_id == Sale.id)
        .where(*_members_sales(scope))
        .group_by(User.name)
    )
    by_cashier: dict[str | None, tuple[int, int]] = {
        name: (int(sales), int(rated)) for name, sales, rated in rows
    }
    members = uow.session.execute(
        select(func.count(func.distinct(Sale.customer_id))).where(*_members_sales(scope))
    ).scalar()
    return by_cashier, int(members or 0)


def _read_promises(uow: UnitOfWork, scope: Scope, moments: Moments) -> tuple[int, dict[str, int]]:
    """Promises made in the period, and those due in it by their outcome at the end."""
    made = uow.session.execute(select(func.count()).where(_in(Promise.taken_at, scope))).scalar()
    resolved = and_(Promise.status != "open", Promise.resolved_at < moments.end)
    outcome = case(
        (
            and_(resolved, Promise.status == "cancelled"),
            literal("cancelled"),
        ),
        (
            and_(resolved, _day_of(uow, scope, Promise.resolved_at) <= Promise.due_on),
            literal("on_time"),
        ),
        (resolved, literal("late")),
        (Promise.due_on < moments.overdue_before, literal("overdue")),
        else_=literal("open"),
    ).label("outcome")
    rows = uow.session.execute(
        select(outcome, func.count())
        .where(
            Promise.status.in_(("open", "done", "cancelled")),  # the (status, due_on) index
            Promise.due_on >= scope.period.first,
            Promise.due_on <= scope.period.last,
        )
        .group_by(outcome)
    )
    return int(made or 0), {name: int(count) for name, count in rows}


def _read_complaints(uow: UnitOfWork, scope: Scope, moments: Moments) -> tuple[int, int, int]:
    """(opened in the period, resolved in it, still open at the end)."""

    def counted(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = uow.session.execute(
        select(
            counted(_in(Complaint.taken_at, scope)),
            counted(and_(Complaint.resolved_at.is_not(None), _in(Complaint.resolved_at, scope))),
            counted(
                and_(
                    Complaint.taken_at < moments.end,
                    or_(Complaint.resolved_at.is_(None), Complaint.resolved_at >= moments.end),
                )
            ),
        ).where(
            or_(
                Complaint.status == "open",
                Complaint.taken_at >= scope.start,
                Complaint.resolved_at >= scope.start,
            )
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def _read_median_days(uow: UnitOfWork, scope: Scope, resolved: int) -> Decimal | None:
    """The median time from taken to resolved of the complaints resolved in the period."""
    if not resolved:
        return None
    if uow.session.get_bind().dialect.name == "sqlite":
        length: Any = func.julianday(Complaint.resolved_at) - func.julianday(Complaint.taken_at)
    else:
        length = Complaint.resolved_at - Complaint.taken_at
    middle = uow.session.execute(
        select(Complaint.taken_at, Complaint.resolved_at)
        .where(Complaint.resolved_at.is_not(None), _in(Complaint.resolved_at, scope))
        .order_by(length, Complaint.id)
        .offset((resolved - 1) // 2)
        .limit(2 - resolved % 2)
    ).all()
    seconds = [Decimal((done - taken).total_seconds()) for taken, done in middle if done]
    return (sum(seconds, Decimal(0)) / len(seconds) / _DAY_SECONDS).quantize(_TENTH, ROUND_HALF_UP)


def _ratings_where(scope: Scope) -> list[Any]:
    where = [_in(Rating.at, scope)]
    if scope.till is not None:
        where.append(Sale.till_id == scope.till)
    return where


def _read_ratings(uow: UnitOfWork, scope: Scope) -> dict[tuple[date, int], int]:
    """Ratings of the period by (the shop's day, stars)."""
    day = _day_of(uow, scope, Rating.at).label("day")
    statement = select(day, Rating.rating, func.count()).select_from(Rating)
    if scope.till is not None:
        statement = statement.join(Sale, Sale.id == Rating.sale_id)
    rows = uow.session.execute(statement.where(*_ratings_where(scope)).group_by(day, Rating.rating))
    return {(on, int(stars)): int(count) for on, stars, count in rows}


def read_comments(
    uow: UnitOfWork, scope: Scope, limit: int | None
) -> tuple[list[tuple[Value, ...]], int]:
    """The newest ratings of the period with a comment (`limit` of them), and their number."""
    where = [*_ratings_where(scope), Rating.comment.is_not(None), Rating.comment != ""]
    count_statement = select(func.count()).select_from(Rating)
    rows_statement = (
        select(
            Rating.at,
            Rating.rating,
            Rating.comment,
            User.name,
        )
        .select_from(Rating)
        .outerjoin(User, User.id == Rating.user_id)
    )
    if scope.till is not None:
        count_statement = count_statement.join(Sale, Sale.id == Rating.sale_id)
        rows_statement = rows_statement.join(Sale, Sale.id == Rating.sale_id)
    count = int(uow.session.execute(count_statement.where(*where)).scalar() or 0)
    rows_statement = rows_statement.where(*where).order_by(Rating.at.desc(), Rating.id.desc())
    if limit is not None:
        rows_statement = rows_statement.limit(limit)
    rows: list[tuple[Value, ...]] = [
        (at.astimezone(scope.zone).date(), stars, comment, name or _("Unknown"))
        for at, stars, comment, name in uow.session.execute(rows_statement)
    ]
    return rows, count


def _read_notes(uow: UnitOfWork, scope: Scope) -> dict[str, int]:
    rows = uow.session.execute(
        select(CustomerNote.kind, func.count())
        .where(_in(CustomerNote.at, scope))
        .group_by(CustomerNote.kind)
    )
    return {kind: int(count) for kind, count in rows}


def _read_came_back(
    uow: UnitOfWork, scope: Scope, moments: Moments
) -> dict[str, tuple[int, int, int]]:
    """Per group of the comparison: (members, of them whose 30 days are over, came back)."""
    period = scope.period
    visited = (
        select(CustomerVisit.customer_id, func.min(CustomerVisit.day).label("first"))
        .where(CustomerVisit.day >= period.first, CustomerVisit.day <= period.last)
        .group_by(CustomerVisit.customer_id)
        .subquery()
    )
    marked = (
        select(
            ReminderAction.customer_id,
            func.min(case((ReminderAction.action == "done", ReminderAction.at))).label("done"),
            func.min(case((ReminderAction.action == "dismissed", ReminderAction.at))).label(
                "dismissed"
            ),
        )
        .where(_in(ReminderAction.at, scope))
        .group_by(ReminderAction.customer_id)
        .subquery()
    )
    ignored = (
        select(ReminderLeft.customer_id, func.min(ReminderLeft.at).label("left"))
        .where(_in(ReminderLeft.at, scope))
        .group_by(ReminderLeft.customer_id)
        .subquery()
    )
    members = union(
        select(visited.c.customer_id),
        select(marked.c.customer_id),
        select(ignored.c.customer_id),
    ).subquery()
    done = type_coerce(marked.c.done, UtcDateTime())
    dismissed = type_coerce(marked.c.dismissed, UtcDateTime())
    left = type_coerce(ignored.c.left, UtcDateTime())
    group = case(
        (done.is_not(None), literal("done")),
        (dismissed.is_not(None), literal("dismissed")),
        (left.is_not(None), literal("left")),
        else_=literal("none"),
    )
    anchor = case(
        (done.is_not(None), _day_of(uow, scope, done)),
        (dismissed.is_not(None), _day_of(uow, scope, dismissed)),
        (left.is_not(None), _day_of(uow, scope, left)),
        else_=visited.c.first,
    )
    people = (
        select(
            members.c.customer_id.label("customer_id"),
            group.label("grp"),
            type_coerce(anchor, Date()).label("anchor"),
        )
        .select_from(members)
        .outerjoin(visited, visited.c.customer_id == members.c.customer_id)
        .outerjoin(marked, marked.c.customer_id == members.c.customer_id)
        .outerjoin(ignored, ignored.c.customer_id == members.c.customer_id)
        .subquery()
    )
    over = people.c.anchor < moments.today - timedelta(CAME_BACK_DAYS)
    later = CustomerVisit.__table__.alias("later")
    came_back = exists().where(
        later.c.customer_id == people.c.customer_id,
        later.c.day > people.c.anchor,
        later.c.day <= _days_later(uow, people.c.anchor, CAME_BACK_DAYS),
    )
    rows = uow.session.execute(
        select(
            people.c.grp,
            func.count(),
            func.coalesce(func.sum(case((over, 1), else_=0)), 0),
            func.coalesce(func.sum(case((and_(over, came_back), 1), else_=0)), 0),
        ).group_by(people.c.grp)
    )
    return {grp: (int(n), int(known), int(back)) for grp, n, known, back in rows}


# --- Folding into the report ---------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What one scope's figures and tables are made of."""

    values: dict[str, Value]
    reminders: list[tuple[str, str | None, str, int]]
    served: dict[str | None, tuple[int, int]]
    outcomes: dict[str, int]
    ratings: dict[tuple[date, int], int]
    came_back: dict[str, tuple[int, int, int]]


def read(uow: UnitOfWork, scope: Scope) -> Reading:
    moments = _moments(scope)
    reminders = _read_reminders(uow, scope)
    done, dismissed, left = (
        sum(n for _k, _u, act, n in reminders if act == action) for action in ACTIONS
    )
    served, members = _read_served(uow, scope)
    member_sales = sum(sales for sales, _rated in served.values())
    rated_sales = sum(rated for _sales, rated in served.values())
    made, outcomes = _read_promises(uow, scope, moments)
    on_time, late, overdue = (outcomes.get(k, 0) for k in ("on_time", "late", "overdue"))
    opened, resolved, still_open = _read_complaints(uow, scope, moments)
    ratings = _read_ratings(uow, scope)
    count = sum(ratings.values())
    stars = sum(n * s for (_day, s), n in ratings.items())
    notes = _read_notes(uow, scope)
    came_back = _read_came_back(uow, scope, moments)

    def back(group: str) -> Decimal | None:
        _members, known, returned = came_back.get(group, (0, 0, 0))
        return share(returned, known)

    values: dict[str, Value] = {
        "reminders_shown": done + dismissed + left,
        "reminders_done": done,
        "reminders_dismissed": dismissed,
        "reminders_left": left,
        "reminders_done_share": share(done, done + dismissed + left),
        "members_served": members,
        "marked_per_sale": (
            (Decimal(done + dismissed) / member_sales).quantize(HUNDREDTH, ROUND_HALF_UP)
            if member_sales
            else None
        ),
        "promises_made": made,
        "promises_due": sum(outcomes.values()),
        "promises_on_time": on_time,
        "promises_late": late,
        "promises_cancelled": outcomes.get("cancelled", 0),
        "promises_overdue": overdue,
        "promises_on_time_share": share(on_time, on_time + late + overdue),
        "complaints_opened": opened,
        "complaints_resolved": resolved,
        "complaints_median_days": _read_median_days(uow, scope, resolved),
        "complaints_open": still_open,
        "ratings": count,
        "rating_average": average(stars, count),
        "sales_rated_share": share(rated_sales, member_sales),
        "notes_written": notes.get("note", 0),
        "preferences_written": notes.get("preference", 0),
        "came_back_done": back("done"),
        "came_back_dismissed": back("dismissed"),
        "came_back_left": back("left"),
        "came_back_none": back("none"),
    }
    return Reading(values, reminders, served, outcomes, ratings, came_back)
