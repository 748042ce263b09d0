"""Rewards and vouchers: the catalogue's rewards, taken off a sale at the till, and
vouchers issued (by a sale's occasion, or by hand).

A reward taken in a cart is the till's, not the truth: completing the sale checks it
again against the catalogue and the voucher's row (posapp.services.loyalty.sale), and a
voucher is used by a conditional UPDATE (… WHERE status = 'issued'), so it is used once
however many tills try.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, bindparam, insert, or_, select

from posapp.db.models import Category, Product, Voucher
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import BarcodeRules, InStoreKind, make_ean13
from posapp.domain.cart import AppliedReward, Cart, RewardKind
from posapp.domain.loyalty import next_reward
from posapp.domain.money import plain_quantity
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput, NotEnoughPoints, NotFound, VoucherNotUsable
from posapp.i18n import _, format_date, format_money
from posapp.services import audit, catalog
from posapp.services.loyalty.accounts import _today, read_member
from posapp.services.settings import (
    LoyaltySettings,
    RewardSetting,
    RewardTrigger,
    ShopSettings,
    read_settings,
)

POINTS_KEY = "points:"
VOUCHER_KEY = "voucher:"


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
class IssuedVoucher:
    code: str  # EAN-13 in the voucher prefix (print it as a barcode), or a V- text's code
    name: str
    kind: RewardKind
    amount: Decimal | None
    percent: Decimal | None
    product_name: str | None
    expires_on: date


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
        account = read_member(uow, cart.customer_id, settings.loyalty.stage_rules(), lock=False)
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
        account = read_member(uow, customer_id, settings.loyalty.stage_rules(), lock=False)
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
