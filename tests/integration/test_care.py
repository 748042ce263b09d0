"""Customer care at the counter and in the owner's lists, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from posapp.db.models import (
    CardOffer,
    Complaint,
    CustomerNote,
    CustomerProduct,
    LoyaltyAccount,
    Product,
    Promise,
    ReminderAction,
    ReminderLeft,
)
from posapp.domain.reminders import Reminder, ReminderKind
from posapp.errors import InvalidInput, NotFound, PermissionDenied
from posapp.services import care, checkout, loyalty
from posapp.services.care import CardOfferAnswer, CustomerCare
from posapp.services.settings import (
    ReminderTemplate,
    load_settings,
    parse_setting,
    setting_text,
    update_settings,
)
from tests.conftest import Shop
from tests.integration.helpers import count, pay_exact, ring_up, sell, statements_sent
from tests.integration.loyalty_helpers import Clock, give_points, set_loyalty, use_clock

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

RIGA = ZoneInfo("Europe/Riga")
MONDAY = datetime(2026, 11, 23, 12, 0, tzinfo=RIGA)  # the shop's clock in these tests
TODAY = MONDAY.date()


@pytest.fixture
def clock(shop: Shop) -> Iterator[Clock]:
    moving = Clock(MONDAY.astimezone(UTC))
    restore = use_clock(shop, moving)
    yield moving
    restore()


def kinds(state: CustomerCare) -> list[ReminderKind]:
    return [reminder.kind for reminder in state.reminders]


def reminder(state: CustomerCare, kind: ReminderKind) -> Reminder:
    found = [r for r in state.reminders if r.kind is kind]
    assert len(found) == 1, state.reminders
    return found[0]


def on_day(clock: Clock, day: date, hour: int = 12) -> None:
    clock.moment = datetime(day.year, day.month, day.day, hour, tzinfo=RIGA).astimezone(UTC)


def member(shop: Shop, name: str, **details: object) -> tuple[int, str]:
    """A new member (enrolled by the cashier now): their id and card number."""
    summary = loyalty.enrol_customer(shop.uow, shop.cashier, name, **details)  # type: ignore[arg-type]
    assert summary.card_number is not None
    return summary.customer_id, summary.card_number


# --------------------------------------------------------------------------- facts at commit


def test_a_members_sales_keep_the_facts_the_reminders_need(shop: Shop, clock: Clock) -> None:
    first = TODAY - timedelta(days=15)
    for days, codes in ((0, (shop.bread, shop.milk)), (7, (shop.bread, shop.coffee))):
        on_day(clock, first + timedelta(days=days))
        sell(shop, shop.customer_card, *codes)
    on_day(clock, first + timedelta(days=14), hour=23)  # 23:00 in Riga: the 14th day still
    sell(shop, shop.customer_card, shop.bread, shop.bread, shop.milk)
    on_day(clock, first + timedelta(days=14), hour=23)
    sell(shop, shop.customer_card, shop.coffee)  # the same day again: no new interval

    uow = shop.uow
    with uow:
        last_items, interval = uow.connection.execute(
            select(LoyaltyAccount.last_items, LoyaltyAccount.visit_interval).where(
                LoyaltyAccount.customer_id == shop.customer_id
            )
        ).one()
        counts = dict(
            uow.connection.execute(
                select(Product.sku, CustomerProduct.sales)
                .join(Product, Product.id == CustomerProduct.product_id)
                .where(CustomerProduct.customer_id == shop.customer_id)
            ).all()
        )
    assert json.loads(last_items) == ["Kafija Ēģipte"]
    assert interval == Decimal("7.0")
    assert counts == {"BREAD": 3, "MILK": 2, "COFFEE": 2}

    on_day(clock, TODAY)  # the next day
    state = care.customer_reminders(uow, shop.customer_id)
    assert reminder(state, ReminderKind.LAST_VISIT).text == (
        "Last here yesterday and bought Kafija Ēģipte: ask how they liked it."
    )
    assert reminder(state, ReminderKind.USUAL_ITEMS).text == "Usually buys Rupjmaize: offer them."
    assert state.greeting == "Ēriks Ozoliņš"
    assert "ask how they liked" in state.stage_hint  # a Buyer: three visits, not yet four


def test_a_sale_without_a_customer_sends_nothing_for_reminders(shop: Shop) -> None:
    plain = pay_exact(ring_up(shop, shop.bread, shop.milk))
    with_card = pay_exact(ring_up(shop, shop.customer_card, shop.bread, shop.milk))
    with statements_sent(shop.uow) as plain_sent:
        checkout.complete_sale(shop.uow, shop.cashier, plain)
    with statements_sent(shop.uow) as member_sent:
        checkout.complete_sale(shop.uow, shop.cashier, with_card)

    care_tables = ("customer_products", "loyalty_accounts", "reminder_", "customer_notes")
    assert not [s for s in plain_sent if any(table in s for table in care_tables)]
    # A member's sale: their usual items in one statement, the rest in the account's UPDATE.
    assert len([s for s in member_sent if "customer_products" in s]) == 1
    assert len([s for s in member_sent if s.startswith("UPDATE loyalty_accounts")]) == 1


# --------------------------------------------------------------------------- at the counter


def test_notes_promises_and_complaints_are_added_with_who_and_when(
    shop: Shop, clock: Clock
) -> None:
    uow, cashier, customer = shop.uow, shop.cashier, shop.customer_id
    care.add_note(uow, cashier, customer, "  Oat milk in his coffee ", preference=True)
    care.add_note(uow, cashier, customer, "His daughter bakes too")
    care.add_promise(uow, cashier, customer, "Order rye flour", TODAY + timedelta(days=2))
    state = care.add_complaint(uow, shop.manager, customer, "Stale bread", "A loaf on us")

    assert kinds(state) == [
        ReminderKind.COMPLAINT,
        ReminderKind.PROMISE_DUE,
        ReminderKind.NOTE,
        ReminderKind.NOTE,
    ]
    texts = [r.text for r in state.reminders]
    assert texts[0] == (
        "Open complaint (today, taken by Māris): Stale bread. Promised: A loaf on us. "
        "Show you care."
    )
    assert texts[1] == "Due in 2 days: Order rye flour (promised by Līga). Deliver as agreed."
    assert texts[2] == "Prefers: Oat milk in his coffee"
    assert texts[3] == "Note (Līga, today): His daughter bakes too"
    with uow:
        note = uow.session.scalars(select(CustomerNote).order_by(CustomerNote.id)).first()
        promise = uow.session.scalars(select(Promise)).one()
        complaint = uow.session.scalars(select(Complaint)).one()
    assert note is not None
    assert (note.kind, note.text, note.user_id, note.at) == (
        "preference",
        "Oat milk in his coffee",
        cashier.user_id,
        clock.moment,
    )
    assert (promise.status, promise.taken_by, promise.taken_at, promise.due_on) == (
        "open",
        cashier.user_id,
        clock.moment,
        TODAY + timedelta(days=2),
    )
    assert (complaint.status, complaint.taken_by, complaint.promised) == (
        "open",
        shop.manager.user_id,
        "A loaf on us",
    )


def test_a_reminder_marked_records_who_where_and_when_and_stays_away_for_its_occasion(
    shop: Shop, clock: Clock
) -> None:
    uow = shop.uow
    state = care.add_note(uow, shop.cashier, shop.customer_id, "Prefers the window seat")
    note = reminder(state, ReminderKind.NOTE)

    after = care.mark_reminder(uow, shop.cashier, shop.customer_id, note.key, False, till="T1")

    assert after.reminders == ()
    assert care.customer_reminders(uow, shop.customer_id).reminders == ()
    with uow:
        action = uow.session.scalars(select(ReminderAction)).one()
    assert (action.key, action.kind, action.action) == (note.key, "note", "dismissed")
    assert (action.user_id, action.till_id, action.at) == (
        shop.cashier.user_id,
        shop.till_id,
        clock.moment,
    )
    with pytest.raises(NotFound, match="no longer shown"):
        care.mark_reminder(uow, shop.cashier, shop.customer_id, note.key, True)
    clock.advance(days=1)  # a note is put away for the day: tomorrow it is there again
    assert kinds(care.customer_reminders(uow, shop.customer_id)) == [ReminderKind.NOTE]


def test_the_reminders_left_on_the_screen_are_recorded_with_the_sale_once_each(
    shop: Shop, clock: Clock
) -> None:
    uow = shop.uow
    care.add_note(uow, shop.cashier, shop.customer_id, "Prefers the window seat")
    state = care.add_complaint(uow, shop.cashier, shop.customer_id, "Cold coffee")
    shown = state.reminders
    note = reminder(state, ReminderKind.NOTE)
    cart = pay_exact(ring_up(shop, shop.customer_card, shop.bread))
    # Handed twice (and with the complaint, which cannot be marked): the sale is recorded,
    # the note left alone once, the complaint not at all.
    sale = checkout.complete_sale(uow, shop.cashier, cart, (*shown, note))
    with uow:
        left = uow.session.scalars(select(ReminderLeft)).all()
    assert [(r.sale_id, r.key, r.kind) for r in left] == [(sale.sale_id, note.key, "note")]
    assert (left[0].user_id, left[0].till_id, left[0].at) == (
        shop.cashier.user_id,
        shop.till_id,
        clock.moment,
    )
    # A sale without a customer leaves nothing, whatever it is handed.
    anonymous = pay_exact(ring_up(shop, shop.bread))
    checkout.complete_sale(uow, shop.cashier, anonymous, shown)
    assert count(uow, ReminderLeft) == 1


def test_a_promise_marked_done_is_kept_and_one_dismissed_comes_back_the_next_day(
    shop: Shop, clock: Clock
) -> None:
    uow, customer = shop.uow, shop.customer_id
    care.add_promise(uow, shop.cashier, customer, "Set a honey cake aside", TODAY)
    state = care.add_promise(uow, shop.cashier, customer, "Call about kefir", TODAY)
    cake, kefir = (r for r in state.reminders if r.kind is ReminderKind.PROMISE_DUE)

    care.mark_reminder(uow, shop.cashier, customer, kefir.key, False)
    state = care.mark_reminder(uow, shop.cashier, customer, cake.key, True)

    assert state.reminders == ()
    with uow:
        statuses = dict(uow.connection.execute(select(Promise.what, Promise.status)).all())
        kept = uow.session.scalars(select(Promise).where(Promise.status == "done")).one()
    assert statuses == {"Set a honey cake aside": "done", "Call about kefir": "open"}
    assert (kept.resolved_by, kept.resolved_at) == (shop.cashier.user_id, clock.moment)
    clock.advance(days=1)
    overdue = reminder(care.customer_reminders(uow, customer), ReminderKind.PROMISE_OVERDUE)
    assert overdue.text.startswith("Overdue, it was due yesterday: Call about kefir")
    state = care.resolve_promise(uow, shop.manager, overdue.refers_to or 0, done=False, how="Gone")
    assert state.reminders == ()
    assert [p.what for p in care.overdue_promises(uow, shop.owner)] == []


def test_a_complaint_stays_on_screen_until_resolved_with_how(shop: Shop, clock: Clock) -> None:
    uow, customer = shop.uow, shop.customer_id
    state = care.add_complaint(uow, shop.cashier, customer, "Wrong change given")
    complaint = reminder(state, ReminderKind.COMPLAINT)
    assert complaint.sticky and "Promised: nothing yet." in complaint.text
    for done in (True, False):
        with pytest.raises(InvalidInput, match="stays on every till until it is resolved"):
            care.mark_reminder(uow, shop.cashier, customer, complaint.key, done)
    clock.advance(days=3)
    assert (
        "(3 days ago, taken by Līga)"
        in reminder(care.customer_reminders(uow, customer), ReminderKind.COMPLAINT).text
    )
    with pytest.raises(InvalidInput, match="how the complaint was put right"):
        care.resolve_complaint(uow, shop.manager, complaint.refers_to or 0, "  ")

    state = care.resolve_complaint(uow, shop.manager, complaint.refers_to or 0, "€5 given back")

    assert state.reminders == ()
    with uow:
        row = uow.session.scalars(select(Complaint)).one()
    assert (row.status, row.resolved_by, row.resolved_at, row.resolution) == (
        "resolved",
        shop.manager.user_id,
        clock.moment,
        "€5 given back",
    )
    with pytest.raises(InvalidInput, match=r"already resolved on .* by Māris"):
        care.resolve_complaint(uow, shop.cashier, row.id, "Again")


def test_what_is_typed_at_the_counter_is_checked(shop: Shop, clock: Clock) -> None:
    uow, cashier, customer = shop.uow, shop.cashier, shop.customer_id
    with pytest.raises(InvalidInput, match="Write the note first"):
        care.add_note(uow, cashier, customer, "   ")
    with pytest.raises(InvalidInput, match="at most 500 characters"):
        care.add_note(uow, cashier, customer, "x" * 501)
    with pytest.raises(InvalidInput, match="due today or later"):
        care.add_promise(uow, cashier, customer, "Order", TODAY - timedelta(days=1))
    with pytest.raises(InvalidInput, match="what happened"):
        care.add_complaint(uow, cashier, customer, "")
    state = care.add_promise(uow, cashier, customer, "Order", TODAY)
    promise_id = state.reminders[0].refers_to or 0
    with pytest.raises(InvalidInput, match="why the promise is cancelled"):
        care.resolve_promise(uow, cashier, promise_id, done=False)
    with pytest.raises(NotFound, match="no promise 999"):
        care.resolve_promise(uow, cashier, 999)
    with pytest.raises(NotFound, match="not in the database"):
        care.add_note(uow, cashier, 999, "Hello")
    with pytest.raises(NotFound, match="no longer shown"):
        care.mark_reminder(uow, cashier, customer, "birthday:2026", True)
    assert count(uow, CustomerNote) == 0


def test_a_new_client_is_thanked_and_a_regular_back_after_long_is_welcomed(
    shop: Shop, clock: Clock
) -> None:
    uow, customer = shop.uow, shop.customer_id
    start = TODAY - timedelta(days=60)
    for week in range(4):  # weekly visits: the fourth makes them a Client
        on_day(clock, start + timedelta(weeks=week))
        sell(shop, shop.customer_card, shop.bread)
    on_day(clock, start + timedelta(weeks=3, days=2))
    state = care.customer_reminders(uow, customer)
    news = reminder(state, ReminderKind.STAGE_REACHED)
    assert news.text == "New stage 2 days ago: Client. Thank them for their loyalty."
    assert "important and special" in state.stage_hint
    care.mark_reminder(uow, shop.cashier, customer, news.key, True)
    assert ReminderKind.STAGE_REACHED not in kinds(care.customer_reminders(uow, customer))

    on_day(clock, start + timedelta(weeks=3, days=16))  # away for 16 days, usually 7
    welcome = reminder(care.customer_reminders(uow, customer), ReminderKind.WELCOME_BACK)
    assert welcome.text.startswith("Welcome them back: last here on ")
    assert welcome.text.endswith(", usually every 7 days.")
    assert [q.customer_id for q in care.quiet_regulars(uow, shop.owner)] == [customer]


def test_points_about_to_expire_are_mentioned(shop: Shop, clock: Clock) -> None:
    set_loyalty(shop, points_expire_months=1)
    within_a_week = replace(load_settings(shop.uow).reminders, points_expiring_days=7)
    update_settings(shop.uow, shop.owner, reminders=within_a_week)
    on_day(clock, TODAY - timedelta(days=20))
    give_points(shop, shop.customer_id, 150)
    on_day(clock, TODAY)  # they expire in ten days: not yet worth a word
    assert care.customer_reminders(shop.uow, shop.customer_id).reminders == ()
    on_day(clock, TODAY + timedelta(days=5))
    state = care.customer_reminders(shop.uow, shop.customer_id)
    points = reminder(state, ReminderKind.POINTS_EXPIRING)
    assert points.day == TODAY + timedelta(days=10)  # a month after they were credited
    assert points.text == "Points expiring in 5 days: 150. Suggest a reward."


def test_birthday_anniversary_and_rewards_of_a_member(shop: Shop, clock: Clock) -> None:
    on_day(clock, date(2024, 11, 25))
    customer, _card = member(shop, "Anna Bērziņa", birthday=date(1990, 11, 23), address_as="Anna")
    on_day(clock, TODAY)
    give_points(shop, customer, 250)
    state = care.customer_reminders(shop.uow, customer)
    assert kinds(state) == [
        ReminderKind.BIRTHDAY,
        ReminderKind.REWARD_TODAY,
        ReminderKind.ANNIVERSARY,
    ]
    assert state.greeting == "Anna"
    assert reminder(state, ReminderKind.REWARD_TODAY).text == "Can use today: €2.00 off. Offer it."
    assert reminder(state, ReminderKind.ANNIVERSARY).key == "anniversary:2026"


def test_the_owners_wording_is_checked_and_used(shop: Shop, clock: Clock) -> None:
    reminders = load_settings(shop.uow).reminders
    unknown = replace(reminders, templates=(ReminderTemplate("note", "{colleague}: {note}", "x"),))
    with pytest.raises(InvalidInput, match=r"uses \{colleague\}, which it does not know") as bad:
        update_settings(shop.uow, shop.owner, reminders=unknown)
    assert "{by}" in bad.value.message and "{note}" in bad.value.message
    broken = replace(reminders, templates=(ReminderTemplate("note", "{note", "{note}"),))
    with pytest.raises(InvalidInput, match="brace without its partner"):
        update_settings(shop.uow, shop.owner, reminders=broken)
    with pytest.raises(PermissionDenied):
        update_settings(shop.uow, shop.cashier, reminders=reminders)
    own = replace(
        reminders, templates=(ReminderTemplate("note", "{by} noticed: {note}", "{by}: {note}"),)
    )
    update_settings(shop.uow, shop.owner, reminders=own)
    state = care.add_note(shop.uow, shop.cashier, shop.customer_id, "Likes rye")
    assert state.reminders[0].text == "Līga noticed: Likes rye"
    # As `posapp settings reminders` shows and reads it.
    stored = load_settings(shop.uow)
    assert parse_setting("reminders", setting_text(stored, "reminders")) == stored.reminders


def test_a_merged_members_care_moves_with_them(shop: Shop, clock: Clock) -> None:
    other, card = member(shop, "Ēriks Ozoliņš (2)")
    sell(shop, card, shop.bread, shop.milk)
    sell(shop, shop.customer_card, shop.bread)
    care.add_complaint(shop.uow, shop.cashier, other, "Stale bread")
    care.add_promise(shop.uow, shop.cashier, other, "Order rye flour", TODAY + timedelta(days=1))

    loyalty.merge_customers(shop.uow, shop.owner, shop.customer_id, other)

    state = care.customer_reminders(shop.uow, other)  # the merged record is the kept one
    assert state.summary.customer_id == shop.customer_id
    assert kinds(state)[:2] == [ReminderKind.COMPLAINT, ReminderKind.PROMISE_DUE]
    with shop.uow:
        counts = dict(
            shop.uow.connection.execute(
                select(CustomerProduct.customer_id, CustomerProduct.sales)
                .join(Product, Product.id == CustomerProduct.product_id)
                .where(Product.sku == "BREAD")
            ).all()
        )
    assert counts == {shop.customer_id: 2}


# --------------------------------------------------------------------------- anonymous buyers


def test_the_card_offer_after_a_sale_without_a_card_is_counted(shop: Shop, clock: Clock) -> None:
    uow = shop.uow
    answers = (CardOfferAnswer.ACCEPTED, CardOfferAnswer.DECLINED, CardOfferAnswer.DECLINED)
    sold = [sell(shop, shop.bread) for _ in answers]
    for done, answer in zip(sold, answers, strict=True):
        care.record_card_offer(uow, shop.cashier, done.sale_id, answer)
    with pytest.raises(InvalidInput, match="recorded already"):
        care.record_card_offer(uow, shop.cashier, sold[0].sale_id, CardOfferAnswer.NOT_ASKED)
    member_sale = sell(shop, shop.customer_card, shop.bread)
    with pytest.raises(InvalidInput, match="with a customer's card"):
        care.record_card_offer(uow, shop.cashier, member_sale.sale_id, CardOfferAnswer.DECLINED)
    with pytest.raises(NotFound):
        care.record_card_offer(uow, shop.cashier, 999, CardOfferAnswer.DECLINED)

    counts = care.card_offer_counts(uow, shop.manager, TODAY, TODAY)
    assert (counts.accepted, counts.declined, counts.not_asked) == (1, 2, 0)
    assert care.card_offer_counts(uow, shop.owner, TODAY - timedelta(7), TODAY - timedelta(1)) == (
        care.CardOfferCounts(0, 0, 0)
    )
    with uow:
        offer = uow.session.scalars(select(CardOffer).order_by(CardOffer.id)).first()
    assert offer is not None
    assert (offer.user_id, offer.till_id, offer.at) == (
        shop.cashier.user_id,
        shop.till_id,
        clock.moment,
    )
    every = load_settings(uow).reminders.offer_card_every
    assert [n for n in range(1, 10) if load_settings(uow).reminders.offers_card(n)] == list(
        range(every, 10, every)
    )


# --------------------------------------------------------------------------- the owner's lists


def test_quiet_regulars_with_contact_details_only_where_consent_was_given(
    shop: Shop, clock: Clock, tmp_path: Path
) -> None:
    _anna, consented_card = member(
        shop, "Anna Bērziņa", phone="+371 29 111 222", email="anna@example.lv", consent=True
    )
    _janis, private_card = member(shop, "Jānis Kalniņš", phone="+371 29 333 444", consent=False)
    _dace, active_card = member(shop, "Dace Liepiņa", consent=True)
    start = TODAY - timedelta(days=60)
    for visit in range(4):
        for card, every in ((consented_card, 5), (private_card, 6), (active_card, 5)):
            on_day(clock, start + timedelta(days=every * visit))
            sell(shop, card, shop.bread)
    on_day(clock, TODAY)
    sell(shop, active_card, shop.bread)  # still coming

    regulars = care.quiet_regulars(shop.uow, shop.manager)

    # The most visits first, then the most recently gone quiet.
    assert [(r.name, r.phone, r.email) for r in regulars] == [
        ("Jānis Kalniņš", None, None),
        ("Anna Bērziņa", "+371 29 111 222", "anna@example.lv"),
    ]
    anna = regulars[1]
    assert (anna.visits, anna.days_away, anna.usual_interval_days) == (4, 45, Decimal("5.0"))
    target = tmp_path / "klusie.csv"
    assert care.export_quiet_regulars(shop.uow, shop.owner, target) == 2
    assert target.read_bytes().startswith("\ufeff".encode())  # spreadsheets read it as UTF-8
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == [
        "Name",
        "Phone",
        "E-mail",
        "Visits",
        "Last visit",
        "Usually every (days)",
        "Days away",
    ]
    assert rows[2] == [
        "Anna Bērziņa",
        "+371 29 111 222",
        "anna@example.lv",
        "4",
        "2026-10-09",
        "5.0",
        "45",
    ]
    assert rows[1][:3] == ["Jānis Kalniņš", "", ""]
    assert "29 333 444" not in target.read_text(encoding="utf-8-sig")
    for listing in (care.quiet_regulars, care.open_complaints):
        with pytest.raises(PermissionDenied, match="see the customer lists"):
            listing(shop.uow, shop.cashier)


def test_birthdays_this_week_for_the_owner(shop: Shop, clock: Clock) -> None:
    for name, birthday, consent in (
        ("Anna Bērziņa", date(1990, 2, 26), True),
        ("Leapling Līga", date(1996, 2, 29), False),
        ("Later Laura", date(1985, 3, 6), True),
        ("Early Ēriks", date(1980, 2, 23), True),
    ):
        member(shop, name, birthday=birthday, consent=consent, phone="+371 20 000 000")

    week = care.birthdays_this_week(shop.uow, shop.owner, as_of=date(2027, 2, 24))

    assert [(b.name, b.on, b.age, b.phone) for b in week] == [
        ("Anna Bērziņa", date(2027, 2, 26), 37, "+371 20 000 000"),
        ("Leapling Līga", date(2027, 2, 28), 31, None),  # no 29th in 2027
    ]
    leap_year = care.birthdays_this_week(shop.uow, shop.owner, as_of=date(2028, 2, 28))
    assert [(b.name, b.on) for b in leap_year] == [("Leapling Līga", date(2028, 2, 29))]
    new_year = care.birthdays_this_week(shop.uow, shop.owner, as_of=date(2026, 12, 30))
    assert new_year == []


def test_overdue_promises_and_open_complaints_for_the_owner(shop: Shop, clock: Clock) -> None:
    uow = shop.uow
    on_day(clock, TODAY - timedelta(days=10))
    care.add_promise(uow, shop.cashier, shop.customer_id, "Order rye flour", TODAY - timedelta(3))
    care.add_promise(uow, shop.cashier, shop.customer_id, "Call back", TODAY + timedelta(days=1))
    care.add_complaint(uow, shop.cashier, shop.customer_id, "Stale bread", "A free loaf")
    on_day(clock, TODAY)
    second = care.add_complaint(uow, shop.manager, shop.customer_id, "Long queue")

    promises = care.overdue_promises(uow, shop.owner)
    complaints = care.open_complaints(uow, shop.manager)

    assert [(p.what, p.days_overdue, p.taken_by, p.customer_name) for p in promises] == [
        ("Order rye flour", 3, "Līga", "Ēriks Ozoliņš")
    ]
    assert [(c.what, c.promised, c.taken_by, c.days_open) for c in complaints] == [
        ("Stale bread", "A free loaf", "Līga", 10),
        ("Long queue", None, "Māris", 0),
    ]
    care.resolve_complaint(uow, shop.owner, second.reminders[1].refers_to or 0, "Apologised")
    assert [c.what for c in care.open_complaints(uow, shop.owner)] == ["Stale bread"]


def test_the_owner_sees_which_reminders_were_acted_upon(shop: Shop, clock: Clock) -> None:
    uow = shop.uow
    care.add_note(uow, shop.cashier, shop.customer_id, "Likes rye", preference=True)
    state = care.add_promise(uow, shop.cashier, shop.customer_id, "Call back", TODAY)
    for r in state.reminders:
        care.mark_reminder(uow, shop.cashier, shop.customer_id, r.key, r.kind is ReminderKind.NOTE)
    clock.advance(days=1)
    state = care.customer_reminders(uow, shop.customer_id)
    care.mark_reminder(uow, shop.cashier, shop.customer_id, state.reminders[1].key, False)

    activity = care.reminder_activity(uow, shop.owner, TODAY, TODAY + timedelta(days=1))

    assert [(a.kind, a.done, a.dismissed) for a in activity] == [
        (ReminderKind.NOTE, 1, 1),
        (ReminderKind.PROMISE_DUE, 0, 1),
    ]
    assert care.reminder_activity(uow, shop.owner, TODAY, TODAY)[0].dismissed == 0


def test_the_owner_reads_the_ratings_with_what_customers_said(shop: Shop, clock: Clock) -> None:
    uow = shop.uow
    first = sell(shop, shop.customer_card, shop.bread)
    care.rate_service(uow, shop.cashier, shop.customer_id, 5, sale_id=first.sale_id)
    clock.advance(hours=1)
    second = sell(shop, shop.customer_card, shop.bread)
    low = care.rate_service(uow, shop.cashier, shop.customer_id, 2, sale_id=second.sale_id)
    with pytest.raises(InvalidInput, match="Say what they said"):
        care.comment_on_rating(uow, shop.cashier, low.rating_id, "   ")
    with pytest.raises(NotFound, match="no rating 999"):
        care.comment_on_rating(uow, shop.cashier, 999, "Slow queue")

    state = care.comment_on_rating(uow, shop.cashier, low.rating_id, "  The queue  was slow ")

    assert state.summary.customer_id == shop.customer_id
    found = care.ratings(uow, shop.owner, TODAY, TODAY)
    assert [(r.rating, r.comment, r.taken_by) for r in found.rows] == [
        (2, "The queue was slow", "Līga"),  # newest first
        (5, None, "Līga"),
    ]
    assert found.average == Decimal("3.5")
    assert care.ratings(uow, shop.manager, TODAY + timedelta(1), TODAY + timedelta(7)) == (
        care.Ratings((), None)
    )
    with pytest.raises(PermissionDenied):
        care.ratings(uow, shop.cashier, TODAY, TODAY)
