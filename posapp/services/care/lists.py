"""The owner's lists to act on (owner or manager): quiet regulars, birthdays this week,
overdue promises, open complaints, what was done with reminders, the ratings of the
service and how buyers answered the offer of a card. Each is one read transaction and
returns plain rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import extract, func, select

from posapp.db.models import (
    CardOffer,
    Complaint,
    Customer,
    LoyaltyAccount,
    Promise,
    Rating,
    ReminderAction,
    User,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import observed_birthday
from posapp.domain.reminders import ReminderKind, gone_quiet
from posapp.domain.roles import Actor, Permission, require
from posapp.i18n import _, language
from posapp.services.care.counter import CardOfferAnswer
from posapp.services.settings import ShopSettings, read_settings, shop_time_zone

BIRTHDAY_LIST_DAYS = 7  # the owner's birthdays this week: today and the six days after


@dataclass(frozen=True)
class CardOfferCounts:
    accepted: int
    declined: int
    not_asked: int


@dataclass(frozen=True)
class QuietRegular:
    """A regular who has been away longer than usual; phone and e-mail only with their
    consent to be contacted."""

    customer_id: int
    name: str
    phone: str | None
    email: str | None
    visits: int
    last_visit_on: date
    usual_interval_days: Decimal
    days_away: int


@dataclass(frozen=True)
class BirthdayRow:
    customer_id: int
    name: str
    birthday: date
    on: date  # the day it is kept this week (29 February on the 28th in other years)
    age: int  # the age they turn
    phone: str | None  # with their consent only
    email: str | None


@dataclass(frozen=True)
class PromiseRow:
    promise_id: int
    customer_id: int
    customer_name: str
    phone: str | None  # to tell them about their own promise: service, not marketing
    what: str
    due_on: date
    days_overdue: int
    taken_by: str | None
    taken_at: datetime


@dataclass(frozen=True)
class ComplaintRow:
    complaint_id: int
    customer_id: int
    customer_name: str
    phone: str | None  # to tell them how it was put right: service, not marketing
    what: str
    promised: str | None
    taken_by: str | None
    taken_at: datetime
    days_open: int


@dataclass(frozen=True)
class ReminderActivity:
    """How often reminders of a kind were acted upon in a period."""

    kind: ReminderKind
    done: int
    dismissed: int


@dataclass(frozen=True)
class RatingRow:
    """One rating of the service, as the owner's list shows it."""

    rating_id: int
    at: datetime
    customer_id: int
    customer_name: str
    rating: int  # 1 to 5
    comment: str | None
    taken_by: str | None


@dataclass(frozen=True)
class Ratings:
    """The ratings of a period, newest first, and what they add up to."""

    rows: tuple[RatingRow, ...]
    average: Decimal | None  # to one decimal; None without a rating


def _shop_day(uow: UnitOfWork, settings: ShopSettings, as_of: date | None) -> date:
    return as_of or settings.local_date(uow.now())


def _day_start(settings: ShopSettings, day: date) -> datetime:
    return datetime.combine(day, time(0), shop_time_zone(settings.time_zone)[1]).astimezone(UTC)


def _consented(row: Any) -> tuple[str | None, str | None]:
    """Phone and e-mail of a customer who agreed to be contacted, else neither."""
    return (row.phone, row.email) if row.marketing_consent else (None, None)


_MEMBER = Customer.merged_into_id.is_(None)


def quiet_regulars(uow: UnitOfWork, actor: Actor, as_of: date | None = None) -> list[QuietRegular]:
    """Regulars away longer than usual (posapp.domain.reminders.gone_quiet: the same people
    the counter welcomes back), the most loyal first. Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        settings = read_settings(uow)
        today = _shop_day(uow, settings, as_of)
        rules = settings.reminders.rules(language(), settings.loyalty.birthday_window_days)
        rows = uow.connection.execute(
            select(
                Customer.id,
                Customer.name,
                Customer.phone,
                Customer.email,
                Customer.marketing_consent,
                LoyaltyAccount.visits,
                LoyaltyAccount.last_visit_on,
                LoyaltyAccount.visit_interval,
            )
            .join_from(Customer, LoyaltyAccount, LoyaltyAccount.customer_id == Customer.id)
            .where(
                _MEMBER,
                LoyaltyAccount.visits >= rules.regular_visits,
                LoyaltyAccount.visit_interval.is_not(None),
                LoyaltyAccount.last_visit_on <= today - timedelta(days=rules.welcome_back_min_days),
            )
            .order_by(
                LoyaltyAccount.visits.desc(), LoyaltyAccount.last_visit_on.desc(), Customer.id
            )
        ).all()
    return [
        QuietRegular(
            row.id,
            row.name,
            *_consented(row),
            visits=row.visits,
            last_visit_on=row.last_visit_on,
            usual_interval_days=row.visit_interval,
            days_away=(today - row.last_visit_on).days,
        )
        for row in rows
        if gone_quiet(row.last_visit_on, today, row.visits, row.visit_interval, rules)
    ]


def export_quiet_regulars(
    uow: UnitOfWork, actor: Actor, target: Path, as_of: date | None = None
) -> int:
    """Write the quiet regulars to a CSV file (UTF-8 with a byte-order mark, so that a
    spreadsheet shows Latvian letters); phone and e-mail only with consent. Returns the
    number of customers written. Owner or manager."""
    regulars = quiet_regulars(uow, actor, as_of)
    with target.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            (
                _("Name"),
                _("Phone"),
                _("E-mail"),
                _("Visits"),
                _("Last visit"),
                _("Usually every (days)"),
                _("Days away"),
            )
        )
        for regular in regulars:
            writer.writerow(
                (
                    regular.name,
                    regular.phone or "",
                    regular.email or "",
                    regular.visits,
                    regular.last_visit_on.isoformat(),
                    regular.usual_interval_days,
                    regular.days_away,
                )
            )
    return len(regulars)


def birthdays_this_week(
    uow: UnitOfWork, actor: Actor, as_of: date | None = None
) -> list[BirthdayRow]:
    """Members whose birthday is kept today or in the six days after (29 February on the
    28th in a year without it), the soonest first. Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        settings = read_settings(uow)
        today = _shop_day(uow, settings, as_of)
        week = [today + timedelta(days=n) for n in range(BIRTHDAY_LIST_DAYS)]
        codes = {day.month * 100 + day.day for day in week}
        if any(observed_birthday(date(2000, 2, 29), day.year) == day for day in week):
            codes.add(229)
        rows = uow.connection.execute(
            select(
                Customer.id,
                Customer.name,
                Customer.birthday,
                Customer.phone,
                Customer.email,
                Customer.marketing_consent,
            ).where(
                _MEMBER,
                (extract("month", Customer.birthday) * 100 + extract("day", Customer.birthday)).in_(
                    sorted(codes)
                ),
            )
        ).all()
    found = []
    for row in rows:
        kept = next((day for day in week if observed_birthday(row.birthday, day.year) == day), None)
        if kept is not None:
            found.append(
                BirthdayRow(
                    row.id,
                    row.name,
                    row.birthday,
                    kept,
                    kept.year - row.birthday.year,
                    *_consented(row),
                )
            )
    return sorted(found, key=lambda b: (b.on, b.name, b.customer_id))


def overdue_promises(uow: UnitOfWork, actor: Actor, as_of: date | None = None) -> list[PromiseRow]:
    """Open promises past their day, the most overdue first. Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        today = _shop_day(uow, read_settings(uow), as_of)
        rows = uow.connection.execute(
            select(
                Promise.id,
                Promise.customer_id,
                Customer.name.label("customer_name"),
                Customer.phone,
                Promise.what,
                Promise.due_on,
                User.name.label("taken_by"),
                Promise.taken_at,
            )
            .join(Customer, Promise.customer_id == Customer.id)
            .outerjoin(User, Promise.taken_by == User.id)
            .where(Promise.status == "open", Promise.due_on < today)
            .order_by(Promise.due_on, Promise.id)
        ).all()
    return [
        PromiseRow(
            row.id,
            row.customer_id,
            row.customer_name,
            row.phone,
            row.what,
            row.due_on,
            (today - row.due_on).days,
            row.taken_by,
            row.taken_at,
        )
        for row in rows
    ]


def open_complaints(uow: UnitOfWork, actor: Actor) -> list[ComplaintRow]:
    """Complaints not resolved yet, the longest waiting first. Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        settings = read_settings(uow)
        today = settings.local_date(uow.now())
        rows = uow.connection.execute(
            select(
                Complaint.id,
                Complaint.customer_id,
                Customer.name.label("customer_name"),
                Customer.phone,
                Complaint.what,
                Complaint.promised,
                User.name.label("taken_by"),
                Complaint.taken_at,
            )
            .join(Customer, Complaint.customer_id == Customer.id)
            .outerjoin(User, Complaint.taken_by == User.id)
            .where(Complaint.status == "open")
            .order_by(Complaint.taken_at, Complaint.id)
        ).all()
    return [
        ComplaintRow(
            row.id,
            row.customer_id,
            row.customer_name,
            row.phone,
            row.what,
            row.promised,
            row.taken_by,
            row.taken_at,
            (today - settings.local_date(row.taken_at)).days,
        )
        for row in rows
    ]


def reminder_activity(
    uow: UnitOfWork, actor: Actor, since: date, until: date
) -> list[ReminderActivity]:
    """Reminders marked done and dismissed from `since` to `until` (shop days, both
    included), by kind, in the order of ReminderKind. Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        settings = read_settings(uow)
        counts = {
            (kind, action): number
            for kind, action, number in uow.connection.execute(
                select(ReminderAction.kind, ReminderAction.action, func.count())
                .where(
                    ReminderAction.at >= _day_start(settings, since),
                    ReminderAction.at < _day_start(settings, until + timedelta(days=1)),
                )
                .group_by(ReminderAction.kind, ReminderAction.action)
            )
        }
    return [
        ReminderActivity(
            kind, counts.get((kind.value, "done"), 0), counts.get((kind.value, "dismissed"), 0)
        )
        for kind in ReminderKind
        if (kind.value, "done") in counts or (kind.value, "dismissed") in counts
    ]


def ratings(uow: UnitOfWork, actor: Actor, since: date, until: date) -> Ratings:
    """The ratings of the service from `since` to `until` (shop days, both included),
    newest first, with their comments and their average. Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        settings = read_settings(uow)
        rows = uow.connection.execute(
            select(
                Rating.id,
                Rating.at,
                Rating.customer_id,
                Customer.name.label("customer_name"),
                Rating.rating,
                Rating.comment,
                User.name.label("taken_by"),
            )
            .join(Customer, Rating.customer_id == Customer.id)
            .outerjoin(User, Rating.user_id == User.id)
            .where(
                Rating.at >= _day_start(settings, since),
                Rating.at < _day_start(settings, until + timedelta(days=1)),
            )
            .order_by(Rating.at.desc(), Rating.id.desc())
        ).all()
    found = tuple(RatingRow(*row) for row in rows)
    average = (
        (Decimal(sum(r.rating for r in found)) / len(found)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        if found
        else None
    )
    return Ratings(found, average)


def card_offer_counts(uow: UnitOfWork, actor: Actor, since: date, until: date) -> CardOfferCounts:
    """How anonymous buyers answered the offer of a card from `since` to `until` (shop
    days, both included). Owner or manager."""
    require(actor, Permission.SEE_CUSTOMER_LISTS)
    with uow:
        settings = read_settings(uow)
        counts = {
            answer: number
            for answer, number in uow.connection.execute(
                select(CardOffer.answer, func.count())
                .where(
                    CardOffer.at >= _day_start(settings, since),
                    CardOffer.at < _day_start(settings, until + timedelta(days=1)),
                )
                .group_by(CardOffer.answer)
            )
        }
    return CardOfferCounts(
        accepted=counts.get(CardOfferAnswer.ACCEPTED.value, 0),
        declined=counts.get(CardOfferAnswer.DECLINED.value, 0),
        not_asked=counts.get(CardOfferAnswer.NOT_ASKED.value, 0),
    )
