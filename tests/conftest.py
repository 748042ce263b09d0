"""Shared fixtures: every database test runs on a real SQLite file and on PostgreSQL.

PostgreSQL tests use the server named by POSAPP_TEST_PG_URL (set by .ci/run);
without it they skip with that reason. Each PostgreSQL test gets a schema of
its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from posapp.db.models import Category, Customer, LoyaltyCard, Product, ProductBarcode, VatRate
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import make_ean13
from posapp.domain.roles import Actor, Role
from posapp.services import shifts, users
from posapp.services.setup import open_database, prepare_shop

PG_URL = os.environ.get("POSAPP_TEST_PG_URL")
# Fixtures shared across the suites: `fake_printer`, a receipt printer on the network.
pytest_plugins = ["tests.integration.printer_helpers"]

TILL = "T1"


def pg_schema_url(schema: str) -> str:
    assert PG_URL is not None
    url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "shop.sqlite")
        return
    if not PG_URL:
        pytest.skip("POSAPP_TEST_PG_URL is not set: no PostgreSQL server to test against")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def uow(database_url: str) -> Iterator[UnitOfWork]:
    unit = open_database(database_url)
    yield unit
    unit.engine.dispose()


@dataclass
class Shop:
    """A small shop on a real database, with a shift open on till T1."""

    uow: UnitOfWork
    till_id: int
    owner: Actor
    manager: Actor
    cashier: Actor
    bread: str  # barcodes
    milk: str
    coffee: str
    cheese_label_code: str  # sold by weight, scale label item code
    customer_card: str
    customer_id: int


@pytest.fixture
def shop(uow: UnitOfWork) -> Shop:
    till_id = prepare_shop(uow, TILL)
    cli = Actor.command_line()
    owner = users.add_user(uow, cli, "Ilze", Role.OWNER, "1111")
    manager = users.add_user(uow, cli, "Māris", Role.MANAGER, "2222")
    cashier = users.add_user(uow, cli, "Līga", Role.CASHIER, "3333")
    codes = [make_ean13(f"4750000000{n:02d}") for n in range(1, 4)]
    card = make_ean13("270000000001")
    with uow.writing():
        rates = {r.rate: r.id for r in uow.session.scalars(select(VatRate))}
        category = Category(name="Maize")
        uow.session.add(category)
        uow.session.flush()
        goods = [
            ("BREAD", "Rupjmaize", Decimal("2.35"), Decimal(12), "unit", None),
            ("MILK", "Piens 2%", Decimal("1.19"), Decimal(12), "unit", None),
            ("COFFEE", "Kafija Ēģipte", Decimal("7.99"), Decimal(21), "unit", None),
            ("CHEESE", "Siers (sver)", Decimal("12.90"), Decimal(21), "weight", "00042"),
        ]
        for (sku, name, price, rate, sold_by, label), code in zip(
            goods, [*codes, None], strict=True
        ):
            product = Product(
                sku=sku,
                name=name,
                category_id=category.id,
                vat_rate_id=rates[rate],
                price=price,
                sold_by=sold_by,
                label_code=label,
            )
            uow.session.add(product)
            uow.session.flush()
            if code:
                uow.session.add(ProductBarcode(code=code, product_id=product.id))
        customer = Customer(name="Ēriks Ozoliņš", created_at=uow.now())
        uow.session.add(customer)
        uow.session.flush()
        customer_id = customer.id
        uow.session.add(
            LoyaltyCard(number=card, customer_id=customer_id, status="active", issued_at=uow.now())
        )
        uow.commit()
    actors = {u.name: Actor(u.user_id, u.name, u.role) for u in (owner, manager, cashier)}
    shifts.open_shift(uow, actors["Līga"], TILL, Decimal("100.00"))
    return Shop(
        uow=uow,
        till_id=till_id,
        owner=actors["Ilze"],
        manager=actors["Māris"],
        cashier=actors["Līga"],
        bread=codes[0],
        milk=codes[1],
        coffee=codes[2],
        cheese_label_code="00042",
        customer_card=card,
        customer_id=customer_id,
    )


# Argon2id still, at the lowest cost the library allows.
QUICK_PIN_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def quick_pin_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """For tests that are not about PINs: the `shop` fixture hashes three PINs, which at
    the real cost (tests/integration/test_users.py checks it) is most of a test's time.

    Use it with `pytestmark = pytest.mark.usefixtures("quick_pin_hashes")`, so it is
    in place before `shop` builds the users.
    """
    monkeypatch.setattr(users, "_hasher", QUICK_PIN_HASHER)
