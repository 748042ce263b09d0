"""The demo shop: a Riga bakery-café with six months of history.

Everything is recorded through the same services a till uses (users, shifts,
enrolment, checkout with the members' cards and rewards, refunds), with the
unit of work's clock walked through the past, so the points ledger, stages and
vouchers are what six months of trade would leave. The random generators
(the history's and the unit of work's, which draws voucher codes) are seeded,
so a demo built twice is the same shop. DEMO_CARDS are the cards to try.
"""

from __future__ import annotations

import os
import random
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from posapp.db.engine import database_url
from posapp.db.models import (
    Category,
    Complaint,
    Product,
    ProductBarcode,
    Promise,
    Sale,
    VatRate,
)
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import BarcodeRules, InStoreKind, make_ean13
from posapp.domain.cart import Cart, Discount, PaymentMethod
from posapp.domain.loyalty import observed_birthday
from posapp.domain.money import to_cents
from posapp.domain.reminders import Reminder, ReminderKind
from posapp.domain.roles import Actor, Role
from posapp.errors import InvalidInput, PosError
from posapp.i18n import _
from posapp.services import care, checkout, loyalty, refunds, shifts, users
from posapp.services.care import CardOfferAnswer
from posapp.services.reports import aggregates, kept
from posapp.services.settings import (
    LoyaltySettings,
    PointsBonus,
    ReminderSettings,
    RewardSetting,
    RewardTrigger,
    ShopSettings,
    write_settings,
)
from posapp.services.setup import open_database, prepare_shop

SHOP = ShopSettings(
    shop_name="Maiznīca Rīts",
    address="Tērbatas iela 14, Rīga, LV-1011",
    vat_number="LV40003123456",
    language="lv",
    is_demo=True,
)
TILL = "T1"
# name, role, PIN: printed by `posapp demo`, and in the README.
DEMO_USERS = (
    ("Ilze", Role.OWNER, "1111"),
    ("Māris", Role.MANAGER, "2222"),
    ("Līga", Role.CASHIER, "3333"),
    ("Jānis", Role.CASHIER, "4444"),
)

# category, VAT %, [(name, price)], [variants: (suffix, price factor)]
CATALOGUE: list[tuple[str, int, list[tuple[str, str]], list[tuple[str, str]]]] = [
    (
        "Maize",
        21,
        [
            ("Rupjmaize", "2.35"),
            ("Saldskābmaize", "2.10"),
            ("Baltmaize", "1.65"),
            ("Pilngraudu maize", "2.60"),
            ("Ķimeņu maize", "2.45"),
            ("Rudzu bulciņa", "0.55"),
            ("Kviešu bulciņa", "0.45"),
            ("Bagete", "1.40"),
            ("Čiabata", "1.80"),
            ("Speķa pīrādziņš", "0.75"),
        ],
        [("", "1"), (" (liela)", "1.6"), (" (šķēlēs)", "1.1")],
    ),
    (
        "Konditoreja",
        21,
        [
            ("Kanēļmaizīte", "1.20"),
            ("Magoņmaizīte", "1.15"),
            ("Kruasāns", "1.30"),
            ("Šokolādes kruasāns", "1.60"),
            ("Ābolu plātsmaize", "1.45"),
            ("Biezpiena smalkmaizīte", "1.25"),
            ("Kārtainā mēlīte", "0.95"),
            ("Vaniļas virtulis", "0.90"),
            ("Ķiršu strūdele", "1.70"),
            ("Rabarberu plātsmaize", "1.55"),
            ("Mandeļu kruasāns", "1.90"),
            ("Kanēļa gliemezis", "1.35"),
            ("Eklērs", "1.50"),
            ("Biešu pīrāgs", "1.10"),
        ],
        [("", "1"), (" (mini)", "0.6"), (" ar ievārījumu", "1.15")],
    ),
    (
        "Kūkas",
        21,
        [
            ("Medus kūka", "3.20"),
            ("Napoleona kūka", "3.10"),
            ("Biezpiena kūka", "2.90"),
            ("Šokolādes kūka", "3.40"),
            ("Burkānu kūka", "3.00"),
            ("Ogu tortīte", "3.60"),
            ("Rupjmaizes kārtojums", "2.80"),
            ("Ābolu pīrāgs", "2.70"),
        ],
        [("", "1"), (" (vesela)", "7.5"), (" (puse)", "4")],
    ),
    (
        "Kafija",
        21,
        [
            ("Espresso", "1.80"),
            ("Amerikāņu kafija", "2.20"),
            ("Kapučīno", "2.90"),
            ("Latte", "3.10"),
            ("Flat white", "3.20"),
            ("Mokačīno", "3.40"),
            ("Karstā šokolāde", "2.80"),
            ("Kafija ar pienu", "2.40"),
        ],
        [
            (" S", "1"),
            (" M", "1.2"),
            (" L", "1.4"),
            (" ar auzu pienu", "1.3"),
            (" ar karameli", "1.25"),
            (" ar vaniļu", "1.25"),
        ],
    ),
    (
        "Tēja",
        21,
        [
            ("Melnā tēja", "1.90"),
            ("Zaļā tēja", "1.90"),
            ("Piparmētru tēja", "1.90"),
            ("Kumelīšu tēja", "1.90"),
            ("Smiltsērkšķu tēja", "2.60"),
            ("Ingvera tēja", "2.50"),
            ("Liepziedu tēja", "2.20"),
            ("Aveņu lapu tēja", "2.20"),
        ],
        [("", "1"), (" ar medu", "1.2")],
    ),
    (
        "Dzērieni",
        21,
        [
            ("Kvass", "1.60"),
            ("Minerālūdens", "1.10"),
            ("Ābolu sula", "1.90"),
            ("Bērzu sula", "2.30"),
            ("Dzērveņu morss", "2.10"),
            ("Limonāde", "1.80"),
        ],
        [(" 0,33 l", "1"), (" 0,5 l", "1.35"), (" 1 l", "2.1")],
    ),
    (
        "Sviestmaizes",
        21,
        [
            ("Sviestmaize ar sieru", "2.90"),
            ("Sviestmaize ar šķiņķi", "3.20"),
            ("Sviestmaize ar lasi", "4.10"),
            ("Sviestmaize ar olu", "2.70"),
            ("Klubmaize", "4.50"),
            ("Sviestmaize ar siļķi", "3.40"),
        ],
        [("", "1"), (" (rupjmaizes)", "1.1")],
    ),
    (
        "Zupas",
        21,
        [
            ("Skābeņu zupa", "3.50"),
            ("Biešu zupa", "3.60"),
            ("Zirņu zupa", "3.40"),
            ("Sēņu zupa", "3.90"),
            ("Frikadeļu zupa", "3.70"),
        ],
        [("", "1"), (" (maza)", "0.65")],
    ),
    (
        "Saldumi",
        21,
        [
            ("Gotiņa konfektes", "2.20"),
            ("Serenāde", "2.80"),
            ("Rigas Šokolāde", "3.10"),
            ("Pūra pīrāgs", "1.20"),
            ("Ķiploku grauzdiņi", "1.50"),
            ("Rudzupuķe konfektes", "2.60"),
            ("Lāču ķepas", "2.40"),
            ("Kārums biezpiena sieriņš", "0.65"),
        ],
        [("", "1"), (" (liels iepakojums)", "2.2")],
    ),
    (
        "Piena produkti",
        21,
        [
            ("Piens 2%", "1.19"),
            ("Kefīrs", "1.05"),
            ("Rūgušpiens", "1.10"),
            ("Biezpiens", "1.85"),
            ("Skābais krējums", "1.35"),
            ("Jāņu siers", "3.20"),
            ("Sviests", "2.95"),
            ("Jogurts ar ogām", "0.95"),
        ],
        [("", "1"), (" (liels)", "1.8"), (" (bioloģisks)", "1.3")],
    ),
    (
        "Mājražojumi",
        21,
        [
            ("Liepu medus", "7.50"),
            ("Griķu medus", "7.90"),
            ("Upeņu ievārījums", "4.20"),
            ("Brūkleņu ievārījums", "4.60"),
            ("Smiltsērkšķu sīrups", "5.80"),
            ("Rupjmaizes cepumi", "3.10"),
            ("Kaņepju sviests", "4.90"),
            ("Ābolu čipsi", "2.80"),
        ],
        [("", "1"), (" (mazs)", "0.55"), (" (dāvanu)", "1.6")],
    ),
    (
        "Salāti",
        21,
        [
            ("Rasols", "2.90"),
            ("Siļķe kažokā", "3.30"),
            ("Grieķu salāti", "3.60"),
            ("Cēzara salāti", "4.20"),
            ("Pupiņu salāti", "2.70"),
            ("Biešu salāti", "2.40"),
            ("Vistas salāti", "3.10"),
            ("Kartupeļu salāti ar gurķiem", "2.60"),
        ],
        [("", "1"), (" (liela porcija)", "1.6")],
    ),
    (
        "Augļi un ogas",
        5,
        [
            ("Āboli", "0.60"),
            ("Bumbieri", "0.70"),
            ("Zemenes", "3.90"),
            ("Mellenes", "4.50"),
            ("Avenes", "4.20"),
            ("Upenes", "3.60"),
        ],
        [(" (trauciņš)", "1"), (" (kaste)", "3")],
    ),
    (
        "Bērnu pārtika",
        12,
        [
            ("Bērnu biezenis ābolu", "1.30"),
            ("Bērnu biezenis burkānu", "1.30"),
            ("Bērnu putra", "2.40"),
            ("Bērnu cepumi", "1.90"),
        ],
        [("", "1"), (" (liels)", "1.7")],
    ),
    (
        "Dāvanu kartes",
        0,
        [
            ("Dāvanu karte 10 €", "10.00"),
            ("Dāvanu karte 20 €", "20.00"),
            ("Dāvanu karte 50 €", "50.00"),
        ],
        [("", "1")],
    ),
]
WEIGHED = [  # name, category, VAT %, price per kg
    ("Sveramie cepumi", "Konditoreja", 21, "11.90"),
    ("Piparkūkas (sveramās)", "Konditoreja", 21, "14.50"),
    ("Siers Rītausma", "Sviestmaizes", 21, "16.80"),
    ("Kartupeļu salāti", "Sviestmaizes", 21, "8.90"),
    ("Rieksti", "Saldumi", 21, "24.00"),
    ("Zemenes (sveramās)", "Augļi un ogas", 5, "7.80"),
]
# What a good costs the bakery, as a share of its price excl. VAT, by category. Gift cards
# (and any category not named) have no cost price, nor has every COST_UNKNOWN_EVERY-th
# good: a shop that has not entered them all yet, so the products report shows both.
COST_SHARES = {
    "Maize": "0.42",
    "Konditoreja": "0.38",
    "Kūkas": "0.40",
    "Kafija": "0.24",
    "Tēja": "0.18",
    "Dzērieni": "0.55",
    "Sviestmaizes": "0.45",
    "Zupas": "0.35",
    "Saldumi": "0.58",
    "Piena produkti": "0.68",
    "Mājražojumi": "0.62",
    "Salāti": "0.44",
    "Augļi un ogas": "0.60",
    "Bērnu pārtika": "0.66",
}
COST_UNKNOWN_EVERY = 9
# The demo's quick keys: what a bakery-café rings up all day, by catalogue name.
QUICK_KEY_NAMES = (
    "Kafija ar pienu M",
    "Kapučīno M",
    "Latte M",
    "Espresso S",
    "Melnā tēja",
    "Rupjmaize",
    "Saldskābmaize",
    "Baltmaize",
    "Kruasāns",
    "Kanēļmaizīte",
    "Speķa pīrādziņš",
    "Biezpiena smalkmaizīte",
)
FIRST_NAMES = {
    "f": [
        "Anna",
        "Līga",
        "Ilze",
        "Inese",
        "Kristīne",
        "Māra",
        "Zane",
        "Dace",
        "Sanita",
        "Agnese",
        "Elīna",
        "Laura",
        "Dārta",
        "Ināra",
        "Ērika",
        "Aija",
        "Baiba",
        "Ieva",
        "Gunta",
        "Rūta",
    ],
    "m": [
        "Jānis",
        "Andris",
        "Mārtiņš",
        "Pēteris",
        "Edgars",
        "Raimonds",
        "Kārlis",
        "Roberts",
        "Ģirts",
        "Uldis",
        "Valdis",
        "Aigars",
        "Artūrs",
        "Ēriks",
        "Oskars",
        "Dāvis",
        "Kristaps",
        "Miķelis",
        "Toms",
        "Reinis",
    ],
}
SURNAMES = [  # male, female
    ("Bērziņš", "Bērziņa"),
    ("Ozoliņš", "Ozoliņa"),
    ("Kalniņš", "Kalniņa"),
    ("Liepiņš", "Liepiņa"),
    ("Jansons", "Jansone"),
    ("Krūmiņš", "Krūmiņa"),
    ("Zariņš", "Zariņa"),
    ("Vītols", "Vītola"),
    ("Kļaviņš", "Kļaviņa"),
    ("Pētersons", "Pētersone"),
    ("Šmits", "Šmite"),
    ("Āboliņš", "Āboliņa"),
    ("Lūsis", "Lūse"),
    ("Vilks", "Vilka"),
    ("Eglītis", "Eglīte"),
    ("Siliņš", "Siliņa"),
    ("Dūmiņš", "Dūmiņa"),
    ("Ziediņš", "Ziediņa"),
    ("Žagars", "Žagare"),
    ("Ķēniņš", "Ķēniņa"),
]
CARD_PREFIX = "27"
LATVIAN_COMPANY_PREFIX = "4750123"  # GS1 Latvia (475) + an invented company number
CUSTOMERS = 240
GIFT_CARDS = "Dāvanu kartes"  # earn no points, and rewards take nothing off them


def card_number(customer_number: int) -> str:
    """The pre-printed card the demo's customer number `customer_number` was given."""
    return make_ean13(f"{CARD_PREFIX}{customer_number:010d}")


# The cards to try (the GUI tests and screenshots scan these); DemoSummary.cards says
# who they belong to and what they hold when the demo is built.
DEMO_CARD_WITH_POINTS_AND_VOUCHER = card_number(1)  # a Client with points for a reward
DEMO_CARD_BIRTHDAY = card_number(2)  # their birthday is today: a birthday voucher
DEMO_CARD_BLOCKED = card_number(3)  # reported lost and replaced: refused with a message
DEMO_CARD_NEW_MEMBER = card_number(CUSTOMERS)  # enrolled, referred, has not bought yet
# A regular away for three weeks, who joined two years ago today: an open complaint, an
# overdue promise, a preference, their usual items, welcome back, the anniversary …
DEMO_CARD_CARE = card_number(4)
DEMO_CARDS = (
    DEMO_CARD_WITH_POINTS_AND_VOUCHER,
    DEMO_CARD_BIRTHDAY,
    DEMO_CARD_BLOCKED,
    DEMO_CARD_NEW_MEMBER,
    DEMO_CARD_CARE,
)
REWARD_POINTS = 500
AWAY_DAYS = 21  # the care card's holder has not been in for this long
# In the last two months (the last full month's care figures) cashiers act on reminders at
# the counter now and then, in the last week at every other visit.
REMINDED_DAYS = 62
BUSY_REMINDED_DAYS = 7
STORIES_END_DAYS = 12  # the counter's own promises and complaints: put right by then
OFFERED_DAYS = 60  # in the last two months, buyers without a card are offered one
CARD_OFFERS = ReminderSettings()  # the shop's default: a card offered to one buyer in three


def demo_loyalty(coffee_sku: str) -> LoyaltySettings:
    """The bakery's programme: the defaults, gift cards left out, a free coffee, a bonus."""
    return replace(
        LoyaltySettings(),
        # Four months, shorter than the history: some members have points about to expire,
        # and the owner's reports show points expired (and breakage) month by month.
        points_expire_months=4,
        excluded_categories=(GIFT_CARDS,),
        category_bonus=(PointsBonus("Mājražojumi", 2),),
        rewards=(
            RewardSetting(
                "coffee",
                RewardTrigger.POINTS,
                "product",
                sku=coffee_sku,
                points=300,
                name="Kafija ar pienu bez maksas",
            ),
            RewardSetting(
                "euro_5",
                RewardTrigger.POINTS,
                "amount",
                amount=Decimal("5.00"),
                points=REWARD_POINTS,
                name="5 € atlaide",
            ),
            RewardSetting(
                "tenth_visit",
                RewardTrigger.NTH_VISIT,
                "percent",
                percent=Decimal(10),
                every=10,
                valid_days=30,
                name="10 % atlaide par 10 apmeklējumiem",
            ),
            RewardSetting(
                "birthday",
                RewardTrigger.BIRTHDAY,
                "amount",
                amount=Decimal("3.00"),
                valid_days=14,
                name="Dzimšanas dienā 3 € atlaide",
            ),
        ),
    )


@dataclass(frozen=True)
class DemoCard:
    """A card to try in the demo and what its holder has when the demo is built."""

    number: str
    name: str
    balance: int
    vouchers: tuple[str, ...]  # codes valid today
    blocked: bool
    reminders: tuple[ReminderKind, ...] = ()  # what the cashier is reminded of today


@dataclass(frozen=True)
class DemoSummary:
    shop_name: str
    products: int
    weighed_products: int
    customers: int
    sales: int
    refunds: int
    voids: int
    first_day: date
    last_day: date
    users: tuple[tuple[str, Role, str], ...]
    cards: tuple[DemoCard, ...] = ()


class DemoClock:
    """The unit of work's clock while history is written: set to each moment in turn."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment


def build_demo(
    uow: UnitOfWork,
    clock: DemoClock,
    *,
    until: datetime,
    days: int = 183,
    seed: int = 2026,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty, prepared database (posapp.services.setup.prepare_shop) with the demo shop.

    History runs from `days` days before `until` up to `until` itself, and a
    shift is left open on the till, so a cashier can sell at once, whatever the
    hour `until` falls at.
    """
    rng = random.Random(seed)
    uow.random = random.Random(seed + 1)  # voucher codes
    zone = ZoneInfo(SHOP.time_zone)
    today = until.astimezone(zone).date()
    first_day = today - timedelta(days=days)
    clock.moment = datetime.combine(first_day, time(7), zone).astimezone(UTC)
    cli = Actor.command_line()
    actors = [_actor(users.add_user(uow, cli, name, role, pin)) for name, role, pin in DEMO_USERS]
    manager, cashiers = actors[1], actors[2:]
    with uow.writing():
        write_settings(
            uow,
            ("shop_name", "address", "vat_number", "language", "is_demo", "quick_keys", "loyalty"),
            replace(SHOP, quick_keys=quick_key_skus(), loyalty=demo_loyalty(quick_key_skus()[0])),
        )
        barcodes, label_codes = _catalogue(uow)
        uow.commit()
    members = _Members(uow, manager, today)
    counter = _Counter(uow, manager, today - timedelta(days=STORIES_END_DAYS))
    customers = members.enrol_all(cashiers[0], rng, clock, today)
    rules = BarcodeRules.default()
    weight_prefix = next(p for p in rules.prefixes if p.kind is InStoreKind.WEIGHT_LABEL)
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(barcodes))]
    regulars = customers[: len(customers) // 3]
    sales = refunds_made = voids = 0
    completed: list[checkout.CompletedSale] = []
    refunded_sales: set[int] = set()  # refunded whole: never twice
    for day_index in range(days + 1):
        day = first_day + timedelta(days=day_index)
        if (day.month == 12 and day.day in (25, 26)) or (day.month == 1 and day.day == 1):
            continue  # closed on holidays
        cashier = cashiers[day_index % len(cashiers)]
        clock.moment = datetime.combine(day, time(7, 30), zone).astimezone(UTC)
        if clock.moment > until:
            break
        shifts.open_shift(uow, cashier, TILL, Decimal("150.00"))
        counter.follow_up(cashier, day)
        busy = 1.35 if day.weekday() >= 5 else 1.0
        count = int(rng.gauss(110, 15) * busy)
        moments = sorted(rng.uniform(8 * 3600, 19 * 3600) for _ in range(count))
        for seconds in moments:
            clock.moment = (
                datetime.combine(day, time(0), zone) + timedelta(seconds=seconds)
            ).astimezone(UTC)
            if clock.moment > until:
                break
            cart = checkout.start_sale(uow, cashier, TILL)
            for code in rng.choices(barcodes, popularity, k=rng.choice((1, 1, 2, 2, 3, 4, 5))):
                cart = checkout.scan(uow, cashier, cart, code, rules).cart
            if rng.random() < 0.08:
                label_code = rng.choice(label_codes)
                grams = rng.randint(120, 900)
                label = make_ean13(f"{weight_prefix.prefix}{label_code}{grams:05d}")
                cart = checkout.scan(uow, cashier, cart, label, rules).cart
            left: tuple[Reminder, ...] = ()
            if rng.random() < 0.36:
                customer_id, name = _someone(rng, regulars, customers, members.newcomers)
                if not members.away(customer_id, day):
                    cart = cart.with_customer(customer_id, name)
                    cart = members.redeem(cashier, cart, rng, clock.moment)
                    left = members.act_on_reminders(cashier, customer_id, day, rng)
                    if customer_id not in members.kept_for_stories():
                        counter.heard(cashier, customer_id, day, rng)
            if rng.random() < 0.03:
                cart = checkout.discount_line(
                    uow, cashier, cart, cart.lines[0].line_id, Discount(percent=Decimal(10))
                )
            if rng.random() < 0.003:
                voids += 1
                checkout.void_sale(
                    uow,
                    cashier,
                    cart,
                    rng.choice(
                        ("Klients pārdomāja", "Nepareiza prece", "Klientam nepietika naudas")
                    ),
                )
                continue
            cart = _pay(cart, rng)
            done = checkout.complete_sale(uow, cashier, cart, left)
            if cart.customer_id is None and (today - day).days < OFFERED_DAYS:
                _offer_a_card(members, cashier, done, rng)
            members.took_note(done)
            members.rate(cashier, done, rng)
            completed.append(done)
            sales += 1
            if rng.random() < 0.004 and len(completed) > 10:
                original = rng.choice(completed[-40:])
                if original.kind == "sale" and original.sale_id not in refunded_sales:
                    refunded_sales.add(original.sale_id)
                    refunded = refunds.refund(
                        uow,
                        cashier,
                        till_code=TILL,
                        original_till_code=TILL,
                        receipt_number=original.receipt_number,
                        quantities=None,
                        method=PaymentMethod.CASH,
                        reason="Prece bojāta",
                        approver=manager,
                    )
                    members.took_note(refunded)
                    refunds_made += 1
        clock.moment = datetime.combine(day, time(19, 30), zone).astimezone(UTC)
        if clock.moment > until:
            break
        shifts.close_shift(uow, cashier, TILL, _counted(uow, rng))
        if progress is not None:
            progress(day_index + 1, days + 1)
    with uow:
        still_open = shifts.open_shift_id(uow, shifts.till_id(uow, TILL)) is not None
    if not still_open:  # built before opening time, after closing, or on a holiday
        clock.moment = until
        shifts.open_shift(uow, cashiers[0], TILL, Decimal("150.00"))
    _care_stories(uow, clock, actors, members.ids, today)
    aggregates.catch_up(uow)  # the owner's first report reads the months already summed
    kept.catch_up(uow)
    cards = members.cards_to_try(clock)
    return DemoSummary(
        shop_name=SHOP.shop_name,
        products=len(barcodes),
        weighed_products=len(label_codes),
        customers=CUSTOMERS + len(members.newcomers),
        sales=sales,
        refunds=refunds_made,
        voids=voids,
        first_day=first_day,
        last_day=today,
        users=DEMO_USERS,
        cards=cards,
    )


def build_demo_file(
    target: str,
    *,
    until: datetime,
    days: int = 183,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Build the demo into `target` (a SQLite path or a PostgreSQL URL).

    A SQLite demo is written to a side file without waiting for the disk after
    every sale, synced once, then moved into place in one step: an interrupted
    build leaves no half shop behind. A PostgreSQL demo needs an empty database.
    """
    url = database_url(target)
    clock = DemoClock(datetime.now(UTC))
    if url.get_backend_name() != "sqlite":
        uow = UnitOfWork(open_database(target).engine, clock=clock)
        try:
            with uow:
                if uow.session.scalar(select(func.count()).select_from(Sale)):
                    raise InvalidInput(
                        _("That database already has sales. The demo needs an empty database.")
                    )
            prepare_shop(uow, TILL)
            return build_demo(uow, clock, until=until, days=days, progress=progress)
        finally:
            uow.engine.dispose()
    path = Path(str(url.database))
    building = path.with_name(path.name + ".building")
    _remove_sqlite(building)
    uow = UnitOfWork(open_database(str(building), durable=False).engine, clock=clock)
    try:
        prepare_shop(uow, TILL)
        summary = build_demo(uow, clock, until=until, days=days, progress=progress)
        with uow.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        uow.engine.dispose()
    with building.open("rb+") as file:
        os.fsync(file.fileno())
    _remove_sqlite(path)
    os.replace(building, path)
    return summary


def _remove_sqlite(path: Path) -> None:
    """A SQLite file and its WAL companions (a stale WAL must never meet a new file)."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _actor(info: users.UserInfo) -> Actor:
    return Actor(info.user_id, info.name, info.role)


def _pay(cart: Cart, rng: random.Random) -> Cart:
    if cart.due <= 0:  # a voucher took it all
        return cart
    roll = rng.random()
    if roll < 0.55:
        return cart.pay(PaymentMethod.CARD, cart.due)
    if roll < 0.94:
        return cart.pay(PaymentMethod.CASH, _tendered(cart.due, rng))
    card_part = to_cents(cart.due * Decimal(rng.choice(("0.5", "0.6", "0.7"))))
    if card_part <= 0 or card_part >= cart.due:
        return cart.pay(PaymentMethod.CASH, _tendered(cart.due, rng))
    cart = cart.pay(PaymentMethod.CARD, card_part)
    return cart.pay(PaymentMethod.CASH, _tendered(cart.due, rng))


def _tendered(due: Decimal, rng: random.Random) -> Decimal:
    """What a customer hands over: the exact amount, or the next round note."""
    if rng.random() < 0.3:
        return due
    for note in (Decimal(5), Decimal(10), Decimal(20), Decimal(50)):
        if note >= due:
            return note
    return (due / 50).to_integral_value(rounding="ROUND_CEILING") * 50


def _counted(uow: UnitOfWork, rng: random.Random) -> dict[PaymentMethod, Decimal]:
    """The close-shift count, as the till's dialog takes it: the cash in the drawer and
    the card total from the terminal's report. The terminal's total is the cards taken;
    the drawer matches most days, and now and then a coin or two is off."""
    with uow:
        shift_id = shifts.open_shift_id(uow, shifts.till_id(uow, TILL))
    assert shift_id is not None
    report = shifts.shift_report(uow, shift_id)
    expected = {count.method: count.expected for count in report.counts}
    off = Decimal(0)
    if rng.random() < 0.15:
        off = Decimal(rng.choice(("-0.10", "-0.20", "-0.50", "-1.00", "0.10", "0.20", "0.05")))
    return {
        PaymentMethod.CASH: expected[PaymentMethod.CASH] + off,
        PaymentMethod.CARD: expected.get(PaymentMethod.CARD, Decimal(0)),
    }


def _catalogue_goods() -> Iterator[tuple[int, str, Decimal, str, int]]:
    """(number, name, price, category, VAT %) of each good by the piece, in catalogue order."""
    number = 0
    for category, rate, bases, variants in CATALOGUE:
        for base, price in bases:
            for suffix, factor in variants:
                number += 1
                yield (
                    number,
                    f"{base}{suffix}",
                    to_cents(Decimal(price) * Decimal(factor)),
                    category,
                    rate,
                )


def _sku(number: int) -> str:
    return f"P{number:04d}"


def quick_key_skus() -> tuple[str, ...]:
    """The SKUs of QUICK_KEY_NAMES, in that order."""
    skus = {name: _sku(number) for number, name, *_rest in _catalogue_goods()}
    return tuple(skus[name] for name in QUICK_KEY_NAMES)


def _catalogue(uow: UnitOfWork) -> tuple[list[str], list[str]]:
    """The demo's products: the barcodes of goods by the piece, the label codes of weighed ones."""
    session = uow.session
    rates = {rate: rate_id for rate_id, rate in session.execute(select(VatRate.id, VatRate.rate))}
    category_ids: dict[str, int] = {}
    for category_name, *_rest in CATALOGUE:
        row = Category(name=category_name)
        session.add(row)
        session.flush()
        category_ids[category_name] = row.id
    barcodes: list[str] = []
    for number, name, unit_price, category, rate in _catalogue_goods():
        barcodes.append(make_ean13(f"{LATVIAN_COMPANY_PREFIX}{number:05d}"))
        _add_product(
            uow,
            name,
            _sku(number),
            unit_price,
            rates[Decimal(rate)],
            category_ids[category],
            _cost_price(number, unit_price, category, rate),
            barcode=barcodes[-1],
        )
    label_codes: list[str] = []
    for index, (name, category, rate, price) in enumerate(WEIGHED, 1):
        label_codes.append(f"{index:05d}")
        _add_product(
            uow,
            name,
            f"W{index:03d}",
            Decimal(price),
            rates[Decimal(rate)],
            category_ids[category],
            _cost_price(index, Decimal(price), category, rate),
            label_code=label_codes[-1],
        )
    return barcodes, label_codes


def _cost_price(number: int, price: Decimal, category: str, rate: int) -> Decimal | None:
    """The good's cost price excl. VAT (see COST_SHARES), None for one not costed."""
    cost_share = COST_SHARES.get(category)
    if cost_share is None or number % COST_UNKNOWN_EVERY == 0:
        return None
    return to_cents(price / (1 + Decimal(rate) / 100) * Decimal(cost_share))


def _add_product(
    uow: UnitOfWork,
    name: str,
    sku: str,
    price: Decimal,
    vat_rate_id: int,
    category_id: int,
    cost_price: Decimal | None,
    *,
    barcode: str | None = None,
    label_code: str | None = None,
) -> None:
    product = Product(
        sku=sku,
        name=name,
        price=price,
        cost_price=cost_price,
        vat_rate_id=vat_rate_id,
        category_id=category_id,
        sold_by="weight" if label_code else "unit",
        label_code=label_code,
    )
    uow.session.add(product)
    uow.session.flush()
    if barcode:
        uow.session.add(ProductBarcode(code=barcode, product_id=product.id))


class _Members:
    """The demo's members: enrolled through the counter's service, and their points and
    vouchers followed from each sale's outcome, so that they spend them now and then."""

    def __init__(self, uow: UnitOfWork, manager: Actor, today: date) -> None:
        self.uow = uow
        self.manager = manager
        self.today = today
        self.balances: dict[int, int] = {}
        self.vouchers: dict[int, list[tuple[str, date]]] = {}
        self.ids: dict[str, int] = {}  # by card number
        self.newcomers: list[tuple[int, str]] = []  # joined after a card offer

    def enrol_all(
        self, cashier: Actor, rng: random.Random, clock: DemoClock, today: date
    ) -> list[tuple[int, str]]:
        """The 240 customers, enrolled in the order they joined, with their pre-printed cards."""
        since = clock.moment
        joined = sorted(
            (since - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 600)), number)
            for number in range(1, CUSTOMERS)
        )
        # The card to try as a new member joined just before the history ends; the care
        # card's holder two years ago today.
        joined.append((since + timedelta(days=(today - since.date()).days - 1), CUSTOMERS))
        anniversary = observed_birthday(today, today.year - 2)
        joined = sorted(
            (datetime.combine(anniversary, time(10), ZoneInfo(SHOP.time_zone)), number)
            if number == 4
            else (moment, number)
            for moment, number in joined
        )
        people: dict[int, tuple[int, str]] = {}
        for moment, number in joined:
            clock.moment = moment
            gender = rng.choice("fm")
            first = rng.choice(FIRST_NAMES[gender])
            male, female = rng.choice(SURNAMES)
            name = f"{first} {female if gender == 'f' else male}"
            birthday = None
            if number == 2:
                birthday = date(1988, today.month, min(today.day, 28))
            elif rng.random() < 0.5:
                birthday = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
            earlier = [n for n in people if n > 3]
            referred_by = None
            if earlier and (number == CUSTOMERS or rng.random() < 0.08):
                referred_by = card_number(rng.choice(earlier))
            member = loyalty.enrol_customer(
                self.uow,
                cashier,
                name,
                phone=f"+371 2{rng.randint(0, 9999999):07d}" if rng.random() < 0.6 else None,
                email=_email(first, male) if rng.random() < 0.3 else None,
                birthday=birthday,
                language=rng.choice(("lv", "lv", "lv", "lv", "ru", "en")),
                address_as=first if rng.random() < 0.2 else None,
                notes=rng.choice(_NOTES) if rng.random() < 0.1 else None,
                consent=number <= 3 or rng.random() < 0.4,
                card_number=card_number(number),
                referred_by=referred_by,
            )
            people[number] = (member.customer_id, member.name)
            self.ids[card_number(number)] = member.customer_id
            self.balances[member.customer_id] = member.balance
        clock.moment = since
        loyalty.replace_card(self.uow, cashier, people[3][0])  # a lost card
        return [people[number] for number in sorted(people) if number != CUSTOMERS]

    def join(self, cashier: Actor, rng: random.Random) -> None:
        """A buyer who took the card offered: enrolled with a new card, a name and now and
        then a phone, their consent, or the member who brought them."""
        gender = rng.choice("fm")
        first = rng.choice(FIRST_NAMES[gender])
        male, female = rng.choice(SURNAMES)
        referred_by = None
        if rng.random() < 0.2:
            referred_by = card_number(rng.randint(5, CUSTOMERS - 1))
        member = loyalty.enrol_customer(
            self.uow,
            cashier,
            f"{first} {female if gender == 'f' else male}",
            phone=f"+371 2{rng.randint(0, 9999999):07d}" if rng.random() < 0.5 else None,
            consent=rng.random() < 0.3,
            referred_by=referred_by,
        )
        self.newcomers.append((member.customer_id, member.name))
        self.balances[member.customer_id] = member.balance

    def redeem(self, cashier: Actor, cart: Cart, rng: random.Random, now: datetime) -> Cart:
        """Now and then a member takes a voucher they hold, or spends points on a reward."""
        customer_id = cart.customer_id
        assert customer_id is not None
        # The cards to try keep what they have for the last weeks, to be tried.
        keeping = customer_id in self._kept() and (self.today - now.date()).days < 21
        today = now.date()
        held = [(code, last) for code, last in self.vouchers.get(customer_id, []) if last >= today]
        self.vouchers[customer_id] = held
        if held and not keeping and rng.random() < 0.5:
            code = held.pop(0)[0]
            try:
                return _taking_something(loyalty.apply_voucher(self.uow, cashier, cart, code), cart)
            except PosError:
                return cart
        if (
            self.balances.get(customer_id, 0) >= REWARD_POINTS
            and not keeping
            and rng.random() < 0.4
        ):
            reward = "points:euro_5" if cart.total > Decimal(5) else "points:coffee"
            try:
                return _taking_something(
                    loyalty.apply_reward(self.uow, cashier, cart, reward), cart
                )
            except PosError:
                return cart
        return cart

    def rate(self, cashier: Actor, done: checkout.CompletedSale, rng: random.Random) -> None:
        """One member in thirty rates the service as they pay; most are pleased."""
        outcome = done.loyalty
        if outcome is None or outcome.customer_id is None or rng.random() >= 1 / 30:
            return
        rating = rng.choices((5, 4, 3, 2, 1), (60, 25, 9, 4, 2))[0]
        comment = rng.choice(_COMMENTS[rating]) if rng.random() < 0.3 else None
        care.rate_service(self.uow, cashier, outcome.customer_id, rating, comment, done.sale_id)

    def away(self, customer_id: int, day: date) -> bool:
        """The care card's holder stays away for the last weeks (to be welcomed back)."""
        return customer_id == self.ids[DEMO_CARD_CARE] and (self.today - day).days < AWAY_DAYS

    def act_on_reminders(
        self, cashier: Actor, customer_id: int, day: date, rng: random.Random
    ) -> tuple[Reminder, ...]:
        """In the last weeks, now and then the cashier acts on the first reminder shown (the
        cards to try keep theirs); the reminders still shown are left alone with the sale."""
        days_ago = (self.today - day).days
        if days_ago >= REMINDED_DAYS or customer_id in self._kept():
            return ()
        shown = care.customer_reminders(self.uow, customer_id)
        if rng.random() >= (0.5 if days_ago < BUSY_REMINDED_DAYS else 0.08):
            return shown.reminders
        first = next((r for r in shown.reminders if not r.sticky), None)
        if first is not None:
            shown = care.mark_reminder(
                self.uow, cashier, customer_id, first.key, rng.random() < 0.7, till=TILL
            )
        return shown.reminders

    def took_note(self, done: checkout.CompletedSale) -> None:
        outcome = done.loyalty
        if outcome is None or outcome.customer_id is None or outcome.balance is None:
            return
        self.balances[outcome.customer_id] = outcome.balance
        self.vouchers.setdefault(outcome.customer_id, []).extend(
            (voucher.code, voucher.expires_on) for voucher in outcome.vouchers_issued
        )

    def kept_for_stories(self) -> set[int]:
        """The cards to try and the members of _care_stories: no stories of the counter's."""
        return {self.ids[card_number(number)] for number in range(1, 7)}

    def _kept(self) -> set[int]:
        return {self.ids[DEMO_CARD_WITH_POINTS_AND_VOUCHER], self.ids[DEMO_CARD_BIRTHDAY]}

    def cards_to_try(self, clock: DemoClock) -> tuple[DemoCard, ...]:
        """Make sure the cards to try hold what they are for, and say what that is."""
        regular = self.ids[DEMO_CARD_WITH_POINTS_AND_VOUCHER]
        birthday = self.ids[DEMO_CARD_BIRTHDAY]
        summary = loyalty.customer_summary(self.uow, regular)
        if summary.balance < REWARD_POINTS + 100:
            loyalty.adjust_points(
                self.uow,
                self.manager,
                regular,
                REWARD_POINTS + 100 - summary.balance,
                "Paldies par uzticību (demo)",
            )
        for customer_id, reward in ((regular, "tenth_visit"), (birthday, "birthday")):
            summary = loyalty.customer_summary(self.uow, customer_id)
            if not any(r.voucher_code for r in summary.available):
                loyalty.issue_voucher(self.uow, self.manager, customer_id, reward, "Dāvana (demo)")
        cards = []
        for number in DEMO_CARDS:
            state = care.customer_reminders(self.uow, self.ids[number])
            summary = state.summary
            blocked = number == DEMO_CARD_BLOCKED
            cards.append(
                DemoCard(
                    number=number,
                    name=summary.name,
                    balance=summary.balance,
                    vouchers=tuple(r.voucher_code for r in summary.available if r.voucher_code),
                    blocked=blocked,
                    reminders=() if blocked else _kinds(state.reminders),
                )
            )
        return tuple(cards)


_PROMISES = (
    "Pasūtīt bezglutēna maizi",
    "Nolikt malā rupjmaizi (šķēlēs)",
    "Izcept tortīti dzimšanas dienai",
    "Piezvanīt, kad būs Jāņu siers",
    "Pasūtīt liepu medu (dāvanu)",
    "Nolikt malā 10 kanēļmaizītes",
)
_COMPLAINTS = (
    ("Kafija bija auksta", "Nākamā kafija par brīvu", "Kafija pagatavota no jauna"),
    ("Maize bija sacepusies", "Apmainīt", "Apmainīta pret svaigu"),
    ("Čekā divreiz viena prece", "Atdot starpību", "Starpība atdota skaidrā naudā"),
    ("Ilgi jāgaida rindā", None, "Atvainojāmies, rītos strādā divi pārdevēji"),
)


class _Counter:
    """What the counter promises and hears over the months, and puts right a few days
    later, so that the care lists and the owner's care figures have a history."""

    def __init__(self, uow: UnitOfWork, manager: Actor, until: date) -> None:
        self.uow = uow
        self.manager = manager
        self.until = until  # the last day a story is begun: all are put right before the end
        self.due: list[tuple[date, str, int, str]] = []  # (day, "promise"/"complaint", id, how)

    def heard(self, cashier: Actor, customer_id: int, day: date, rng: random.Random) -> None:
        if day > self.until:
            return
        roll = rng.random()
        if roll < 0.006:
            text = rng.choice(_PROMISES)
            due_on = day + timedelta(days=rng.randint(1, 5))
            care.add_promise(self.uow, cashier, customer_id, text, due_on)
            self.due.append((due_on, "promise", self._last(Promise), "Izdarīts"))
        elif roll < 0.009:
            what, promised, how = rng.choice(_COMPLAINTS)
            care.add_complaint(self.uow, cashier, customer_id, what, promised)
            later = day + timedelta(days=rng.randint(0, 3))
            self.due.append((later, "complaint", self._last(Complaint), how))

    def follow_up(self, actor: Actor, day: date) -> None:
        """The day's promises kept and complaints put right (those marked done already at
        the counter stay as they are)."""
        for item in [item for item in self.due if item[0] <= day]:
            self.due.remove(item)
            _day, kind, found, how = item
            try:
                if kind == "promise":
                    care.resolve_promise(self.uow, actor, found, how=how)
                else:
                    care.resolve_complaint(self.uow, self.manager, found, how)
            except PosError:
                pass  # kept already, from its reminder at the counter

    def _last(self, model: type[Promise] | type[Complaint]) -> int:
        with self.uow:
            found: int | None = self.uow.session.scalar(select(func.max(model.id)))
        assert found is not None
        return found


def _someone(
    rng: random.Random,
    regulars: list[tuple[int, str]],
    customers: list[tuple[int, str]],
    newcomers: list[tuple[int, str]],
) -> tuple[int, str]:
    """The member at the counter: mostly a regular, now and then one who joined lately."""
    roll = rng.random()
    if newcomers and roll < 0.12:
        return rng.choice(newcomers)
    return rng.choice(regulars if roll < 0.8 else customers)


def _kinds(reminders: tuple[Reminder, ...]) -> tuple[ReminderKind, ...]:
    """The kinds of reminder shown, once each, in their rank's order."""
    return tuple(dict.fromkeys(reminder.kind for reminder in reminders))


def _offer_a_card(
    members: _Members, cashier: Actor, done: checkout.CompletedSale, rng: random.Random
) -> None:
    """After a sale without a card, as the till suggests: most say no, a few take one.
    One who takes it is enrolled at the counter (a new card, now and then brought by a
    member), as the till's Ctrl+E does, and comes back with it."""
    if CARD_OFFERS.offers_card(done.receipt_number):
        answer = rng.choices(
            (CardOfferAnswer.ACCEPTED, CardOfferAnswer.DECLINED, CardOfferAnswer.NOT_ASKED),
            (8, 62, 30),
        )[0]
        if answer is CardOfferAnswer.ACCEPTED:
            members.join(cashier, rng)
        care.record_card_offer(members.uow, cashier, done.sale_id, answer)


def _care_stories(
    uow: UnitOfWork, clock: DemoClock, actors: list[Actor], ids: dict[str, int], today: date
) -> None:
    """What the counter noted, promised and heard over the last weeks, so that every kind
    of reminder appears for someone and the owner's lists have something to act on.

    The care card's holder: a complaint three days ago, a promise two days overdue, a
    preference. The regular with points: a cake to set aside for today. Others: a
    complaint and a promise dealt with, a note.
    """
    owner, manager, liga, janis = actors
    end = clock.moment
    zone = ZoneInfo(SHOP.time_zone)
    care_card, regular = ids[DEMO_CARD_CARE], ids[DEMO_CARD_WITH_POINTS_AND_VOUCHER]
    others = ids[card_number(5)], ids[card_number(6)]

    def at(days_ago: int, hour: int) -> None:
        clock.moment = datetime.combine(today - timedelta(days=days_ago), time(hour), zone)

    at(40, 11)
    care.add_complaint(uow, janis, others[0], "Atlikums izdots par 5 € mazāk", "Atdot starpību")
    complaint = care.open_complaints(uow, owner)[0].complaint_id
    at(39, 9)
    care.resolve_complaint(uow, manager, complaint, "Kase pārskaitīta, 5 € atdoti ar atvainošanos")
    at(30, 15)
    care.add_note(uow, liga, care_card, "Kafija ar auzu pienu, bez cukura", preference=True)
    care.add_note(uow, janis, others[1], "Meita mācās par konditori — pajautājiet, kā sokas")
    at(12, 10)
    done = care.add_promise(
        uow, liga, others[1], "Pasūtīt rudzu miltus 5 kg", today - timedelta(days=8)
    )
    at(8, 16)
    care.resolve_promise(uow, liga, done.reminders[0].refers_to or 0, how="Atdoti veikalā")
    at(10, 12)
    care.add_promise(uow, liga, care_card, "Pasūtīt bezglutēna maizi", today - timedelta(days=2))
    at(3, 13)
    care.add_complaint(
        uow, janis, care_card, "Kruasāns bija vakardienas", "Nākamreiz kafija par brīvu"
    )
    at(1, 17)
    care.add_promise(uow, liga, regular, "Nolikt malā veselu medus kūku", today)
    clock.moment = end


def _taking_something(with_reward: Cart, without: Cart) -> Cart:
    """The cart with the reward, unless it takes nothing off (gift cards only, say)."""
    return with_reward if all(with_reward.reward_amounts.values()) else without


_COMMENTS = {
    5: ("Vislabākā rupjmaize Rīgā!", "Ļoti laipna apkalpošana", "Kafija kā vienmēr lieliska"),
    4: ("Garšīgi, bet rinda bija gara", "Labi"),
    3: ("Kruasāns bija vakardienas", "Normāli"),
    2: ("Pārāk ilgi jāgaida", "Kafija bija auksta"),
    1: ("Nepareizi izsniegts atlikums",),
}
_NOTES = (
    "Vienmēr ņem rupjmaizi šķēlēs",
    "Alerģija pret riekstiem",
    "Dod priekšroku auzu pienam",
    "Pasūta kūkas svētkiem",
    "Prefers to be served in English",
)


def _email(first: str, surname: str) -> str:
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", f"{first}.{surname}".lower()) if ch.isascii()
    )
    return f"{plain}@example.lv"
