"""A card scan at the counter: the member and their reminders together, in one transaction
(care.scan_card), on SQLite and PostgreSQL."""

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

    with transactions(uow) as begun:
        state = care.scan_card(uow, shop.cashier, shop.customer_card)

    assert len(begun) == 1
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
    # What the till reads today in two transactions: the scan's summary, then the care.
    scanned = checkout.scan(uow, shop.cashier, ring_up(shop), shop.customer_card, rules(uow))
    assert scanned.customer == summary
    assert care.customer_reminders(uow, customer, scanned.customer) == state


def test_a_card_scan_refuses_an_unknown_or_a_blocked_card_as_the_till_does(shop: Shop) -> None:
    uow, cashier = shop.uow, shop.cashier
    unknown = make_ean13("270000000999")
    with pytest.raises(NotFound, match="belongs to no customer") as refused:
        care.scan_card(uow, cashier, unknown)
    with pytest.raises(NotFound) as at_the_till:
        checkout.scan(uow, cashier, ring_up(shop), unknown, rules(uow))
    assert refused.value.message == at_the_till.value.message

    replaced = loyalty.replace_card(uow, cashier, shop.customer_id)

    with pytest.raises(CardBlocked, match=r"was blocked on .*new card"):
        care.scan_card(uow, cashier, shop.customer_card)
    assert replaced.card_number is not None
    state = care.scan_card(uow, cashier, replaced.card_number)
    assert (state.summary.customer_id, state.summary.card_number) == (
        shop.customer_id,
        replaced.card_number,
    )
