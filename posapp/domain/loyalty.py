"""The loyalty programme's rules: stages, earning, refunds, expiry. Pure: no I/O, no Qt.

The services (posapp.services.loyalty) read the facts from the database, ask
these functions what follows, and write the answer in the transaction of the
sale, refund or adjustment that caused it.

Points are whole numbers. Fractions of a point are dropped (rounded down) once
per sale, after every rule and multiplier is applied, so a customer never gets
a point the rules do not give, and a sale of €7.99 at 1 point per euro earns 7.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from enum import Enum

from posapp.domain.cart import CartLine, Payment, PaymentMethod
from posapp.domain.money import ZERO
from posapp.i18n import N_, _, translations


class Stage(Enum):
    """Where a member is on the way from a first visit to telling everyone about the shop."""

    VISITOR = "visitor"  # enrolled, has not bought yet
    BUYER = "buyer"  # has bought
    CLIENT = "client"  # buys regularly
    ADVOCATE = "advocate"  # a client who brings others or praises the service


_STAGE_NAMES = {
    Stage.VISITOR: N_("Visitor"),
    Stage.BUYER: N_("Buyer"),
    Stage.CLIENT: N_("Client"),
    Stage.ADVOCATE: N_("Advocate"),
}


def stage_name(stage: Stage, language: str | None = None) -> str:
    """The stage's name in the printed texts' language, or in `language`."""
    name = _STAGE_NAMES[stage]
    return _(name) if language is None else translations(language).gettext(name)


# --------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class StageRules:
    """The owner's thresholds (posapp.services.settings.LoyaltySettings)."""

    buyer_purchases: int = 1  # completed purchases to be a Buyer
    client_visits: int = 4  # visits (days with a purchase) within the window to be a Client
    client_window_days: int = 90
    advocate_referrals: int = 1  # members brought who bought …
    advocate_five_star_ratings: int = 3  # … or ratings of 5: either makes a Client an Advocate


@dataclass(frozen=True)
class StageFacts:
    """What the stage is computed from, kept up to date as sales are committed.

    `recent_visits` holds the member's most recent visit days, newest first; at
    least `StageRules.client_visits` of them when the member has had that many
    (more are ignored), so no history is ever read to compute a stage.
    """

    purchases: int = 0
    recent_visits: tuple[date, ...] = ()
    referred_buyers: int = 0
    five_star_ratings: int = 0


def compute_stage(facts: StageFacts, rules: StageRules, today: date) -> Stage:
    """The member's stage on `today`.

    A visit counts toward Client while it is within the window: with 90 days,
    today and the 89 days before it. A Client whose visits thin out is a Buyer
    again until they come back.
    """
    if facts.purchases < max(rules.buyer_purchases, 1):
        return Stage.VISITOR
    window_start = today - timedelta(days=rules.client_window_days - 1)
    in_window = sum(1 for day in facts.recent_visits if window_start <= day <= today)
    if in_window < rules.client_visits:
        return Stage.BUYER
    if (
        facts.referred_buyers >= rules.advocate_referrals
        or facts.five_star_ratings >= rules.advocate_five_star_ratings
    ):
        return Stage.ADVOCATE
    return Stage.CLIENT


def with_visit(facts: StageFacts, day: date, keep: int) -> tuple[StageFacts, bool]:
    """The facts after a purchase on `day`, and whether it was a new visit (the day's first).

    `keep` is how many recent visit days to keep (the Client threshold).
    """
    new_visit = not facts.recent_visits or facts.recent_visits[0] != day
    visits = (day, *facts.recent_visits) if new_visit else facts.recent_visits
    return (
        StageFacts(
            purchases=facts.purchases + 1,
            recent_visits=visits[: max(keep, 1)],
            referred_buyers=facts.referred_buyers,
            five_star_ratings=facts.five_star_ratings,
        ),
        new_visit,
    )


# --------------------------------------------------------------------------- birthdays


def observed_birthday(birthday: date, year: int) -> date:
    """The day a birthday is kept in `year`: 29 February is kept on 28 February
    in a year that has no 29th."""
    if birthday.month == 2 and birthday.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return birthday.replace(year=year)


def birthday_near(birthday: date | None, day: date, window_days: int) -> date | None:
    """The birthday kept within `window_days` of `day` (either side), if there is one.

    With 3 days, the birthday week is the birthday and the three days before and
    after it, across a new year too (a birthday on 30 December is near 2 January).
    """
    if birthday is None:
        return None
    for year in (day.year - 1, day.year, day.year + 1):
        kept = observed_birthday(birthday, year)
        if abs((day - kept).days) <= window_days:
            return kept
    return None


# --------------------------------------------------------------------------- earning


@dataclass(frozen=True)
class EarnRules:
    """How a sale earns points, with categories and products already resolved to ids."""

    points_per_euro: Decimal = Decimal(1)
    points_per_visit: int = 0  # for the day's first purchase
    product_bonus: Mapping[int, int] = field(default_factory=dict)  # product id -> points
    category_bonus: Mapping[int, int] = field(default_factory=dict)  # category id -> points
    excluded_categories: frozenset[int] = frozenset()
    stage_multipliers: Mapping[Stage, Decimal] = field(default_factory=dict)
    birthday_multiplier: Decimal = Decimal(1)
    birthday_window_days: int = 3


@dataclass(frozen=True)
class Earning:
    points: int
    eligible: Decimal  # the euros that earned points
    multiplier: Decimal


# Money that came from the loyalty programme (or a gift voucher) earns nothing.
_NOT_EARNING = (PaymentMethod.POINTS, PaymentMethod.VOUCHER)


def earn_points(
    lines: Sequence[CartLine],
    payments: Sequence[Payment],
    rules: EarnRules,
    *,
    stage: Stage,
    new_visit: bool,
    birthday: date | None,
    day: date,
) -> Earning:
    """The points a sale earns.

    points = ⌊(eligible € * points per euro + visit points + bonuses)
              * stage multiplier * birthday multiplier⌋

    * eligible € is what was paid for the lines outside the excluded categories,
      VAT included, after every discount and reward (a reward is a discount, so
      the part of the sale a reward or points paid for earns nothing), less any
      part paid by a points or voucher payment;
    * visit points come with the day's first purchase (`new_visit`);
    * a product's or category's bonus is per unit (per line for goods by weight);
      an excluded line earns no bonus either;
    * the stage multiplier is that of the stage the member had when the sale began;
      the birthday multiplier applies within the birthday week.
    """
    eligible = ZERO
    bonus = 0
    for line in lines:
        if line.category_id in rules.excluded_categories:
            continue
        eligible += line.total
        per_unit = rules.product_bonus.get(line.product_id, 0)
        if line.category_id is not None:
            per_unit += rules.category_bonus.get(line.category_id, 0)
        units = 1 if line.by_weight else int(line.quantity)
        bonus += per_unit * units
    not_earning = sum((p.amount for p in payments if p.method in _NOT_EARNING), ZERO)
    eligible = max(eligible - not_earning, ZERO)
    multiplier = rules.stage_multipliers.get(stage, Decimal(1))
    if birthday_near(birthday, day, rules.birthday_window_days) is not None:
        multiplier *= rules.birthday_multiplier
    base = eligible * rules.points_per_euro + (rules.points_per_visit if new_visit else 0) + bonus
    points = int((base * multiplier).to_integral_value(rounding=ROUND_FLOOR))
    return Earning(points=max(points, 0), eligible=eligible, multiplier=multiplier)


# --------------------------------------------------------------------------- refunds


def refunded_share(points: int, sale_total: Decimal, refunded: Decimal, fully: bool) -> int:
    """Of `points` tied to a sale (earned on it, or spent in it), the part that belongs
    to what has been refunded so far, all refunds of the sale together.

    In proportion to the money refunded, rounded down; the whole of it once every
    line is refunded. A sale of zero total gives back only when fully refunded.
    """
    if fully:
        return points
    if sale_total <= 0 or refunded <= 0:
        return 0
    return min(points, math.floor(points * refunded / sale_total))


def refund_step(
    points: int, sale_total: Decimal, refunded_before: Decimal, refunded_after: Decimal, fully: bool
) -> int:
    """The points that follow one refund: the share after it less the share before it.

    Every step is at least 0 and the steps of all the refunds of a sale add up to
    exactly `points` once it is fully refunded, never more, however it was split.
    """
    before = refunded_share(points, sale_total, refunded_before, False)
    return max(refunded_share(points, sale_total, refunded_after, fully) - before, 0)


# --------------------------------------------------------------------------- expiry


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def points_to_expire(entries: Iterable[tuple[datetime, int]], cutoff: datetime) -> int:
    """Points that expire now: what is left of the credits made at or before `cutoff`.

    Points are spent oldest first (FIFO). Every debit (spent, reversed, expired
    before) therefore used up the oldest credits before any newer one, so what
    is left of the old credits is their sum less all the debits, when that is
    positive. It can never exceed the balance (newer credits only add to it),
    and a second run for the same cutoff finds nothing more: the first run's
    expiry is a debit too.
    """
    old_credits = 0
    debits = 0
    for at, points in entries:
        if points < 0:
            debits -= points
        elif at <= cutoff:
            old_credits += points
    return max(old_credits - debits, 0)


def expiry_of(credited_at: datetime, months: int) -> datetime:
    """The first moment at which points credited at `credited_at` are past their `months`:
    the first `at` with months_before(at, months) >= credited_at.

    The same day and time `months` later; when that month is too short for the day
    (credited on 31 August, six months on), the first moment of the month after it.
    """
    month_index = credited_at.year * 12 + credited_at.month - 1 + months
    year, month = divmod(month_index, 12)
    if credited_at.day <= calendar.monthrange(year, month + 1)[1]:
        return credited_at.replace(year=year, month=month + 1)
    year, month = divmod(month_index + 1, 12)
    return credited_at.replace(
        year=year, month=month + 1, day=1, hour=0, minute=0, second=0, microsecond=0
    )


def expiry_window(now: datetime, months: int, within_days: int) -> tuple[datetime, datetime]:
    """(cutoff, horizon): credits made after the cutoff are within their months now; those
    made after the horizon still will be `within_days` from now."""
    return months_before(now, months), months_before(now + timedelta(days=within_days), months)


def points_expiring(
    balance: int,
    due_credits: Sequence[tuple[datetime, int]],
    credits_after: int,
    now: datetime,
    months: int,
    within_days: int,
) -> tuple[int, datetime] | None:
    """The points that expire within `within_days` of `now`, and when the first of them do.

    With (cutoff, horizon) = expiry_window(now, months, within_days): `due_credits` are
    the credits (at, points) made after the cutoff and at or before the horizon, oldest
    first, and `credits_after` the sum of the credits made after the horizon. Points are
    spent oldest first, so what is left of the credits made at or before the horizon is
    the balance less the credits made after it (points_to_expire says the same from the
    whole ledger): the cached balance, one sum and the credits of the window are enough.
    """
    if months <= 0 or balance <= 0:
        return None
    expiring = balance - credits_after
    if expiring <= 0:
        return None
    # Spent oldest first: the first credit not wholly spent is the first to expire (what
    # is older than the cutoff is past its months already: it goes now).
    unspent = expiring - sum(points for _at, points in due_credits)
    first_due = now
    for at, points in due_credits:
        if unspent > 0:
            break
        unspent += points
        first_due = expiry_of(at, months)
    return expiring, first_due


# --------------------------------------------------------------------------- rewards


def next_reward(balance: int, costs: Iterable[tuple[str, int]]) -> tuple[str, int] | None:
    """The cheapest points reward the balance does not reach yet, and the points still
    needed for it: (key, points short). None when every reward is within reach."""
    ahead = sorted(((cost, key) for key, cost in costs if cost > balance), key=lambda x: x[0])
    if not ahead:
        return None
    cost, key = ahead[0]
    return key, cost - balance


def visit_rewards_due(visit_number: int, every: Iterable[tuple[str, int]]) -> list[str]:
    """The rewards (key, every N visits) that a visit with this number earns."""
    return [key for key, n in every if n > 0 and visit_number > 0 and visit_number % n == 0]


# --------------------------------------------------------------------------- phones

_PHONE_CHARS = re.compile(r"[\s().\-/]")


def phone_key(text: str, country_code: str = "371") -> str | None:
    """A phone number as digits in international form, for finding a member by it.

    "+371 29 123 456", "0037129123456" and "29123456" (a Latvian number without
    the country code: 8 digits) are all "37129123456". None when it is not a
    phone number (letters, too few or too many digits).
    """
    cleaned = _PHONE_CHARS.sub("", text.strip())
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    elif cleaned.startswith("00"):
        cleaned = cleaned[2:]
    elif len(cleaned) == 8:
        cleaned = country_code + cleaned
    if not (cleaned.isascii() and cleaned.isdigit()) or not 8 <= len(cleaned) <= 15:
        return None
    return cleaned
