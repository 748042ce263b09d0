"""Euro amounts and quantities as Decimal, never float.

Shelf prices include VAT. Amounts are rounded half-up to cents; weighed
quantities are kept to the gram (three decimals).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
GRAM = Decimal("0.001")
ZERO = Decimal("0.00")


def to_cents(amount: Decimal) -> Decimal:
    """Round an amount half-up to whole cents."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_grams(quantity: Decimal) -> Decimal:
    """Round a quantity half-up to three decimals."""
    return quantity.quantize(GRAM, rounding=ROUND_HALF_UP)


def share_out(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`amount` (whole cents, >= 0) split in proportion to `weights` (>= 0), to the cent.

    Each share is the exact proportion rounded down to cents; the cents left over
    go one each to the shares with the largest remainders (the earlier one on a
    tie), so the shares always add up to `amount` exactly. When `amount` is at
    most the sum of the weights and the weights are whole cents, no share exceeds
    its weight. All-zero weights get nothing (and `amount` must then be zero).
    """
    whole = sum(weights, ZERO)
    if whole == 0:
        if amount != 0:
            raise ValueError("cannot share an amount out over nothing")
        return [ZERO] * len(weights)
    exact = [amount * weight / whole for weight in weights]
    shares = [value.quantize(CENT, rounding=ROUND_FLOOR) for value in exact]
    left = amount - sum(shares, ZERO)
    for index in sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i)):
        if left <= 0:
            break
        shares[index] += CENT
        left -= CENT
    return shares


def parse_number(text: str) -> Decimal:
    """A number a person typed or a file holds: "2,35", "2.35", "€ 2,35", "20", "0,355".

    A comma and a point both mark decimals (a till keypad has one key for it);
    spaces and a euro sign are ignored. Raises ValueError with a readable reason.
    """
    cleaned = text.strip()
    for noise in ("€", "EUR", " ", "\xa0"):
        cleaned = cleaned.replace(noise, "")
    cleaned = cleaned.replace(",", ".")
    if not cleaned:
        raise ValueError("empty amount")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text.strip()!r}") from None
    if not value.is_finite():
        raise ValueError(f"not an amount: {text.strip()!r}")
    return value


def parse_amount(text: str) -> Decimal:
    """A euro amount (see parse_number) with at most two decimals; ValueError otherwise."""
    value = parse_number(text)
    if value != to_cents(value):
        raise ValueError(f"more than two decimals: {text.strip()!r}")
    return to_cents(value)


def plain_quantity(quantity: Decimal) -> str:
    """A quantity as a person writes it: 2, 2.5, 0.355 (no trailing zeros)."""
    return f"{quantity.normalize():f}"
