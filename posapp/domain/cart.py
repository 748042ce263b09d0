"""The sale being rung up: an immutable value that checkout services transform.

Every change returns a new Cart, so the GUI can hold one safely, a service can
validate before anything is saved, and a cart can be stored as JSON and
restored after a crash. Amounts are Decimal throughout.

Loyalty rewards applied to the cart (a voucher, points spent on "€5 off") are
discounts, not payments: each is shared out over the lines it applies to
(CartLine.reward_discount), so line totals, the total and the VAT breakdown
are what the customer really pays, and a refund of a line gives back what was
paid for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any

from posapp.domain.money import ZERO, share_out, to_cents, to_grams
from posapp.domain.vat import VatLine, vat_breakdown, vat_included
from posapp.errors import InvalidInput, NotFound, SaleIncomplete
from posapp.i18n import _


class PaymentMethod(Enum):
    CASH = "cash"
    CARD = "card"
    VOUCHER = "voucher"
    POINTS = "points"


@dataclass(frozen=True)
class Discount:
    """A line discount: a percentage of the line, or a fixed amount off it."""

    percent: Decimal | None = None
    amount: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.amount is None):
            raise InvalidInput(_("A discount is either a percentage or an amount."))
        if self.percent is not None and not ZERO <= self.percent <= 100:
            raise InvalidInput(_("A discount percentage is between 0 and 100."))
        if self.amount is not None and (self.amount < 0 or self.amount != to_cents(self.amount)):
            raise InvalidInput(_("A discount amount is a positive number of euros and cents."))

    def of(self, gross: Decimal) -> Decimal:
        if self.percent is not None:
            return to_cents(gross * self.percent / 100)
        assert self.amount is not None
        return min(self.amount, gross)

    def percent_of(self, gross: Decimal) -> Decimal:
        """How many percent of `gross` this discount takes (for limits)."""
        if self.percent is not None:
            return self.percent
        return ZERO if gross == 0 else self.of(gross) * 100 / gross


class RewardKind(Enum):
    """What a reward takes off: an amount, a percentage of the sale, or one unit of a product."""

    AMOUNT = "amount"
    PERCENT = "percent"
    PRODUCT = "product"


# The order in which rewards come off: a free product first, then percentages
# (of what is left), then amounts, so a percentage never shrinks because an
# amount came off first.
_REWARD_ORDER = {RewardKind.PRODUCT: 0, RewardKind.PERCENT: 1, RewardKind.AMOUNT: 2}


@dataclass(frozen=True)
class AppliedReward:
    """A loyalty reward taken in this sale (posapp.services.loyalty.apply_reward/apply_voucher).

    `key` names it (one reward of each key per cart): ``points:<reward>`` for
    points spent on a reward of the shop's catalogue, ``voucher:<code>`` for a
    voucher. `points` is what it costs (0 for a voucher). `customer_id` is the
    customer it belongs to (None: a voucher for whoever holds it); it leaves the
    cart with that customer. `excluded_categories` are the categories it never
    takes anything off (e.g. gift cards, tobacco).
    """

    key: str
    name: str
    kind: RewardKind
    amount: Decimal | None = None
    percent: Decimal | None = None
    product_id: int | None = None
    points: int = 0
    voucher_code: str | None = None
    customer_id: int | None = None
    excluded_categories: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.kind is RewardKind.AMOUNT and (self.amount is None or self.amount <= 0):
            raise InvalidInput(_("An amount reward takes a positive amount off."))
        if self.kind is RewardKind.PERCENT and (
            self.percent is None or not ZERO < self.percent <= 100
        ):
            raise InvalidInput(_("A percentage reward is more than 0 and at most 100 percent."))
        if self.kind is RewardKind.PRODUCT and self.product_id is None:
            raise InvalidInput(_("A free-product reward names its product."))
        if self.points < 0:
            raise InvalidInput(_("A reward costs zero points or more."))


@dataclass(frozen=True)
class CartLine:
    line_id: int
    product_id: int
    name: str
    quantity: Decimal
    unit_price: Decimal  # incl. VAT, per unit or per kg; the list price unless overridden
    list_price: Decimal
    vat_rate: Decimal
    by_weight: bool = False
    discount: Discount | None = None
    approved_by: int | None = None  # manager who approved a price override or a large discount
    category_id: int | None = None  # the product's category (loyalty rules exclude some)
    # This line's share of the rewards applied to the cart; kept by the Cart, never set by hand.
    reward_discount: Decimal = ZERO

    # Cached: a line never changes (frozen), and checkout asks for these many times.
    @cached_property
    def gross(self) -> Decimal:
        return to_cents(self.quantity * self.unit_price)

    @cached_property
    def discount_amount(self) -> Decimal:
        """The cashier's discount (the rewards' share is reward_discount)."""
        return ZERO if self.discount is None else self.discount.of(self.gross)

    @cached_property
    def before_rewards(self) -> Decimal:
        """What the line costs after the cashier's discount, before any reward."""
        return self.gross - self.discount_amount

    @cached_property
    def total(self) -> Decimal:
        return self.before_rewards - self.reward_discount

    @property
    def is_plain(self) -> bool:
        """A line a second scan of the same product may add to."""
        return not self.by_weight and self.discount is None and self.unit_price == self.list_price


@dataclass(frozen=True)
class Payment:
    method: PaymentMethod
    amount: Decimal  # what it settles
    tendered: Decimal  # what was handed over (cash may be more: the rest is change)

    @property
    def change(self) -> Decimal:
        return self.tendered - self.amount


@dataclass(frozen=True)
class Cart:
    uuid: str
    till_id: int
    started_at: datetime
    lines: tuple[CartLine, ...] = ()
    payments: tuple[Payment, ...] = ()
    customer_id: int | None = None
    customer_name: str | None = None
    next_line_id: int = 1
    parked_note: str | None = field(default=None, compare=False)
    rewards: tuple[AppliedReward, ...] = ()

    # -- totals -------------------------------------------------------------
    @cached_property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @cached_property
    def reward_amounts(self) -> dict[str, Decimal]:
        """What each applied reward takes off the sale, by its key (zero when it finds
        nothing to apply to, e.g. the free product is no longer in the sale)."""
        return _spread_rewards(self.lines, self.rewards)[1]

    @property
    def rewards_total(self) -> Decimal:
        return sum((line.reward_discount for line in self.lines), ZERO)

    @property
    def points_spent(self) -> int:
        """The points the applied rewards cost together."""
        return sum(reward.points for reward in self.rewards)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def due(self) -> Decimal:
        return self.total - self.paid

    @property
    def change(self) -> Decimal:
        return sum((p.change for p in self.payments), ZERO)

    @property
    def vat(self) -> list[VatLine]:
        return vat_breakdown((line.vat_rate, line.total) for line in self.lines)

    def line(self, line_id: int) -> CartLine:
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise NotFound(_("That line is no longer in the sale."))

    # -- changes ------------------------------------------------------------
    def _editable(self) -> None:
        if self.payments:
            raise SaleIncomplete(
                _("Payments were already taken. Remove them before changing the sale.")
            )

    def add(
        self,
        *,
        product_id: int,
        name: str,
        quantity: Decimal,
        unit_price: Decimal,
        vat_rate: Decimal,
        by_weight: bool = False,
        category_id: int | None = None,
    ) -> Cart:
        """Add goods; a second scan of the same unit product adds to its line."""
        self._editable()
        _check_quantity(quantity, by_weight)
        if not by_weight:
            for line in self.lines:
                if (
                    line.product_id == product_id
                    and line.is_plain
                    and line.unit_price == unit_price
                ):
                    return self._replace_line(replace(line, quantity=line.quantity + quantity))
        new_line = CartLine(
            line_id=self.next_line_id,
            product_id=product_id,
            name=name,
            quantity=to_grams(quantity),
            unit_price=unit_price,
            list_price=unit_price,
            vat_rate=vat_rate,
            by_weight=by_weight,
            category_id=category_id,
        )
        return replace(
            self,
            lines=self._spread((*self.lines, new_line), self.rewards),
            next_line_id=self.next_line_id + 1,
        )

    def set_quantity(self, line_id: int, quantity: Decimal) -> Cart:
        self._editable()
        line = self.line(line_id)
        _check_quantity(quantity, line.by_weight)
        return self._replace_line(replace(line, quantity=to_grams(quantity)))

    def remove(self, line_id: int) -> Cart:
        self._editable()
        line = self.line(line_id)
        return replace(
            self, lines=self._spread(tuple(x for x in self.lines if x is not line), self.rewards)
        )

    def discount_line(
        self, line_id: int, discount: Discount | None, approved_by: int | None = None
    ) -> Cart:
        self._editable()
        line = self.line(line_id)
        return self._replace_line(
            replace(line, discount=discount, approved_by=approved_by or line.approved_by)
        )

    def override_price(self, line_id: int, unit_price: Decimal, approved_by: int | None) -> Cart:
        self._editable()
        if unit_price < 0 or unit_price != to_cents(unit_price):
            raise InvalidInput(_("A price is a positive number of euros and cents."))
        line = self.line(line_id)
        return self._replace_line(replace(line, unit_price=unit_price, approved_by=approved_by))

    def with_customer(self, customer_id: int | None, name: str | None) -> Cart:
        """Attach a customer (None: take the customer off); rewards of another customer leave."""
        kept = tuple(
            reward
            for reward in self.rewards
            if reward.customer_id is None or reward.customer_id == customer_id
        )
        if len(kept) == len(self.rewards):
            return replace(self, customer_id=customer_id, customer_name=name)
        self._editable()
        return replace(
            self,
            customer_id=customer_id,
            customer_name=name,
            lines=self._spread(self.lines, kept),
            rewards=kept,
        )

    def with_reward(self, reward: AppliedReward) -> Cart:
        """Apply a reward (posapp.services.loyalty checks that the customer may have it)."""
        self._editable()
        if any(applied.key == reward.key for applied in self.rewards):
            raise InvalidInput(_("{name} is already taken off this sale.").format(name=reward.name))
        if reward.customer_id is not None and reward.customer_id != self.customer_id:
            raise InvalidInput(_("That reward belongs to another customer."))
        rewards = (*self.rewards, reward)
        return replace(self, lines=self._spread(self.lines, rewards), rewards=rewards)

    def without_reward(self, key: str) -> Cart:
        """Take a reward off again (its points are not spent, its voucher stays unused)."""
        self._editable()
        rewards = tuple(reward for reward in self.rewards if reward.key != key)
        if len(rewards) == len(self.rewards):
            raise NotFound(_("That reward is no longer in the sale."))
        return replace(self, lines=self._spread(self.lines, rewards), rewards=rewards)

    def pay(self, method: PaymentMethod, tendered: Decimal) -> Cart:
        """Take a payment. Cash may exceed what is due (change); nothing else may."""
        if not self.lines:
            raise SaleIncomplete(_("Scan something before taking payment."))
        if tendered <= 0 or tendered != to_cents(tendered):
            raise InvalidInput(_("A payment is a positive number of euros and cents."))
        if self.due <= 0:
            raise SaleIncomplete(_("The sale is already paid in full."))
        if method is not PaymentMethod.CASH and tendered > self.due:
            raise InvalidInput(
                _("{amount} is more than the {due} still due. Enter at most what is due.").format(
                    amount=tendered, due=self.due
                )
            )
        payment = Payment(method=method, amount=min(tendered, self.due), tendered=tendered)
        return replace(self, payments=(*self.payments, payment))

    def clear_payments(self) -> Cart:
        return replace(self, payments=())

    def _replace_line(self, new_line: CartLine) -> Cart:
        lines = tuple(new_line if x.line_id == new_line.line_id else x for x in self.lines)
        return replace(self, lines=self._spread(lines, self.rewards))

    @staticmethod
    def _spread(
        lines: tuple[CartLine, ...], rewards: tuple[AppliedReward, ...]
    ) -> tuple[CartLine, ...]:
        """The lines with the rewards shared out over them again (after any change)."""
        if not rewards and not any(line.reward_discount for line in lines):
            return lines  # the usual sale: nothing to share out, nothing to undo
        return _spread_rewards(lines, rewards)[0]

    # -- storage ------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps(_encode(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Cart:
        data = json.loads(text)
        return cls(
            uuid=data["uuid"],
            till_id=data["till_id"],
            started_at=datetime.fromisoformat(data["started_at"]),
            lines=tuple(
                CartLine(
                    line_id=x["line_id"],
                    product_id=x["product_id"],
                    name=x["name"],
                    quantity=Decimal(x["quantity"]),
                    unit_price=Decimal(x["unit_price"]),
                    list_price=Decimal(x["list_price"]),
                    vat_rate=Decimal(x["vat_rate"]),
                    by_weight=x["by_weight"],
                    discount=None
                    if x["discount"] is None
                    else Discount(
                        percent=_decimal_or_none(x["discount"]["percent"]),
                        amount=_decimal_or_none(x["discount"]["amount"]),
                    ),
                    approved_by=x["approved_by"],
                    category_id=x.get("category_id"),
                    reward_discount=Decimal(x.get("reward_discount", "0.00")),
                )
                for x in data["lines"]
            ),
            payments=tuple(
                Payment(
                    method=PaymentMethod(p["method"]),
                    amount=Decimal(p["amount"]),
                    tendered=Decimal(p["tendered"]),
                )
                for p in data["payments"]
            ),
            customer_id=data["customer_id"],
            customer_name=data["customer_name"],
            next_line_id=data["next_line_id"],
            parked_note=data.get("parked_note"),
            # Carts saved before rewards existed have none.
            rewards=tuple(_decode_reward(r) for r in data.get("rewards", ())),
        )


def allocate_vat(lines: tuple[CartLine, ...]) -> list[Decimal]:
    """Each line's share of its rate's VAT, so that the lines add up to the breakdown.

    The VAT of a rate is computed once from the rate's gross (vat_breakdown);
    it is shared out in proportion to line totals, the rounding cents going to
    the lines with the largest remainders (posapp.domain.money.share_out).
    """
    shares: list[Decimal] = [ZERO] * len(lines)
    by_rate: dict[Decimal, list[int]] = {}
    for index, line in enumerate(lines):
        by_rate.setdefault(line.vat_rate, []).append(index)
    for rate, indexes in by_rate.items():
        gross = sum((lines[i].total for i in indexes), ZERO)
        if gross == 0:
            continue
        vat = vat_included(gross, rate)
        for i, share in zip(
            indexes, share_out(vat, [lines[i].total for i in indexes]), strict=True
        ):
            shares[i] = share
    return shares


def _spread_rewards(
    lines: tuple[CartLine, ...], rewards: tuple[AppliedReward, ...]
) -> tuple[tuple[CartLine, ...], dict[str, Decimal]]:
    """Share the rewards out over the lines: (the lines with their reward_discount, what
    each reward took off).

    A free product takes one unit of the first line of that product sold by the
    piece (its price after the cashier's discount). A percentage takes that
    share, rounded half-up to cents, of what is left on the lines it applies
    to; an amount takes itself, or what is left if that is less. Both are
    shared out over those lines in proportion to what is left on each
    (posapp.domain.money.share_out), so the lines add up to the cent and no
    line, and so no sale, goes below zero.
    """
    left = [line.before_rewards for line in lines]
    taken = [ZERO] * len(lines)
    amounts: dict[str, Decimal] = {}
    for reward in sorted(rewards, key=lambda r: _REWARD_ORDER[r.kind]):
        if reward.kind is RewardKind.PRODUCT:
            off = ZERO
            for index, line in enumerate(lines):
                if line.product_id == reward.product_id and not line.by_weight and left[index] > 0:
                    off = min(to_cents(line.before_rewards / line.quantity), left[index])
                    taken[index] += off
                    left[index] -= off
                    break
            amounts[reward.key] = off
            continue
        applies = [
            index
            for index, line in enumerate(lines)
            if left[index] > 0 and line.category_id not in reward.excluded_categories
        ]
        base = sum((left[index] for index in applies), ZERO)
        if reward.kind is RewardKind.PERCENT:
            assert reward.percent is not None
            off = to_cents(base * reward.percent / 100)
        else:
            assert reward.amount is not None
            off = min(reward.amount, base)
        for index, share in zip(
            applies, share_out(off, [left[index] for index in applies]), strict=True
        ):
            taken[index] += share
            left[index] -= share
        amounts[reward.key] = off
    spread = tuple(
        line if line.reward_discount == share else replace(line, reward_discount=share)
        for line, share in zip(lines, taken, strict=True)
    )
    return spread, amounts


def _decode_reward(data: dict[str, Any]) -> AppliedReward:
    return AppliedReward(
        key=data["key"],
        name=data["name"],
        kind=RewardKind(data["kind"]),
        amount=_decimal_or_none(data["amount"]),
        percent=_decimal_or_none(data["percent"]),
        product_id=data["product_id"],
        points=data["points"],
        voucher_code=data["voucher_code"],
        customer_id=data["customer_id"],
        excluded_categories=tuple(data["excluded_categories"]),
    )


def _check_quantity(quantity: Decimal, by_weight: bool) -> None:
    if quantity <= 0:
        raise InvalidInput(_("A quantity is more than zero."))
    if not by_weight and quantity != quantity.to_integral_value():
        raise InvalidInput(_("This product is sold by the piece: enter a whole number."))
    if quantity > 9999:
        raise InvalidInput(_("That quantity is too large. Check it and enter it again."))


def _decimal_or_none(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _encode(value: Any) -> Any:
    if isinstance(value, Cart | CartLine | Payment | Discount | AppliedReward):
        return {k: _encode(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
