"""A member's loyalty account as the package's modules read and change it.

Read by index: the account's row (locked for writing) and the few most recent visit
days. Also what several of the modules write the same way: stage change rows and the
counts of the products a member buys; and the loyalty part of a rating of the service
(record_rating, inside posapp.services.care.rate_service's transaction).

The names with a leading underscore are the package's own, shared by its modules; the
package's public face is posapp.services.loyalty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, case, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from posapp.db.models import Customer, CustomerProduct, CustomerVisit, LoyaltyAccount, StageChange
from posapp.db.uow import UnitOfWork
from posapp.domain.loyalty import Stage, StageFacts, StageRules, compute_stage
from posapp.errors import NotFound
from posapp.i18n import _
from posapp.services.settings import ShopSettings

_CUSTOMER_COLUMNS = (
    Customer.name,
    Customer.address_as,
    Customer.birthday,
    Customer.referred_by_id,
    Customer.merged_into_id,
    Customer.language,
    Customer.marketing_consent,
)
_ACCOUNT = (
    select(
        LoyaltyAccount.balance,
        LoyaltyAccount.stage,
        LoyaltyAccount.purchases,
        LoyaltyAccount.visits,
        LoyaltyAccount.referred_buyers,
        LoyaltyAccount.five_star_ratings,
        LoyaltyAccount.birthday_reward_year,
        LoyaltyAccount.visit_interval,
        *_CUSTOMER_COLUMNS,
    )
    .join_from(LoyaltyAccount, Customer, LoyaltyAccount.customer_id == Customer.id)
    .where(LoyaltyAccount.customer_id == bindparam("customer"))
)
# An account's columns as a new one has them (a customer written without the ORM).
_NEW_ACCOUNT = (0, Stage.VISITOR.value, 0, 0, 0, 0, None, None)
# PostgreSQL: the account's row is held until the transaction ends (SQLite holds the
# whole database for a writer already).
_LOCK_ACCOUNT = _ACCOUNT.with_for_update(of=LoyaltyAccount)
_CUSTOMER_ONLY = select(*_CUSTOMER_COLUMNS).where(Customer.id == bindparam("customer"))
_RECENT_VISITS = (
    select(CustomerVisit.day)
    .where(CustomerVisit.customer_id == bindparam("customer"))
    .order_by(CustomerVisit.day.desc())
    .limit(bindparam("keep"))
)
_INSERT_STAGE_CHANGES = insert(StageChange)


@dataclass(frozen=True)
class Account:
    """A member's account and the facts their stage follows from (read_member)."""

    customer_id: int
    balance: int
    stored_stage: Stage
    facts: StageFacts
    visits: int
    birthday_reward_year: int | None
    visit_interval: Decimal | None
    name: str
    address_as: str | None
    birthday: date | None
    referred_by_id: int | None
    merged_into_id: int | None
    language: str | None
    marketing_consent: bool


def _read_account(
    uow: UnitOfWork, customer_id: int, rules: StageRules, *, lock: bool
) -> Account | None:
    connection = uow.connection
    found = connection.execute(_LOCK_ACCOUNT if lock else _ACCOUNT, {"customer": customer_id})
    row: tuple[Any, ...] | None = found.first()
    if row is None:
        # A customer written without the ORM (which opens the account, posapp.db.models)
        # has no account yet: opened now when writing, taken as empty when reading.
        customer = connection.execute(_CUSTOMER_ONLY, {"customer": customer_id}).first()
        if customer is None:
            return None
        if lock:
            connection.execute(insert(LoyaltyAccount).values(customer_id=customer_id))
            row = connection.execute(_LOCK_ACCOUNT, {"customer": customer_id}).one()
        else:
            row = (*_NEW_ACCOUNT, *customer)
    (
        balance,
        stage,
        purchases,
        visits,
        referred_buyers,
        five_star,
        birthday_year,
        visit_interval,
        name,
        address_as,
        birthday,
        referred_by,
        merged_into,
        language,
        consent,
    ) = row
    recent = tuple(
        connection.execute(
            _RECENT_VISITS, {"customer": customer_id, "keep": rules.client_visits}
        ).scalars()
    )
    return Account(
        customer_id=customer_id,
        balance=balance,
        stored_stage=Stage(stage),
        facts=StageFacts(purchases, recent, referred_buyers, five_star),
        visits=visits,
        birthday_reward_year=birthday_year,
        visit_interval=visit_interval,
        name=name,
        address_as=address_as,
        birthday=birthday,
        referred_by_id=referred_by,
        merged_into_id=merged_into,
        language=language,
        marketing_consent=consent,
    )


def read_member(uow: UnitOfWork, customer_id: int, rules: StageRules, *, lock: bool) -> Account:
    """The customer's account inside the caller's transaction (`lock`: held until it ends);
    a customer merged into another is that other one."""
    account = _read_account(uow, customer_id, rules, lock=lock)
    if account is not None and account.merged_into_id is not None:
        account = _read_account(uow, account.merged_into_id, rules, lock=lock)
    if account is None:
        raise NotFound(_("That customer is not in the database. Find them again."))
    return account


def _today(uow: UnitOfWork, settings: ShopSettings) -> date:
    """The shop's date now (visits, birthdays and voucher expiry are in shop days)."""
    return settings.local_date(uow.now())


def _stage_changes(
    customer_id: int, stored: Stage, before: Stage, after: Stage, sale_id: int | None
) -> list[dict[str, Any]]:
    """Stage change rows: a change that happened with time (a Client whose visits thinned
    out) is recorded when it is noticed, then the change this sale made."""
    changes: list[dict[str, Any]] = []
    if stored is not before:
        changes.append(
            {
                "customer_id": customer_id,
                "from_stage": stored.value,
                "to_stage": before.value,
                "sale_id": None,
            }
        )
    if before is not after:
        changes.append(
            {
                "customer_id": customer_id,
                "from_stage": before.value,
                "to_stage": after.value,
                "sale_id": sale_id,
            }
        )
    return changes


def record_rating(
    uow: UnitOfWork,
    settings: ShopSettings,
    account: Account,
    rating: int,
    sale_id: int | None,
    now: datetime,
) -> tuple[Stage, Stage]:
    """Inside the rating's transaction, on the member's locked account: a rating of 5 counts
    toward Advocate. Returns their stage before and after the rating."""
    rules = settings.loyalty.stage_rules()
    today = _today(uow, settings)
    before = compute_stage(account.facts, rules, today)
    after = before
    if rating == 5:
        facts = replace(account.facts, five_star_ratings=account.facts.five_star_ratings + 1)
        after = compute_stage(facts, rules, today)
        connection = uow.connection
        connection.execute(
            update(LoyaltyAccount)
            .where(LoyaltyAccount.customer_id == account.customer_id)
            .values(five_star_ratings=LoyaltyAccount.five_star_ratings + 1, stage=after.value)
        )
        changes = _stage_changes(account.customer_id, account.stored_stage, before, after, sale_id)
        if changes:
            connection.execute(_INSERT_STAGE_CHANGES, [{**c, "at": now} for c in changes])
    return before, after


def _products_upsert(dialect_insert: Any) -> Any:
    """In how many sales a customer bought a product: added to, or the product's first row.
    `sales` of the row given is added; the later `last_bought_at` is kept."""
    statement = dialect_insert(CustomerProduct)
    new = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[CustomerProduct.customer_id, CustomerProduct.product_id],
        set_={
            CustomerProduct.sales: CustomerProduct.sales + new.sales,
            CustomerProduct.last_bought_at: case(
                (new.last_bought_at > CustomerProduct.last_bought_at, new.last_bought_at),
                else_=CustomerProduct.last_bought_at,
            ),
        },
    )


_COUNT_PRODUCTS = {
    "sqlite": _products_upsert(sqlite.insert),
    "postgresql": _products_upsert(postgresql.insert),
}


def _count_products(
    uow: UnitOfWork, customer_id: int, bought: Iterable[tuple[int, int, datetime]]
) -> None:
    """Add (product, sales, last bought) to the customer's counts: one statement; a product
    is counted once per call (a sale with two lines of it is one sale of it)."""
    rows = {
        product_id: {
            "customer_id": customer_id,
            "product_id": product_id,
            "sales": sales,
            "last_bought_at": at,
        }
        for product_id, sales, at in bought
    }
    if rows:
        connection = uow.connection
        connection.execute(_COUNT_PRODUCTS[connection.dialect.name], list(rows.values()))
