"""The loyalty part of a sale, inside checkout.complete_sale()'s transaction, so that
points are earned and spent, vouchers used and issued, in the very transaction that
records the sale, or not at all; and what a recorded sale did, read back for the retry
of its posting (read_outcome).

Spending is a conditional UPDATE (… WHERE balance >= :spent) under the account's row
lock, so two tills can never spend the same points; every reward in the cart is checked
again against the shop's catalogue and the voucher's row: a cart is the till's, not the
truth.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, update

from posapp.db.models import CustomerVisit, LoyaltyAccount, PointsEntry, Sale, StageChange, Voucher
from posapp.db.uow import UnitOfWork
from posapp.domain.cart import AppliedReward, Cart, RewardKind
from posapp.domain.loyalty import (
    EarnRules,
    Stage,
    StageRules,
    birthday_near,
    compute_stage,
    earn_points,
    visit_rewards_due,
    with_visit,
)
from posapp.domain.reminders import next_visit_interval
from posapp.domain.roles import Actor
from posapp.errors import NotFound, SaleIncomplete, VoucherNotUsable
from posapp.i18n import _
from posapp.services.loyalty.accounts import (
    _INSERT_STAGE_CHANGES,
    Account,
    _count_products,
    _stage_changes,
    _today,
    read_member,
)
from posapp.services.loyalty.ledger import _entry, _not_enough, _post
from posapp.services.loyalty.rewards import (
    _VOUCHER,
    _VOUCHER_TERMS,
    POINTS_KEY,
    IssuedVoucher,
    _category_ids,
    _excluded_categories,
    _issue_vouchers,
    _next_reward,
    _points_reward,
    _products,
    _refusal,
)
from posapp.services.settings import LoyaltySettings, RewardSetting, RewardTrigger, read_settings


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


_INSERT_VISIT = insert(CustomerVisit)


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
    account = read_member(uow, cart.customer_id, rules, lock=True)
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
    account: Account,
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
        referrer = read_member(uow, referrer_id, rules, lock=True)
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


def read_outcome(uow: UnitOfWork, sale_id: int, customer_id: int | None) -> LoyaltyOutcome | None:
    """What a recorded sale or refund did, read back for the retry of its posting (inside
    the caller's transaction)."""
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
