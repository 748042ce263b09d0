"""What the counter reads about a member is an index lookup, never a scan of members or history.

On 20,000 members with cards, visits and vouchers, the database's own plan for
each statement a card scan, a member search and a sale send is checked -- a
card scan's statements also before ANALYZE, as a shop's SQLite file is (posapp
never runs ANALYZE).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.sql import Executable

from posapp.db.models import (
    Customer,
    CustomerNameKey,
    CustomerVisit,
    LoyaltyAccount,
    LoyaltyCard,
    Voucher,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import make_ean13
from posapp.domain.text import prefix_upper_bound, search_key, word_keys
from posapp.services import catalog, loyalty
from posapp.services.loyalty import accounts, members, summary
from tests.conftest import Shop
from tests.integration.helpers import query_plan

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

MEMBERS = 20_000
FIRST = ("Anna", "Jānis", "Ilze", "Pēteris", "Dace", "Ēriks", "Zane", "Kārlis")
LAST = ("Bērziņa", "Ozoliņš", "Kalniņa", "Liepiņš", "Jansone", "Vītols", "Zariņa", "Šmits")


def many_members(uow: UnitOfWork, count: int) -> None:
    """Members in bulk (Core inserts, so their keys and accounts are written here);
    without ANALYZE, as a shop's database is."""
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    today = date(2026, 11, 23)
    rows: dict[Any, list[dict[str, Any]]] = {
        Customer: [],
        CustomerNameKey: [],
        LoyaltyCard: [],
        LoyaltyAccount: [],
        CustomerVisit: [],
        Voucher: [],
    }
    for number in range(1, count + 1):
        customer_id = 1000 + number
        name = f"{FIRST[number % 8]} {LAST[number // 8 % 8]} {number}"
        key = search_key(name)
        rows[Customer].append(
            {
                "id": customer_id,
                "name": name,
                "created_at": now,
                "phone_key": f"3712{number:07d}",
            }
        )
        rows[CustomerNameKey] += [
            {"customer_id": customer_id, "key": k} for k in dict.fromkeys([key, *word_keys(key)])
        ]
        rows[LoyaltyCard].append(
            {
                "number": make_ean13(f"29{number:010d}"),
                "customer_id": customer_id,
                "status": "active",
                "issued_at": now,
            }
        )
        rows[LoyaltyAccount].append({"customer_id": customer_id, "balance": number % 700})
        rows[CustomerVisit] += [
            {"customer_id": customer_id, "day": today - timedelta(days=7 * week)}
            for week in range(3)
        ]
        if number % 4 == 0:
            rows[Voucher].append(
                {
                    "code": make_ean13(f"28{number:010d}"),
                    "customer_id": customer_id,
                    "reward_key": "birthday",
                    "name": "€3.00 off",
                    "kind": "amount",
                    "issue_key": f"bulk:{number}",
                    "issued_at": now,
                    "expires_on": today + timedelta(days=number % 30),
                }
            )
    with uow.writing():
        for model, values in rows.items():
            uow.connection.execute(insert(model), values)
        uow.commit()


def analyze(uow: UnitOfWork) -> None:
    with uow.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def test_the_counters_loyalty_reads_are_index_lookups(shop: Shop) -> None:
    uow = shop.uow
    many_members(uow, MEMBERS)
    member = 1000 + MEMBERS // 2
    words = search_key("ozolin")
    statements: dict[str, tuple[Executable, dict[str, Any]]] = {
        "card": (catalog._CUSTOMER_BY_CARD, {"card": make_ean13(f"29{MEMBERS // 2:010d}")}),
        "account": (accounts._ACCOUNT, {"customer": member}),
        "visits": (accounts._RECENT_VISITS, {"customer": member, "keep": 4}),
        "active card": (summary._ACTIVE_CARD, {"customer": member}),
        "vouchers": (summary._OPEN_VOUCHERS, {"customer": member}),
        "phone": (members._BY_PHONE, {"key": "37120010000", "limit": 20}),
        "name": (
            members._NAME_STARTS,
            {"low": words, "high": prefix_upper_bound(words), "limit": 60},
        ),
    }
    scan = ("card", "account", "visits", "active card", "vouchers")
    unanalyzed = {name: query_plan(uow, *statements[name]) for name in scan}
    analyze(uow)
    plans = {name: query_plan(uow, *statement) for name, statement in statements.items()}
    print("\n\n".join(f"{name}:\n{plan}" for name, plan in plans.items()))  # for the record

    if uow.engine.dialect.name == "sqlite":
        assert "USING INDEX sqlite_autoindex_loyalty_cards_1 (number=?)" in plans["card"]
        assert (
            "loyalty_accounts USING INDEX sqlite_autoindex_loyalty_accounts_1" in (plans["account"])
            or "loyalty_accounts USING INTEGER PRIMARY KEY" in plans["account"]
        )
        assert "customer_visits USING" in plans["visits"] and "(customer_id=?)" in plans["visits"]
        assert "ix_loyalty_cards_customer_id (customer_id=?)" in plans["active card"]
        assert "ix_vouchers_customer_status (customer_id=? AND status=?)" in plans["vouchers"]
        assert "ix_customers_phone_key (phone_key=?)" in plans["phone"]
        assert "ix_customer_name_keys_key (key>? AND key<?)" in plans["name"]
        for name, plan in plans.items():
            assert "SCAN" not in plan, (name, plan)
        assert "TEMP B-TREE" not in plans["visits"] + plans["name"]
        # Without statistics SQLite once preferred ix_vouchers_status_expires_on for the
        # member's vouchers (a day and an order in the SQL): every member's valid vouchers.
        assert "ix_vouchers_customer_status (customer_id=? AND status=?)" in unanalyzed["vouchers"]
        for name, plan in unanalyzed.items():
            assert "SCAN" not in plan, (name, plan)
            assert "(customer_id=?" in plan or "(number=?)" in plan or "(rowid=?)" in plan, plan
    else:
        assert "Index Scan using uq_loyalty_cards_number on loyalty_cards" in plans["card"]
        assert "Index Scan using pk_loyalty_accounts on loyalty_accounts" in plans["account"]
        assert "pk_customer_visits on customer_visits" in plans["visits"]
        assert "ix_loyalty_cards_customer_id on loyalty_cards" in plans["active card"]
        assert "ix_vouchers_customer_status on vouchers" in plans["vouchers"]
        assert "ix_customers_phone_key on customers" in plans["phone"]
        assert "ix_customer_name_keys_key on customer_name_keys" in plans["name"]
        for name, plan in plans.items():
            assert "Seq Scan" not in plan, (name, plan)
        assert "Sort" not in plans["visits"] + plans["name"]
    # And the statements find what they should.
    found = [m.name for m in loyalty.find_customers(uow, "ozolin")]
    assert len(found) == 20 and all("Ozoliņš" in name for name in found)
    assert [m.name for m in loyalty.find_customers(uow, "ozolins 10056")] == ["Anna Ozoliņš 10056"]
