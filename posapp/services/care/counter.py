"""Customer care at the counter: what the till does for the customer in front of it.

A reminder acted upon (done or dismissed), a note or a preference, a promise, a
complaint, a rating of the service (ratings of 5 count toward the Advocate stage) and
what the customer said with it, and the answer to the offer of a card. Each action
returns the customer's care as it now is (reminders.CustomerCare), so the panel shows
what changed.

A promise or a complaint carries its status, who took it and when, and who resolved it,
when and how. A complaint stays on every till's screen at that customer's card until
someone resolves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, select, update

from posapp.db.models import (
    CardOffer,
    Complaint,
    Customer,
    CustomerNote,
    Promise,
    Rating,
    ReminderAction,
    Sale,
    User,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import Stage
from posapp.domain.reminders import PROMISE_KINDS
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput, NotFound
from posapp.i18n import _, format_date
from posapp.services.care.reminders import CustomerCare, customer_reminders, read_care
from posapp.services.loyalty.accounts import read_member, record_rating
from posapp.services.settings import read_settings
from posapp.services.shifts import till_id

NOTE_LENGTH = 500
PROMISE_LENGTH = 300
COMPLAINT_LENGTH = 1000
RESOLUTION_LENGTH = 500
RATING_COMMENT_LENGTH = 500


class CardOfferAnswer(Enum):
    ACCEPTED = "accepted"  # they took a card (enrol them)
    DECLINED = "declined"
    NOT_ASKED = "not_asked"  # the cashier did not offer it this time


@dataclass(frozen=True)
class RatingRecorded:
    rating_id: int
    stage_before: Stage
    stage_after: Stage


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


def rate_service(
    uow: UnitOfWork,
    actor: Actor,
    customer_id: int,
    rating: int,
    comment: str | None = None,
    sale_id: int | None = None,
) -> RatingRecorded:
    """Record the customer's rating of the service (1 to 5), at most once per sale.

    Ratings of 5 count toward Advocate.
    """
    require(actor, Permission.SELL)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput(_("A rating is a whole number from 1 to 5."))
    comment = (comment or "").strip() or None
    with uow.writing():
        settings = read_settings(uow)
        account = read_member(uow, customer_id, settings.loyalty.stage_rules(), lock=True)
        connection = uow.connection
        if sale_id is not None:
            sale_customer = connection.execute(
                select(Sale.customer_id).where(
                    Sale.id == sale_id, Sale.kind == "sale", Sale.status == "completed"
                )
            ).first()
            if sale_customer is None or sale_customer[0] != account.customer_id:
                raise InvalidInput(_("That sale is not this customer's. Rate it on their sale."))
            if connection.execute(select(Rating.id).where(Rating.sale_id == sale_id)).first():
                raise InvalidInput(_("That sale was rated already."))
        now = uow.now()
        rating_id = connection.execute(
            insert(Rating)
            .values(
                customer_id=account.customer_id,
                sale_id=sale_id,
                rating=rating,
                comment=comment,
                user_id=actor.user_id,
                at=now,
            )
            .returning(Rating.id)
        ).scalar_one()
        before, after = record_rating(uow, settings, account, rating, sale_id, now)
        uow.commit()
    return RatingRecorded(rating_id, before, after)


def comment_on_rating(uow: UnitOfWork, actor: Actor, rating_id: int, comment: str) -> CustomerCare:
    """What the customer said with their rating (rate_service recorded it): the
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
