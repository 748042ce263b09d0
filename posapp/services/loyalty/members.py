"""Members: enrolled at the counter (with a card and, if they were brought by one, their
referrer), found as the cashier types, and two records of one person merged.

Finding reads only by index (a card's number, the phone key, the name keys); merging
is the one action here that reads a member's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, bindparam, delete, func, insert, literal, select, update
from sqlalchemy.orm import aliased

from posapp.db.models import (
    Complaint,
    Customer,
    CustomerNameKey,
    CustomerNote,
    CustomerProduct,
    CustomerVisit,
    LoyaltyAccount,
    LoyaltyCard,
    PointsEntry,
    Promise,
    Rating,
    Sale,
    Voucher,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import StageFacts, compute_stage, phone_key
from posapp.domain.roles import Actor, Permission, require
from posapp.domain.text import prefix_upper_bound, search_key
from posapp.errors import InvalidInput, NotFound
from posapp.i18n import _
from posapp.services import audit, catalog
from posapp.services.loyalty.accounts import (
    _INSERT_STAGE_CHANGES,
    _RECENT_VISITS,
    _count_products,
    _read_account,
    _stage_changes,
    _today,
)
from posapp.services.loyalty.cards import _card_for
from posapp.services.loyalty.ledger import _CHANGE_BALANCE, _entry, _post
from posapp.services.loyalty.summary import CustomerSummary, read_summary
from posapp.services.settings import read_settings


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: int
    name: str
    card_number: str | None  # their active card
    phone: str | None


def enrol_customer(
    uow: UnitOfWork,
    actor: Actor,
    name: str,
    *,
    phone: str | None = None,
    email: str | None = None,
    birthday: date | None = None,
    language: str | None = None,
    address_as: str | None = None,
    notes: str | None = None,
    consent: bool = False,
    card_number: str | None = None,
    referred_by: str | None = None,
) -> CustomerSummary:
    """Enrol a new member at the counter; only the name is needed.

    `card_number`: a pre-printed card scanned to link it (a loyalty card of this
    shop, not used yet); without it a new number is issued (the card prefix, a
    number never handed out before, its check digit). `consent` records their
    agreement to marketing, when and by whom. `referred_by` is the card number or
    phone of the member who brought them: both get the referral reward with the
    new member's first purchase.
    """
    require(actor, Permission.SELL)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(_("A member needs a name."))
    if len(name) > 120:
        raise InvalidInput(_("A name is at most 120 characters."))
    details = _details(phone, email, birthday, language, address_as, notes)
    with uow.writing():
        settings = read_settings(uow)
        now = uow.now()
        if birthday is not None and birthday > _today(uow, settings):
            raise InvalidInput(_("A birthday cannot be in the future. Check the year."))
        referrer = _referrer(uow, referred_by) if referred_by else None
        number = _card_for(uow, settings.barcode_rules(), card_number)
        customer = Customer(
            name=name,
            created_at=now,
            marketing_consent=consent,
            consented_at=now if consent else None,
            consent_taken_by=actor.user_id if consent else None,
            referred_by_id=referrer,
            **details,
        )
        uow.session.add(customer)
        uow.session.flush()  # its account and name keys come with it (posapp.db.models)
        uow.session.add(
            LoyaltyCard(number=number, customer_id=customer.id, status="active", issued_at=now)
        )
        uow.session.flush()
        welcome = settings.loyalty.welcome_points
        if welcome > 0:
            uow.connection.execute(
                _CHANGE_BALANCE, {"customer": customer.id, "needed": 0, "change": welcome}
            )
            _post(
                uow,
                [_entry(customer.id, "bonus", welcome, f"welcome:{customer.id}", None)],
                actor,
                now,
            )
        summary = read_summary(uow, customer.id, number)
        uow.commit()
    return summary


def _details(
    phone: str | None,
    email: str | None,
    birthday: date | None,
    language: str | None,
    address_as: str | None,
    notes: str | None,
) -> dict[str, Any]:
    """The optional details, checked and tidied; empty texts are no details."""
    phone = (phone or "").strip() or None
    key = None
    if phone is not None:
        key = phone_key(phone)
        if key is None:
            raise InvalidInput(
                _("{phone} is not a phone number. Enter digits, e.g. +371 29 123 456.").format(
                    phone=phone
                )
            )
    email = (email or "").strip() or None
    if email is not None and (
        len(email) > 254 or "@" not in email or "." not in email.rsplit("@", 1)[1] or " " in email
    ):
        raise InvalidInput(
            _("{email} is not an e-mail address. Check it, or leave it empty.").format(email=email)
        )
    if birthday is not None and birthday.year < 1900:
        raise InvalidInput(_("A birthday is after 1900. Check the year."))
    language = (language or "").strip().lower() or None
    if language is not None and not (
        language.isascii() and language.isalpha() and len(language) <= 3
    ):
        raise InvalidInput(_("A language is a code such as lv, en or ru."))
    address_as = (address_as or "").strip()[:80] or None
    notes = (notes or "").strip() or None
    return {
        "phone": phone,
        "phone_key": key,
        "email": email,
        "birthday": birthday,
        "language": language,
        "address_as": address_as,
        "notes": notes,
    }


def _referrer(uow: UnitOfWork, text: str) -> int:
    """The member a card number or phone names (following merges)."""
    text = text.strip()
    found = catalog.customer_by_card(uow, text)
    candidates: list[int] = [] if found is None else [found.customer_id]
    if not candidates:
        key = phone_key(text)
        if key is not None:
            candidates = list(
                uow.connection.execute(
                    select(Customer.id).where(
                        Customer.phone_key == key, Customer.merged_into_id.is_(None)
                    )
                ).scalars()
            )
    if len(candidates) > 1:
        raise InvalidInput(
            _(
                "Several members have the phone {phone}. Scan the card of the one who referred."
            ).format(phone=text)
        )
    if not candidates:
        raise NotFound(
            _(
                "No member has the card or phone {text}. Check it, or leave the referral empty."
            ).format(text=text)
        )
    merged_into = uow.connection.execute(
        select(Customer.merged_into_id).where(Customer.id == candidates[0])
    ).scalar()
    return merged_into or candidates[0]


# Both answered from an index (tests/integration/test_loyalty_plans.py checks the plans).
_BY_PHONE = (
    select(Customer.id, Customer.name)
    .where(Customer.phone_key == bindparam("key"), Customer.merged_into_id.is_(None))
    .order_by(Customer.id)
    .limit(bindparam("limit"))
)
_NAME_STARTS = (
    select(Customer.id, Customer.name)
    .join_from(CustomerNameKey, Customer, CustomerNameKey.customer_id == Customer.id)
    .where(
        CustomerNameKey.key >= bindparam("low"),
        CustomerNameKey.key < bindparam("high"),
        Customer.merged_into_id.is_(None),
    )
    .order_by(CustomerNameKey.key, CustomerNameKey.customer_id)
    .limit(bindparam("limit"))
)


def find_customers(uow: UnitOfWork, text: str, limit: int = 20) -> list[CustomerMatch]:
    """One read transaction: members by card number, phone or name, as the cashier types.

    A card (active or blocked) finds its member; a phone number finds who has it;
    a name or the start of any of its words finds members whatever the case and
    diacritics ("ozolin" finds "Ēriks Ozoliņš"). Merged members are left out.
    """
    text = text.strip()
    if not text or limit <= 0:
        return []
    with uow:
        connection = uow.connection
        found: dict[int, str] = {}
        by_card = catalog.customer_by_card(uow, text)
        if by_card is not None:
            found[by_card.customer_id] = by_card.name
        key = phone_key(text)
        if key is not None:
            for customer_id, name in connection.execute(_BY_PHONE, {"key": key, "limit": limit}):
                found.setdefault(customer_id, name)
        words = search_key(text)
        if len(words) >= 2:
            bounds = {"low": words, "high": prefix_upper_bound(words)}
            # A name with two words that match comes twice: ask for more.
            for customer_id, name in connection.execute(
                _NAME_STARTS, {**bounds, "limit": limit * 3}
            ):
                found.setdefault(customer_id, name)
        ids = list(found)[:limit]
        if not ids:
            return []
        details = {
            customer_id: phone
            for customer_id, phone in connection.execute(
                select(Customer.id, Customer.phone).where(Customer.id.in_(ids))
            )
        }
        cards: dict[int, str] = {}
        for customer_id, number in connection.execute(
            select(LoyaltyCard.customer_id, LoyaltyCard.number)
            .where(LoyaltyCard.customer_id.in_(ids), LoyaltyCard.status == "active")
            .order_by(LoyaltyCard.issued_at, LoyaltyCard.id)
        ):
            cards[customer_id] = number  # the newest active card last
        return [
            CustomerMatch(
                customer_id, found[customer_id], cards.get(customer_id), details.get(customer_id)
            )
            for customer_id in ids
        ]


def merge_customers(uow: UnitOfWork, actor: Actor, keep_id: int, merge_id: int) -> CustomerSummary:
    """Two records of one person: everything of `merge_id` moves to `keep_id`.

    Cards, sales, ledger entries (as they were: earning dates, so expiry, stay
    right), vouchers, ratings, visit days and the members they referred move;
    the balance is the sum of both; the kept record's empty details are filled
    from the other. The merged record stays, marked merged into the kept one
    (its stage history stays with it). Owner or manager.
    """
    require(actor, Permission.MANAGE_LOYALTY)
    if keep_id == merge_id:
        raise InvalidInput(_("Choose two different members to merge."))
    with uow.writing():
        connection = uow.connection
        settings = read_settings(uow)
        rules = settings.loyalty.stage_rules()
        accounts = {}
        for customer_id in sorted((keep_id, merge_id)):  # lock in id order: no deadlock
            account = _read_account(uow, customer_id, rules, lock=True)
            if account is None or account.merged_into_id is not None:
                raise NotFound(
                    _("Member {id} is not in the database or was merged already.").format(
                        id=customer_id
                    )
                )
            accounts[customer_id] = account
        keep, gone = accounts[keep_id], accounts[merge_id]
        now = uow.now()
        for model in (
            LoyaltyCard,
            Sale,
            PointsEntry,
            Voucher,
            Rating,
            CustomerNote,
            Promise,
            Complaint,
        ):
            connection.execute(
                update(model).where(model.customer_id == merge_id).values(customer_id=keep_id)
            )
        theirs = connection.execute(
            select(
                CustomerProduct.product_id, CustomerProduct.sales, CustomerProduct.last_bought_at
            ).where(CustomerProduct.customer_id == merge_id)
        )
        _count_products(uow, keep_id, [(product, sales, at) for product, sales, at in theirs])
        connection.execute(delete(CustomerProduct).where(CustomerProduct.customer_id == merge_id))
        connection.execute(
            update(Customer)
            .where(Customer.referred_by_id == merge_id, Customer.id != keep_id)
            .values(referred_by_id=keep_id)
        )
        # One person cannot have brought themselves.
        connection.execute(
            update(Customer)
            .where(Customer.id == keep_id, Customer.referred_by_id == merge_id)
            .values(referred_by_id=None)
        )
        kept_days = select(CustomerVisit.day).where(CustomerVisit.customer_id == keep_id)
        connection.execute(
            insert(CustomerVisit).from_select(
                ["customer_id", "day"],
                select(literal(keep_id, Integer), CustomerVisit.day).where(
                    CustomerVisit.customer_id == merge_id, CustomerVisit.day.not_in(kept_days)
                ),
            )
        )
        connection.execute(delete(CustomerVisit).where(CustomerVisit.customer_id == merge_id))
        visits, last_visit = connection.execute(
            select(func.count(), func.max(CustomerVisit.day)).where(
                CustomerVisit.customer_id == keep_id
            )
        ).one()
        first_purchase = connection.execute(
            select(
                func.min(LoyaltyAccount.first_purchase_at),
                func.max(LoyaltyAccount.last_purchase_at),
            ).where(LoyaltyAccount.customer_id.in_((keep_id, merge_id)))
        ).one()
        facts = StageFacts(
            purchases=keep.facts.purchases + gone.facts.purchases,
            recent_visits=tuple(
                connection.execute(
                    _RECENT_VISITS, {"customer": keep_id, "keep": rules.client_visits}
                ).scalars()
            ),
            referred_buyers=keep.facts.referred_buyers + gone.facts.referred_buyers,
            five_star_ratings=keep.facts.five_star_ratings + gone.facts.five_star_ratings,
        )
        today = _today(uow, settings)
        before = compute_stage(keep.facts, rules, today)
        after = compute_stage(facts, rules, today)
        merged = aliased(LoyaltyAccount)
        connection.execute(
            update(LoyaltyAccount)
            .where(LoyaltyAccount.customer_id == keep_id)
            .values(
                balance=keep.balance + gone.balance,
                purchases=facts.purchases,
                visits=visits,
                last_visit_on=last_visit,
                first_purchase_at=first_purchase[0],
                last_purchase_at=first_purchase[1],
                referred_buyers=facts.referred_buyers,
                five_star_ratings=facts.five_star_ratings,
                birthday_reward_year=max(
                    keep.birthday_reward_year or 0, gone.birthday_reward_year or 0
                )
                or None,
                stage=after.value,
                # Reminder facts the kept record lacks, from the merged one.
                last_items=func.coalesce(
                    LoyaltyAccount.last_items,
                    select(merged.last_items)
                    .where(merged.customer_id == merge_id)
                    .scalar_subquery(),
                ),
                visit_interval=keep.visit_interval or gone.visit_interval,
            )
        )
        connection.execute(
            update(LoyaltyAccount).where(LoyaltyAccount.customer_id == merge_id).values(balance=0)
        )
        _fill_blanks(uow, keep_id, merge_id)
        connection.execute(
            update(Customer).where(Customer.id == merge_id).values(merged_into_id=keep_id)
        )
        from posapp.services.reports import kept  # not at the counter's start-up

        kept.forget(uow)  # the reports' readings of past months held both records
        changes = _stage_changes(keep_id, keep.stored_stage, before, after, None)
        if changes:
            connection.execute(_INSERT_STAGE_CHANGES, [{**c, "at": now} for c in changes])
        audit.record(
            uow,
            actor,
            "customers_merged",
            {"kept": keep_id, "merged": merge_id, "points": gone.balance},
        )
        summary = read_summary(uow, keep_id)
        uow.commit()
    return summary


_FILLABLE = ("phone", "phone_key", "email", "birthday", "language", "address_as", "notes")


def _fill_blanks(uow: UnitOfWork, keep_id: int, merge_id: int) -> None:
    """The kept member's empty details, from the merged one (and their consent, if any)."""
    session = uow.session
    keep = session.get_one(Customer, keep_id)
    gone = session.get_one(Customer, merge_id)
    for name in _FILLABLE:
        if getattr(keep, name) is None and getattr(gone, name) is not None:
            setattr(keep, name, getattr(gone, name))
    if keep.notes and gone.notes and gone.notes not in keep.notes:
        keep.notes = f"{keep.notes}\n{gone.notes}"
    if not keep.marketing_consent and gone.marketing_consent:
        keep.marketing_consent = True
        keep.consented_at, keep.consent_taken_by = gone.consented_at, gone.consent_taken_by
    session.flush()
