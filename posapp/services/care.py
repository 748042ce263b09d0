"""Customer care: staff reminders at the counter, and the owner's lists to act on.

When a card is scanned, customer_reminders() reads the customer's facts with a
handful of indexed lookups (the loyalty summary, their reminder facts, notes,
open promises and complaints, their latest stage change, their points of the
last months and the reminders already acted upon), and posapp.domain.reminders
ranks what is worth saying or doing now. Nothing reads history: the facts are
kept as each sale commits (posapp.services.loyalty.record_sale).

Each public function is one user action in one transaction, like every service.
The counter's actions return the customer's care as it now is, so the panel
shows what changed; the owner's lists (owner or manager) return plain rows.

A promise or a complaint carries its status, who took it and when, and who
resolved it, when and how. A complaint stays on every till's screen at that
customer's card until someone resolves it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, extract, func, insert, select, update
from sqlalchemy import exc as sa_exc

from posapp.db.models import (
    CardOffer,
    Complaint,
    Customer,
    CustomerNote,
    CustomerProduct,
    LoyaltyAccount,
    PointsEntry,
    Product,
    Promise,
    Rating,
    ReminderAction,
    Sale,
    StageChange,
    User,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import (
    Stage,
    expiry_window,
    observed_birthday,
    points_expiring,
)
from posapp.domain.reminders import (
    PROMISE_KINDS,
    CustomerFacts,
    Note,
    OpenComplaint,
    OpenPromise,
    Reminder,
    ReminderKind,
    gone_quiet,
    rank_reminders,
    stage_hint,
)
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput, NotFound
from posapp.i18n import _, format_date, language
from posapp.services.loyalty import CustomerSummary, read_summary
from posapp.services.settings import ShopSettings, read_settings, shop_time_zone
from posapp.services.shifts import till_id

NOTES_SHOWN = 5  # the newest notes and preferences a customer's reminders show
NOTE_LENGTH = 500
PROMISE_LENGTH = 300
COMPLAINT_LENGTH = 1000
RESOLUTION_LENGTH = 500
RATING_COMMENT_LENGTH = 500
BIRTHDAY_LIST_DAYS = 7  # the owner's birthdays this week: today and the six days after

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class CustomerCare:
    """What the counter shows for a customer when their card is scanned."""

    summary: CustomerSummary  # who they are, their stage, points and rewards
    greeting: str  # the name to greet them with: how they like to be addressed
    stage_hint: str  # what their stage asks of the cashier
    reminders: tuple[Reminder, ...]  # ranked; those done or dismissed are left out


class CardOfferAnswer(Enum):
    ACCEPTED = "accepted"  # they took a card (enrol them)
    DECLINED = "declined"
    NOT_ASKED = "not_asked"  # the cashier did not offer it this time


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


# --------------------------------------------------------------------------- reading

# Whether the customer has notes, open promises or open complaints: most have none, and
# then their lists are not read at all (each statement costs the card scan ~0.1 ms).
_HAS_NOTES = select(CustomerNote.id).where(CustomerNote.customer_id == Customer.id).exists()
_HAS_PROMISES = (
    select(Promise.id).where(Promise.customer_id == Customer.id, Promise.status == "open").exists()
)
_HAS_COMPLAINTS = (
    select(Complaint.id)
    .where(Complaint.customer_id == Customer.id, Complaint.status == "open")
    .exists()
)
_FACTS = (
    select(
        Customer.created_at,
        Customer.birthday,
        Customer.notes,
        LoyaltyAccount.visits,
        LoyaltyAccount.last_purchase_at,
        LoyaltyAccount.last_items,
        LoyaltyAccount.visit_interval,
        _HAS_NOTES.label("has_notes"),
        _HAS_PROMISES.label("has_promises"),
        _HAS_COMPLAINTS.label("has_complaints"),
    )
    .select_from(Customer)
    .outerjoin(LoyaltyAccount, LoyaltyAccount.customer_id == Customer.id)
    .where(Customer.id == bindparam("customer"))
)
_USUAL_ITEMS = (
    select(Product.name)
    .join_from(CustomerProduct, Product, CustomerProduct.product_id == Product.id)
    .where(
        CustomerProduct.customer_id == bindparam("customer"),
        CustomerProduct.sales >= bindparam("sales"),
    )
    .order_by(CustomerProduct.sales.desc(), CustomerProduct.last_bought_at.desc())
    .limit(bindparam("limit"))
)
_NOTES = (
    select(CustomerNote.id, CustomerNote.kind, CustomerNote.text, User.name, CustomerNote.at)
    .outerjoin(User, CustomerNote.user_id == User.id)
    .where(CustomerNote.customer_id == bindparam("customer"))
    .order_by(CustomerNote.id.desc())
    .limit(NOTES_SHOWN)
)
_OPEN_PROMISES = (
    select(Promise.id, Promise.what, Promise.due_on, User.name)
    .outerjoin(User, Promise.taken_by == User.id)
    .where(Promise.customer_id == bindparam("customer"), Promise.status == "open")
    .order_by(Promise.due_on, Promise.id)
)
_OPEN_COMPLAINTS = (
    select(Complaint.id, Complaint.what, Complaint.promised, User.name, Complaint.taken_at)
    .outerjoin(User, Complaint.taken_by == User.id)
    .where(Complaint.customer_id == bindparam("customer"), Complaint.status == "open")
    .order_by(Complaint.id)
)
_LATEST_STAGE_CHANGE = (
    select(StageChange.from_stage, StageChange.to_stage, StageChange.at)
    .where(StageChange.customer_id == bindparam("customer"))
    .order_by(StageChange.id.desc())
    .limit(1)
)
# What is about to expire follows from the cached balance, the sum of the credits that will
# still be valid and the credits of the window before them (posapp.domain.loyalty.
# points_expiring); the covering index (customer, at, points) answers both.
_CREDITS_AFTER = select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
    PointsEntry.customer_id == bindparam("customer"),
    PointsEntry.at > bindparam("horizon"),
    PointsEntry.points > 0,
)
_DUE_CREDITS = (
    select(PointsEntry.at, PointsEntry.points)
    .where(
        PointsEntry.customer_id == bindparam("customer"),
        PointsEntry.at > bindparam("cutoff"),
        PointsEntry.at <= bindparam("horizon"),
        PointsEntry.points > 0,
    )
    .order_by(PointsEntry.at)
)
_ACTED_UPON = select(ReminderAction.key).where(
    ReminderAction.customer_id == bindparam("customer"),
    ReminderAction.key.in_(bindparam("keys", expanding=True)),
)


def customer_reminders(
    uow: UnitOfWork, customer_id: int, summary: CustomerSummary | None = None
) -> CustomerCare:
    """One read transaction: the customer's care as the counter shows it on a card scan.

    `summary`: the member's summary the card scan has just read (checkout.scan), so it is
    not read twice; it is used only if it is this customer's.
    """
    with uow:
        return read_care(uow, customer_id, summary=summary)


def read_care(
    uow: UnitOfWork,
    customer_id: int,
    card_number: str | None = None,
    summary: CustomerSummary | None = None,
) -> CustomerCare:
    """CustomerCare inside the caller's transaction, in the core's language (the GUI's).

    A customer merged into another is that other one (CustomerCare.summary says who).
    """
    settings = read_settings(uow)
    if summary is None or summary.customer_id != customer_id:
        summary = read_summary(uow, customer_id, card_number, settings)
    facts = _facts(uow, settings, summary)
    rules = settings.reminders.rules(language(), settings.loyalty.birthday_window_days)
    now = uow.now().astimezone(shop_time_zone(settings.time_zone)[1])
    ranked = rank_reminders(facts, now, rules)
    acted: set[str] = set()
    if ranked:
        acted = set(
            uow.connection.execute(
                _ACTED_UPON,
                {"customer": summary.customer_id, "keys": [r.key for r in ranked]},
            ).scalars()
        )
    return CustomerCare(
        summary=summary,
        greeting=facts.greeting,
        stage_hint=stage_hint(facts, rules),
        reminders=tuple(r for r in ranked if r.key not in acted),
    )


def _facts(uow: UnitOfWork, settings: ShopSettings, summary: CustomerSummary) -> CustomerFacts:
    connection = uow.connection
    customer = {"customer": summary.customer_id}
    row = connection.execute(_FACTS, customer).one()
    reminders = settings.reminders
    usual: tuple[str, ...] = ()
    if row.visits:
        usual = tuple(
            connection.execute(
                _USUAL_ITEMS,
                {**customer, "sales": reminders.usual_item_sales, "limit": reminders.items_shown},
            ).scalars()
        )
    notes = [
        Note(note_id, text, kind == "preference", written_by, at)
        for note_id, kind, text, written_by, at in (
            connection.execute(_NOTES, customer) if row.has_notes else ()
        )
    ]
    if row.notes:
        notes.append(Note(None, row.notes))
    previous, reached = _stage_news(uow, summary)
    expiring, expire_on = _points_expiring(uow, settings, summary)
    return CustomerFacts(
        name=summary.name,
        address_as=summary.address_as,
        birthday=row.birthday,
        member_since=row.created_at,
        stage=summary.stage,
        previous_stage=previous,
        stage_reached_at=reached,
        visits=row.visits or 0,
        last_visit_at=row.last_purchase_at,
        last_items=tuple(json.loads(row.last_items)) if row.last_items else (),
        usual_items=usual,
        usual_interval_days=row.visit_interval,
        notes=tuple(notes),
        promises=tuple(
            OpenPromise(promise_id, what, due_on, taken_by)
            for promise_id, what, due_on, taken_by in (
                connection.execute(_OPEN_PROMISES, customer) if row.has_promises else ()
            )
        ),
        complaints=tuple(
            OpenComplaint(*complaint)
            for complaint in (
                connection.execute(_OPEN_COMPLAINTS, customer) if row.has_complaints else ()
            )
        ),
        rewards=tuple(reward.name for reward in summary.available),
        points_expiring=expiring,
        points_expire_on=expire_on,
    )


def _stage_news(uow: UnitOfWork, summary: CustomerSummary) -> tuple[Stage | None, datetime | None]:
    """The stage they were before the change that made their stage now, and its moment."""
    if summary.stage not in (Stage.CLIENT, Stage.ADVOCATE):
        return None, None
    latest = uow.connection.execute(_LATEST_STAGE_CHANGE, {"customer": summary.customer_id}).first()
    if latest is None or latest.to_stage != summary.stage.value:
        return None, None
    return Stage(latest.from_stage), latest.at


def _points_expiring(
    uow: UnitOfWork, settings: ShopSettings, summary: CustomerSummary
) -> tuple[int, date | None]:
    months = settings.loyalty.points_expire_months
    within = settings.reminders.points_expiring_days
    if months <= 0 or summary.balance <= 0:
        return 0, None
    now = uow.now()
    cutoff, horizon = expiry_window(now, months, within)
    window = {"customer": summary.customer_id, "cutoff": cutoff, "horizon": horizon}
    after = int(uow.connection.execute(_CREDITS_AFTER, window).scalar_one())  # PG: numeric
    if after >= summary.balance:  # the usual case: nothing expires soon, one read
        return 0, None
    due = [(at, points) for at, points in uow.connection.execute(_DUE_CREDITS, window)]
    found = points_expiring(summary.balance, due, after, now, months, within)
    if found is None:
        return 0, None
    return found[0], settings.local_date(found[1])


# --------------------------------------------------------------------------- at the counter


def mark_reminder(
    uow: UnitOfWork,
    actor: Actor,
    customer_id: int,
    key: str,
    done: bool,
    till: str | None = None,
) -> CustomerCare:
    """Mark a reminder done (acted upon) or dismissed, with who, where (`till`: its code)
    and when; it stays away for its occasion (Reminder.key).

    A promise's reminder marked done keeps the promise (it is resolved as done). A
    complaint cannot be marked: it stays until resolve_complaint() says how it was put
    right. A reminder another till has marked meanwhile is not marked twice: the call says
    it is no longer shown.
    """
    require(actor, Permission.SELL)
    try:
        with uow.writing():
            care = read_care(uow, customer_id)
            reminder = next((r for r in care.reminders if r.key == key), None)
            if reminder is None:
                raise NotFound(
                    _(
                        "That reminder is no longer shown for {name}. Scan their card again to "
                        "see what is."
                    ).format(name=care.greeting)
                )
            if reminder.sticky:
                raise InvalidInput(_complaint_stays())
            now = uow.now()
            uow.connection.execute(
                insert(ReminderAction).values(
                    customer_id=care.summary.customer_id,
                    key=key,
                    kind=reminder.kind.value,
                    action="done" if done else "dismissed",
                    user_id=actor.user_id,
                    till_id=till_id(uow, till) if till else None,
                    at=now,
                )
            )
            if done and reminder.refers_to is not None and reminder.kind in PROMISE_KINDS:
                _resolve(uow, Promise, actor, reminder.refers_to, "done", None, now)
            care = read_care(uow, care.summary.customer_id)
            uow.commit()
    except sa_exc.IntegrityError:
        # Another till marked it in the meantime: what it did stands.
        care = customer_reminders(uow, customer_id)
        if any(r.key == key for r in care.reminders):
            raise
    return care


def _complaint_stays() -> str:
    return _(
        "A complaint stays on every till until it is resolved: resolve it and say how it was "
        "put right."
    )


def add_note(
    uow: UnitOfWork, actor: Actor, customer_id: int, text: str, preference: bool = False
) -> CustomerCare:
    """A note for colleagues (what you noticed), or a preference (what they like)."""
    require(actor, Permission.SELL)
    text = _text(text, NOTE_LENGTH, _("Write the note first."))
    kind = "preference" if preference else "note"
    return _add(
        uow, CustomerNote, customer_id, kind=kind, text=text, user_id=actor.user_id, at=uow.now()
    )


def add_promise(
    uow: UnitOfWork, actor: Actor, customer_id: int, text: str, due_on: date
) -> CustomerCare:
    """Something the shop agrees to do for the customer by `due_on` (a shop day): order a
    product, set an item aside, call back. Taken by the actor, now."""
    require(actor, Permission.SELL)
    text = _text(text, PROMISE_LENGTH, _("Say what was promised."))

    def not_past(today: date) -> None:
        if due_on < today:
            raise InvalidInput(_("A promise is due today or later. Check the date."))

    return _add(
        uow,
        Promise,
        customer_id,
        not_past,
        what=text,
        due_on=due_on,
        taken_by=actor.user_id,
        taken_at=uow.now(),
    )


def resolve_promise(
    uow: UnitOfWork, actor: Actor, promise_id: int, *, done: bool = True, how: str | None = None
) -> CustomerCare:
    """The promise is kept (`done`), or cancelled, which needs a reason (`how`)."""
    require(actor, Permission.SELL)
    how = _text(how, RESOLUTION_LENGTH, None) if how and how.strip() else None
    if not done and how is None:
        raise InvalidInput(_("Say why the promise is cancelled."))
    with uow.writing():
        customer = _resolve(
            uow, Promise, actor, promise_id, "done" if done else "cancelled", how, uow.now()
        )
        care = read_care(uow, customer)
        uow.commit()
    return care


def comment_on_rating(uow: UnitOfWork, actor: Actor, rating_id: int, comment: str) -> CustomerCare:
    """What the customer said with their rating (loyalty.rate_service recorded it): the
    comment, written or corrected afterwards at the till. Returns the customer's care."""
    require(actor, Permission.SELL)
    comment = _text(comment, RATING_COMMENT_LENGTH, _("Say what they said."))
    with uow.writing():
        customer = uow.connection.execute(
            update(Rating)
            .where(Rating.id == rating_id)
            .values(comment=comment)
            .returning(Rating.customer_id)
        ).scalar_one_or_none()
        if customer is None:
            raise NotFound(_("There is no rating {id}.").format(id=rating_id))
        care = read_care(uow, _kept_customer(uow, customer))
        uow.commit()
    return care


def add_complaint(
    uow: UnitOfWork, actor: Actor, customer_id: int, what: str, promised: str | None = None
) -> CustomerCare:
    """A complaint: what happened, and what was promised to put it right (if anything yet).
    It shows on every till at the customer's card until it is resolved."""
    require(actor, Permission.SELL)
    what = _text(what, COMPLAINT_LENGTH, _("Say what happened."))
    promised = _text(promised, COMPLAINT_LENGTH, None) if promised and promised.strip() else None
    return _add(
        uow,
        Complaint,
        customer_id,
        what=what,
        promised=promised,
        taken_by=actor.user_id,
        taken_at=uow.now(),
    )


def resolve_complaint(uow: UnitOfWork, actor: Actor, complaint_id: int, how: str) -> CustomerCare:
    """The complaint is resolved: say how it was put right."""
    require(actor, Permission.SELL)
    how = _text(how, RESOLUTION_LENGTH, _("Say how the complaint was put right."))
    with uow.writing():
        customer = _resolve(uow, Complaint, actor, complaint_id, "resolved", how, uow.now())
        care = read_care(uow, customer)
        uow.commit()
    return care


def _add(
    uow: UnitOfWork,
    model: type[CustomerNote] | type[Promise] | type[Complaint],
    customer_id: int,
    check: Callable[[date], None] | None = None,
    **values: Any,
) -> CustomerCare:
    """Write a note, promise or complaint about the customer (or the record they were
    merged into); `check` may refuse it for the shop's day first."""
    with uow.writing():
        if check is not None:
            check(read_settings(uow).local_date(uow.now()))
        customer = _kept_customer(uow, customer_id)
        uow.connection.execute(insert(model).values(customer_id=customer, **values))
        care = read_care(uow, customer)
        uow.commit()
    return care


def _resolve(
    uow: UnitOfWork,
    model: type[Promise] | type[Complaint],
    actor: Actor,
    item_id: int,
    status: str,
    how: str | None,
    now: datetime,
) -> int:
    """Close an open promise or complaint (a conditional UPDATE: once, whoever tries);
    returns its customer."""
    connection = uow.connection
    found = connection.execute(
        select(model.customer_id, model.status, model.resolved_at, User.name)
        .outerjoin(User, model.resolved_by == User.id)
        .where(model.id == item_id)
    ).first()
    if found is None:
        raise NotFound(
            _("There is no promise {id}.").format(id=item_id)
            if model is Promise
            else _("There is no complaint {id}.").format(id=item_id)
        )
    changed = connection.execute(
        update(model)
        .where(model.id == item_id, model.status == "open")
        .values(status=status, resolved_by=actor.user_id, resolved_at=now, resolution=how)
    ).rowcount
    if changed != 1:
        resolved_at = found.resolved_at
        resolved_on = (
            format_date(read_settings(uow).local_date(resolved_at)) if resolved_at else "?"
        )
        raise InvalidInput(
            _("That was already resolved on {date} by {name}.").format(
                date=resolved_on, name=found.name or _("the command line")
            )
        )
    return int(found.customer_id)


def _kept_customer(uow: UnitOfWork, customer_id: int) -> int:
    """The customer's id, or that of the record they were merged into."""
    found = uow.connection.execute(
        select(Customer.id, Customer.merged_into_id).where(Customer.id == customer_id)
    ).first()
    if found is None:
        raise NotFound(_("That customer is not in the database. Find them again."))
    return int(found.merged_into_id or found.id)


def _text(text: str | None, limit: int, missing: str | None) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned and missing is not None:
        raise InvalidInput(missing)
    if len(cleaned) > limit:
        raise InvalidInput(_("That is too long: at most {limit} characters.").format(limit=limit))
    return cleaned


def record_card_offer(uow: UnitOfWork, actor: Actor, sale_id: int, answer: CardOfferAnswer) -> None:
    """After a sale without a card: whether the buyer was offered one and what they said
    (once per sale). A buyer who accepts is enrolled as usual (loyalty.enrol_customer)."""
    require(actor, Permission.SELL)
    with uow.writing():
        connection = uow.connection
        sale = connection.execute(
            select(Sale.customer_id, Sale.till_id).where(
                Sale.id == sale_id, Sale.kind == "sale", Sale.status == "completed"
            )
        ).first()
        if sale is None:
            raise NotFound(_("There is no completed sale {id}.").format(id=sale_id))
        if sale.customer_id is not None:
            raise InvalidInput(
                _("That sale was made with a customer's card: there was no card to offer.")
            )
        if connection.execute(select(CardOffer.id).where(CardOffer.sale_id == sale_id)).first():
            raise InvalidInput(_("The answer after that sale was recorded already."))
        connection.execute(
            insert(CardOffer).values(
                sale_id=sale_id,
                answer=answer.value,
                user_id=actor.user_id,
                till_id=sale.till_id,
                at=uow.now(),
            )
        )
        uow.commit()


# --------------------------------------------------------------------------- the owner's lists


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
