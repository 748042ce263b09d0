"""A customer's care as the counter shows it: their staff reminders, read on a card scan.

The customer's facts are read with a handful of indexed lookups (the loyalty summary,
their reminder facts, notes, open promises and complaints, their latest stage change,
their points of the last months and the reminders already acted upon), and
posapp.domain.reminders ranks what is worth saying or doing now. Nothing reads history:
the facts are kept as each sale commits (posapp.services.loyalty.sale.record_sale).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, func, select

from posapp.db.models import (
    Complaint,
    Customer,
    CustomerNote,
    CustomerProduct,
    LoyaltyAccount,
    PointsEntry,
    Product,
    Promise,
    ReminderAction,
    StageChange,
    User,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import Stage, expiry_window, points_expiring
from posapp.domain.reminders import (
    CustomerFacts,
    Note,
    OpenComplaint,
    OpenPromise,
    Reminder,
    rank_reminders,
    stage_hint,
)
from posapp.i18n import language
from posapp.services.loyalty.cards import read_card_holder
from posapp.services.loyalty.summary import CustomerSummary, read_summary
from posapp.services.settings import ShopSettings, read_settings, shop_time_zone

NOTES_SHOWN = 5  # the newest notes and preferences a customer's reminders show


@dataclass(frozen=True)
class CustomerCare:
    """What the counter shows for a customer when their card is scanned."""

    summary: CustomerSummary  # who they are, their stage, points and rewards
    greeting: str  # the name to greet them with: how they like to be addressed
    stage_hint: str  # what their stage asks of the cashier
    reminders: tuple[Reminder, ...]  # ranked; those done or dismissed are left out


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


def customer_reminders(uow: UnitOfWork, customer_id: int) -> CustomerCare:
    """One read transaction: the customer's care as the counter shows it."""
    with uow:
        return read_care(uow, customer_id)


def read_card(uow: UnitOfWork, card_number: str) -> CustomerCare:
    """The member of a scanned loyalty card and their care, inside the caller's
    transaction (checkout.scan's): all the customer card shows.

    Raises NotFound for a card of no customer and CardBlocked for a replaced card
    (posapp.services.loyalty.cards.read_card_holder).
    """
    summary = read_card_holder(uow, card_number)
    return read_care(uow, summary.customer_id, summary=summary)


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
