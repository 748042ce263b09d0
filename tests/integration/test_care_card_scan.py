"""A card scan at the counter (checkout.scan): the member and their reminders together, in
one transaction, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event

from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import make_ean13
from posapp.domain.reminders import ReminderKind
from posapp.errors import CardBlocked, NotFound
from posapp.services import care, checkout, loyalty
from posapp.services.checkout import ScanKind
from tests.conftest import Shop
from tests.integration.helpers import ring_up, rules
from tests.integration.loyalty_helpers import Clock, give_points, use_clock

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

MONDAY = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/Riga"))


@pytest.fixture
def clock(shop: Shop) -> Iterator[Clock]:
    moving = Clock(MONDAY.astimezone(UTC))
    restore = use_clock(shop, moving)
    yield moving
    restore()


@contextmanager
def transactions(uow: UnitOfWork) -> Iterator[list[object]]:
    """The transactions begun inside the `with` block (one per unit of work entered)."""
    begun: list[object] = []

    def record(connection: object) -> None:
        begun.append(connection)

    event.listen(uow.engine, "begin", record)
    try:
        yield begun
    finally:
        event.remove(uow.engine, "begin", record)


def test_a_card_scan_reads_the_member_and_their_reminders_in_one_transaction(
    shop: Shop, clock: Clock
) -> None:
    uow, customer = shop.uow, shop.customer_id
    give_points(shop, customer, 120)
    care.add_note(uow, shop.cashier, customer, "Oat milk in his coffee", preference=True)
    care.add_promise(uow, shop.cashier, customer, "Order rye flour", MONDAY.date() + timedelta(2))

    cart, read = ring_up(shop), rules(uow)
    with transactions(uow) as begun:
        scanned = checkout.scan(uow, shop.cashier, cart, shop.customer_card, read)

    assert len(begun) == 1
    assert scanned.kind is ScanKind.CUSTOMER and scanned.member is not None
    assert scanned.cart.customer_id == customer
    state = scanned.member
    summary = state.summary
    assert (summary.customer_id, summary.name, summary.card_number, summary.balance) == (
        customer,
        "Ēriks Ozoliņš",
        shop.customer_card,
        120,
    )
    assert [r.kind for r in state.reminders] == [ReminderKind.PROMISE_DUE, ReminderKind.NOTE]
    assert state.reminders[0].text == (
        "Due in 2 days: Order rye flour (promised by Līga). Deliver as agreed."
    )
    # The same as the customer's care read on its own, after the scan
    assert care.customer_reminders(uow, customer) == state


def test_a_card_scan_refuses_an_unknown_or_a_blocked_card_as_the_till_does(shop: Shop) -> None:
    uow, cashier = shop.uow, shop.cashier
    unknown = make_ean13("270000000999")
    cart = ring_up(shop)
    with pytest.raises(NotFound, match="belongs to no customer"):
        checkout.scan(uow, cashier, cart, unknown, rules(uow))

    replaced = loyalty.replace_card(uow, cashier, shop.customer_id)

    with pytest.raises(CardBlocked, match=r"was blocked on .*new card"):
        checkout.scan(uow, cashier, cart, shop.customer_card, rules(uow))
    assert replaced.card_number is not None
    scanned = checkout.scan(uow, cashier, cart, replaced.card_number, rules(uow))
    assert scanned.member is not None
    state = scanned.member
    assert (state.summary.customer_id, state.summary.card_number) == (
        shop.customer_id,
        replaced.card_number,
    )
