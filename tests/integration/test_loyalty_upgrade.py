"""A shop from before the loyalty programme is upgraded: cards move, regulars are recognised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.domain.barcodes import make_ean13
from posapp.domain.loyalty import Stage
from posapp.domain.roles import Actor
from posapp.services import catalog, loyalty
from posapp.services.setup import open_database
from tests.integration.helpers import upgrade_to


def test_a_shop_with_customers_and_sales_is_upgraded_to_the_loyalty_schema(
    database_url: str,
) -> None:
    regular, once = make_ean13("270000000001"), make_ean13("270000000002")
    now = datetime.now(UTC)
    upgrade_to(database_url, "0002")
    engine = make_engine(to_url(database_url))
    try:
        with engine.begin() as connection:
            till, user = (
                connection.execute(text(row), {"now": now}).scalar_one()
                for row in (
                    "INSERT INTO tills (code, name) VALUES ('T1', 'Till T1') RETURNING id",
                    "INSERT INTO users (name, role, pin_hash, created_at) "
                    "VALUES ('Ilze', 'owner', 'x', :now) RETURNING id",
                )
            )
            eriks_id, anna_id, toms_id = (
                connection.execute(
                    text(
                        "INSERT INTO customers (name, card_number, created_at) "
                        "VALUES (:name, :card, :now) RETURNING id"
                    ),
                    {"name": name, "card": card, "now": now},
                ).scalar_one()
                for name, card in (
                    ("Ēriks Ozoliņš", regular),
                    ("Anna Bērziņa", once),
                    ("Toms Šmits", None),
                )
            )
            # Ēriks bought on five days of the last month (twice on one of them), Anna once
            # long ago: sales point at the customers, whose table the upgrade rebuilds.
            moments = [now - timedelta(days=days) for days in (1, 1, 5, 12, 20, 29)]
            sales = [(eriks_id, at) for at in moments] + [(anna_id, now - timedelta(days=300))]
            for number, (customer, moment) in enumerate(sales, 1):
                connection.execute(
                    text(
                        "INSERT INTO sales (uuid, kind, status, till_id, receipt_number, user_id,"
                        " customer_id, started_at, completed_at, total) VALUES (:uuid, 'sale',"
                        " 'completed', :till, :number, :user, :customer, :at, :at, 100)"
                    ),
                    {
                        "uuid": f"u{number}",
                        "till": till,
                        "number": number,
                        "user": user,
                        "customer": customer,
                        "at": moment,
                    },
                )
    finally:
        engine.dispose()

    uow = open_database(database_url)
    try:
        assert schema.current_revision(uow.engine) == schema.HEAD_REVISION
        with uow:
            found = catalog.customer_by_card(uow, regular)
            anna = catalog.customer_by_card(uow, once)
        assert found is not None
        assert (found.customer_id, found.card_status) == (eriks_id, "active")
        assert anna is not None and anna.customer_id == anna_id
        eriks = loyalty.customer_summary(uow, eriks_id)
        assert (eriks.stage, eriks.balance, eriks.card_number) == (Stage.CLIENT, 0, regular)
        assert loyalty.customer_summary(uow, anna_id).stage is Stage.BUYER
        toms = loyalty.customer_summary(uow, toms_id)
        assert (toms.stage, toms.card_number) == (Stage.VISITOR, None)
        assert [m.name for m in loyalty.find_customers(uow, "berzina")] == ["Anna Bērziņa"]
        with uow:
            visits, purchases = uow.connection.execute(
                text("SELECT visits, purchases FROM loyalty_accounts WHERE customer_id = :id"),
                {"id": eriks_id},
            ).one()
        assert (visits, purchases) == (5, 6)
        # A new card is numbered after the cards already given out.
        issued = loyalty.enrol_customer(uow, _owner(), "Jauns Klients").card_number
        assert issued == make_ean13("270000000003")
    finally:
        uow.engine.dispose()


def _owner() -> Actor:
    return Actor.command_line()
