"""Build (and cache) a big shop database for the benchmarks.

The schema is made by posapp itself (open_database(): Alembic), and so are
the VAT rates, the till, the users and the open shift (posapp services).
Only the bulk rows -- categories, products with their search keys, the
products' search words and their barcodes -- are written with the stdlib
sqlite3 module: executemany inside one transaction, with
synchronous=OFF and foreign key checks off while building (the rows are
valid by construction; see bulk.py, shared with members_db.py). Raw inserts
bypass the ORM events that keep products.search_key, products.sku_key and
product_search_words (posapp/db/models/catalogue.py), so build() computes them itself
with the same functions (posapp.domain.text). The finished file is
checkpointed and renamed into place, so an interrupted build never leaves a
half-built cache behind.

The cache lives in bench/data/ (git-ignored), one file per product count and
schema revision. Benchmarks copy it to a working file before they write
sales into it, so every run starts from the same database.

Run on its own to build or inspect the cache:

    python bench/catalog_db.py [--products N] [--rebuild]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from bulk import (
    DATA_DIR,
    add_staff,
    building_file,
    bulk_connection,
    cached,
    copy_database,
    describe,
    head_revision,
    publish,
)

from posapp.db.models.search import SEARCH_KEY_LENGTH
from posapp.domain.barcodes import make_ean13
from posapp.domain.roles import Actor
from posapp.domain.text import code_key, search_key, word_keys
from posapp.services import shifts
from posapp.services.setup import LATVIAN_VAT_RATES, open_database, prepare_shop

DEFAULT_PRODUCTS = 1_000_000
TILL = "T1"
CATEGORIES = 200
WEIGHT_EVERY = 50  # one product in 50 is sold by weight (with a scale label item code)
OPENING_FLOAT = Decimal("100.00")
# Bump when what build() writes changes, to invalidate old caches.
# 2: products.search_key/sku_key and product_search_words filled.
BUILD_FORMAT = 2
SEED = 20_240_601

# Latvian GS1 prefix 475; product n (1-based) gets body "475" + n as 9 digits.
_GS1_PREFIX = "475"
_MAX_PRODUCTS = 999_999_999

# VAT mix of a grocery shop: mostly standard, a fair share reduced.
_VAT_WEIGHTS = {Decimal("21"): 70, Decimal("12"): 15, Decimal("5"): 10, Decimal("0"): 5}
_WORDS_A = (
    "Rupjmaizes",
    "Piena",
    "Kafijas",
    "Siera",
    "Ābolu",
    "Zemeņu",
    "Gaļas",
    "Zivju",
    "Šokolādes",
    "Tējas",
    "Griķu",
    "Medus",
    "Ķiploku",
    "Rudzu",
    "Auzu",
    "Ogu",
)
_WORDS_B = (
    "maize",
    "dzēriens",
    "deserts",
    "zupa",
    "mērce",
    "konservi",
    "pīrāgs",
    "sula",
    "kārumi",
    "pārslas",
    "krējums",
    "cepumi",
)


@dataclass(frozen=True)
class Shop:
    """What a benchmark needs to know about a built database."""

    path: Path
    products: int
    till_id: int
    cashier: Actor
    build_seconds: float | None  # None when the cached file was reused


def barcode(product_no: int) -> str:
    """The EAN-13 of product number `product_no` (1-based), as built."""
    return str(make_ean13(f"{_GS1_PREFIX}{product_no:09d}"))


def unknown_barcode(products: int, k: int) -> str:
    """A valid EAN-13 that no product in a database of `products` products has."""
    return barcode(products + 1 + k)


def is_by_weight(product_no: int) -> bool:
    return product_no % WEIGHT_EVERY == 0 and product_no // WEIGHT_EVERY < 100_000


def cache_path(products: int) -> Path:
    return DATA_DIR / f"catalog-{products}-{head_revision()}-f{BUILD_FORMAT}.sqlite"


def ensure_catalog(products: int = DEFAULT_PRODUCTS, *, rebuild: bool = False) -> Shop:
    """The cached database with `products` products, built first if missing."""
    if not 1 <= products <= _MAX_PRODUCTS:
        raise ValueError(f"products must be 1..{_MAX_PRODUCTS}, got {products}")
    path = cache_path(products)
    seconds = cached(path, lambda building: build(building, products), rebuild=rebuild)
    return _describe(path, products, seconds)


def working_copy(shop: Shop, target: Path) -> Shop:
    """Copy the cached database to `target` (replacing it), for a run that writes."""
    copy_database(shop.path, target)
    return Shop(target, shop.products, shop.till_id, shop.cashier, shop.build_seconds)


def build(path: Path, products: int) -> float:
    """Build the database at `path`; returns the seconds it took (and prints phases)."""
    started = time.perf_counter()
    building = building_file(path)

    print(f"building {products:,} products into {path.name} ...", flush=True)
    # Schema and reference data through posapp itself. durable=False (synchronous=OFF)
    # is what posapp offers for throw-away demo files; the benchmarks reopen the file
    # with the durable engine.
    uow = open_database(str(building), durable=False)
    try:
        prepare_shop(uow, TILL)
        shifts.open_shift(uow, add_staff(uow).cashier, TILL, OPENING_FLOAT)
    finally:
        uow.engine.dispose()
    schema_done = time.perf_counter()
    print(f"  schema, VAT rates, till, users, shift: {schema_done - started:6.1f} s", flush=True)

    connection = bulk_connection(building)
    try:
        vat_ids = {
            Decimal(rate).scaleb(-2): vat_id
            for vat_id, rate in connection.execute("SELECT id, rate FROM vat_rates")
        }
        if set(vat_ids) != {rate for rate, _name in LATVIAN_VAT_RATES}:
            raise RuntimeError(f"unexpected VAT rates in the new database: {sorted(vat_ids)}")
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO categories (id, name) VALUES (?, ?)",
            ((n, f"Kategorija {n:03d}") for n in range(1, CATEGORIES + 1)),
        )
        words = 0
        for product_rows, word_rows in _product_chunks(products, vat_ids):
            connection.executemany(
                "INSERT INTO products (id, sku, name, search_key, sku_key, category_id,"
                " vat_rate_id, price, sold_by, label_code, active)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                product_rows,
            )
            connection.executemany(
                "INSERT INTO product_search_words (product_id, key, name_key) VALUES (?, ?, ?)",
                word_rows,
            )
            words += len(word_rows)
        products_done = time.perf_counter()
        print(
            f"  products, search keys, {words:,} words: {products_done - schema_done:6.1f} s",
            flush=True,
        )
        connection.executemany(
            "INSERT INTO product_barcodes (code, product_id) VALUES (?, ?)",
            ((barcode(n), n) for n in range(1, products + 1)),
        )
        connection.execute("COMMIT")
        barcodes_done = time.perf_counter()
        print(f"  barcodes:                               {barcodes_done - products_done:6.1f} s")
    except BaseException:
        connection.close()
        raise
    publish(connection, building, path)
    seconds = time.perf_counter() - started
    size = path.stat().st_size / 2**20
    print(f"  checkpoint and rename:                  {time.perf_counter() - barcodes_done:6.1f} s")
    print(f"built in {seconds:.1f} s ({size:,.0f} MiB)", flush=True)
    return seconds


ProductRow = tuple[int, str, str, str, str, int, int, int, str, str | None, int]
WordRow = tuple[int, str, str]
_CHUNK = 50_000


def _product_chunks(
    products: int, vat_ids: dict[Decimal, int]
) -> Iterator[tuple[list[ProductRow], list[WordRow]]]:
    """The product rows and their product_search_words rows, _CHUNK products at a time.

    The keys are what the ORM events in posapp/db/models/catalogue.py store: search_key(name)
    cut to SEARCH_KEY_LENGTH, code_key(sku), and one word row per distinct
    word_keys(search_key) with the whole key as name_key.
    """
    product_rows: list[ProductRow] = []
    word_rows: list[WordRow] = []
    for row in _product_rows(products, vat_ids):
        product_rows.append(row)
        product_id, key = row[0], row[3]
        word_rows.extend((product_id, word, key) for word in dict.fromkeys(word_keys(key)))
        if len(product_rows) == _CHUNK:
            yield product_rows, word_rows
            product_rows, word_rows = [], []
    if product_rows:
        yield product_rows, word_rows


def _product_rows(products: int, vat_ids: dict[Decimal, int]) -> Iterator[ProductRow]:
    rng = random.Random(SEED)
    rates = list(_VAT_WEIGHTS)
    weights = list(_VAT_WEIGHTS.values())
    vat_choices = rng.choices([vat_ids[rate] for rate in rates], weights, k=products)
    keys: dict[str, str] = {}  # search_key of a name, memoised on the name without its number
    for n, vat_id in zip(range(1, products + 1), vat_choices, strict=True):
        by_weight = is_by_weight(n)
        words = f"{rng.choice(_WORDS_A)} {rng.choice(_WORDS_B)}"
        name = f"{words} {n}"
        # search_key works word by word and keeps digits as they are, so the key of
        # "<words> <n>" is the key of "<words>" followed by " <n>" (checked the first
        # time each pair of words comes up).
        if words not in keys:
            keys[words] = search_key(words)
            if f"{keys[words]} {n}" != search_key(name):
                raise RuntimeError(f"search key shortcut is wrong for {name!r}")
        key = f"{keys[words]} {n}"[:SEARCH_KEY_LENGTH]
        sku = f"SKU{n:09d}"
        yield (
            n,
            sku,
            name,
            key,
            code_key(sku),
            rng.randint(1, CATEGORIES),
            vat_id,
            rng.randint(19, 4999),  # cents: 0.19 .. 49.99 EUR (per kg when weighed)
            "weight" if by_weight else "unit",
            f"{n // WEIGHT_EVERY:05d}" if by_weight else None,
            1,
        )


def _describe(path: Path, products: int, build_seconds: float | None) -> Shop:
    till_id, cashier, (count,) = describe(path, TILL, "products")
    if count != products:
        raise RuntimeError(f"{path} holds {count} products, expected {products}; rebuild it")
    return Shop(path, products, till_id, cashier, build_seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--products", type=int, default=DEFAULT_PRODUCTS)
    parser.add_argument("--rebuild", action="store_true", help="build even if cached")
    args = parser.parse_args()
    shop = ensure_catalog(args.products, rebuild=args.rebuild)
    state = "built" if shop.build_seconds is not None else "cached"
    print(f"{state}: {shop.path} ({shop.path.stat().st_size / 2**20:,.0f} MiB)")
    print(f"till {TILL} id {shop.till_id}; cashier {shop.cashier.name} id {shop.cashier.user_id}")


if __name__ == "__main__":
    main()
