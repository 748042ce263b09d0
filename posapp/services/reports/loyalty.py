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

from datetime import timedelta

from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import Stage, stage_name
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
from posapp.services.reports import ReportQuery, kept
from posapp.services.reports.common import Scope, figure, open_scope, share
from posapp.services.reports.loyalty_reading import (
    FUNNEL,
    OFFERED,
    RETENTION_AFTER,
    STAGE_ORDER,
    Cohorts,
    Reading,
    months_back,
    read,
    read_cohorts,
    scope_moments,
)


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
    moments = scope_moments(scope)
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
                and months_back(months[later], -1) - timedelta(1) <= scope.period.last
                and months_back(months[later], -1) <= moments.today
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


READING = kept.Kept("loyalty", read, Reading)
COHORTS = kept.Kept("loyalty.cohorts", read_cohorts, Cohorts)
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
