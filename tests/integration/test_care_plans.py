"""A card scan's care reads are index lookups, never a scan of members or history.

On 20,000 members with cards, visits, vouchers and the facts of their reminders
(usual items, notes, promises, complaints, stage changes, points, reminders
acted upon), the database's own plan for each statement customer_reminders()
sends is checked.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.sql import Executable

from posapp.db.models import (
    Complaint,
    CustomerNote,
    CustomerProduct,
    PointsEntry,
    Promise,
    ReminderAction,
    StageChange,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.reminders import ReminderKind
from posapp.services import care
from posapp.services.care import reminders
from tests.conftest import Shop
from tests.integration.helpers import query_plan
from tests.integration.test_loyalty_plans import MEMBERS, many_members

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
# The tables that grow with members and their history: never read whole on a scan.
GROWING = (
    "customers",
    "loyalty_accounts",
    "customer_products",
    "customer_notes",
    "promises",
    "complaints",
    "stage_changes",
    "points_entries",
    "reminder_actions",
)


def their_care(uow: UnitOfWork, first: int, count: int, user: int) -> None:
    """The reminder facts of members first … first + count - 1, in bulk."""
    rows: dict[Any, list[dict[str, Any]]] = {
        CustomerProduct: [],
        CustomerNote: [],
        Promise: [],
        Complaint: [],
        StageChange: [],
        PointsEntry: [],
        ReminderAction: [],
    }
    for customer_id in range(first, first + count):
        rows[CustomerProduct] += [
            {
                "customer_id": customer_id,
                "product_id": product,
                "sales": product + customer_id % 5,
                "last_bought_at": NOW,
            }
            for product in (1, 2, 3)
        ]
        rows[CustomerNote].append(
            {"customer_id": customer_id, "kind": "note", "text": "Likes rye", "at": NOW}
        )
        if customer_id % 10 == 0:
            rows[Promise].append(
                {
                    "customer_id": customer_id,
                    "what": "Order flour",
                    "due_on": date(2026, 11, 20),
                    "taken_by": user,
                    "taken_at": NOW,
                }
            )
        if customer_id % 50 == 0:
            rows[Complaint].append(
                {
                    "customer_id": customer_id,
                    "what": "Stale bread",
                    "taken_by": user,
                    "taken_at": NOW,
                }
            )
        rows[StageChange].append(
            {"customer_id": customer_id, "from_stage": "buyer", "to_stage": "client", "at": NOW}
        )
        rows[PointsEntry] += [
            {
                "customer_id": customer_id,
                "kind": "adjustment",
                "points": 10,
                "key": f"bulk:{customer_id}:{n}",
                "at": NOW - timedelta(days=40 * n),
            }
            for n in range(3)
        ]
        rows[ReminderAction].append(
            {
                "customer_id": customer_id,
                "key": "usual_items:2026-11-22",
                "kind": "usual_items",
                "action": "done",
                "at": NOW,
            }
        )
    with uow.writing():
        for model, values in rows.items():
            uow.connection.execute(insert(model), values)
        uow.commit()
    with uow.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def test_the_care_reads_of_a_card_scan_are_index_lookups(shop: Shop) -> None:
    uow = shop.uow
    many_members(uow, MEMBERS)
    their_care(uow, 1001, MEMBERS, shop.cashier.user_id or 0)
    member = 1000 + MEMBERS // 2
    customer = {"customer": member}
    window = {"cutoff": NOW - timedelta(days=365), "horizon": NOW - timedelta(days=335)}
    statements: dict[str, tuple[Executable, dict[str, Any]]] = {
        "facts": (reminders._FACTS, customer),
        "usual items": (reminders._USUAL_ITEMS, {**customer, "sales": 3, "limit": 3}),
        "notes": (reminders._NOTES, customer),
        "promises": (reminders._OPEN_PROMISES, customer),
        "complaints": (reminders._OPEN_COMPLAINTS, customer),
        "stage change": (reminders._LATEST_STAGE_CHANGE, customer),
        "credits after": (reminders._CREDITS_AFTER, {**customer, "horizon": window["horizon"]}),
        "due credits": (reminders._DUE_CREDITS, {**customer, **window}),
        "acted upon": (
            reminders._ACTED_UPON,
            {**customer, "keys": ["usual_items:2026-11-23", "note:1:2026-11-23"]},
        ),
    }
    plans = {name: query_plan(uow, *statement) for name, statement in statements.items()}
    print("\n\n".join(f"{name}:\n{plan}" for name, plan in plans.items()))  # for the record

    if uow.engine.dialect.name == "sqlite":
        assert "ix_customer_products_usual (customer_id=? AND sales>?)" in plans["usual items"]
        assert "ix_customer_notes_customer_id_id (customer_id=?)" in plans["notes"]
        assert "ix_promises_customer_id_status (customer_id=? AND status=?)" in plans["promises"]
        assert (
            "ix_complaints_customer_id_status (customer_id=? AND status=?)" in (plans["complaints"])
        )
        assert "ix_stage_changes_customer_id_id (customer_id=?)" in plans["stage change"]
        for credits in ("credits after", "due credits"):
            assert (
                "COVERING INDEX ix_points_entries_customer_at_points (customer_id=? AND at>?"
                in (plans[credits])
            )
        assert (
            "sqlite_autoindex_reminder_actions_1 (customer_id=? AND key=?)" in (plans["acted upon"])
        )
        for name, plan in plans.items():
            assert not [table for table in GROWING if f"SCAN {table}" in plan], (name, plan)
            assert "TEMP B-TREE" not in plan, (name, plan)
    else:
        assert "ix_customer_products_usual on customer_products" in plans["usual items"]
        assert "ix_customer_notes_customer_id_id on customer_notes" in plans["notes"]
        assert "ix_promises_customer_id_status on promises" in plans["promises"]
        assert "ix_complaints_customer_id_status on complaints" in plans["complaints"]
        assert "ix_stage_changes_customer_id_id on stage_changes" in plans["stage change"]
        for credits in ("credits after", "due credits"):
            assert "ix_points_entries_customer_at_points on points_entries" in plans[credits]
        assert "uq_reminder_actions_customer_key on reminder_actions" in plans["acted upon"]
        for (
            name,
            plan,
        ) in plans.items():  # (the shop's four products and three users may be read whole)
            assert not [table for table in GROWING if f"Seq Scan on {table}" in plan], (name, plan)
    # And the scan finds what it should.
    state = care.customer_reminders(uow, 1010)
    assert [r.kind for r in state.reminders][:2] == [
        ReminderKind.PROMISE_OVERDUE,
        ReminderKind.NOTE,
    ]
