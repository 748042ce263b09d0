"""Shop settings: every option declared once, with its type and default."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from posapp.db.models import Product, Setting
from posapp.db.uow import UnitOfWork
from posapp.devices.printers import parse_connection
from posapp.devices.scanner import DEFAULT_MIN_LENGTH, DEFAULT_THRESHOLD_MS
from posapp.domain.barcodes import BarcodeRules, InStoreKind, InStorePrefix
from posapp.domain.money import parse_number
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput
from posapp.i18n import LANGUAGES, _
from posapp.output.receipt_escpos import DEFAULT_CODE_PAGE, DEFAULT_PROFILE, check_code_page
from posapp.services import audit

MAX_QUICK_KEYS = 12
# The whole numbers a person may set, and their sensible range.
_RANGES: dict[str, tuple[int, int]] = {
    "idle_lock_minutes": (0, 240),
    "scanner_gap_ms": (10, 200),
    "scanner_min_length": (1, 20),
    "pin_attempts": (1, 20),
    "pin_lock_minutes": (1, 1440),
}


@dataclass(frozen=True)
class PrefixSetting:
    prefix: str
    kind: str  # an InStoreKind value
    item_digits: int = 5


@dataclass(frozen=True)
class ShopSettings:
    shop_name: str = "My shop"
    address: str = ""
    vat_number: str = ""
    language: str = "lv"  # printed texts: receipts, reports
    time_zone: str = "Europe/Riga"
    # A cashier may discount a line up to this many percent without a manager.
    cashier_discount_limit: Decimal = Decimal("10")
    pin_attempts: int = 5
    pin_lock_minutes: int = 5
    barcode_prefixes: tuple[PrefixSetting, ...] = field(
        default_factory=lambda: tuple(
            PrefixSetting(p.prefix, p.kind.value, p.item_digits)
            for p in BarcodeRules.default().prefixes
        )
    )
    is_demo: bool = False
    # The cashier's quick keys: product SKUs, in the order of the keys (at most
    # MAX_QUICK_KEYS). Empty: the best sellers of the last 30 days
    # (posapp.services.catalog.quick_key_products).
    quick_keys: tuple[str, ...] = ()
    # Minutes without a key or a touch before a till locks itself (0: never).
    idle_lock_minutes: int = 5
    # A keyboard-wedge scanner is told from a person by timing: a burst of at least
    # scanner_min_length characters at most scanner_gap_ms apart, ended by Enter or Tab.
    scanner_gap_ms: int = DEFAULT_THRESHOLD_MS
    scanner_min_length: int = DEFAULT_MIN_LENGTH
    # Receipts: lines printed under the shop's name and address, and at the end; a logo
    # (a PNG or JPEG file) printed at the top of PDF receipts; the paper roll (80 or 58 mm).
    receipt_header: tuple[str, ...] = ()
    receipt_footer: tuple[str, ...] = ()
    receipt_logo: str = ""
    receipt_width: int = 80
    # The receipt printer (posapp.devices.printers): "none", "file:PATH",
    # "network:HOST[:PORT]", "usb:VID:PID", "serial:DEVICE[:BAUD]", or "system" (the
    # window's print dialog). A till may name its own with POSAPP_PRINTER.
    printer: str = "none"
    # The printer's character table for Latvian letters, by python-escpos's name, and the
    # python-escpos profile of the printer model, which says which ESC t number selects it.
    printer_code_page: str = DEFAULT_CODE_PAGE
    printer_profile: str = DEFAULT_PROFILE

    def barcode_rules(self) -> BarcodeRules:
        return BarcodeRules(
            tuple(
                InStorePrefix(p.prefix, InStoreKind(p.kind), p.item_digits)
                for p in self.barcode_prefixes
            )
        )


# Settings that are tuples of records rather than of plain values.
_RECORD_TUPLES: dict[str, type[PrefixSetting]] = {"barcode_prefixes": PrefixSetting}
# Settings that are lines of text, which may hold commas: typed and shown separated by "|".
_LINE_TUPLES = frozenset({"receipt_header", "receipt_footer"})
LINE_SEPARATOR = "|"
RECEIPT_WIDTHS = (80, 58)
MAX_RECEIPT_LINES = 10
MAX_RECEIPT_LINE_LENGTH = 120


def _to_json(value: Any) -> str:
    if isinstance(value, Decimal):
        return json.dumps(str(value))
    if isinstance(value, tuple):
        return json.dumps(
            [
                asdict(item) if is_dataclass(item) and not isinstance(item, type) else item
                for item in value
            ],
            ensure_ascii=False,
        )
    return json.dumps(value, ensure_ascii=False)


def _from_json(name: str, text: str) -> Any:
    value = json.loads(text)
    default = getattr(ShopSettings(), name)
    if isinstance(default, Decimal):
        return Decimal(value)
    if name in _RECORD_TUPLES:
        return tuple(_RECORD_TUPLES[name](**item) for item in value)
    if isinstance(default, tuple):
        return tuple(value)
    return value


def load_settings(uow: UnitOfWork) -> ShopSettings:
    with uow:
        return read_settings(uow)


def read_settings(uow: UnitOfWork) -> ShopSettings:
    """Settings inside a transaction the caller already holds."""
    known = {f.name for f in fields(ShopSettings)}
    stored = {
        key: _from_json(key, value)
        for key, value in uow.session.execute(select(Setting.key, Setting.value))
        if key in known
    }
    return replace(ShopSettings(), **stored)


def update_settings(uow: UnitOfWork, actor: Actor, **changes: Any) -> ShopSettings:
    """Change settings by name; checked by building the settings before saving."""
    require(actor, Permission.MANAGE_CATALOGUE)
    if "quick_keys" in changes:
        changes["quick_keys"] = _quick_keys(changes["quick_keys"])
    with uow.writing():
        current = read_settings(uow)
        new = replace(current, **changes)
        new.barcode_rules()  # refuses an impossible barcode configuration
        _check_ranges(new, changes)
        if "quick_keys" in changes:
            _check_quick_keys(uow, new.quick_keys)
        write_settings(uow, changes.keys(), new)
        audit.record(uow, actor, "settings_changed", {"changed": sorted(changes)})
        uow.commit()
    return new


def _check_ranges(settings: ShopSettings, changes: dict[str, Any]) -> None:
    if "time_zone" in changes:
        try:
            ZoneInfo(settings.time_zone)
        except (ValueError, ZoneInfoNotFoundError):
            raise InvalidInput(
                _("{zone} is not a time zone; use a name like Europe/Riga.").format(
                    zone=settings.time_zone
                )
            ) from None
    if "language" in changes and settings.language not in LANGUAGES:
        raise InvalidInput(
            _("The language is one of: {languages}.").format(languages=", ".join(LANGUAGES))
        )
    _check_receipt_settings(settings, changes)
    for name in changes.keys() & _RANGES.keys():
        low, high = _RANGES[name]
        value = getattr(settings, name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InvalidInput(
                _("{name} is a whole number from {low} to {high}.").format(
                    name=name, low=low, high=high
                )
            )


def _check_receipt_settings(settings: ShopSettings, changes: dict[str, Any]) -> None:
    if "receipt_width" in changes and settings.receipt_width not in RECEIPT_WIDTHS:
        raise InvalidInput(_("receipt_width is 80 or 58 (millimetres of the paper roll)."))
    for name in changes.keys() & _LINE_TUPLES:
        lines = getattr(settings, name)
        if (
            isinstance(lines, str)
            or len(lines) > MAX_RECEIPT_LINES
            or not all(isinstance(line, str) for line in lines)
            or any(len(line) > MAX_RECEIPT_LINE_LENGTH for line in lines)
        ):
            raise InvalidInput(
                _(
                    "{name} is at most {count} lines of at most {length} characters, "
                    "separated by |."
                ).format(name=name, count=MAX_RECEIPT_LINES, length=MAX_RECEIPT_LINE_LENGTH)
            )
    if (
        "receipt_logo" in changes
        and settings.receipt_logo
        and not Path(settings.receipt_logo).is_file()
    ):
        raise InvalidInput(
            _(
                "There is no logo file {path}. Give the full path of a PNG or JPEG file, "
                "or nothing for no logo."
            ).format(path=settings.receipt_logo)
        )
    if "printer" in changes:
        parse_connection(settings.printer)
    if changes.keys() & {"printer_code_page", "printer_profile"}:
        check_code_page(settings.printer_profile, settings.printer_code_page)


def setting_names() -> list[str]:
    return [f.name for f in fields(ShopSettings)]


def setting_text(settings: ShopSettings, name: str) -> str:
    """A setting as a person reads and types it (see parse_setting)."""
    value = getattr(settings, name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in _RECORD_TUPLES:
        return _to_json(value)
    if name in _LINE_TUPLES:
        return LINE_SEPARATOR.join(value)
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def parse_setting(name: str, text: str) -> Any:
    """The typed value of a setting from what a person typed: a number, yes/no, a text,
    a comma-separated list, or JSON for a list of records (as `posapp settings` shows it)."""
    if name not in setting_names():
        raise InvalidInput(
            _("There is no setting {name}. See them all with: posapp settings").format(name=name)
        )
    default = getattr(ShopSettings(), name)
    text = text.strip()
    try:
        if isinstance(default, bool):
            if text.lower() not in ("yes", "no", "true", "false", "1", "0"):
                raise ValueError(text)
            return text.lower() in ("yes", "true", "1")
        if isinstance(default, int):
            return int(text)
        if isinstance(default, Decimal):
            return parse_number(text)
        if name in _RECORD_TUPLES:
            return _from_json(name, text)
        if name in _LINE_TUPLES:
            return tuple(line.strip() for line in text.split(LINE_SEPARATOR) if line.strip())
        if isinstance(default, tuple):
            return tuple(item.strip() for item in text.split(",") if item.strip())
    except (ValueError, TypeError, KeyError) as error:
        raise InvalidInput(
            _("{text} is not a value for {name} (like the value posapp settings shows).").format(
                text=text, name=name
            )
        ) from error
    return text


def _quick_keys(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not all(isinstance(sku, str) and sku.strip() for sku in value):
        raise InvalidInput(_("Quick keys are a list of product SKUs."))
    return tuple(sku.strip() for sku in value)


def _check_quick_keys(uow: UnitOfWork, skus: tuple[str, ...]) -> None:
    """At most MAX_QUICK_KEYS, each once, each the SKU of a product in the catalogue."""
    if len(skus) > MAX_QUICK_KEYS:
        raise InvalidInput(
            _("There are {limit} quick keys; {count} products were given.").format(
                limit=MAX_QUICK_KEYS, count=len(skus)
            )
        )
    twice = sorted({sku for sku in skus if skus.count(sku) > 1})
    if twice:
        raise InvalidInput(
            _("Each product can be on one quick key only: {skus} is given more than once.").format(
                skus=", ".join(twice)
            )
        )
    known = set(uow.session.scalars(select(Product.sku).where(Product.sku.in_(skus))))
    unknown = [sku for sku in skus if sku not in known]
    if unknown:
        raise InvalidInput(
            _(
                "No product has the SKU {skus}, so it cannot be a quick key. Check the SKU in "
                "the product list."
            ).format(skus=", ".join(unknown))
        )


def write_settings(uow: UnitOfWork, names: Any, settings: ShopSettings) -> None:
    for name in names:
        uow.session.merge(Setting(key=name, value=_to_json(getattr(settings, name))))
