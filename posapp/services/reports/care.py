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

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

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
from posapp.services.reports.care_reading import (
    ACTIONS,
    CAME_BACK_DAYS,
    DAILY_TREND_DAYS,
    GROUPS,
    HUNDREDTH,
    OUTCOMES,
    STARS,
    Reading,
    average,
    read,
    read_comments,
)
from posapp.services.reports.common import Scope, figure, open_scope, share


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
    return (Decimal(part) / whole).quantize(HUNDREDTH, ROUND_HALF_UP) if whole else None


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

    averages = tuple(average(buckets[d][1], buckets[d][0]) or Decimal(0) for d in ordered)
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
        tuple((d, buckets[d][0], average(buckets[d][1], buckets[d][0])) for d in ordered),
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


READING = kept.Kept("care", read, Reading, settles_after=CAME_BACK_DAYS)
KEPT = (READING,)


def build(uow: UnitOfWork, actor: Actor, query: ReportQuery) -> Report:
    with uow:
        scope = open_scope(uow, actor, query)
        now = kept.reading(uow, scope, READING)
        before = kept.reading(uow, scope.previous, READING) if scope.previous else None
        comments, count = read_comments(uow, scope, query.limit)
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
