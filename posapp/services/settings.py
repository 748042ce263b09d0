"""Shop settings: every option declared once, with its type and default."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select

from posapp.db.models import Product, Setting
from posapp.db.uow import UnitOfWork
from posapp.devices.printers import DEFAULT_CODE_PAGE, DEFAULT_PROFILE, parse_connection
from posapp.devices.scanner import DEFAULT_MIN_LENGTH, DEFAULT_THRESHOLD_MS
from posapp.domain.barcodes import BarcodeRules, InStoreKind, InStorePrefix
from posapp.domain.cart import RewardKind
from posapp.domain.loyalty import EarnRules, Stage, StageRules
from posapp.domain.money import parse_number
from posapp.domain.reminders import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    ReminderRules,
    template_fields,
)
from posapp.domain.roles import Actor, Permission, require
from posapp.errors import InvalidInput
from posapp.i18n import LANGUAGES, _
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
FALLBACK_TIME_ZONE = "Europe/Riga"


def shop_time_zone(name: str) -> tuple[str, tzinfo]:
    """The shop's zone; a name this machine does not know falls back to Riga, then UTC."""
    for candidate in (name, FALLBACK_TIME_ZONE):
        try:
            return candidate, ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return "UTC", UTC


@dataclass(frozen=True)
class PrefixSetting:
    prefix: str
    kind: str  # an InStoreKind value
    item_digits: int = 5


class RewardTrigger:
    """How a reward of the catalogue is had (RewardSetting.trigger)."""

    POINTS = "points"  # taken at the till for its points
    NTH_VISIT = "nth_visit"  # a voucher issued with every Nth visit
    BIRTHDAY = "birthday"  # a voucher issued with the first purchase of the birthday week

    ALL = (POINTS, NTH_VISIT, BIRTHDAY)


@dataclass(frozen=True)
class RewardSetting:
    """One reward of the shop's catalogue.

    `kind` is a RewardKind value: "amount" (`amount` euros off), "percent"
    (`percent` off the sale) or "product" (one unit of the product with SKU
    `sku` free). A "points" reward costs `points`; a "nth_visit" one is issued
    as a voucher on every `every`-th visit; a "birthday" one once a year in the
    birthday week. Vouchers are valid `valid_days` days from the day they are
    issued. `name` is what the till and the receipt call it; empty: described
    from what it takes off ("€5.00 off").
    """

    key: str
    trigger: str
    kind: str
    amount: Decimal | None = None
    percent: Decimal | None = None
    sku: str | None = None
    points: int = 0
    every: int = 0
    valid_days: int = 30
    name: str = ""


@dataclass(frozen=True)
class PointsBonus:
    """Extra points per unit sold of a product (by SKU) or of a category (by name)."""

    code: str
    points: int


def _default_rewards() -> tuple[RewardSetting, ...]:
    return (
        RewardSetting("euro_2", RewardTrigger.POINTS, "amount", amount=Decimal("2.00"), points=200),
        RewardSetting("euro_5", RewardTrigger.POINTS, "amount", amount=Decimal("5.00"), points=500),
        RewardSetting(
            "tenth_visit", RewardTrigger.NTH_VISIT, "percent", percent=Decimal(10), every=10
        ),
        RewardSetting(
            "birthday", RewardTrigger.BIRTHDAY, "amount", amount=Decimal("3.00"), valid_days=14
        ),
    )


@dataclass(frozen=True)
class LoyaltySettings:
    """The loyalty programme's rules, all the owner's to change (stored as one JSON setting)."""

    # Earning (posapp.domain.loyalty.earn_points).
    points_per_euro: Decimal = Decimal(1)
    points_per_visit: int = 0
    product_bonus: tuple[PointsBonus, ...] = ()  # by SKU
    category_bonus: tuple[PointsBonus, ...] = ()  # by category name
    # Categories that earn nothing and that rewards take nothing off (gift cards, tobacco).
    excluded_categories: tuple[str, ...] = ()
    visitor_multiplier: Decimal = Decimal(1)
    buyer_multiplier: Decimal = Decimal(1)
    client_multiplier: Decimal = Decimal("1.25")
    advocate_multiplier: Decimal = Decimal("1.5")
    birthday_multiplier: Decimal = Decimal(2)
    birthday_window_days: int = 3  # the birthday week: the birthday and 3 days either side
    # Stages (posapp.domain.loyalty.compute_stage).
    buyer_purchases: int = 1
    client_visits: int = 4
    client_window_days: int = 90
    advocate_referrals: int = 1
    advocate_five_star_ratings: int = 3
    # Other points.
    referral_points: int = 50  # to both, with the new member's first purchase
    welcome_points: int = 0  # to a new member on enrolment
    points_expire_months: int = 12  # 0: points never expire
    # "proportional": a refund gives back points spent on the sale in proportion to the
    # money refunded; "full_refund": only when the whole sale is refunded; "never".
    refund_restores_points: str = "proportional"
    # Vouchers can be used only with their customer's card (False: by whoever has them).
    vouchers_bound_to_customer: bool = True
    rewards: tuple[RewardSetting, ...] = field(default_factory=_default_rewards)

    def stage_rules(self) -> StageRules:
        return StageRules(
            buyer_purchases=self.buyer_purchases,
            client_visits=self.client_visits,
            client_window_days=self.client_window_days,
            advocate_referrals=self.advocate_referrals,
            advocate_five_star_ratings=self.advocate_five_star_ratings,
        )

    def earn_rules(self, products: dict[str, int], categories: dict[str, int]) -> EarnRules:
        """The earning rules, with SKUs and category names resolved to ids (`products`,
        `categories`: the ids of those that exist)."""
        return EarnRules(
            points_per_euro=self.points_per_euro,
            points_per_visit=self.points_per_visit,
            product_bonus={
                products[b.code]: b.points for b in self.product_bonus if b.code in products
            },
            category_bonus={
                categories[b.code]: b.points for b in self.category_bonus if b.code in categories
            },
            excluded_categories=frozenset(
                categories[name] for name in self.excluded_categories if name in categories
            ),
            stage_multipliers={
                Stage.VISITOR: self.visitor_multiplier,
                Stage.BUYER: self.buyer_multiplier,
                Stage.CLIENT: self.client_multiplier,
                Stage.ADVOCATE: self.advocate_multiplier,
            },
            birthday_multiplier=self.birthday_multiplier,
            birthday_window_days=self.birthday_window_days,
        )

    def reward(self, key: str) -> RewardSetting | None:
        return next((r for r in self.rewards if r.key == key), None)

    def check(self) -> None:
        """Refuse rules that cannot work, with what to change."""
        counts = (
            self.points_per_visit,
            self.welcome_points,
            self.referral_points,
            self.birthday_window_days,
            self.points_expire_months,
            self.advocate_referrals,
            self.advocate_five_star_ratings,
        )
        if self.points_per_euro < 0 or any(n < 0 for n in counts):
            raise InvalidInput(_("Loyalty points and days are zero or more."))
        if min(self.buyer_purchases, self.client_visits, self.client_window_days) < 1:
            raise InvalidInput(_("Stage thresholds and the visits window are at least 1."))
        multipliers = (
            self.visitor_multiplier,
            self.buyer_multiplier,
            self.client_multiplier,
            self.advocate_multiplier,
            self.birthday_multiplier,
        )
        if any(m < 0 for m in multipliers):
            raise InvalidInput(_("A points multiplier is zero or more."))
        if self.refund_restores_points not in ("proportional", "full_refund", "never"):
            raise InvalidInput(
                _("Points given back on refunds are 'proportional', 'full_refund' or 'never'.")
            )
        keys = [reward.key for reward in self.rewards]
        if len(set(keys)) != len(keys):
            raise InvalidInput(_("Each reward needs a key of its own."))
        for reward in self.rewards:
            _check_reward(reward)


def _check_reward(reward: RewardSetting) -> None:
    if not reward.key or len(reward.key) > 40 or ":" in reward.key:
        raise InvalidInput(_("A reward's key is 1 to 40 characters, without a colon."))
    if reward.trigger not in RewardTrigger.ALL:
        raise InvalidInput(
            _(
                "Reward {key}: it is had for 'points', on every 'nth_visit' or on the 'birthday'."
            ).format(key=reward.key)
        )
    try:
        kind = RewardKind(reward.kind)
    except ValueError:
        raise InvalidInput(
            _("Reward {key}: it takes off an 'amount', a 'percent' or a 'product'.").format(
                key=reward.key
            )
        ) from None
    if (
        (kind is RewardKind.AMOUNT and (reward.amount is None or reward.amount <= 0))
        or (
            kind is RewardKind.PERCENT and (reward.percent is None or not 0 < reward.percent <= 100)
        )
        or (kind is RewardKind.PRODUCT and not reward.sku)
    ):
        raise InvalidInput(
            _("Reward {key}: say how much it takes off, or which product it gives.").format(
                key=reward.key
            )
        )
    if reward.trigger == RewardTrigger.POINTS and reward.points <= 0:
        raise InvalidInput(_("Reward {key}: say how many points it costs.").format(key=reward.key))
    if reward.trigger == RewardTrigger.NTH_VISIT and reward.every <= 0:
        raise InvalidInput(
            _("Reward {key}: say on every how many visits it is given.").format(key=reward.key)
        )
    if reward.valid_days <= 0:
        raise InvalidInput(
            _("Reward {key}: a voucher is valid for at least one day.").format(key=reward.key)
        )


def _record_to_json(value: LoyaltySettings | ReminderSettings) -> dict[str, Any]:
    """A record setting as JSON values: its fields, records in tuples as objects."""
    return {
        name: (
            [
                _plain(asdict(item)) if is_dataclass(item) and not isinstance(item, type) else item
                for item in attribute
            ]
            if isinstance(attribute, tuple)
            else _plain(attribute)
        )
        for name, attribute in ((f.name, getattr(value, f.name)) for f in fields(value))
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


_REWARD_DECIMALS = ("amount", "percent")


def _reward_from_json(item: dict[str, Any]) -> RewardSetting:
    values: dict[str, Any] = {
        name: Decimal(value) if name in _REWARD_DECIMALS and value is not None else value
        for name, value in item.items()
    }
    return RewardSetting(**values)


_Record = TypeVar("_Record", "LoyaltySettings", "ReminderSettings")


def _record_from_json(
    defaults: _Record, value: dict[str, Any], records: Mapping[str, Callable[[dict[str, Any]], Any]]
) -> _Record:
    """A stored record setting; a name this version does not know is left out, one it
    misses keeps its default (settings written by an older or newer posapp still load).
    `records`: how each tuple of records is read, by the tuple's name."""
    known = {f.name: getattr(defaults, f.name) for f in fields(defaults)}
    changes: dict[str, Any] = {}
    for name, stored in value.items():
        if name not in known:
            continue
        if name in records:
            changes[name] = tuple(records[name](item) for item in stored)
        elif isinstance(known[name], Decimal):
            changes[name] = Decimal(stored)
        elif isinstance(known[name], tuple):
            changes[name] = tuple(stored)
        else:
            changes[name] = stored
    return replace(defaults, **changes)


def _loyalty_from_json(value: dict[str, Any]) -> LoyaltySettings:
    def bonus(item: dict[str, Any]) -> PointsBonus:
        return PointsBonus(**item)

    readers = {"rewards": _reward_from_json, "product_bonus": bonus, "category_bonus": bonus}
    return _record_from_json(LoyaltySettings(), value, readers)


@dataclass(frozen=True)
class ReminderTemplate:
    """The wording of one reminder or stage hint, in English and in Latvian, with the
    placeholders posapp.domain.reminders.PLACEHOLDERS allows for its key."""

    key: str
    en: str
    lv: str


def _default_templates() -> tuple[ReminderTemplate, ...]:
    return tuple(ReminderTemplate(key, en, lv) for key, (en, lv) in DEFAULT_TEMPLATES.items())


@dataclass(frozen=True)
class ReminderSettings:
    """Staff reminders and customer care (posapp.domain.reminders): the owner's to change,
    stored as one JSON setting like the loyalty programme."""

    stage_news_days: int = 14  # a new Client or Advocate is thanked within this many days
    regular_visits: int = 3  # visits before their usual interval counts (welcome back, quiet)
    welcome_back_factor: Decimal = Decimal("1.5")  # away this many usual intervals …
    welcome_back_min_days: int = 14  # … and at least this many days: welcome back, quiet
    last_visit_within_days: int = 30  # a visit longer ago is not asked about
    usual_item_sales: int = 3  # bought in this many sales: one of their usual items
    items_shown: int = 3  # names of items in a reminder
    points_expiring_days: int = 30  # points expiring within this many days are mentioned
    # After a sale without a card the till suggests offering one when the receipt number
    # is a multiple of this: about one anonymous buyer in N (1: every one; 0: never).
    offer_card_every: int = 3
    templates: tuple[ReminderTemplate, ...] = field(default_factory=_default_templates)

    def template(self, key: str, language: str) -> str:
        """The owner's wording for `key` in `language` (Latvian, else English)."""
        for template in self.templates:
            if template.key == key:
                return template.lv if language == "lv" else template.en
        english, latvian = DEFAULT_TEMPLATES[key]
        return latvian if language == "lv" else english

    def rules(self, language: str, birthday_window_days: int) -> ReminderRules:
        """The engine's rules in the cashier's `language`; the birthday week is the
        loyalty programme's (LoyaltySettings.birthday_window_days)."""
        return ReminderRules(
            templates={key: self.template(key, language) for key in PLACEHOLDERS},
            language=language,
            birthday_window_days=birthday_window_days,
            stage_news_days=self.stage_news_days,
            regular_visits=self.regular_visits,
            welcome_back_factor=self.welcome_back_factor,
            welcome_back_min_days=self.welcome_back_min_days,
            last_visit_within_days=self.last_visit_within_days,
            items_shown=self.items_shown,
        )

    def offers_card(self, receipt_number: int) -> bool:
        """Whether to suggest offering a card after the anonymous sale with this number."""
        return self.offer_card_every > 0 and receipt_number % self.offer_card_every == 0

    def check(self) -> None:
        """Refuse thresholds that cannot work and templates that could not be filled in."""
        days = (
            self.stage_news_days,
            self.welcome_back_min_days,
            self.last_visit_within_days,
            self.points_expiring_days,
            self.offer_card_every,
        )
        if any(n < 0 for n in days) or self.welcome_back_factor < 1:
            raise InvalidInput(
                _("Reminder days are zero or more, and the welcome-back factor at least 1.")
            )
        if min(self.regular_visits, self.usual_item_sales, self.items_shown) < 1:
            raise InvalidInput(_("Reminder counts (visits, sales, items shown) are at least 1."))
        keys = [template.key for template in self.templates]
        if len(set(keys)) != len(keys):
            raise InvalidInput(_("Each reminder template needs a key of its own."))
        for template in self.templates:
            _check_template(template)


def _check_template(template: ReminderTemplate) -> None:
    allowed = PLACEHOLDERS.get(template.key)
    if allowed is None:
        raise InvalidInput(
            _("There is no reminder {key}; the templates are: {keys}.").format(
                key=template.key, keys=", ".join(PLACEHOLDERS)
            )
        )
    for language, text in (("en", template.en), ("lv", template.lv)):
        if not text.strip():
            raise InvalidInput(
                _("Reminder {key} needs its wording in {language}.").format(
                    key=template.key, language=language
                )
            )
        try:
            used = template_fields(text)
        except ValueError:
            raise InvalidInput(
                _(
                    "Reminder {key} ({language}) has a brace without its partner; write "
                    "placeholders as {{name}}."
                ).format(key=template.key, language=language)
            ) from None
        unknown = sorted(set(used) - allowed)
        if unknown:
            raise InvalidInput(
                _(
                    "Reminder {key} ({language}) uses {unknown}, which it does not know. "
                    "It may use: {allowed}."
                ).format(
                    key=template.key,
                    language=language,
                    unknown=", ".join(f"{{{name}}}" for name in unknown),
                    allowed=", ".join(f"{{{name}}}" for name in sorted(allowed)),
                )
            )


def _reminders_from_json(value: dict[str, Any]) -> ReminderSettings:
    def template(item: dict[str, Any]) -> ReminderTemplate:
        return ReminderTemplate(**item)

    return _record_from_json(ReminderSettings(), value, {"templates": template})


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
    loyalty: LoyaltySettings = field(default_factory=LoyaltySettings)
    reminders: ReminderSettings = field(default_factory=ReminderSettings)

    def local_date(self, moment: datetime) -> date:
        """The shop's date at an aware moment (visits, birthdays and vouchers go by it)."""
        return moment.astimezone(shop_time_zone(self.time_zone)[1]).date()

    def barcode_rules(self) -> BarcodeRules:
        return BarcodeRules(
            tuple(
                InStorePrefix(p.prefix, InStoreKind(p.kind), p.item_digits)
                for p in self.barcode_prefixes
            )
        )


# Settings that are records of their own (one JSON object each).
_RECORD_SETTINGS = (LoyaltySettings, ReminderSettings)
# Settings that are tuples of records rather than of plain values.
_RECORD_TUPLES: dict[str, type[PrefixSetting]] = {"barcode_prefixes": PrefixSetting}
# Settings that are lines of text, which may hold commas: typed and shown separated by "|".
_LINE_TUPLES = frozenset({"receipt_header", "receipt_footer"})
LINE_SEPARATOR = "|"
RECEIPT_WIDTHS = (80, 58)
MAX_RECEIPT_LINES = 10
MAX_RECEIPT_LINE_LENGTH = 120


def _to_json(value: Any) -> str:
    if isinstance(value, _RECORD_SETTINGS):
        return json.dumps(_record_to_json(value), ensure_ascii=False)
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
    default = getattr(_DEFAULTS, name)
    if isinstance(default, LoyaltySettings):
        return _loyalty_from_json(value)
    if isinstance(default, ReminderSettings):
        return _reminders_from_json(value)
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


_DEFAULTS = ShopSettings()
_KNOWN = frozenset(f.name for f in fields(ShopSettings))
_ALL_SETTINGS = select(Setting.key, Setting.value)


def read_settings(uow: UnitOfWork) -> ShopSettings:
    """Settings inside a transaction the caller already holds.

    One read of the settings table; the rows are parsed once per process for
    as long as they stay the same (checkout reads them for every member's sale).
    """
    rows = tuple(sorted((key, value) for key, value in uow.connection.execute(_ALL_SETTINGS)))
    return _parsed(rows)


@functools.lru_cache(maxsize=16)
def _parsed(rows: tuple[tuple[str, str], ...]) -> ShopSettings:
    stored = {key: _from_json(key, value) for key, value in rows if key in _KNOWN}
    return replace(_DEFAULTS, **stored)


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
        if "loyalty" in changes:
            new.loyalty.check()
            _check_reward_products(uow, new.loyalty)
        if "reminders" in changes:
            new.reminders.check()
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
        from posapp.output.receipt_escpos import check_code_page  # python-escpos: slow to load

        check_code_page(settings.printer_profile, settings.printer_code_page)


def setting_names() -> list[str]:
    return [f.name for f in fields(ShopSettings)]


def setting_text(settings: ShopSettings, name: str) -> str:
    """A setting as a person reads and types it (see parse_setting)."""
    value = getattr(settings, name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in _RECORD_TUPLES or isinstance(value, _RECORD_SETTINGS):
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
        if name in _RECORD_TUPLES or isinstance(default, _RECORD_SETTINGS):
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


def _check_reward_products(uow: UnitOfWork, loyalty: LoyaltySettings) -> None:
    """A free-product reward names a product in the catalogue, sold by the piece."""
    skus = {reward.sku for reward in loyalty.rewards if reward.sku}
    by_piece = set(
        uow.session.scalars(
            select(Product.sku).where(Product.sku.in_(skus), Product.sold_by == "unit")
        )
    )
    missing = sorted(skus - by_piece)
    if missing:
        raise InvalidInput(
            _(
                "No product sold by the piece has the SKU {skus}, so it cannot be a reward. "
                "Check the SKU in the product list."
            ).format(skus=", ".join(missing))
        )


def write_settings(uow: UnitOfWork, names: Any, settings: ShopSettings) -> None:
    for name in names:
        uow.session.merge(Setting(key=name, value=_to_json(getattr(settings, name))))
