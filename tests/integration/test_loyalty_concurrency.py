"""Eight tills, eight processes, one member: the same points and the same voucher, at once.

Each process has its own engine and connection to the shared PostgreSQL
database, rings nothing up (its cart was made beforehand) and waits at a
barrier, so the eight completions start together; meanwhile the test holds
the member's account row, and lets go only when all eight are inside their
transactions waiting for a lock. Exactly as many succeed as the balance
affords, the voucher is used once, the others are told why, and no point is
spent twice or goes missing.
"""

from __future__ import annotations

import multiprocessing
import uuid
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from posapp.db.models import LoyaltyAccount, PointsEntry, Sale, Voucher
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import Cart
from posapp.domain.roles import Actor, Role
from posapp.errors import PosError
from posapp.services import checkout, loyalty, shifts
from tests.conftest import Shop
from tests.integration.helpers import count, pay_exact, ring_up, wait_until_waiting
from tests.integration.loyalty_helpers import balance, ledger_sum, voucher_status

pytestmark = [
    pytest.mark.usefixtures("quick_pin_hashes"),
    pytest.mark.parametrize(
        "database_url", [pytest.param("postgresql", marks=pytest.mark.pg)], indirect=True
    ),
]

TILLS = 8
PROCESS_TIMEOUT = 120


def complete_in_a_process(
    url: str,
    actor: tuple[int, str, str],
    cart_json: str,
    start: Any,
    results: Any,
    index: int,
) -> None:
    """One till: its own connection, the cart it was handed, and the barrier."""
    from posapp.services.setup import open_database

    uow = open_database(url)
    try:
        with uow:
            pass  # connected before the race, not during it
        user_id, name, role = actor
        cashier = Actor(user_id, name, Role(role))
        cart = Cart.from_json(cart_json)
        start.wait()
        try:
            done = checkout.complete_sale(uow, cashier, cart)
        except PosError as refused:
            results.put((index, type(refused).__name__, refused.message))
        else:
            results.put((index, "completed", done.sale_id))
    except BaseException as error:  # reported to the test, never lost in a child
        results.put((index, "crashed", repr(error)))
    finally:
        uow.engine.dispose()


def race(shop: Shop, database_url: str, carts: list[Cart]) -> list[tuple[Any, ...]]:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(carts), timeout=PROCESS_TIMEOUT)
    results = context.Queue()
    actor = (shop.cashier.user_id, shop.cashier.name, shop.cashier.role.value)
    name = f"posapp-tills-{uuid.uuid4().hex[:8]}"
    url = (
        make_url(database_url)
        .update_query_dict({"application_name": name})
        .render_as_string(hide_password=False)
    )
    processes = [
        context.Process(
            target=complete_in_a_process,
            args=(url, actor, cart.to_json(), start, results, index),
        )
        for index, cart in enumerate(carts)
    ]
    holder = UnitOfWork(shop.uow.engine)
    with holder.writing():
        holder.connection.execute(
            select(LoyaltyAccount.balance)
            .where(LoyaltyAccount.customer_id == shop.customer_id)
            .with_for_update()
        )
        for process in processes:
            process.start()
        wait_until_waiting(shop.uow, name, len(processes), timeout=PROCESS_TIMEOUT)
    outcomes = [results.get(timeout=PROCESS_TIMEOUT) for _process in processes]
    for process in processes:
        process.join(timeout=PROCESS_TIMEOUT)
        assert process.exitcode == 0
    assert not [o for o in outcomes if o[1] == "crashed"], outcomes
    return sorted(outcomes)


def split(outcomes: list[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The tills that completed their sale, and those refused (with why)."""
    return (
        [o for o in outcomes if o[1] == "completed"],
        [o for o in outcomes if o[1] != "completed"],
    )


def carts_on_eight_tills(shop: Shop, *codes: str) -> list[Cart]:
    """One cart per till (T1 … T8, each with its shift open), the member's card scanned."""
    carts = []
    for number in range(1, TILLS + 1):
        till = f"T{number}"
        if number > 1:
            shifts.ensure_till(shop.uow, till)
            shifts.open_shift(shop.uow, shop.cashier, till, Decimal("50.00"))
        carts.append(ring_up(shop, shop.customer_card, *codes, till=till))
    return carts


def assert_points_are_whole(shop: Shop) -> None:
    assert ledger_sum(shop.uow, shop.customer_id) == balance(shop.uow, shop.customer_id) >= 0


def test_eight_tills_spending_the_same_points_spend_only_what_the_balance_affords(
    shop: Shop, database_url: str
) -> None:
    loyalty.adjust_points(shop.uow, shop.owner, shop.customer_id, 1000, "enough for two")
    carts = [
        loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
        for cart in carts_on_eight_tills(shop, shop.bread)  # 2.35, all of it off: earns 0
    ]
    assert all(cart.total == 0 for cart in carts)

    outcomes = race(shop, database_url, carts)

    completed, refused = split(outcomes)
    assert len(completed) == 2, outcomes
    assert {o[1] for o in refused} == {"NotEnoughPoints"}
    assert all("Not enough points: the customer has 0" in o[2] for o in refused)
    assert balance(shop.uow, shop.customer_id) == 0
    assert count(shop.uow, PointsEntry, PointsEntry.kind == "redeemed") == 2
    assert count(shop.uow, Sale) == 2
    assert_points_are_whole(shop)


def test_eight_tills_using_the_same_voucher_use_it_once(shop: Shop, database_url: str) -> None:
    voucher = loyalty.issue_voucher(shop.uow, shop.manager, shop.customer_id, "birthday", "x")
    carts = [
        pay_exact(loyalty.apply_voucher(shop.uow, shop.cashier, cart, voucher.code))
        for cart in carts_on_eight_tills(shop, shop.coffee)  # 7.99 - 3.00
    ]

    outcomes = race(shop, database_url, carts)

    completed, refused = split(outcomes)
    assert len(completed) == 1, outcomes
    assert {o[1] for o in refused} == {"VoucherNotUsable"}
    assert all("already used" in o[2] for o in refused)
    assert voucher_status(shop.uow, voucher.code) == "used"
    with shop.uow:
        used_in = shop.uow.session.scalars(
            select(Voucher.used_in_sale_id).where(Voucher.code == voucher.code)
        ).one()
    assert used_in == completed[0][2]
    assert balance(shop.uow, shop.customer_id) == 4  # the one sale's 4.99 earned 4
    assert_points_are_whole(shop)


def test_eight_tills_spending_points_and_a_voucher_together_record_one_sale(
    shop: Shop, database_url: str
) -> None:
    loyalty.adjust_points(shop.uow, shop.owner, shop.customer_id, 1000, "enough for two")
    voucher = loyalty.issue_voucher(shop.uow, shop.manager, shop.customer_id, "birthday", "x")
    carts = []
    for cart in carts_on_eight_tills(shop, shop.coffee):
        cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
        carts.append(loyalty.apply_voucher(shop.uow, shop.cashier, cart, voucher.code))
    assert all(cart.total == 0 for cart in carts)  # 7.99 - 3.00 - 5.00, never below zero

    outcomes = race(shop, database_url, carts)

    assert [o[1] for o in outcomes].count("completed") == 1, outcomes
    assert balance(shop.uow, shop.customer_id) == 500
    assert voucher_status(shop.uow, voucher.code) == "used"
    with shop.uow:
        spent = shop.uow.session.scalar(
            select(func.sum(PointsEntry.points)).where(PointsEntry.kind == "redeemed")
        )
    assert spent == -500
    assert_points_are_whole(shop)
