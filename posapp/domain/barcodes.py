"""Classify what a barcode scanner delivered, so the checkout can route it.

A scanner behaves like a keyboard: it types the decoded barcode, usually
followed by CR/LF or TAB. :func:`classify` turns that text into exactly one
scan result:

* :class:`ProductCode` -- a trade item (EAN-13, EAN-8 or UPC-A) to look up.
  UPC-A is normalised to EAN-13 by prefixing ``"0"``.
* :class:`PriceLabel` / :class:`WeightLabel` -- an in-store EAN-13 printed by a
  scale or label printer, carrying an item (PLU) code and a price in cents or a
  weight in grams. Which ``2x`` prefixes mean what is shop configuration
  (:class:`BarcodeRules`).
* :class:`LoyaltyCard` / :class:`VoucherCode` -- in-store EAN-13 numbers, or for
  vouchers also the Code 128 text form ``V-<CODE>``.
* :class:`ReceiptCode` -- the Code 128 text ``R<TILL>-<NUMBER>`` printed on
  receipts (for returns and reprints).
* :class:`TextCode` -- any other readable Code 128 text (an SKU, an internal
  code), looked up as a barcode string.
* :class:`Misread` -- something that must not be sold: a wrong check digit, an
  empty or too short read, or unreadable noise.

Money is :class:`~decimal.Decimal`, never float: prices have exactly two
decimals, weights exactly three.

Pure functions and frozen values only: no I/O, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TypeAlias

from posapp.i18n import N_

__all__ = [
    "BarcodeRules",
    "InStoreKind",
    "InStorePrefix",
    "LoyaltyCard",
    "Misread",
    "PriceLabel",
    "ProductCode",
    "ReceiptCode",
    "Scan",
    "TextCode",
    "VoucherCode",
    "WeightLabel",
    "classify",
    "gs1_check_digit",
    "is_valid_gtin",
    "make_ean13",
    "normalize_gtin",
    "parse_receipt_number",
    "receipt_code",
    "voucher_text_code",
]

GTIN_LENGTHS = frozenset({8, 12, 13})
MAX_TEXT_LENGTH = 64
MIN_NUMERIC_LENGTH = 4

_RECEIPT_RE = re.compile(r"R([A-Z0-9]{1,8})-([0-9]{1,9})")
_TYPED_RECEIPT_RE = re.compile(r"(?:([A-Z0-9]{1,8})-)?([0-9]{1,9})")
_VOUCHER_RE = re.compile(r"V-([A-Z0-9]{4,32})")
_TILL_CODE_RE = re.compile(r"[A-Z0-9]{1,8}")
_VOUCHER_CODE_RE = re.compile(r"[A-Z0-9]{4,32}")
_MAX_RECEIPT_NUMBER = 999_999_999


def _is_ascii_digits(text: str) -> bool:
    """True for a non-empty string of 0-9 only (``str.isdigit`` also accepts e.g. superscripts)."""
    return text.isascii() and text.isdigit()


# --------------------------------------------------------------------------- GS1 check digits


def gs1_check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for ``body`` (all digits except the check digit).

    Weights 3, 1, 3, 1, ... are applied from the rightmost body digit. Works for
    any GS1 key length (EAN-8: 7, UPC-A: 11, EAN-13: 12 body digits).
    Raises ValueError if ``body`` is empty or not all ASCII digits.
    """
    if not _is_ascii_digits(body):
        raise ValueError(f"GS1 body must be ASCII digits, got {body!r}")
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    """True if ``code`` is 8, 12 or 13 ASCII digits with a correct check digit.

    Never raises; does not strip whitespace.
    """
    if len(code) not in GTIN_LENGTHS or not _is_ascii_digits(code):
        return False
    return gs1_check_digit(code[:-1]) == int(code[-1])


def make_ean13(body12: str) -> str:
    """Append the check digit to 12 digits, giving an EAN-13. ValueError if not 12 digits."""
    if len(body12) != 12 or not _is_ascii_digits(body12):
        raise ValueError(f"an EAN-13 body is 12 digits, got {body12!r}")
    return body12 + str(gs1_check_digit(body12))


def normalize_gtin(code: str) -> str:
    """UPC-A (12 digits) -> EAN-13 by prefixing ``"0"``; EAN-13 and EAN-8 are unchanged.

    Assumes ``code`` is a valid GTIN (see :func:`is_valid_gtin`); does not check.
    """
    return "0" + code if len(code) == 12 else code


# --------------------------------------------------------------------------- shop configuration


class InStoreKind(Enum):
    """What an in-store (GS1 prefix 20-29) EAN-13 means in this shop."""

    PRICE_LABEL = "price"  # 2x IIIII PPPPP C: item code, price in cents
    WEIGHT_LABEL = "weight"  # 2x IIIII WWWWW C: item code, weight in grams
    LOYALTY_CARD = "card"
    VOUCHER = "voucher"


@dataclass(frozen=True)
class InStorePrefix:
    """One in-store prefix and its meaning.

    ``item_digits`` only matters for labels: that many digits of item (PLU) code
    follow the prefix, and the remaining ``10 - item_digits`` digits before the
    check digit hold the value (cents or grams). It must be 4, 5 or 6.
    """

    prefix: str
    kind: InStoreKind
    item_digits: int = 5

    def __post_init__(self) -> None:
        if not (
            isinstance(self.prefix, str)
            and len(self.prefix) == 2
            and self.prefix[0] == "2"
            and _is_ascii_digits(self.prefix)
        ):
            raise ValueError(f"in-store prefix must be two digits 20..29, got {self.prefix!r}")
        if not isinstance(self.kind, InStoreKind):
            raise TypeError(f"kind must be an InStoreKind, got {self.kind!r}")
        if (
            not isinstance(self.item_digits, int)
            or isinstance(self.item_digits, bool)
            or not 4 <= self.item_digits <= 6
        ):
            raise ValueError(f"item_digits must be 4, 5 or 6, got {self.item_digits!r}")


@dataclass(frozen=True)
class BarcodeRules:
    """The shop's in-store prefixes. Each prefix may appear only once."""

    prefixes: tuple[InStorePrefix, ...]

    def __post_init__(self) -> None:
        # Accept any iterable (e.g. a list from a settings file) but store a tuple,
        # so the rules stay immutable and hashable.
        prefixes = tuple(self.prefixes)
        object.__setattr__(self, "prefixes", prefixes)
        seen: set[str] = set()
        for entry in prefixes:
            if not isinstance(entry, InStorePrefix):
                raise TypeError(f"prefixes must be InStorePrefix values, got {entry!r}")
            if entry.prefix in seen:
                raise ValueError(f"in-store prefix {entry.prefix} configured twice")
            seen.add(entry.prefix)

    def kind_of(self, prefix: str) -> InStorePrefix | None:
        """The configuration for a two-digit prefix, or None if it is not in-store here."""
        for entry in self.prefixes:
            if entry.prefix == prefix:
                return entry
        return None

    @classmethod
    def default(cls) -> BarcodeRules:
        """21 price label, 22 weight label, 27 loyalty card, 28 voucher (5-digit item codes)."""
        return cls(
            (
                InStorePrefix("21", InStoreKind.PRICE_LABEL),
                InStorePrefix("22", InStoreKind.WEIGHT_LABEL),
                InStorePrefix("27", InStoreKind.LOYALTY_CARD),
                InStorePrefix("28", InStoreKind.VOUCHER),
            )
        )


# --------------------------------------------------------------------------- scan results


@dataclass(frozen=True)
class ProductCode:
    """A trade item to look up; ``gtin`` is EAN-13 (UPC-A normalised) or EAN-8."""

    gtin: str


@dataclass(frozen=True)
class PriceLabel:
    """An in-store price label: item (PLU) code and price in euros (exactly 2 decimals)."""

    item_code: str
    price: Decimal


@dataclass(frozen=True)
class WeightLabel:
    """An in-store weight label: item (PLU) code and weight in kg (exactly 3 decimals)."""

    item_code: str
    weight_kg: Decimal


@dataclass(frozen=True)
class LoyaltyCard:
    """A loyalty card; ``number`` is the full 13-digit code."""

    number: str


@dataclass(frozen=True)
class VoucherCode:
    """A voucher: the full 13-digit code, or the uppercase code of a ``V-<CODE>`` text."""

    code: str


@dataclass(frozen=True)
class ReceiptCode:
    """The code printed on a receipt (see :func:`receipt_code`)."""

    till_code: str
    receipt_number: int


@dataclass(frozen=True)
class TextCode:
    """Any other readable Code 128 text (an SKU, an internal code), looked up as is."""

    text: str


@dataclass(frozen=True)
class Misread:
    """A read that must not be acted on.

    ``reason`` is one of ``"empty"``, ``"wrong check digit"``, ``"too short"``,
    ``"unreadable"``. ``code`` is the text after stripping.
    """

    code: str
    reason: str


Scan: TypeAlias = (
    ProductCode
    | PriceLabel
    | WeightLabel
    | LoyaltyCard
    | VoucherCode
    | ReceiptCode
    | TextCode
    | Misread
)


# --------------------------------------------------------------------------- Code 128 texts


def receipt_code(till_code: str, receipt_number: int) -> str:
    """The Code 128 text printed on receipts: ``"R" + till_code + "-" + number``.

    E.g. ``receipt_code("T1", 42) == "RT1-42"``. :func:`classify` turns it back into
    ``ReceiptCode(till_code, receipt_number)``. Raises ValueError unless
    ``till_code`` is 1..8 characters of uppercase A-Z/0-9 and ``receipt_number``
    is an int in 0..999 999 999, so that the round trip always holds.
    """
    if not isinstance(till_code, str) or not _TILL_CODE_RE.fullmatch(till_code):
        raise ValueError(f"till code must be 1..8 of A-Z 0-9, got {till_code!r}")
    if (
        not isinstance(receipt_number, int)
        or isinstance(receipt_number, bool)
        or not 0 <= receipt_number <= _MAX_RECEIPT_NUMBER
    ):
        raise ValueError(f"receipt number must be 0..999999999, got {receipt_number!r}")
    return f"R{till_code}-{receipt_number}"


def parse_receipt_number(text: str, this_till: str) -> ReceiptCode | None:
    """A receipt's number as a person types it: ``"T1-42"`` -> ``ReceiptCode("T1", 42)``,
    ``"42"`` -> the receipt 42 of ``this_till``; case and spaces do not matter;
    anything else -> None. (A scanned ``"RT1-42"`` is read by :func:`classify`.)
    """
    found = _TYPED_RECEIPT_RE.fullmatch(text.strip().upper().replace(" ", ""))
    if found is None:
        return None
    return ReceiptCode(found.group(1) or this_till, int(found.group(2)))


def voucher_text_code(code: str) -> str:
    """The Code 128 text form of a voucher: ``"V-" + code``.

    ``code`` must be 4..32 characters of uppercase A-Z/0-9 (ValueError otherwise);
    :func:`classify` turns the result back into ``VoucherCode(code)``.
    """
    if not isinstance(code, str) or not _VOUCHER_CODE_RE.fullmatch(code):
        raise ValueError(f"voucher code must be 4..32 of A-Z 0-9, got {code!r}")
    return f"V-{code}"


# --------------------------------------------------------------------------- classification


def _is_strippable(ch: str) -> bool:
    """Whitespace, control (Cc) and format (Cf, e.g. a BOM) characters around a read."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf")


def _strip(raw: str) -> str:
    start, end = 0, len(raw)
    while start < end and _is_strippable(raw[start]):
        start += 1
    while end > start and _is_strippable(raw[end - 1]):
        end -= 1
    return raw[start:end]


def _classify_gtin(code: str, rules: BarcodeRules) -> Scan:
    """``code`` is 8, 12 or 13 ASCII digits."""
    if not is_valid_gtin(code):
        return Misread(code, N_("wrong check digit"))
    if len(code) != 13:
        # EAN-8 stays as is; UPC-A becomes "0..." which is never a 2x in-store prefix
        # (UPC-A number system 2 is looked up as an ordinary product, to keep it simple).
        return ProductCode(normalize_gtin(code))
    entry = rules.kind_of(code[:2])
    if entry is None:
        return ProductCode(code)
    if entry.kind is InStoreKind.LOYALTY_CARD:
        return LoyaltyCard(code)
    if entry.kind is InStoreKind.VOUCHER:
        return VoucherCode(code)
    item_end = 2 + entry.item_digits
    item_code = code[2:item_end]
    value = int(code[item_end:12])
    if entry.kind is InStoreKind.PRICE_LABEL:
        # Built from a string, so the exponent is exactly -2 and no context is involved.
        return PriceLabel(item_code, Decimal(f"{value}E-2"))
    return WeightLabel(item_code, Decimal(f"{value}E-3"))


def classify(raw: str, rules: BarcodeRules) -> Scan:
    """Say what a scanned string is.

    1. Surrounding whitespace and control/format characters (CR, LF, TAB, ...)
       are stripped. Nothing left -> ``Misread(reason="empty")``.
    2. Longer than 64 characters, or any non-printable character inside ->
       ``Misread(reason="unreadable")``.
    3. ASCII digits of length 8, 12 or 13 are GTINs. A wrong check digit is
       ``Misread(reason="wrong check digit")`` -- never a product. A valid
       13-digit code whose first two digits are a configured in-store prefix is
       routed by kind (price label, weight label, loyalty card, voucher);
       otherwise it is a :class:`ProductCode`. UPC-A (12 digits) is normalised to
       EAN-13 (``"0" + code``) and is always a ProductCode; EAN-8 is unchanged.
    4. Other all-digit reads: 1..3 digits -> ``Misread(reason="too short")``
       (a fragment, not a code anyone would print); 4 or more digits (e.g. 6, 10
       or 14) -> :class:`TextCode`. Such reads are not GTINs we can check, so
       they are not products: they are looked up as plain barcode strings, and a
       truncated or garbled EAN simply will not be found.
    5. ``R<TILL>-<NUMBER>`` (till 1..8 of A-Z/0-9, number 1..9 digits) ->
       :class:`ReceiptCode`; ``V-<CODE>`` (4..32 of A-Z/0-9) ->
       :class:`VoucherCode`. Letters are matched case-insensitively and returned
       uppercase (scanners differ in caps-lock handling).
    6. Anything else -> ``TextCode(text)`` with the stripped text as is.

    Only ASCII digits count as digits; other Unicode digits are plain text.
    """
    text = _strip(raw)
    if not text:
        return Misread(text, N_("empty"))
    if len(text) > MAX_TEXT_LENGTH or not text.isprintable():
        return Misread(text, N_("unreadable"))
    if _is_ascii_digits(text):
        if len(text) in GTIN_LENGTHS:
            return _classify_gtin(text, rules)
        if len(text) < MIN_NUMERIC_LENGTH:
            return Misread(text, N_("too short"))
        return TextCode(text)
    if text.isascii():
        upper = text.upper()
        receipt = _RECEIPT_RE.fullmatch(upper)
        if receipt is not None:
            return ReceiptCode(receipt.group(1), int(receipt.group(2)))
        voucher = _VOUCHER_RE.fullmatch(upper)
        if voucher is not None:
            return VoucherCode(voucher.group(1))
    return TextCode(text)
