"""The demo shop's goods: a bakery-café's catalogue (by the piece and weighed), their
cost prices and quick keys, and writing them as products with their barcodes."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from sqlalchemy import select

from posapp.db.models import Category, Product, ProductBarcode, VatRate
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import make_ean13
from posapp.domain.money import to_cents

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
LATVIAN_COMPANY_PREFIX = "4750123"  # GS1 Latvia (475) + an invented company number
GIFT_CARDS = "Dāvanu kartes"  # earn no points, and rewards take nothing off them


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


def write_catalogue(uow: UnitOfWork) -> tuple[list[str], list[str]]:
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
