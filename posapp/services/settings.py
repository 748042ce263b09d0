"""Shop settings: every option declared once, with its type and default."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from posapp.db.models import Setting
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import BarcodeRules, InStoreKind, InStorePrefix
from posapp.domain.roles import Actor, Permission, require
from posapp.services import audit


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

    def barcode_rules(self) -> BarcodeRules:
        return BarcodeRules(
            tuple(
                InStorePrefix(p.prefix, InStoreKind(p.kind), p.item_digits)
                for p in self.barcode_prefixes
            )
        )


def _to_json(value: Any) -> str:
    if isinstance(value, Decimal):
        return json.dumps(str(value))
    if isinstance(value, tuple):
        return json.dumps([asdict(item) for item in value])
    return json.dumps(value, ensure_ascii=False)


def _from_json(name: str, text: str) -> Any:
    value = json.loads(text)
    default = getattr(ShopSettings(), name)
    if isinstance(default, Decimal):
        return Decimal(value)
    if isinstance(default, tuple):
        return tuple(PrefixSetting(**item) for item in value)
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
    with uow.writing():
        current = read_settings(uow)
        new = replace(current, **changes)
        new.barcode_rules()  # refuses an impossible barcode configuration
        write_settings(uow, changes.keys(), new)
        audit.record(uow, actor, "settings_changed", {"changed": sorted(changes)})
        uow.commit()
    return new


def write_settings(uow: UnitOfWork, names: Any, settings: ShopSettings) -> None:
    for name in names:
        uow.session.merge(Setting(key=name, value=_to_json(getattr(settings, name))))
