"""A till driver for integration tests: ring up, pay and complete sales as a cashier would.

Everything goes through the public services on the real database of the
`shop` fixture (tests/conftest.py); the helpers only save typing.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, TypeVar

from alembic import command
from sqlalchemy import Executable, event, func, select, text
from sqlalchemy.engine import make_url

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.db.models import (
    Payment,
    Product,
    ProductBarcode,
    Sale,
    SaleLine,
    Till,
    VatRate,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import BarcodeRules, make_ean13
from posapp.domain.cart import Cart, PaymentMethod
from posapp.domain.roles import Actor
from posapp.services import checkout, refunds
from posapp.services.checkout import CompletedSale
from posapp.services.settings import load_settings
from tests.conftest import TILL, Shop

T = TypeVar("T")


def upgrade_to(database_url: str, revision: str) -> None:
    """An empty database's schema as an older posapp left it (to test upgrading it)."""
    engine = make_engine(to_url(database_url))
    try:
        config = schema._config()
        with engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def query_plan(uow: UnitOfWork, statement: Executable, params: dict[str, Any]) -> str:
    """The database's plan for a statement as the search sends it (a list for an
    expanding IN parameter is written out, as the driver gets it)."""
    with uow:
        connection = uow.connection
        expanded = statement.compile(connection).construct_expanded_state(params)
        sql, values = expanded.statement, expanded.parameters
        if connection.dialect.name == "sqlite":
            positional = tuple(values[name] for name in expanded.positiontup or ())
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", positional).all()
            return "\n".join(str(row[-1]) for row in rows)
        rows = connection.exec_driver_sql(f"EXPLAIN {sql}", values).all()
        return "\n".join(str(row[0]) for row in rows)


@contextmanager
def statements_sent(uow: UnitOfWork) -> Iterator[list[str]]:
    """The SQL statements sent to the database inside the `with` block, in order."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    event.listen(uow.engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(uow.engine, "before_cursor_execute", record)


def rules(uow: UnitOfWork) -> BarcodeRules:
    return load_settings(uow).barcode_rules()


def ring_up(shop: Shop, *codes: str, actor: Actor | None = None, till: str = TILL) -> Cart:
    """Start a sale on `till` and scan each code in turn."""
    actor = actor or shop.cashier
    barcode_rules = rules(shop.uow)
    cart = checkout.start_sale(shop.uow, actor, till)
    for code in codes:
        cart = checkout.scan(shop.uow, actor, cart, code, barcode_rules).cart
    return cart


def pay_exact(cart: Cart, method: PaymentMethod = PaymentMethod.CARD) -> Cart:
    return cart.pay(method, cart.due) if cart.due > 0 else cart


def sell(
    shop: Shop,
    *codes: str,
    actor: Actor | None = None,
    till: str = TILL,
    method: PaymentMethod = PaymentMethod.CARD,
) -> CompletedSale:
    """Ring up the codes, take exact payment and complete the sale."""
    actor = actor or shop.cashier
    cart = pay_exact(ring_up(shop, *codes, actor=actor, till=till), method)
    return checkout.complete_sale(shop.uow, actor, cart)


def add_product(
    shop: Shop,
    sku: str,
    name: str,
    price: str,
    vat_rate: int = 21,
    sold_by: str = "unit",
    *,
    cost_price: str | None = None,
    category_id: int | None = None,
) -> str:
    """Put a product on the shelf (as the back office would) and return its EAN-13."""
    uow = shop.uow
    with uow.writing():
        rate_id = uow.session.scalar(select(VatRate.id).where(VatRate.rate == Decimal(vat_rate)))
        product = Product(
            sku=sku,
            name=name,
            vat_rate_id=rate_id,
            price=Decimal(price),
            sold_by=sold_by,
            cost_price=None if cost_price is None else Decimal(cost_price),
            category_id=category_id,
        )
        uow.session.add(product)
        uow.session.flush()
        code = make_ean13(f"47500001{product.id:04d}")
        uow.session.add(ProductBarcode(code=code, product_id=product.id))
        uow.commit()
    return code


def refund_sale(
    shop: Shop,
    sale: CompletedSale,
    quantities: dict[int, Decimal] | None = None,
    *,
    actor: Actor | None = None,
    approver: Actor | None = None,
    till: str = TILL,
    method: PaymentMethod = PaymentMethod.CASH,
    reason: str = "returned",
    refund_uuid: str | None = None,
    uow: UnitOfWork | None = None,
) -> CompletedSale:
    """Refund `quantities` (line id -> quantity; None: all that is left) of a sale of till T1,
    by the manager unless another actor is named."""
    return refunds.refund(
        uow or shop.uow,
        actor or shop.manager,
        till_code=till,
        original_till_code=TILL,
        receipt_number=sale.receipt_number,
        quantities=quantities,
        method=method,
        reason=reason,
        refund_uuid=refund_uuid,
        approver=approver,
    )


def count(uow: UnitOfWork, model: Any, *where: Any) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def sales(uow: UnitOfWork, *where: Any) -> list[Sale]:
    with uow:
        return list(uow.session.scalars(select(Sale).where(*where).order_by(Sale.id)))


def sale_lines(uow: UnitOfWork, sale_id: int) -> list[SaleLine]:
    with uow:
        return list(
            uow.session.scalars(
                select(SaleLine).where(SaleLine.sale_id == sale_id).order_by(SaleLine.line_no)
            )
        )


def payments(uow: UnitOfWork, sale_id: int) -> list[Payment]:
    with uow:
        return list(
            uow.session.scalars(
                select(Payment).where(Payment.sale_id == sale_id).order_by(Payment.id)
            )
        )


def next_receipt_number(uow: UnitOfWork, till_id: int) -> int:
    with uow:
        return uow.session.execute(
            select(Till.next_receipt_number).where(Till.id == till_id)
        ).scalar_one()


def line_id(uow: UnitOfWork, sale_id: int, line_no: int) -> int:
    """The id of a sale's line, as the refund screen would pick it."""
    return next(line.id for line in sale_lines(uow, sale_id) if line.line_no == line_no)


def race(
    shop: Shop,
    database_url: str,
    hold: Executable,
    *actions: Callable[[UnitOfWork], T],
) -> list[T | BaseException]:
    """Run `actions` at the same moment, each on its own till connection, and return what
    each returned or raised.

    While they start, the test holds a write transaction that ran `hold` (e.g. a
    SELECT … FOR UPDATE of the row they all need), so every action is inside its
    transaction, waiting, when it is released. On PostgreSQL the test waits until
    pg_stat_activity shows them all waiting for a lock; SQLite has no such view
    (its writers wait in BEGIN IMMEDIATE), so there it gives them half a second.
    """
    name = f"posapp-race-{uuid.uuid4().hex[:8]}"
    url = database_url
    if "://" in url:
        url = (
            make_url(url)
            .update_query_dict({"application_name": name})
            .render_as_string(hide_password=False)
        )
    tills = make_engine(to_url(url))
    results: dict[int, T | BaseException] = {}
    start = threading.Barrier(len(actions) + 1, timeout=30)

    def run(index: int, action: Callable[[UnitOfWork], T]) -> None:
        till_uow = UnitOfWork(tills)
        start.wait()
        try:
            results[index] = action(till_uow)
        except BaseException as error:  # handed to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    try:
        blocker = UnitOfWork(shop.uow.engine)
        with blocker.writing():
            blocker.connection.execute(hold)
            for thread in threads:
                thread.start()
            start.wait()
            if shop.uow.engine.dialect.name == "postgresql":
                wait_until_waiting(shop.uow, name, len(actions))
            else:
                time.sleep(0.5)
    finally:
        for thread in threads:
            if thread.ident is not None:
                thread.join(timeout=30)
        tills.dispose()
    assert sorted(results) == list(range(len(actions))), "an action never finished"
    return [results[index] for index in range(len(actions))]


def wait_until_waiting(
    uow: UnitOfWork, application_name: str, waiting: int, timeout: float = 10
) -> None:
    """Until PostgreSQL shows `waiting` connections of that application waiting for a lock."""
    blocked = 0
    deadline = time.monotonic() + timeout
    with uow.engine.connect() as connection:
        while time.monotonic() < deadline:
            blocked = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE application_name = :name AND wait_event_type = 'Lock'"
                ),
                {"name": application_name},
            ).scalar_one()
            if blocked >= waiting:
                return
            connection.rollback()
            time.sleep(0.02)
    raise AssertionError(f"only {blocked} of {waiting} tills waited for the lock")
