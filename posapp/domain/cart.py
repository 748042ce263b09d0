"""The sale being rung up: an immutable value that checkout services transform.

Every change returns a new Cart, so the GUI can hold one safely, a service can
validate before anything is saved, and a cart can be stored as JSON and
restored after a crash. Amounts are Decimal throughout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Any

from posapp.domain.money import ZERO, to_cents, to_grams
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

    # Cached: a line never changes (frozen), and checkout asks for these many times.
    @cached_property
    def gross(self) -> Decimal:
        return to_cents(self.quantity * self.unit_price)

    @cached_property
    def discount_amount(self) -> Decimal:
        return ZERO if self.discount is None else self.discount.of(self.gross)

    @cached_property
    def total(self) -> Decimal:
        return self.gross - self.discount_amount

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

    # -- totals -------------------------------------------------------------
    @cached_property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

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
        )
        return replace(self, lines=(*self.lines, new_line), next_line_id=self.next_line_id + 1)

    def set_quantity(self, line_id: int, quantity: Decimal) -> Cart:
        self._editable()
        line = self.line(line_id)
        _check_quantity(quantity, line.by_weight)
        return self._replace_line(replace(line, quantity=to_grams(quantity)))

    def remove(self, line_id: int) -> Cart:
        self._editable()
        line = self.line(line_id)
        return replace(self, lines=tuple(x for x in self.lines if x is not line))

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
        return replace(self, customer_id=customer_id, customer_name=name)

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
        return replace(
            self,
            lines=tuple(new_line if x.line_id == new_line.line_id else x for x in self.lines),
        )

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
        )


def allocate_vat(lines: tuple[CartLine, ...]) -> list[Decimal]:
    """Each line's share of its rate's VAT, so that the lines add up to the breakdown.

    The VAT of a rate is computed once from the rate's gross (vat_breakdown);
    it is shared out in proportion to line totals, the rounding cents going to
    the lines with the largest remainders.
    """
    shares: list[Decimal] = [ZERO] * len(lines)
    by_rate: dict[Decimal, list[int]] = {}
    for index, line in enumerate(lines):
        by_rate.setdefault(line.vat_rate, []).append(index)
    for rate, indexes in by_rate.items():
        gross = sum((lines[i].total for i in indexes), ZERO)
        vat = vat_included(gross, rate)
        if gross == 0:
            continue
        exact = {i: vat * lines[i].total / gross for i in indexes}
        floors = {i: exact[i].quantize(Decimal("0.01"), rounding="ROUND_FLOOR") for i in indexes}
        left = vat - sum(floors.values(), ZERO)
        for i in sorted(indexes, key=lambda i: (floors[i] - exact[i], i)):
            if left <= 0:
                break
            floors[i] += Decimal("0.01")
            left -= Decimal("0.01")
        for i in indexes:
            shares[i] = floors[i]
    return shares


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
    if isinstance(value, Cart | CartLine | Payment | Discount):
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
