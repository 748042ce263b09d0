"""The loyalty programme: members and their cards, points, stages, rewards and vouchers.

Each public function is one user action in one transaction, like every service.
Three functions are not: record_sale(), record_refund() and replayed_outcome()
run inside the transaction of checkout.complete_sale() and refunds.refund(),
so that points are earned, spent and given back in the very transaction that
records the sale or refund, or not at all.

What keeps the points honest (see posapp.db.models):

* the ledger (points_entries) is append-only, and each entry is keyed to what
  it is for under UNIQUE (kind, key): points for a sale cannot be granted twice;
* the cached balance (loyalty_accounts.balance) changes in the same statement
  sequence as the entries, and spending is a conditional UPDATE
  (… WHERE balance >= :spent) under the account's row lock, so two tills can
  never spend the same points; the database refuses a negative balance;
* a voucher is used by a conditional UPDATE (… WHERE status = 'issued'), so it
  is used once however many tills try;
* completing a sale checks every reward in the cart again against the shop's
  catalogue and the voucher's row: a cart is the till's, not the truth.

The counter reads only by index: a card's number, the account's row, the few
most recent visit days, the customer's open vouchers. Nothing reads history
except expire_points() (the points of the customers who have points to lose)
and merge_customers().
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Integer,
    Row,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased

from posapp.db.models import (
    Category,
    Complaint,
    Customer,
    CustomerNameKey,
    CustomerNote,
    CustomerProduct,
    CustomerVisit,
    LoyaltyAccount,
    LoyaltyCard,
    NumberSeries,
    PointsEntry,
    Product,
    Promise,
    Rating,
    Sale,
    StageChange,
    Voucher,
)
from posapp.db.uow import UnitOfWork
from posapp.domain import barcodes
from posapp.domain.barcodes import BarcodeRules, InStoreKind, make_ean13
from posapp.domain.cart import AppliedReward, Cart, RewardKind
from posapp.domain.loyalty import (
    EarnRules,
    Stage,
    StageFacts,
    StageRules,
    birthday_near,
    compute_stage,
    earn_points,
    months_before,
    next_reward,
    phone_key,
    points_to_expire,
    refund_step,
    visit_rewards_due,
    with_visit,
)
from posapp.domain.money import plain_quantity
from posapp.domain.reminders import next_visit_interval
from posapp.domain.roles import Actor, Permission, require
from posapp.domain.text import prefix_upper_bound, search_key
from posapp.errors import (
    InvalidInput,
    MisreadBarcode,
    NotEnoughPoints,
    NotFound,
    SaleIncomplete,
    VoucherNotUsable,
)
from posapp.i18n import _, format_date, format_money
from posapp.services import audit, catalog
from posapp.services.settings import (
    LoyaltySettings,
    RewardSetting,
    RewardTrigger,
    ShopSettings,
    read_settings,
)

POINTS_KEY = "points:"
VOUCHER_KEY = "voucher:"
CARD_SERIES = "loyalty_card"
EXPIRY_BATCH = 200  # customers per transaction when points expire

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class AvailableReward:
    """A reward the customer can take in this sale: a voucher they hold, valid today, or a
    reward of the catalogue their points afford. Apply it with apply_reward(cart, key)."""

    key: str  # "points:<reward key>" or "voucher:<code>"
    name: str  # what to call it: "€5.00 off", "Free Kapučīno M", or the shop's own name
    kind: RewardKind
    amount: Decimal | None  # euros off (AMOUNT)
    percent: Decimal | None  # percent off the sale (PERCENT)
    product_id: int | None  # the product one unit of which is free (PRODUCT)
    product_name: str | None
    points: int  # what it costs (0 for a voucher)
    voucher_code: str | None
    expires_on: date | None  # a voucher's last day


@dataclass(frozen=True)
class CustomerSummary:
    """What the counter knows of a member when their card is scanned (indexed reads only)."""

    customer_id: int
    name: str
    address_as: str | None
    card_number: str | None  # the card scanned, else their active card
    stage: Stage
    balance: int
    available: tuple[AvailableReward, ...]
    next_reward: str | None  # the cheapest points reward not reached yet …
    points_to_next_reward: int | None  # … and the points still needed for it
    birthday_this_week: bool
    language: str | None
    marketing_consent: bool


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: int
    name: str
    card_number: str | None  # their active card
    phone: str | None


@dataclass(frozen=True)
class IssuedVoucher:
    code: str  # EAN-13 in the voucher prefix (print it as a barcode), or a V- text's code
    name: str
    kind: RewardKind
    amount: Decimal | None
    percent: Decimal | None
    product_name: str | None
    expires_on: date


@dataclass(frozen=True)
class LoyaltyOutcome:
    """What a sale or refund changed in the customer's loyalty (for the receipt)."""

    customer_id: int | None
    points_earned: int = 0
    points_spent: int = 0
    referral_points: int = 0  # this customer's referral reward (their first purchase)
    points_reversed: int = 0  # a refund: earned points taken back
    points_restored: int = 0  # a refund: spent points given back
    shortfall: int = 0  # a refund: points that could not be taken back (already spent)
    balance: int | None = None
    stage_before: Stage | None = None
    stage_after: Stage | None = None
    vouchers_issued: tuple[IssuedVoucher, ...] = ()
    vouchers_used: tuple[str, ...] = ()
    next_reward: str | None = None
    points_to_next_reward: int | None = None


@dataclass(frozen=True)
class ExpiryReport:
    cutoff: datetime | None  # points credited at or before it expired; None: they never expire
    customers: int
    points: int
    vouchers: int  # vouchers past their last day, marked expired


@dataclass(frozen=True)
class RatingRecorded:
    rating_id: int
    stage_before: Stage
    stage_after: Stage


# --------------------------------------------------------------------------- statements

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
_ACTIVE_CARD = (
    select(LoyaltyCard.number)
    .where(LoyaltyCard.customer_id == bindparam("customer"), LoyaltyCard.status == "active")
    .order_by(LoyaltyCard.issued_at.desc(), LoyaltyCard.id.desc())
    .limit(1)
)
# What a voucher is: what the till shows, the receipt prints, and a cart takes off.
_VOUCHER_TERMS = (
    Voucher.code,
    Voucher.name,
    Voucher.kind,
    Voucher.amount,
    Voucher.percent,
    Voucher.product_id,
    Voucher.expires_on,
)
# The member's issued vouchers, by ix_vouchers_customer_status; read_summary keeps those
# valid today and orders them. Not in the SQL: with "expires_on >= ?" or "ORDER BY
# expires_on" SQLite, which has no statistics (posapp never runs ANALYZE), prefers
# ix_vouchers_status_expires_on and reads every member's vouchers valid today to find this
# member's -- 20 ms a scan with 1,000,000 members (bench/bench_loyalty.py).
_OPEN_VOUCHERS = select(*_VOUCHER_TERMS, Voucher.id).where(
    Voucher.customer_id == bindparam("customer"), Voucher.status == "issued"
)
_SPEND_AND_EARN = (
    update(LoyaltyAccount)
    .where(
        LoyaltyAccount.customer_id == bindparam("customer"),
        LoyaltyAccount.balance >= bindparam("spent"),
    )
    .values(
        balance=LoyaltyAccount.balance + bindparam("change"),
        stage=bindparam("stage"),
        purchases=LoyaltyAccount.purchases + 1,
        visits=LoyaltyAccount.visits + bindparam("new_visits"),
        last_visit_on=bindparam("today"),
        first_purchase_at=func.coalesce(LoyaltyAccount.first_purchase_at, bindparam("now")),
        last_purchase_at=bindparam("now"),
        birthday_reward_year=bindparam("birthday_year"),
        last_items=bindparam("last_items"),
        visit_interval=bindparam("visit_interval"),
    )
)
_CHANGE_BALANCE = (
    update(LoyaltyAccount)
    .where(
        LoyaltyAccount.customer_id == bindparam("customer"),
        LoyaltyAccount.balance >= bindparam("needed"),
    )
    .values(balance=LoyaltyAccount.balance + bindparam("change"))
)
_USE_VOUCHER = (
    update(Voucher)
    .where(
        Voucher.code == bindparam("voucher"),
        Voucher.status == "issued",
        Voucher.expires_on >= bindparam("today"),
        or_(Voucher.bearer, Voucher.customer_id == bindparam("customer")),
    )
    .values(status="used", used_in_sale_id=bindparam("sale"), used_at=bindparam("now"))
    .returning(Voucher.kind, Voucher.amount, Voucher.percent, Voucher.product_id)
)
_INSERT_ENTRIES = insert(PointsEntry)
_INSERT_VISIT = insert(CustomerVisit)
_INSERT_STAGE_CHANGES = insert(StageChange)
_NEXT_CARD = (
    update(NumberSeries)
    .where(NumberSeries.name == CARD_SERIES)
    .values(next_value=NumberSeries.next_value + 1)
    .returning(NumberSeries.next_value)
)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Account:
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
) -> _Account | None:
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
    return _Account(
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


def _member(uow: UnitOfWork, customer_id: int, rules: StageRules, *, lock: bool) -> _Account:
    """The customer's account; a customer merged into another is that other one."""
    account = _read_account(uow, customer_id, rules, lock=lock)
    if account is not None and account.merged_into_id is not None:
        account = _read_account(uow, account.merged_into_id, rules, lock=lock)
    if account is None:
        raise NotFound(_("That customer is not in the database. Find them again."))
    return account


def _today(uow: UnitOfWork, settings: ShopSettings) -> date:
    """The shop's date now (visits, birthdays and voucher expiry are in shop days)."""
    return settings.local_date(uow.now())


def customer_summary(uow: UnitOfWork, customer_id: int) -> CustomerSummary:
    """One read transaction: the member as the counter sees them (see CustomerSummary)."""
    with uow:
        return read_summary(uow, customer_id)


def read_summary(
    uow: UnitOfWork,
    customer_id: int,
    card_number: str | None = None,
    settings: ShopSettings | None = None,
) -> CustomerSummary:
    """CustomerSummary inside the caller's transaction (checkout.scan uses it); `settings`,
    if the caller has read them in it already."""
    settings = settings or read_settings(uow)
    loyalty = settings.loyalty
    account = _member(uow, customer_id, loyalty.stage_rules(), lock=False)
    connection = uow.connection
    if card_number is None:
        card_number = connection.execute(_ACTIVE_CARD, {"customer": account.customer_id}).scalar()
    today = _today(uow, settings)
    vouchers = sorted(
        (
            row
            for row in connection.execute(_OPEN_VOUCHERS, {"customer": account.customer_id})
            if row.expires_on >= today
        ),
        key=lambda row: (row.expires_on, row.id),
    )
    point_rewards = [
        reward
        for reward in loyalty.rewards
        if reward.trigger == RewardTrigger.POINTS and reward.points <= account.balance
    ]
    products = _products(
        uow,
        skus={reward.sku for reward in point_rewards if reward.sku},
        ids={row.product_id for row in vouchers if row.product_id is not None},
    )
    available = [
        AvailableReward(
            key=VOUCHER_KEY + row.code,
            name=row.name,
            kind=RewardKind(row.kind),
            amount=row.amount,
            percent=row.percent,
            product_id=row.product_id,
            product_name=products.by_id.get(row.product_id or 0),
            points=0,
            voucher_code=row.code,
            expires_on=row.expires_on,
        )
        for row in vouchers
    ]
    for reward in point_rewards:
        product_id = products.by_sku.get(reward.sku or "")
        if reward.kind == RewardKind.PRODUCT.value and product_id is None:
            continue  # its product is no longer sold
        available.append(
            AvailableReward(
                key=POINTS_KEY + reward.key,
                name=reward_name(reward, products.by_id.get(product_id or 0)),
                kind=RewardKind(reward.kind),
                amount=reward.amount,
                percent=reward.percent,
                product_id=product_id,
                product_name=products.by_id.get(product_id or 0),
                points=reward.points,
                voucher_code=None,
                expires_on=None,
            )
        )
    upcoming = _next_reward(loyalty, account.balance)
    return CustomerSummary(
        customer_id=account.customer_id,
        name=account.name,
        address_as=account.address_as,
        card_number=card_number,
        stage=compute_stage(account.facts, loyalty.stage_rules(), today),
        balance=account.balance,
        available=tuple(available),
        next_reward=upcoming[0],
        points_to_next_reward=upcoming[1],
        birthday_this_week=birthday_near(account.birthday, today, loyalty.birthday_window_days)
        is not None,
        language=account.language,
        marketing_consent=account.marketing_consent,
    )


@dataclass(frozen=True)
class _Products:
    by_sku: dict[str, int]
    by_id: dict[int, str]  # names


def _products(uow: UnitOfWork, *, skus: set[str], ids: set[int]) -> _Products:
    """Active products by SKU, and the names of products by id (one query, if any)."""
    if not skus and not ids:
        return _Products({}, {})
    rows = uow.connection.execute(_PRODUCTS, {"skus": sorted(skus), "ids": sorted(ids)}).all()
    return _Products(
        {sku: product_id for product_id, sku, _name, active in rows if sku in skus and active},
        {product_id: name for product_id, _sku, name, _active in rows},
    )


_PRODUCTS = select(Product.id, Product.sku, Product.name, Product.active).where(
    or_(
        Product.sku.in_(bindparam("skus", expanding=True)),
        Product.id.in_(bindparam("ids", expanding=True)),
    )
)


def _next_reward(loyalty: LoyaltySettings, balance: int) -> tuple[str | None, int | None]:
    costs = [(r.key, r.points) for r in loyalty.rewards if r.trigger == RewardTrigger.POINTS]
    found = next_reward(balance, costs)
    if found is None:
        return None, None
    setting = loyalty.reward(found[0])
    assert setting is not None
    return reward_name(setting, None), found[1]


def reward_name(reward: RewardSetting, product_name: str | None) -> str:
    """The shop's name for a reward, or one said from what it takes off."""
    if reward.name:
        return reward.name
    if reward.kind == RewardKind.AMOUNT.value and reward.amount is not None:
        return _("{amount} off").format(amount=format_money(reward.amount))
    if reward.kind == RewardKind.PERCENT.value and reward.percent is not None:
        return _("{percent} % off").format(percent=plain_quantity(reward.percent))
    return _("Free {product}").format(product=product_name or reward.sku or "?")


# --------------------------------------------------------------------------- at the till


def apply_reward(uow: UnitOfWork, actor: Actor, cart: Cart, key: str) -> Cart:
    """Take a reward off the sale: a key from CustomerSummary.available.

    A points reward needs the customer's card in the sale and enough points for it
    and the other rewards already taken; its points are spent when the sale
    completes (not now: a voided sale spends nothing). A free product not yet in
    the sale is added to it.
    """
    require(actor, Permission.SELL)
    if key.startswith(VOUCHER_KEY):
        return apply_voucher(uow, actor, cart, key[len(VOUCHER_KEY) :])
    _not_taken_yet(cart, key)
    if not key.startswith(POINTS_KEY):
        raise NotFound(_("That reward is not in the shop's catalogue. Choose another."))
    if cart.customer_id is None:
        raise InvalidInput(_("Scan the customer's card first: points belong to the customer."))
    with uow:
        settings = read_settings(uow)
        setting = settings.loyalty.reward(key[len(POINTS_KEY) :])
        if setting is None or setting.trigger != RewardTrigger.POINTS:
            raise NotFound(_("That reward is not in the shop's catalogue. Choose another."))
        account = _member(uow, cart.customer_id, settings.loyalty.stage_rules(), lock=False)
        reward = _points_reward(uow, settings.loyalty, setting, account.customer_id)
        needed = cart.points_spent + setting.points
        if needed > account.balance:
            raise NotEnoughPoints(
                _(
                    "Not enough points: the customer has {balance}, and {reward} needs {points}."
                ).format(balance=account.balance, reward=reward.name, points=needed)
            )
        cart = _with_product_of(uow, cart, reward)
    return cart.with_reward(reward)


def apply_voucher(uow: UnitOfWork, actor: Actor, cart: Cart, code: str) -> Cart:
    """Take a scanned or typed voucher off the sale (its EAN-13, or the V-… text)."""
    require(actor, Permission.SELL)
    code = _voucher_code(code)
    _not_taken_yet(cart, VOUCHER_KEY + code)
    with uow:
        settings = read_settings(uow)
        row = uow.connection.execute(_VOUCHER, {"voucher": code}).first()
        refused = _refusal(row, code, cart.customer_id, _today(uow, settings))
        if refused is not None:
            raise refused
        assert row is not None
        reward = AppliedReward(
            key=VOUCHER_KEY + code,
            name=row.name,
            kind=RewardKind(row.kind),
            amount=row.amount,
            percent=row.percent,
            product_id=row.product_id,
            voucher_code=code,
            customer_id=None if row.bearer else row.customer_id,
            excluded_categories=_excluded_categories(uow, settings.loyalty),
        )
        cart = _with_product_of(uow, cart, reward)
    return cart.with_reward(reward)


def _not_taken_yet(cart: Cart, key: str) -> None:
    for reward in cart.rewards:
        if reward.key == key:
            raise InvalidInput(_("{name} is already taken off this sale.").format(name=reward.name))


def remove_reward(cart: Cart, key: str) -> Cart:
    """Take a reward out of the sale again: nothing is spent, the voucher stays valid."""
    return cart.without_reward(key)


def _voucher_code(text: str) -> str:
    code = text.strip().upper()
    return code[2:] if code.startswith("V-") else code


_VOUCHER = select(
    Voucher.name,
    Voucher.kind,
    Voucher.amount,
    Voucher.percent,
    Voucher.product_id,
    Voucher.customer_id,
    Voucher.bearer,
    Voucher.status,
    Voucher.expires_on,
    Voucher.used_at,
).where(Voucher.code == bindparam("voucher"))


def _refusal(
    row: Row[*tuple[Any, ...]] | None, code: str, customer_id: int | None, today: date
) -> VoucherNotUsable | NotFound | None:
    """Why a voucher (its _VOUCHER row) cannot be used in a sale for this customer today."""
    if row is None:
        return NotFound(
            _("There is no voucher {code}. Check the code, or scan it again.").format(code=code)
        )
    if row.status == "used":
        used_on = format_date(row.used_at.date()) if row.used_at else "?"
        return VoucherNotUsable(
            _("Voucher {code} was already used on {date}. It can be used only once.").format(
                code=code, date=used_on
            )
        )
    if row.status == "expired" or row.expires_on < today:
        return VoucherNotUsable(
            _("Voucher {code} expired on {date}. It can no longer be used.").format(
                code=code, date=format_date(row.expires_on)
            )
        )
    if not row.bearer and row.customer_id != customer_id:
        if customer_id is None:
            return VoucherNotUsable(
                _("Voucher {code} belongs to a member: scan their loyalty card first.").format(
                    code=code
                )
            )
        return VoucherNotUsable(
            _(
                "Voucher {code} belongs to another customer: it can be used only with their card."
            ).format(code=code)
        )
    return None


def _points_reward(
    uow: UnitOfWork, loyalty: LoyaltySettings, setting: RewardSetting, customer_id: int
) -> AppliedReward:
    """The catalogue's reward as it is taken in a sale (also what a cart is checked against)."""
    product_id = None
    product_name = None
    if setting.kind == RewardKind.PRODUCT.value:
        products = _products(uow, skus={setting.sku or ""}, ids=set())
        product_id = products.by_sku.get(setting.sku or "")
        if product_id is None:
            raise NotFound(
                _("The product of {reward} is no longer sold. Choose another reward.").format(
                    reward=reward_name(setting, None)
                )
            )
        product_name = products.by_id.get(product_id)
    return AppliedReward(
        key=POINTS_KEY + setting.key,
        name=reward_name(setting, product_name),
        kind=RewardKind(setting.kind),
        amount=setting.amount,
        percent=setting.percent,
        product_id=product_id,
        points=setting.points,
        customer_id=customer_id,
        excluded_categories=_excluded_categories(uow, loyalty),
    )


def _with_product_of(uow: UnitOfWork, cart: Cart, reward: AppliedReward) -> Cart:
    """The cart with one unit of a free-product reward's product, if it has none yet."""
    if reward.kind is not RewardKind.PRODUCT or any(
        line.product_id == reward.product_id and not line.by_weight for line in cart.lines
    ):
        return cart
    assert reward.product_id is not None
    product = catalog.product_by_id(uow, reward.product_id)
    if product is None or not product.active or product.by_weight:
        raise NotFound(_("The product of {reward} is no longer sold.").format(reward=reward.name))
    return product.add_to(cart, Decimal(1))


def _excluded_categories(uow: UnitOfWork, loyalty: LoyaltySettings) -> tuple[int, ...]:
    return tuple(sorted(_category_ids(uow, set(loyalty.excluded_categories)).values()))


def _category_ids(uow: UnitOfWork, names: set[str]) -> dict[str, int]:
    if not names:
        return {}
    rows = uow.connection.execute(_CATEGORY_IDS, {"names": sorted(names)})
    return {name: category_id for name, category_id in rows}


_CATEGORY_IDS = select(Category.name, Category.id).where(
    Category.name.in_(bindparam("names", expanding=True))
)


# --------------------------------------------------------------------------- a sale


def record_sale(
    uow: UnitOfWork, actor: Actor, cart: Cart, sale_id: int, now: datetime
) -> LoyaltyOutcome:
    """Inside complete_sale()'s transaction: spend, use, earn and issue what the sale does,
    and keep the member's reminder facts (posapp.services.care): what this sale was, their
    usual days between visits (in the account's own UPDATE) and their usual items (one
    upsert).

    Raises (so that nothing of the sale is recorded) NotEnoughPoints when the
    customer's points no longer cover the rewards, VoucherNotUsable when a
    voucher was used meanwhile (or expired, or is another customer's), and
    SaleIncomplete when a reward takes nothing off or no longer matches the
    shop's catalogue.
    """
    settings = read_settings(uow)
    loyalty = settings.loyalty
    today = _today(uow, settings)
    for reward in cart.rewards:
        if cart.reward_amounts.get(reward.key, Decimal(0)) <= 0:
            raise SaleIncomplete(
                _("{reward} takes nothing off this sale. Remove it, or add what it is for.").format(
                    reward=reward.name
                )
            )
    used = _use_vouchers(uow, cart, sale_id, now, today, loyalty)
    # Every reward that is not a voucher is paid for with the customer's points.
    point_rewards = [reward for reward in cart.rewards if reward.voucher_code is None]
    if cart.customer_id is None:
        if point_rewards:
            raise SaleIncomplete(_("Points rewards need the customer's card in the sale."))
        return LoyaltyOutcome(customer_id=None, vouchers_used=used)
    rules = loyalty.stage_rules()
    account = _member(uow, cart.customer_id, rules, lock=True)
    customer_id = account.customer_id
    if customer_id != cart.customer_id:  # merged into another while the sale was rung up
        uow.connection.execute(
            update(Sale).where(Sale.id == sale_id).values(customer_id=customer_id)
        )
    _check_points_rewards(uow, loyalty, point_rewards, cart.customer_id)
    spent = cart.points_spent
    if spent > account.balance:
        raise _not_enough(account.balance)

    stage_before = compute_stage(account.facts, rules, today)
    facts_after, new_visit = with_visit(account.facts, today, rules.client_visits)
    stage_after = compute_stage(facts_after, rules, today)
    earning = earn_points(
        cart.lines,
        cart.payments,
        _earn_rules(uow, loyalty),
        stage=stage_before,
        new_visit=new_visit,
        birthday=account.birthday,
        day=today,
    )
    entries: list[dict[str, Any]] = [
        _entry(customer_id, "redeemed", -reward.points, f"sale:{sale_id}:{reward.key}", sale_id)
        for reward in point_rewards
    ]
    if earning.points:
        entries.append(_entry(customer_id, "earned", earning.points, f"sale:{sale_id}", sale_id))
    referrer = None
    referral = 0
    if account.facts.purchases == 0 and account.referred_by_id and loyalty.referral_points > 0:
        referrer = account.referred_by_id
        referral = loyalty.referral_points
        entries.append(
            _entry(customer_id, "referral", referral, f"referral:{customer_id}:member", sale_id)
        )
    visit_number = account.visits + (1 if new_visit else 0)
    occasions, birthday_year = _occasions(loyalty, account, new_visit, visit_number, today)

    change = earning.points + referral - spent
    interval = account.visit_interval
    if new_visit and account.facts.recent_visits:
        interval = next_visit_interval(interval, (today - account.facts.recent_visits[0]).days)
    changed = uow.connection.execute(
        _SPEND_AND_EARN,
        {
            "customer": customer_id,
            "spent": spent,
            "change": change,
            "stage": stage_after.value,
            "new_visits": 1 if new_visit else 0,
            "today": today,
            "now": now,
            "birthday_year": birthday_year,
            "last_items": _last_items(cart),
            "visit_interval": interval,
        },
    ).rowcount
    if changed != 1:  # cannot happen under the row lock; the database decides anyway
        raise _not_enough(account.balance)
    if new_visit:
        uow.connection.execute(_INSERT_VISIT, {"customer_id": customer_id, "day": today})
    _count_products(uow, customer_id, [(line.product_id, 1, now) for line in cart.lines])
    changes = _stage_changes(customer_id, account.stored_stage, stage_before, stage_after, sale_id)
    issued = _issue_vouchers(uow, settings, customer_id, occasions, sale_id, now, today)
    if referrer is not None:
        entries.extend(
            _credit_referrer(uow, rules, referrer, customer_id, referral, sale_id, now, today)
        )
    _post(uow, entries, actor, now)
    if changes:
        uow.connection.execute(_INSERT_STAGE_CHANGES, [{**c, "at": now} for c in changes])
    balance = account.balance + change
    upcoming = _next_reward(loyalty, balance)
    return LoyaltyOutcome(
        customer_id=customer_id,
        points_earned=earning.points,
        points_spent=spent,
        referral_points=referral,
        balance=balance,
        stage_before=stage_before,
        stage_after=stage_after,
        vouchers_issued=tuple(issued),
        vouchers_used=used,
        next_reward=upcoming[0],
        points_to_next_reward=upcoming[1],
    )


LAST_ITEMS = 5  # names kept of a member's last sale (staff reminders show a few)


def _last_items(cart: Cart) -> str:
    """The names on the sale, once each in the order rung up, as loyalty_accounts keeps them."""
    names = list(dict.fromkeys(line.name for line in cart.lines))[:LAST_ITEMS]
    return json.dumps(names, ensure_ascii=False)


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


def _not_enough(balance: int) -> NotEnoughPoints:
    return NotEnoughPoints(
        _(
            "Not enough points: the customer has {balance}. Take a reward off the sale, or "
            "scan the card again to see what is left."
        ).format(balance=balance)
    )


def _entry(
    customer_id: int,
    kind: str,
    points: int,
    key: str,
    sale_id: int | None,
    reason: str | None = None,
) -> dict[str, Any]:
    return {
        "customer_id": customer_id,
        "kind": kind,
        "points": points,
        "key": key,
        "sale_id": sale_id,
        "reason": reason,
    }


def _post(uow: UnitOfWork, entries: list[dict[str, Any]], actor: Actor, now: datetime) -> None:
    """Append entries to the ledger (the caller has changed the balances they make)."""
    if entries:
        uow.connection.execute(
            _INSERT_ENTRIES, [{**entry, "user_id": actor.user_id, "at": now} for entry in entries]
        )


def _use_vouchers(
    uow: UnitOfWork,
    cart: Cart,
    sale_id: int,
    now: datetime,
    today: date,
    loyalty: LoyaltySettings,
) -> tuple[str, ...]:
    """Mark the cart's vouchers used, each by a conditional UPDATE, in code order (so two
    sales using the same two vouchers wait for each other rather than deadlock)."""
    codes = sorted(reward.voucher_code for reward in cart.rewards if reward.voucher_code)
    if not codes:
        return ()
    by_code = {reward.voucher_code: reward for reward in cart.rewards if reward.voucher_code}
    excluded = _excluded_categories(uow, loyalty)
    for code in codes:
        row = uow.connection.execute(
            _USE_VOUCHER,
            {
                "voucher": code,
                "today": today,
                "customer": cart.customer_id,
                "sale": sale_id,
                "now": now,
            },
        ).first()
        if row is None:
            found = uow.connection.execute(_VOUCHER, {"voucher": code}).first()
            refused = _refusal(found, code, cart.customer_id, today)
            raise refused or VoucherNotUsable(_("Voucher {code} cannot be used.").format(code=code))
        reward = by_code[code]
        if (
            (RewardKind(row.kind), row.amount, row.percent, row.product_id)
            != (reward.kind, reward.amount, reward.percent, reward.product_id)
            or reward.points
            or tuple(reward.excluded_categories) != excluded
        ):
            raise SaleIncomplete(_voucher_changed(code))
    return tuple(codes)


def _voucher_changed(code: str) -> str:
    return _(
        "Voucher {code} in this sale is not what was issued. Take it off and scan it again."
    ).format(code=code)


def _check_points_rewards(
    uow: UnitOfWork,
    loyalty: LoyaltySettings,
    rewards: Sequence[AppliedReward],
    customer_id: int,
) -> None:
    """Each points reward in the cart is the catalogue's, at the catalogue's price."""
    for reward in rewards:
        setting = loyalty.reward(reward.key.removeprefix(POINTS_KEY))
        if (
            not reward.key.startswith(POINTS_KEY)
            or setting is None
            or setting.trigger != RewardTrigger.POINTS
            or replace(_points_reward(uow, loyalty, setting, customer_id), name=reward.name)
            != reward
        ):
            raise SaleIncomplete(
                _(
                    "{reward} is no longer offered as it was taken. Take it off the sale and "
                    "choose it again."
                ).format(reward=reward.name)
            )


def _earn_rules(uow: UnitOfWork, loyalty: LoyaltySettings) -> EarnRules:
    skus = {bonus.code for bonus in loyalty.product_bonus}
    names = {*loyalty.excluded_categories, *(bonus.code for bonus in loyalty.category_bonus)}
    return loyalty.earn_rules(
        _products(uow, skus=skus, ids=set()).by_sku, _category_ids(uow, names)
    )


def _occasions(
    loyalty: LoyaltySettings,
    account: _Account,
    new_visit: bool,
    visit_number: int,
    today: date,
) -> tuple[list[tuple[RewardSetting, str]], int | None]:
    """The vouchers this sale issues, with the key that makes each occasion issue once, and
    the year whose birthday vouchers have been issued after it."""
    customer_id = account.customer_id
    due: list[tuple[RewardSetting, str]] = []
    if new_visit:
        every = [(r.key, r.every) for r in loyalty.rewards if r.trigger == RewardTrigger.NTH_VISIT]
        for key in visit_rewards_due(visit_number, every):
            setting = loyalty.reward(key)
            assert setting is not None
            due.append((setting, f"visit:{customer_id}:{visit_number}:{key}"))
    kept = birthday_near(account.birthday, today, loyalty.birthday_window_days)
    if kept is None or account.birthday_reward_year == kept.year:
        return due, account.birthday_reward_year
    due.extend(
        (setting, f"birthday:{customer_id}:{kept.year}:{setting.key}")
        for setting in loyalty.rewards
        if setting.trigger == RewardTrigger.BIRTHDAY
    )
    return due, kept.year


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


def _credit_referrer(
    uow: UnitOfWork,
    rules: StageRules,
    referrer_id: int,
    member_id: int,
    points: int,
    sale_id: int,
    now: datetime,
    today: date,
) -> list[dict[str, Any]]:
    """The referrer's reward for the new member's first purchase; they may become an Advocate."""
    try:
        referrer = _member(uow, referrer_id, rules, lock=True)
    except NotFound:
        return []
    before = compute_stage(referrer.facts, rules, today)
    after = compute_stage(
        replace(referrer.facts, referred_buyers=referrer.facts.referred_buyers + 1), rules, today
    )
    uow.connection.execute(
        update(LoyaltyAccount)
        .where(LoyaltyAccount.customer_id == referrer.customer_id)
        .values(
            balance=LoyaltyAccount.balance + points,
            referred_buyers=LoyaltyAccount.referred_buyers + 1,
            stage=after.value,
        )
    )
    changes = _stage_changes(referrer.customer_id, referrer.stored_stage, before, after, sale_id)
    if changes:
        uow.connection.execute(_INSERT_STAGE_CHANGES, [{**c, "at": now} for c in changes])
    return [
        _entry(referrer.customer_id, "referral", points, f"referral:{member_id}:referrer", sale_id)
    ]


def _issue_vouchers(
    uow: UnitOfWork,
    settings: ShopSettings,
    customer_id: int | None,
    occasions: Iterable[tuple[RewardSetting, str]],
    sale_id: int | None,
    now: datetime,
    today: date,
) -> list[IssuedVoucher]:
    occasions = list(occasions)
    if not occasions:
        return []
    products = _products(uow, skus={s.sku for s, _key in occasions if s.sku}, ids=set())
    rules = settings.barcode_rules()
    issued = []
    for setting, issue_key in occasions:
        product_id = products.by_sku.get(setting.sku or "")
        if setting.kind == RewardKind.PRODUCT.value and product_id is None:
            continue  # its product is no longer sold: nothing to give
        product_name = products.by_id.get(product_id or 0)
        code = _new_voucher_code(uow, rules)
        voucher = IssuedVoucher(
            code=code,
            name=reward_name(setting, product_name),
            kind=RewardKind(setting.kind),
            amount=setting.amount,
            percent=setting.percent,
            product_name=product_name,
            expires_on=today + timedelta(days=setting.valid_days),
        )
        uow.connection.execute(
            insert(Voucher).values(
                code=code,
                customer_id=customer_id,
                bearer=not settings.loyalty.vouchers_bound_to_customer or customer_id is None,
                reward_key=setting.key,
                name=voucher.name[:120],
                kind=setting.kind,
                amount=setting.amount,
                percent=setting.percent,
                product_id=product_id,
                issue_key=issue_key,
                issued_at=now,
                issued_in_sale_id=sale_id,
                expires_on=voucher.expires_on,
            )
        )
        issued.append(voucher)
    return issued


def _new_voucher_code(uow: UnitOfWork, rules: BarcodeRules) -> str:
    """An unused, unguessable code: an EAN-13 in the voucher prefix (ten random digits).

    Without a voucher prefix in the shop's barcode settings the ten digits alone,
    printed as the Code 128 text V-<digits>.
    """
    prefix = next((p.prefix for p in rules.prefixes if p.kind is InStoreKind.VOUCHER), None)
    while True:
        digits = f"{uow.random.randrange(10**10):010d}"
        code = make_ean13(prefix + digits) if prefix else digits
        taken = uow.connection.execute(select(Voucher.id).where(Voucher.code == code)).first()
        if taken is None:
            return code


# --------------------------------------------------------------------------- replays, refunds


def replayed_outcome(
    uow: UnitOfWork, sale_id: int, customer_id: int | None
) -> LoyaltyOutcome | None:
    """What a recorded sale or refund did, read back for the retry of its posting."""
    connection = uow.connection
    entries = connection.execute(
        select(PointsEntry.customer_id, PointsEntry.kind, PointsEntry.points).where(
            PointsEntry.sale_id == sale_id
        )
    ).all()
    used = tuple(
        connection.execute(
            select(Voucher.code).where(Voucher.used_in_sale_id == sale_id).order_by(Voucher.code)
        ).scalars()
    )
    if customer_id is None and not used:
        return None
    issued = tuple(
        IssuedVoucher(
            code=row.code,
            name=row.name,
            kind=RewardKind(row.kind),
            amount=row.amount,
            percent=row.percent,
            product_name=None,
            expires_on=row.expires_on,
        )
        for row in connection.execute(
            select(*_VOUCHER_TERMS).where(Voucher.issued_in_sale_id == sale_id).order_by(Voucher.id)
        )
    )
    stages = connection.execute(
        select(StageChange.from_stage, StageChange.to_stage)
        .where(StageChange.sale_id == sale_id, StageChange.customer_id == customer_id)
        .order_by(StageChange.id)
    ).first()
    own = [(kind, points) for who, kind, points in entries if who == customer_id]

    def total(*kinds: str) -> int:
        return sum(points for kind, points in own if kind in kinds)

    balance = None
    if customer_id is not None:
        balance = connection.execute(
            select(LoyaltyAccount.balance).where(LoyaltyAccount.customer_id == customer_id)
        ).scalar()
    return LoyaltyOutcome(
        customer_id=customer_id,
        points_earned=total("earned"),
        points_spent=-total("redeemed"),
        referral_points=total("referral"),
        points_reversed=-total("refund_reversal"),
        points_restored=total("redemption_restored"),
        balance=balance,
        stage_before=Stage(stages[0]) if stages else None,
        stage_after=Stage(stages[1]) if stages else None,
        vouchers_issued=issued,
        vouchers_used=used,
    )


def record_refund(
    uow: UnitOfWork,
    actor: Actor,
    *,
    sale_id: int,
    customer_id: int,
    refund_id: int,
    sale_total: Decimal,
    refunded_before: Decimal,
    refunded_after: Decimal,
    fully: bool,
    now: datetime,
) -> LoyaltyOutcome | None:
    """Inside refund()'s transaction: take back earned points, give back spent ones.

    Both follow the money refunded (posapp.domain.loyalty.refund_step), so the
    refunds of a sale, however split, take back exactly what it earned once it
    is all refunded, never more. Spent points come back per the shop's setting
    (in proportion, only on a full refund, or never). A balance never goes
    below zero: when the customer has already spent the points a refund would
    take back, it takes what there is and the entry says how many it could not.
    """
    connection = uow.connection
    earned = (
        connection.execute(
            select(PointsEntry.points).where(
                PointsEntry.kind == "earned", PointsEntry.key == f"sale:{sale_id}"
            )
        ).scalar()
        or 0
    )
    spent = -(
        connection.execute(
            select(func.sum(PointsEntry.points)).where(
                PointsEntry.sale_id == sale_id, PointsEntry.kind == "redeemed"
            )
        ).scalar()
        or 0
    )
    if not earned and not spent:
        return None
    loyalty = read_settings(uow).loyalty
    account = _member(uow, customer_id, loyalty.stage_rules(), lock=True)
    reverse = refund_step(earned, sale_total, refunded_before, refunded_after, fully)
    if loyalty.refund_restores_points == "proportional":
        restore = refund_step(spent, sale_total, refunded_before, refunded_after, fully)
    elif loyalty.refund_restores_points == "full_refund":
        restore = spent if fully else 0
    else:
        restore = 0
    taken = min(reverse, account.balance + restore)
    shortfall = reverse - taken
    key = f"refund:{refund_id}"
    entries = []
    if restore:
        entries.append(_entry(account.customer_id, "redemption_restored", restore, key, refund_id))
    if reverse:
        reason = None
        if shortfall:
            reason = _(
                "{short} of {points} points not taken back: the customer had already spent them."
            ).format(short=shortfall, points=reverse)
        entries.append(
            _entry(account.customer_id, "refund_reversal", -taken, key, refund_id, reason)
        )
    change = restore - taken
    connection.execute(
        _CHANGE_BALANCE,
        {"customer": account.customer_id, "needed": max(-change, 0), "change": change},
    )
    _post(uow, entries, actor, now)
    upcoming = _next_reward(loyalty, account.balance + change)
    return LoyaltyOutcome(
        customer_id=account.customer_id,
        points_reversed=taken,
        points_restored=restore,
        shortfall=shortfall,
        balance=account.balance + change,
        next_reward=upcoming[0],
        points_to_next_reward=upcoming[1],
    )


# --------------------------------------------------------------------------- members


def enrol_customer(
    uow: UnitOfWork,
    actor: Actor,
    name: str,
    *,
    phone: str | None = None,
    email: str | None = None,
    birthday: date | None = None,
    language: str | None = None,
    address_as: str | None = None,
    notes: str | None = None,
    consent: bool = False,
    card_number: str | None = None,
    referred_by: str | None = None,
) -> CustomerSummary:
    """Enrol a new member at the counter; only the name is needed.

    `card_number`: a pre-printed card scanned to link it (a loyalty card of this
    shop, not used yet); without it a new number is issued (the card prefix, a
    number never handed out before, its check digit). `consent` records their
    agreement to marketing, when and by whom. `referred_by` is the card number or
    phone of the member who brought them: both get the referral reward with the
    new member's first purchase.
    """
    require(actor, Permission.SELL)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput(_("A member needs a name."))
    if len(name) > 120:
        raise InvalidInput(_("A name is at most 120 characters."))
    details = _details(phone, email, birthday, language, address_as, notes)
    with uow.writing():
        settings = read_settings(uow)
        now = uow.now()
        if birthday is not None and birthday > _today(uow, settings):
            raise InvalidInput(_("A birthday cannot be in the future. Check the year."))
        referrer = _referrer(uow, referred_by) if referred_by else None
        number = _card_for(uow, settings.barcode_rules(), card_number)
        customer = Customer(
            name=name,
            created_at=now,
            marketing_consent=consent,
            consented_at=now if consent else None,
            consent_taken_by=actor.user_id if consent else None,
            referred_by_id=referrer,
            **details,
        )
        uow.session.add(customer)
        uow.session.flush()  # its account and name keys come with it (posapp.db.models)
        uow.session.add(
            LoyaltyCard(number=number, customer_id=customer.id, status="active", issued_at=now)
        )
        uow.session.flush()
        welcome = settings.loyalty.welcome_points
        if welcome > 0:
            uow.connection.execute(
                _CHANGE_BALANCE, {"customer": customer.id, "needed": 0, "change": welcome}
            )
            _post(
                uow,
                [_entry(customer.id, "bonus", welcome, f"welcome:{customer.id}", None)],
                actor,
                now,
            )
        summary = read_summary(uow, customer.id, number)
        uow.commit()
    return summary


def _details(
    phone: str | None,
    email: str | None,
    birthday: date | None,
    language: str | None,
    address_as: str | None,
    notes: str | None,
) -> dict[str, Any]:
    """The optional details, checked and tidied; empty texts are no details."""
    phone = (phone or "").strip() or None
    key = None
    if phone is not None:
        key = phone_key(phone)
        if key is None:
            raise InvalidInput(
                _("{phone} is not a phone number. Enter digits, e.g. +371 29 123 456.").format(
                    phone=phone
                )
            )
    email = (email or "").strip() or None
    if email is not None and (
        len(email) > 254 or "@" not in email or "." not in email.rsplit("@", 1)[1] or " " in email
    ):
        raise InvalidInput(
            _("{email} is not an e-mail address. Check it, or leave it empty.").format(email=email)
        )
    if birthday is not None and birthday.year < 1900:
        raise InvalidInput(_("A birthday is after 1900. Check the year."))
    language = (language or "").strip().lower() or None
    if language is not None and not (
        language.isascii() and language.isalpha() and len(language) <= 3
    ):
        raise InvalidInput(_("A language is a code such as lv, en or ru."))
    address_as = (address_as or "").strip()[:80] or None
    notes = (notes or "").strip() or None
    return {
        "phone": phone,
        "phone_key": key,
        "email": email,
        "birthday": birthday,
        "language": language,
        "address_as": address_as,
        "notes": notes,
    }


def _referrer(uow: UnitOfWork, text: str) -> int:
    """The member a card number or phone names (following merges)."""
    text = text.strip()
    found = catalog.customer_by_card(uow, text)
    candidates: list[int] = [] if found is None else [found.customer_id]
    if not candidates:
        key = phone_key(text)
        if key is not None:
            candidates = list(
                uow.connection.execute(
                    select(Customer.id).where(
                        Customer.phone_key == key, Customer.merged_into_id.is_(None)
                    )
                ).scalars()
            )
    if len(candidates) > 1:
        raise InvalidInput(
            _(
                "Several members have the phone {phone}. Scan the card of the one who referred."
            ).format(phone=text)
        )
    if not candidates:
        raise NotFound(
            _(
                "No member has the card or phone {text}. Check it, or leave the referral empty."
            ).format(text=text)
        )
    merged_into = uow.connection.execute(
        select(Customer.merged_into_id).where(Customer.id == candidates[0])
    ).scalar()
    return merged_into or candidates[0]


def _card_for(uow: UnitOfWork, rules: BarcodeRules, card_number: str | None) -> str:
    """The card to link: the pre-printed one scanned (checked), or a new number."""
    if card_number is None or not card_number.strip():
        return _issue_card_number(uow, rules)
    scanned = barcodes.classify(card_number, rules)
    if isinstance(scanned, barcodes.Misread):
        raise MisreadBarcode(
            _("Misread barcode ({reason}). Scan it again.").format(reason=_(scanned.reason))
        )
    if not isinstance(scanned, barcodes.LoyaltyCard):
        raise InvalidInput(
            _("{code} is not a loyalty card of this shop. Scan the card's barcode.").format(
                code=card_number.strip()
            )
        )
    if catalog.customer_by_card(uow, scanned.number) is not None:
        raise InvalidInput(
            _("Card {number} is already in use. Give the customer another card.").format(
                number=scanned.number
            )
        )
    return scanned.number


def _issue_card_number(uow: UnitOfWork, rules: BarcodeRules) -> str:
    """The next card number of the shop's series: never one handed out (or pre-printed and
    linked) before. The counter's row is locked until the transaction ends."""
    prefix = next((p.prefix for p in rules.prefixes if p.kind is InStoreKind.LOYALTY_CARD), None)
    if prefix is None:
        raise InvalidInput(
            _("The shop's barcode settings have no loyalty card prefix, so no card can be issued.")
        )
    connection = uow.connection
    while True:
        value = connection.execute(_NEXT_CARD).scalar_one() - 1
        if value >= 10**10:
            raise InvalidInput(_("Every card number of the shop's prefix is used."))
        number = make_ean13(f"{prefix}{value:010d}")
        if catalog.customer_by_card(uow, number) is None:
            return number
        # Pre-printed cards hold numbers of the series: go on after the highest in use.
        highest = connection.execute(
            select(func.max(LoyaltyCard.number)).where(
                LoyaltyCard.number >= prefix, LoyaltyCard.number < prefix_upper_bound(prefix)
            )
        ).scalar()
        if highest and len(highest) == 13 and highest.isdigit():
            connection.execute(
                update(NumberSeries)
                .where(NumberSeries.name == CARD_SERIES)
                .values(next_value=max(int(highest[2:12]) + 1, value + 1))
            )


def replace_card(
    uow: UnitOfWork, actor: Actor, customer_id: int, new_card_number: str | None = None
) -> CustomerSummary:
    """A lost card: block the member's card(s) and link a pre-printed one or issue a new one.

    Points, history and vouchers stay with the member; a blocked card scanned
    later says that it was replaced.
    """
    require(actor, Permission.SELL)
    with uow.writing():
        settings = read_settings(uow)
        account = _member(uow, customer_id, settings.loyalty.stage_rules(), lock=True)
        now = uow.now()
        blocked = list(
            uow.connection.execute(
                update(LoyaltyCard)
                .where(
                    LoyaltyCard.customer_id == account.customer_id, LoyaltyCard.status == "active"
                )
                .values(status="blocked", blocked_at=now)
                .returning(LoyaltyCard.number)
            ).scalars()
        )
        number = _card_for(uow, settings.barcode_rules(), new_card_number)
        uow.session.add(
            LoyaltyCard(
                number=number, customer_id=account.customer_id, status="active", issued_at=now
            )
        )
        uow.session.flush()
        audit.record(
            uow,
            actor,
            "card_replaced",
            {"customer_id": account.customer_id, "blocked": sorted(blocked), "card": number},
        )
        summary = read_summary(uow, account.customer_id, number)
        uow.commit()
    return summary


# Both answered from an index (tests/integration/test_loyalty_plans.py checks the plans).
_BY_PHONE = (
    select(Customer.id, Customer.name)
    .where(Customer.phone_key == bindparam("key"), Customer.merged_into_id.is_(None))
    .order_by(Customer.id)
    .limit(bindparam("limit"))
)
_NAME_STARTS = (
    select(Customer.id, Customer.name)
    .join_from(CustomerNameKey, Customer, CustomerNameKey.customer_id == Customer.id)
    .where(
        CustomerNameKey.key >= bindparam("low"),
        CustomerNameKey.key < bindparam("high"),
        Customer.merged_into_id.is_(None),
    )
    .order_by(CustomerNameKey.key, CustomerNameKey.customer_id)
    .limit(bindparam("limit"))
)


def find_customers(uow: UnitOfWork, text: str, limit: int = 20) -> list[CustomerMatch]:
    """One read transaction: members by card number, phone or name, as the cashier types.

    A card (active or blocked) finds its member; a phone number finds who has it;
    a name or the start of any of its words finds members whatever the case and
    diacritics ("ozolin" finds "Ēriks Ozoliņš"). Merged members are left out.
    """
    text = text.strip()
    if not text or limit <= 0:
        return []
    with uow:
        connection = uow.connection
        found: dict[int, str] = {}
        by_card = catalog.customer_by_card(uow, text)
        if by_card is not None:
            found[by_card.customer_id] = by_card.name
        key = phone_key(text)
        if key is not None:
            for customer_id, name in connection.execute(_BY_PHONE, {"key": key, "limit": limit}):
                found.setdefault(customer_id, name)
        words = search_key(text)
        if len(words) >= 2:
            bounds = {"low": words, "high": prefix_upper_bound(words)}
            # A name with two words that match comes twice: ask for more.
            for customer_id, name in connection.execute(
                _NAME_STARTS, {**bounds, "limit": limit * 3}
            ):
                found.setdefault(customer_id, name)
        ids = list(found)[:limit]
        if not ids:
            return []
        details = {
            customer_id: phone
            for customer_id, phone in connection.execute(
                select(Customer.id, Customer.phone).where(Customer.id.in_(ids))
            )
        }
        cards: dict[int, str] = {}
        for customer_id, number in connection.execute(
            select(LoyaltyCard.customer_id, LoyaltyCard.number)
            .where(LoyaltyCard.customer_id.in_(ids), LoyaltyCard.status == "active")
            .order_by(LoyaltyCard.issued_at, LoyaltyCard.id)
        ):
            cards[customer_id] = number  # the newest active card last
        return [
            CustomerMatch(
                customer_id, found[customer_id], cards.get(customer_id), details.get(customer_id)
            )
            for customer_id in ids
        ]


def merge_customers(uow: UnitOfWork, actor: Actor, keep_id: int, merge_id: int) -> CustomerSummary:
    """Two records of one person: everything of `merge_id` moves to `keep_id`.

    Cards, sales, ledger entries (as they were: earning dates, so expiry, stay
    right), vouchers, ratings, visit days and the members they referred move;
    the balance is the sum of both; the kept record's empty details are filled
    from the other. The merged record stays, marked merged into the kept one
    (its stage history stays with it). Owner or manager.
    """
    require(actor, Permission.MANAGE_LOYALTY)
    if keep_id == merge_id:
        raise InvalidInput(_("Choose two different members to merge."))
    with uow.writing():
        connection = uow.connection
        settings = read_settings(uow)
        rules = settings.loyalty.stage_rules()
        accounts = {}
        for customer_id in sorted((keep_id, merge_id)):  # lock in id order: no deadlock
            account = _read_account(uow, customer_id, rules, lock=True)
            if account is None or account.merged_into_id is not None:
                raise NotFound(
                    _("Member {id} is not in the database or was merged already.").format(
                        id=customer_id
                    )
                )
            accounts[customer_id] = account
        keep, gone = accounts[keep_id], accounts[merge_id]
        now = uow.now()
        for model in (
            LoyaltyCard,
            Sale,
            PointsEntry,
            Voucher,
            Rating,
            CustomerNote,
            Promise,
            Complaint,
        ):
            connection.execute(
                update(model).where(model.customer_id == merge_id).values(customer_id=keep_id)
            )
        theirs = connection.execute(
            select(
                CustomerProduct.product_id, CustomerProduct.sales, CustomerProduct.last_bought_at
            ).where(CustomerProduct.customer_id == merge_id)
        )
        _count_products(uow, keep_id, [(product, sales, at) for product, sales, at in theirs])
        connection.execute(delete(CustomerProduct).where(CustomerProduct.customer_id == merge_id))
        connection.execute(
            update(Customer)
            .where(Customer.referred_by_id == merge_id, Customer.id != keep_id)
            .values(referred_by_id=keep_id)
        )
        # One person cannot have brought themselves.
        connection.execute(
            update(Customer)
            .where(Customer.id == keep_id, Customer.referred_by_id == merge_id)
            .values(referred_by_id=None)
        )
        kept_days = select(CustomerVisit.day).where(CustomerVisit.customer_id == keep_id)
        connection.execute(
            insert(CustomerVisit).from_select(
                ["customer_id", "day"],
                select(literal(keep_id, Integer), CustomerVisit.day).where(
                    CustomerVisit.customer_id == merge_id, CustomerVisit.day.not_in(kept_days)
                ),
            )
        )
        connection.execute(delete(CustomerVisit).where(CustomerVisit.customer_id == merge_id))
        visits, last_visit = connection.execute(
            select(func.count(), func.max(CustomerVisit.day)).where(
                CustomerVisit.customer_id == keep_id
            )
        ).one()
        first_purchase = connection.execute(
            select(
                func.min(LoyaltyAccount.first_purchase_at),
                func.max(LoyaltyAccount.last_purchase_at),
            ).where(LoyaltyAccount.customer_id.in_((keep_id, merge_id)))
        ).one()
        facts = StageFacts(
            purchases=keep.facts.purchases + gone.facts.purchases,
            recent_visits=tuple(
                connection.execute(
                    _RECENT_VISITS, {"customer": keep_id, "keep": rules.client_visits}
                ).scalars()
            ),
            referred_buyers=keep.facts.referred_buyers + gone.facts.referred_buyers,
            five_star_ratings=keep.facts.five_star_ratings + gone.facts.five_star_ratings,
        )
        today = _today(uow, settings)
        before = compute_stage(keep.facts, rules, today)
        after = compute_stage(facts, rules, today)
        merged = aliased(LoyaltyAccount)
        connection.execute(
            update(LoyaltyAccount)
            .where(LoyaltyAccount.customer_id == keep_id)
            .values(
                balance=keep.balance + gone.balance,
                purchases=facts.purchases,
                visits=visits,
                last_visit_on=last_visit,
                first_purchase_at=first_purchase[0],
                last_purchase_at=first_purchase[1],
                referred_buyers=facts.referred_buyers,
                five_star_ratings=facts.five_star_ratings,
                birthday_reward_year=max(
                    keep.birthday_reward_year or 0, gone.birthday_reward_year or 0
                )
                or None,
                stage=after.value,
                # Reminder facts the kept record lacks, from the merged one.
                last_items=func.coalesce(
                    LoyaltyAccount.last_items,
                    select(merged.last_items)
                    .where(merged.customer_id == merge_id)
                    .scalar_subquery(),
                ),
                visit_interval=keep.visit_interval or gone.visit_interval,
            )
        )
        connection.execute(
            update(LoyaltyAccount).where(LoyaltyAccount.customer_id == merge_id).values(balance=0)
        )
        _fill_blanks(uow, keep_id, merge_id)
        connection.execute(
            update(Customer).where(Customer.id == merge_id).values(merged_into_id=keep_id)
        )
        from posapp.services.reports import kept  # not at the counter's start-up

        kept.forget(uow)  # the reports' readings of past months held both records
        changes = _stage_changes(keep_id, keep.stored_stage, before, after, None)
        if changes:
            connection.execute(_INSERT_STAGE_CHANGES, [{**c, "at": now} for c in changes])
        audit.record(
            uow,
            actor,
            "customers_merged",
            {"kept": keep_id, "merged": merge_id, "points": gone.balance},
        )
        summary = read_summary(uow, keep_id)
        uow.commit()
    return summary


_FILLABLE = ("phone", "phone_key", "email", "birthday", "language", "address_as", "notes")


def _fill_blanks(uow: UnitOfWork, keep_id: int, merge_id: int) -> None:
    """The kept member's empty details, from the merged one (and their consent, if any)."""
    session = uow.session
    keep = session.get_one(Customer, keep_id)
    gone = session.get_one(Customer, merge_id)
    for name in _FILLABLE:
        if getattr(keep, name) is None and getattr(gone, name) is not None:
            setattr(keep, name, getattr(gone, name))
    if keep.notes and gone.notes and gone.notes not in keep.notes:
        keep.notes = f"{keep.notes}\n{gone.notes}"
    if not keep.marketing_consent and gone.marketing_consent:
        keep.marketing_consent = True
        keep.consented_at, keep.consent_taken_by = gone.consented_at, gone.consent_taken_by
    session.flush()


# --------------------------------------------------------------------------- back office


def adjust_points(uow: UnitOfWork, actor: Actor, customer_id: int, points: int, reason: str) -> int:
    """Add (or with a negative number take away) points by hand, saying why; returns the
    new balance. Owner or manager. A balance cannot go below zero."""
    require(actor, Permission.MANAGE_LOYALTY)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(_("Say why the points are changed."))
    if isinstance(points, bool) or not isinstance(points, int) or points == 0:
        raise InvalidInput(_("Give the points to add, or a negative number to take away."))
    with uow.writing():
        rules = read_settings(uow).loyalty.stage_rules()
        account = _member(uow, customer_id, rules, lock=True)
        if account.balance + points < 0:
            raise _not_enough(account.balance)
        changed = uow.connection.execute(
            _CHANGE_BALANCE,
            {"customer": account.customer_id, "needed": max(-points, 0), "change": points},
        ).rowcount
        if changed != 1:
            raise _not_enough(account.balance)
        now = uow.now()
        key = f"adjust:{uuid_module.uuid4()}"
        _post(
            uow,
            [_entry(account.customer_id, "adjustment", points, key, None, reason[:200])],
            actor,
            now,
        )
        audit.record(
            uow,
            actor,
            "points_adjusted",
            {"customer_id": account.customer_id, "points": points, "reason": reason},
        )
        uow.commit()
    return account.balance + points


def issue_voucher(
    uow: UnitOfWork, actor: Actor, customer_id: int, reward_key: str, reason: str
) -> IssuedVoucher:
    """Give a member a voucher of the catalogue's reward by hand (an apology, a promise
    kept), saying why. Owner or manager."""
    require(actor, Permission.MANAGE_LOYALTY)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(_("Say why the voucher is given."))
    with uow.writing():
        settings = read_settings(uow)
        setting = settings.loyalty.reward(reward_key)
        if setting is None:
            raise NotFound(_("That reward is not in the shop's catalogue. Choose another."))
        account = _member(uow, customer_id, settings.loyalty.stage_rules(), lock=False)
        now = uow.now()
        issued = _issue_vouchers(
            uow,
            settings,
            account.customer_id,
            [(setting, f"manual:{uuid_module.uuid4()}")],
            None,
            now,
            _today(uow, settings),
        )
        if not issued:
            raise NotFound(
                _("The product of {reward} is no longer sold. Choose another reward.").format(
                    reward=reward_name(setting, None)
                )
            )
        audit.record(
            uow,
            actor,
            "voucher_given",
            {"customer_id": account.customer_id, "voucher": issued[0].code, "reason": reason},
        )
        uow.commit()
    return issued[0]


def rate_service(
    uow: UnitOfWork,
    actor: Actor,
    customer_id: int,
    rating: int,
    comment: str | None = None,
    sale_id: int | None = None,
) -> RatingRecorded:
    """Record the customer's rating of the service (1 to 5), at most once per sale.

    Ratings of 5 count toward Advocate.
    """
    require(actor, Permission.SELL)
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise InvalidInput(_("A rating is a whole number from 1 to 5."))
    comment = (comment or "").strip() or None
    with uow.writing():
        settings = read_settings(uow)
        rules = settings.loyalty.stage_rules()
        account = _member(uow, customer_id, rules, lock=True)
        connection = uow.connection
        if sale_id is not None:
            sale_customer = connection.execute(
                select(Sale.customer_id).where(
                    Sale.id == sale_id, Sale.kind == "sale", Sale.status == "completed"
                )
            ).first()
            if sale_customer is None or sale_customer[0] != account.customer_id:
                raise InvalidInput(_("That sale is not this customer's. Rate it on their sale."))
            if connection.execute(select(Rating.id).where(Rating.sale_id == sale_id)).first():
                raise InvalidInput(_("That sale was rated already."))
        now = uow.now()
        rating_id = connection.execute(
            insert(Rating)
            .values(
                customer_id=account.customer_id,
                sale_id=sale_id,
                rating=rating,
                comment=comment,
                user_id=actor.user_id,
                at=now,
            )
            .returning(Rating.id)
        ).scalar_one()
        today = _today(uow, settings)
        before = compute_stage(account.facts, rules, today)
        after = before
        if rating == 5:
            facts = replace(account.facts, five_star_ratings=account.facts.five_star_ratings + 1)
            after = compute_stage(facts, rules, today)
            connection.execute(
                update(LoyaltyAccount)
                .where(LoyaltyAccount.customer_id == account.customer_id)
                .values(five_star_ratings=LoyaltyAccount.five_star_ratings + 1, stage=after.value)
            )
            changes = _stage_changes(
                account.customer_id, account.stored_stage, before, after, sale_id
            )
            if changes:
                connection.execute(_INSERT_STAGE_CHANGES, [{**c, "at": now} for c in changes])
        uow.commit()
    return RatingRecorded(rating_id, before, after)


def expire_points(uow: UnitOfWork, actor: Actor, as_of: datetime | None = None) -> ExpiryReport:
    """Points credited longer ago than the shop's expiry (months) and not spent expire,
    oldest first (posapp.domain.loyalty.points_to_expire); vouchers past their last day
    are marked expired. Run again for the same moment, it finds nothing more.

    Customers are handled EXPIRY_BATCH at a time, each batch a transaction of its
    own, so tills selling meanwhile wait for one batch at most.
    """
    require(actor, Permission.MANAGE_SHIFT)
    as_of = as_of or uow.now()
    with uow:
        settings = read_settings(uow)
    months = settings.loyalty.points_expire_months
    today = settings.local_date(as_of)
    with uow.writing():
        vouchers = uow.connection.execute(
            update(Voucher)
            .where(Voucher.status == "issued", Voucher.expires_on < today)
            .values(status="expired")
        ).rowcount
        uow.commit()
    if months <= 0:
        return ExpiryReport(None, 0, 0, vouchers)
    cutoff = months_before(as_of, months)
    with uow:
        candidates = list(uow.connection.execute(_EXPIRY_CANDIDATES, {"cutoff": cutoff}).scalars())
    customers = points = 0
    rules = settings.loyalty.stage_rules()
    for start in range(0, len(candidates), EXPIRY_BATCH):
        with uow.writing():
            now = uow.now()
            for customer_id in candidates[start : start + EXPIRY_BATCH]:
                expired = _expire_one(uow, actor, customer_id, cutoff, now, rules)
                if expired:
                    customers += 1
                    points += expired
            uow.commit()
    return ExpiryReport(cutoff, customers, points, vouchers)


# The customers who may have points to lose: some left, and credits before the cutoff
# that their debits do not cover (checked again, exactly, under each account's lock).
_CREDITED_BEFORE = func.sum(
    case(
        (
            (PointsEntry.points > 0) & (PointsEntry.at <= bindparam("cutoff")),
            PointsEntry.points,
        ),
        else_=0,
    )
)
_DEBITED = func.sum(case((PointsEntry.points < 0, -PointsEntry.points), else_=0))
_EXPIRY_CANDIDATES = (
    select(PointsEntry.customer_id)
    .where(
        PointsEntry.customer_id.in_(
            select(LoyaltyAccount.customer_id).where(LoyaltyAccount.balance > 0)
        )
    )
    .group_by(PointsEntry.customer_id)
    .having(_CREDITED_BEFORE > _DEBITED)
    .order_by(PointsEntry.customer_id)
)


def _expire_one(
    uow: UnitOfWork,
    actor: Actor,
    customer_id: int,
    cutoff: datetime,
    now: datetime,
    rules: StageRules,
) -> int:
    account = _read_account(uow, customer_id, rules, lock=True)
    if account is None:
        return 0
    entries = [
        (at, points)
        for at, points in uow.connection.execute(
            select(PointsEntry.at, PointsEntry.points).where(PointsEntry.customer_id == customer_id)
        )
    ]
    expired = min(points_to_expire(entries, cutoff), account.balance)
    if expired <= 0:
        return 0
    uow.connection.execute(
        _CHANGE_BALANCE, {"customer": customer_id, "needed": expired, "change": -expired}
    )
    _post(
        uow,
        [
            _entry(
                customer_id,
                "expired",
                -expired,
                f"expiry:{customer_id}:{cutoff:%Y%m%dT%H%M%S%f}",
                None,
            )
        ],
        actor,
        now,
    )
    return expired
