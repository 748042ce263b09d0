"""VAT breakdown of a receipt whose prices include VAT.

The breakdown is computed from the line totals grouped by rate, so the gross
amounts per rate always add up to the receipt total to the cent; the VAT in
each group is gross * rate / (100 + rate), rounded half-up once per group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from posapp.domain.money import ZERO, to_cents


@dataclass(frozen=True)
class VatLine:
    rate: Decimal  # percent, e.g. Decimal("21")
    gross: Decimal  # incl. VAT
    vat: Decimal

    @property
    def net(self) -> Decimal:
        return self.gross - self.vat


def vat_included(gross: Decimal, rate: Decimal) -> Decimal:
    """The VAT contained in a VAT-inclusive amount, rounded to cents."""
    return to_cents(gross * rate / (Decimal(100) + rate))


def vat_breakdown(lines: Iterable[tuple[Decimal, Decimal]]) -> list[VatLine]:
    """Group (rate, line total) pairs into one VatLine per rate, highest rate first."""
    gross_by_rate: dict[Decimal, Decimal] = {}
    for rate, total in lines:
        gross_by_rate[rate] = gross_by_rate.get(rate, ZERO) + total
    return [
        VatLine(rate=rate, gross=gross, vat=vat_included(gross, rate))
        for rate, gross in sorted(gross_by_rate.items(), reverse=True)
    ]
