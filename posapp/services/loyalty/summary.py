"""A member as the counter sees them: who they are, their stage, points and the rewards
they can take now (CustomerSummary), read by index: the account's row, their active card
and their open vouchers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from posapp.db.models import LoyaltyCard, Voucher
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import RewardKind
from posapp.domain.loyalty import Stage, birthday_near, compute_stage
from posapp.services.loyalty.accounts import _today, read_member
from posapp.services.loyalty.rewards import (
    _VOUCHER_TERMS,
    POINTS_KEY,
    VOUCHER_KEY,
    AvailableReward,
    _next_reward,
    _products,
    reward_name,
)
from posapp.services.settings import RewardTrigger, ShopSettings, read_settings


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


_ACTIVE_CARD = (
    select(LoyaltyCard.number)
    .where(LoyaltyCard.customer_id == bindparam("customer"), LoyaltyCard.status == "active")
    .order_by(LoyaltyCard.issued_at.desc(), LoyaltyCard.id.desc())
    .limit(1)
)


# The member's issued vouchers, by ix_vouchers_customer_status; read_summary keeps those
# valid today and orders them. Not in the SQL: with "expires_on >= ?" or "ORDER BY
# expires_on" SQLite, which has no statistics (posapp never runs ANALYZE), prefers
# ix_vouchers_status_expires_on and reads every member's vouchers valid today to find this
# member's -- 20 ms a scan with 1,000,000 members (bench/bench_loyalty.py).
_OPEN_VOUCHERS = select(*_VOUCHER_TERMS, Voucher.id).where(
    Voucher.customer_id == bindparam("customer"), Voucher.status == "issued"
)


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
    """CustomerSummary inside the caller's transaction (a card scan uses it); `settings`,
    if the caller has read them in it already."""
    settings = settings or read_settings(uow)
    loyalty = settings.loyalty
    account = read_member(uow, customer_id, loyalty.stage_rules(), lock=False)
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
