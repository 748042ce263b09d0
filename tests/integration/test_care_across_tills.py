"""Care is shared by every till on the database: what one till records, the next scan
anywhere shows; and a shop from before staff reminders gets its reminder facts from history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.db.models import CustomerProduct, LoyaltyAccount
from posapp.domain.reminders import ReminderKind
from posapp.services import care
from posapp.services.setup import open_database
from tests.conftest import Shop
from tests.integration.helpers import upgrade_to

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

ROOT = Path(__file__).resolve().parents[2]
RIGA = ZoneInfo("Europe/Riga")

# Another till: its own process and connection, taking a complaint at the counter.
OTHER_TILL = textwrap.dedent(
    """
    import sys
    from posapp.domain.roles import Actor, Role
    from posapp.services import care
    from posapp.services.setup import open_database

    url, user_id, name, role, customer = sys.argv[1:]
    uow = open_database(url)
    actor = Actor(int(user_id), name, Role(role))
    care.add_complaint(uow, actor, int(customer), "The croissant was stale", "A coffee on us")
    print("taken", flush=True)
    """
)


def test_a_complaint_taken_at_one_till_shows_at_the_next_scan_at_another(
    shop: Shop, database_url: str
) -> None:
    before = care.customer_reminders(shop.uow, shop.customer_id)
    assert ReminderKind.COMPLAINT not in [r.kind for r in before.reminders]
    actor = shop.manager

    taken = subprocess.run(
        [
            sys.executable,
            "-c",
            OTHER_TILL,
            database_url,
            str(actor.user_id),
            actor.name,
            actor.role.value,
            str(shop.customer_id),
        ],
        cwd=ROOT,
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert taken.returncode == 0, taken.stderr
    assert taken.stdout.strip() == "taken"

    # This till's engine (its pooled connections) shows it at the very next read.
    after = care.customer_reminders(shop.uow, shop.customer_id)
    complaint = after.reminders[0]
    assert complaint.kind is ReminderKind.COMPLAINT
    assert complaint.text == (
        "Open complaint (today, taken by Māris): The croissant was stale. "
        "Promised: A coffee on us. Show you care."
    )
    assert [row.what for row in care.open_complaints(shop.uow, shop.owner)] == [
        "The croissant was stale"
    ]


def test_a_shop_with_history_gets_its_reminder_facts_on_upgrade(database_url: str) -> None:
    upgrade_to(database_url, "0004")
    now = datetime.now(UTC).replace(microsecond=0)
    visit_days = [now - timedelta(days=days) for days in (28, 21, 7)]
    engine = make_engine(to_url(database_url))
    try:
        with engine.begin() as connection:

            def one(statement: str, **values: object) -> int:
                return int(connection.execute(text(statement), values).scalar_one())

            till = one("INSERT INTO tills (code, name) VALUES ('T1', 'Till T1') RETURNING id")
            user = one(
                "INSERT INTO users (name, role, pin_hash, created_at) "
                "VALUES ('Ilze', 'owner', 'x', :now) RETURNING id",
                now=now,
            )
            rate = one("INSERT INTO vat_rates (rate, name) VALUES (2100, '21 %') RETURNING id")
            bread, milk = (
                one(
                    "INSERT INTO products (sku, name, vat_rate_id, price) "
                    "VALUES (:sku, :name, :rate, 235) RETURNING id",
                    sku=sku,
                    name=name,
                    rate=rate,
                )
                for sku, name in (("BREAD", "Rupjmaize"), ("MILK", "Piens 2%"))
            )
            customer = one(
                "INSERT INTO customers (name, created_at) VALUES ('Anna Bērziņa', :now) "
                "RETURNING id",
                now=now - timedelta(days=400),
            )
            connection.execute(
                text(
                    "INSERT INTO loyalty_accounts (customer_id, purchases, visits, "
                    "last_purchase_at, last_visit_on) VALUES (:c, 3, 3, :last, :day)"
                ),
                {"c": customer, "last": visit_days[-1], "day": visit_days[-1].date()},
            )
            for number, (moment, products) in enumerate(
                zip(visit_days, ((bread, milk), (bread,), (milk, bread)), strict=True), 1
            ):
                connection.execute(
                    text("INSERT INTO customer_visits (customer_id, day) VALUES (:c, :day)"),
                    {"c": customer, "day": moment.date()},
                )
                sale = one(
                    "INSERT INTO sales (uuid, kind, status, till_id, receipt_number, user_id, "
                    "customer_id, started_at, completed_at, total) VALUES (:uuid, 'sale', "
                    "'completed', :till, :n, :user, :c, :at, :at, 235) RETURNING id",
                    uuid=f"u{number}",
                    till=till,
                    n=number,
                    user=user,
                    c=customer,
                    at=moment,
                )
                for line_no, product in enumerate(products, 1):
                    connection.execute(
                        text(
                            "INSERT INTO sale_lines (sale_id, line_no, product_id, name, "
                            "quantity, unit_price, list_price, discount, total, vat_rate, "
                            "vat_amount) VALUES (:sale, :no, :p, :name, 1000, 235, 235, 0, 235, "
                            "2100, 41)"
                        ),
                        {
                            "sale": sale,
                            "no": line_no,
                            "p": product,
                            "name": "Rupjmaize" if product == bread else "Piens 2%",
                        },
                    )
    finally:
        engine.dispose()

    uow = open_database(database_url)
    try:
        assert schema.current_revision(uow.engine) == schema.HEAD_REVISION
        with uow:
            last_items, interval = uow.connection.execute(
                select(LoyaltyAccount.last_items, LoyaltyAccount.visit_interval).where(
                    LoyaltyAccount.customer_id == customer
                )
            ).one()
            bought = dict(
                uow.connection.execute(
                    select(CustomerProduct.product_id, CustomerProduct.sales).where(
                        CustomerProduct.customer_id == customer
                    )
                ).all()
            )
        assert json.loads(last_items) == ["Piens 2%", "Rupjmaize"]
        assert interval == Decimal("8.8")  # gaps of 7 and 14 days: 7, then a quarter to 14
        assert bought == {bread: 3, milk: 2}
        state = care.customer_reminders(uow, customer)
        usual = next(r for r in state.reminders if r.kind is ReminderKind.USUAL_ITEMS)
        assert usual.text == "Usually buys Rupjmaize: offer them."
        last = next(r for r in state.reminders if r.kind is ReminderKind.LAST_VISIT)
        assert last.day == (now - timedelta(days=7)).astimezone(RIGA).date()
    finally:
        uow.engine.dispose()
