"""The care report: reminders acted upon, promises kept, complaints put right, ratings, notes.

Definitions (also said under the tables; "the end" is the period's end, or now when the
period has not ended yet; a member's sale is a completed sale, not a refund, with a card):

- reminders shown: each time a reminder was on the till's screen with a member's sale,
  with what became of it: marked done (acted upon) or dismissed in the period, or left
  alone (ignored: still on the screen, unmarked, when the sale was completed), by kind
  and by who marked it or rang the sale up; the acted-upon rate is done over shown. A
  complaint's reminder cannot be marked and is counted with the complaints instead. The
  till records those left alone from this version on: before it, shown counts only those
  marked;
- members served: members with a sale in the period; marked per member's sale: reminders
  marked over members' sales (a sale may have several marked, or none);
- promises made: taken in the period; promises due: their day is in the period, and
  their outcome at the end: kept on time (done by the end of their day), kept late (done
  after their day, by the end), cancelled (by the end), overdue (still open at the end
  and their day is over) or open (still open, their day has not come yet or is today);
  the on-time rate is on time over on time, late and overdue;
- complaints: opened (taken) and resolved in the period; the median time to resolve is
  of those resolved in the period, from taken to resolved, in days; still open: taken by
  the end and not resolved by then;
- ratings: given in the period; the average is to one decimal; the share of members'
  sales rated is, of the members' sales of the period, the share with a rating; the trend
  is the average per day (per week, from Monday, for a period of more than 31 days),
  days or weeks without a rating left out; comments: the ratings of the period with one;
- notes and preferences: written in the period;
- came back within 30 days (a comparison, not a cause): the members served or with a
  reminder shown in the period, in four groups: a reminder marked done; reminders
  dismissed, none done; reminders left alone only; none shown. From the day of their
  first reminder done (dismissed, left alone; for the last group, their first purchase)
  in the period, did they buy again on one of the 30 days after it? Counted once those
  30 days are over, on every till.

The till chosen applies to what records a till: reminders shown (those marked without
a till are left out), members' sales and their ratings (ratings not given at a sale are
left out). Promises, complaints, notes and the comparison are the shop's, on every till.

Every read is one aggregate statement bounded by the period (the shop's days, in its
zone, right across a change of summer time); nothing loops over the rows in Python but
the few complaints at the median and the comments listed.
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
    members_sales,
)
from posapp.db.types import UtcDateTime
from posapp.db.uow import UnitOfWork
from posapp.domain.reminders import ReminderKind, kind_name
from posapp.domain.roles import Actor
from posapp.i18n import _, format_day_month, language
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
from posapp.services.reports import ReportQuery, kept
from posapp.services.reports.common import Scope, figure, open_scope, share

CAME_BACK_DAYS = 30
DAILY_TREND_DAYS = 31  # a longer period's rating trend is by week
STARS = (1, 2, 3, 4, 5)
OUTCOMES = ("on_time", "late", "cancelled", "overdue", "open")
ACTIONS = ("done", "dismissed", "left")  # what became of a reminder shown
GROUPS = ("done", "dismissed", "left", "none")  # of the comparison
_TENTH = Decimal("0.1")
_HUNDREDTH = Decimal("0.01")
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


def _average(total: int, count: int) -> Decimal | None:
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


def _read_comments(
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


def _read(uow: UnitOfWork, scope: Scope) -> Reading:
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
            (Decimal(done + dismissed) / member_sales).quantize(_HUNDREDTH, ROUND_HALF_UP)
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
        "rating_average": _average(stars, count),
        "sales_rated_share": share(rated_sales, member_sales),
        "notes_written": notes.get("note", 0),
        "preferences_written": notes.get("preference", 0),
        "came_back_done": back("done"),
        "came_back_dismissed": back("dismissed"),
        "came_back_left": back("left"),
        "came_back_none": back("none"),
    }
    return Reading(values, reminders, served, outcomes, ratings, came_back)


def _labels() -> tuple[tuple[str, str, Unit, bool], ...]:
    """(key, label, unit, lower is better) of the figures, in order."""
    return (
        ("reminders_shown", _("Reminders shown"), Unit.COUNT, False),
        ("reminders_done", _("Reminders acted upon"), Unit.COUNT, False),
        ("reminders_dismissed", _("Reminders dismissed"), Unit.COUNT, False),
        ("reminders_left", _("Reminders left alone"), Unit.COUNT, True),
        ("reminders_done_share", _("Acted upon, of the reminders shown"), Unit.SHARE, False),
        ("members_served", _("Members served"), Unit.COUNT, False),
        ("marked_per_sale", _("Reminders marked per member's sale"), Unit.QUANTITY, False),
        ("promises_made", _("Promises made"), Unit.COUNT, False),
        ("promises_due", _("Promises due"), Unit.COUNT, False),
        ("promises_on_time", _("Promises kept on time"), Unit.COUNT, False),
        ("promises_late", _("Promises kept late"), Unit.COUNT, True),
        ("promises_cancelled", _("Promises cancelled"), Unit.COUNT, True),
        ("promises_overdue", _("Promises overdue"), Unit.COUNT, True),
        ("promises_on_time_share", _("Promises kept on time, of those due"), Unit.SHARE, False),
        ("complaints_opened", _("Complaints opened"), Unit.COUNT, True),
        ("complaints_resolved", _("Complaints resolved"), Unit.COUNT, False),
        ("complaints_median_days", _("Median days to resolve a complaint"), Unit.DAYS, True),
        ("complaints_open", _("Complaints still open"), Unit.COUNT, True),
        ("ratings", _("Ratings"), Unit.COUNT, False),
        ("rating_average", _("Average rating"), Unit.RATING, False),
        ("sales_rated_share", _("Members' sales rated"), Unit.SHARE, False),
        ("notes_written", _("Notes written"), Unit.COUNT, False),
        ("preferences_written", _("Preferences written"), Unit.COUNT, False),
        ("came_back_done", _("Came back within 30 days: reminder done"), Unit.SHARE, False),
        (
            "came_back_dismissed",
            _("Came back within 30 days: reminder dismissed"),
            Unit.SHARE,
            False,
        ),
        ("came_back_left", _("Came back within 30 days: reminders left alone"), Unit.SHARE, False),
        ("came_back_none", _("Came back within 30 days: no reminder shown"), Unit.SHARE, False),
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


def _by_kind(now: Reading, before: Reading | None) -> Table:
    def counts(reading: Reading | None) -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        for kind, _name, action, n in reading.reminders if reading is not None else ():
            found[(kind, action)] = found.get((kind, action), 0) + n
        return found

    mine, theirs = counts(now), counts(before)
    kinds = {kind for kind, _action in (*mine, *theirs)}
    rows = []
    for kind in ReminderKind:
        if kind.value not in kinds:
            continue
        done, dismissed, left = (mine.get((kind.value, a), 0) for a in ACTIONS)
        shown = done + dismissed + left
        previous = (
            sum(theirs.get((kind.value, a), 0) for a in ACTIONS) if before is not None else None
        )
        rows.append((kind_name(kind), shown, done, dismissed, left, share(done, shown), previous))
    shown, done, dismissed, left = (sum(int(row[i] or 0) for row in rows) for i in range(1, 5))
    return Table(
        "reminders_by_kind",
        _("Reminders shown, by kind"),
        (
            Column("kind", _("Reminder"), Unit.TEXT),
            Column("shown", _("Shown"), Unit.COUNT),
            Column("done", _("Done"), Unit.COUNT),
            Column("dismissed", _("Dismissed"), Unit.COUNT),
            Column("left", _("Left alone"), Unit.COUNT),
            Column("done_share", _("Share done"), Unit.SHARE),
            Column("previous", _("Shown in the previous period"), Unit.COUNT),
        ),
        tuple(rows),
        total=(
            _("Total"),
            shown,
            done,
            dismissed,
            left,
            share(done, shown),
            sum(theirs.values()) if before is not None else None,
        ),
        note=_(
            "Shown: each time a reminder was on the till's screen with a member's sale. "
            "Done: the cashier acted upon it; dismissed: they put it away; left alone: it "
            "was still on the screen, unmarked, when the sale was completed (ignored). A "
            "complaint stays until it is resolved and is counted with the complaints. With a "
            "till chosen, reminders marked without a till are left out."
        ),
    )


def _by_cashier(now: Reading) -> Table:
    marked: dict[str | None, dict[str, int]] = {}
    for _kind, name, action, n in now.reminders:
        actions = marked.setdefault(name, {})
        actions[action] = actions.get(action, 0) + n
    names = set(marked) | set(now.served)
    rows = []
    for name in sorted(names, key=lambda n: (n is None, n or "")):
        done, dismissed, left = (marked.get(name, {}).get(a, 0) for a in ACTIONS)
        sales, rated = now.served.get(name, (0, 0))
        rows.append(
            (
                name if name is not None else _("Unknown"),
                done,
                dismissed,
                left,
                share(done, done + dismissed + left),
                sales,
                rated,
                _per(done + dismissed, sales),
            )
        )
    done, dismissed, left = (sum(int(row[i] or 0) for row in rows) for i in (1, 2, 3))
    sales = sum(int(row[5] or 0) for row in rows)
    rated = sum(int(row[6] or 0) for row in rows)
    return Table(
        "reminders_by_cashier",
        _("Reminders and members' sales, by cashier"),
        (
            Column("cashier", _("Cashier"), Unit.TEXT),
            Column("done", _("Done"), Unit.COUNT),
            Column("dismissed", _("Dismissed"), Unit.COUNT),
            Column("left", _("Left alone"), Unit.COUNT),
            Column("done_share", _("Share done"), Unit.SHARE),
            Column("member_sales", _("Members' sales"), Unit.COUNT),
            Column("rated", _("Rated"), Unit.COUNT),
            Column("per_sale", _("Marked per member's sale"), Unit.QUANTITY),
        ),
        tuple(rows),
        total=(
            _("Total"),
            done,
            dismissed,
            left,
            share(done, done + dismissed + left),
            sales,
            rated,
            _per(done + dismissed, sales),
        ),
        note=_(
            "Reminders done or dismissed by who marked them, left alone by who rang the sale "
            "up; share done: of the three. Members' sales (completed sales with a card) and "
            "those rated by who rang them up. A sale may have several reminders marked, or "
            "none."
        ),
    )


def _per(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / whole).quantize(_HUNDREDTH, ROUND_HALF_UP) if whole else None


def _outcome_names() -> dict[str, str]:
    return {
        "on_time": _("Kept on time"),
        "late": _("Kept late"),
        "cancelled": _("Cancelled"),
        "overdue": _("Overdue"),
        "open": _("Open, not yet overdue"),
    }


def _promises(now: Reading, before: Reading | None) -> Table:
    names = _outcome_names()
    total = sum(now.outcomes.values())
    rows = tuple(
        (
            names[outcome],
            now.outcomes.get(outcome, 0),
            before.outcomes.get(outcome, 0) if before is not None else None,
            share(now.outcomes.get(outcome, 0), total),
        )
        for outcome in OUTCOMES
    )
    return Table(
        "promises",
        _("Promises due in the period, by outcome at its end"),
        (
            Column("outcome", _("Outcome"), Unit.TEXT),
            Column("promises", _("Promises"), Unit.COUNT),
            Column("previous", _("Previous period"), Unit.COUNT),
            Column("share", _("Share"), Unit.SHARE),
        ),
        rows,
        total=(
            _("Total"),
            total,
            sum(before.outcomes.values()) if before is not None else None,
            share(total, total),
        ),
        note=_(
            "Promises whose day is in the period. Kept on time: done by the end of their day; "
            "late: done after it; overdue: still open at the end of the period and their day "
            "is over. The on-time rate is on time over on time, late and overdue. Promises, "
            "complaints and notes record no till: they are the whole shop's whatever the till "
            "chosen."
        ),
    )


def _came_back(now: Reading, before: Reading | None) -> Table:
    names = {
        "done": _("A reminder done"),
        "dismissed": _("Reminders dismissed, none done"),
        "left": _("Reminders left alone only"),
        "none": _("No reminder shown"),
    }
    rows = []
    for group in GROUPS:
        members, known, returned = now.came_back.get(group, (0, 0, 0))
        previous = before.came_back.get(group, (0, 0, 0)) if before is not None else None
        rows.append(
            (
                names[group],
                members,
                known,
                returned,
                share(returned, known),
                share(previous[2], previous[1]) if previous is not None else None,
            )
        )
    return Table(
        "came_back",
        _("Came back within 30 days: a comparison, not a cause"),
        (
            Column("group", _("Members with"), Unit.TEXT),
            Column("members", _("Members"), Unit.COUNT),
            Column("known", _("30 days over"), Unit.COUNT),
            Column("came_back", _("Came back"), Unit.COUNT),
            Column("share", _("Share who came back"), Unit.SHARE),
            Column("previous", _("Previous period"), Unit.SHARE),
        ),
        tuple(rows),
        note=_(
            "Members served or with a reminder shown in the period, on every till: those "
            "with a reminder done; with reminders dismissed, none done; with reminders left "
            "alone only; with none shown. Came back: bought again on one of the 30 days after "
            "the day of their first reminder done (dismissed, left alone; for the last group, "
            "their first purchase) in the period, counted once those 30 days are over. This "
            "compares the groups; it does not show that a reminder made "
            "anyone come back: the cashiers mark reminders for the customers they talk to."
        ),
    )


def _stars(reading: Reading) -> tuple[int, ...]:
    return tuple(
        sum(n for (_day, s), n in reading.ratings.items() if s == stars) for stars in STARS
    )


def _distribution(now: Reading, before: Reading | None) -> tuple[Chart, Table]:
    mine = _stars(now)
    theirs = _stars(before) if before is not None else None
    series = [Series(_("This period"), mine)]
    if theirs is not None:
        series.append(Series(_("Previous period"), theirs))
    chart = Chart(
        "rating_distribution",
        _("Ratings from 1 to 5"),
        ChartKind.BAR,
        Unit.COUNT,
        tuple(str(stars) for stars in STARS),
        tuple(series),
    )
    total = sum(mine)
    table = Table(
        "rating_distribution",
        _("Ratings from 1 to 5"),
        (
            Column("rating", _("Rating"), Unit.COUNT),
            Column("ratings", _("Ratings"), Unit.COUNT),
            Column("previous", _("Previous period"), Unit.COUNT),
            Column("share", _("Share"), Unit.SHARE),
        ),
        tuple(
            (stars, mine[n], theirs[n] if theirs is not None else None, share(mine[n], total))
            for n, stars in enumerate(STARS)
        ),
        total=(_("Total"), total, sum(theirs) if theirs is not None else None, share(total, total)),
    )
    return chart, table


def _trend(scope: Scope, now: Reading) -> tuple[Chart, Table]:
    weekly = scope.period.days > DAILY_TREND_DAYS
    buckets: dict[date, list[int]] = {}
    for (day, stars), n in now.ratings.items():
        bucket = day - timedelta(day.weekday()) if weekly else day
        sums = buckets.setdefault(bucket, [0, 0])
        sums[0] += n
        sums[1] += n * stars
    ordered = sorted(buckets)
    shown_in = language()

    def label(day: date) -> str:
        name = format_day_month(day, shown_in)
        return _("Week of {day}").format(day=name) if weekly else name

    averages = tuple(_average(buckets[d][1], buckets[d][0]) or Decimal(0) for d in ordered)
    chart = Chart(
        "rating_trend",
        _("Average rating by week") if weekly else _("Average rating by day"),
        ChartKind.LINE,
        Unit.RATING,
        tuple(label(d) for d in ordered),
        (Series(_("Average rating"), averages),),
    )
    table = Table(
        "rating_trend",
        _("Ratings by week") if weekly else _("Ratings by day"),
        (
            Column("day", _("Week from") if weekly else _("Day"), Unit.DATE),
            Column("ratings", _("Ratings"), Unit.COUNT),
            Column("average", _("Average rating"), Unit.RATING),
        ),
        tuple((d, buckets[d][0], _average(buckets[d][1], buckets[d][0])) for d in ordered),
        note=_(
            "Weeks start on Monday; days or weeks without a rating are left out. With a till "
            "chosen, the ratings of its sales only."
        ),
    )
    return chart, table


def _comments(rows: list[tuple[Value, ...]], count: int) -> Table:
    note = _("The ratings of the period with a comment, the newest first.")
    if len(rows) < count:
        note += " " + _("The newest {shown} of {count} are listed.").format(
            shown=len(rows), count=count
        )
    return Table(
        "comments",
        _("What customers said with their rating"),
        (
            Column("day", _("Day"), Unit.DATE),
            Column("rating", _("Rating"), Unit.COUNT),
            Column("comment", _("Comment"), Unit.TEXT),
            Column("taken_by", _("Taken by"), Unit.TEXT),
        ),
        tuple(rows),
        note=note,
    )


READING = kept.Kept("care", _read, Reading, settles_after=CAME_BACK_DAYS)
KEPT = (READING,)


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        now = kept.reading(uow, scope, READING)
        before = kept.reading(uow, scope.previous, READING) if scope.previous else None
        comments, count = _read_comments(uow, scope, query.limit)
        trend_chart, trend_table = _trend(scope, now)
        stars_chart, stars_table = _distribution(now, before)
        return scope.report(
            "care",
            _("Service and care"),
            figures=_figures(now, before),
            # Without a rating there is no trend to draw (a line needs a point).
            charts=(stars_chart, trend_chart) if trend_chart.categories else (stars_chart,),
            tables=(
                _by_kind(now, before),
                _by_cashier(now),
                _promises(now, before),
                _came_back(now, before),
                stars_table,
                trend_table,
                _comments(comments, count),
            ),
            notes=(
                _(
                    "Reminders left alone are recorded from this version on: in periods "
                    "before it, shown counts only the reminders marked."
                ),
                _(
                    "With a till chosen: reminders marked on it, its members' sales and their "
                    "ratings. Promises, complaints, notes and the comparison of who came back "
                    "record no till and are the whole shop's."
                ),
            ),
        )
