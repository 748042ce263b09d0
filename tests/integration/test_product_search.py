"""Finding goods without a barcode as the cashier types, and the quick keys."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.db.models import Product, ProductSearchWord, VatRate
from posapp.db.uow import UnitOfWork
from posapp.demo.build import build_demo_file
from posapp.demo.catalogue import QUICK_KEY_NAMES
from posapp.domain.text import prefix_upper_bound, search_key, word_keys
from posapp.errors import InvalidInput, PermissionDenied
from posapp.services import catalog
from posapp.services.catalog import (
    ProductMatch,
    find_product,
    quick_key_products,
    search_products,
)
from posapp.services.product_import import import_products
from posapp.services.settings import MAX_QUICK_KEYS, load_settings, update_settings
from posapp.services.setup import open_database, prepare_shop
from tests.conftest import Shop
from tests.integration.helpers import add_product, query_plan, sell, upgrade_to

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

GOODS = (  # sku, name: beside the shop fixture's Rupjmaize (BREAD), Piens 2% (MILK),
    # Kafija Ēģipte (COFFEE) and Siers (sver) (CHEESE)
    ("K1", "Ķiploku maize"),
    ("S1", "Sviestmaize ar sieru"),
    ("S2", "Sviestmaize ar šķiņķi"),
    ("M1", "Maize ar sēklām"),
    ("P1", "Pilngraudu maize"),
    ("BS", "Bread sticks"),
    ("A1", "Ābolu pīrāgs"),
    ("A2", "Apelsīnu sula"),
)


def names(uow: UnitOfWork, typed: str, limit: int = 20) -> list[str]:
    return [match.name for match in search_products(uow, typed, limit)]


@pytest.fixture
def goods(shop: Shop) -> Shop:
    for sku, name in GOODS:
        add_product(shop, sku, name, "1.50")
    return shop


def set_active(uow: UnitOfWork, sku: str, active: bool) -> None:
    with uow.writing():
        product = uow.session.scalars(select(Product).where(Product.sku == sku)).one()
        product.active = active
        uow.commit()


# --- Search --------------------------------------------------------------------------------


def test_a_name_is_found_by_its_start_whatever_the_case_and_diacritics(goods: Shop) -> None:
    uow = goods.uow
    assert names(uow, "rupj") == ["Rupjmaize"]
    assert names(uow, "RUPJMAIZE") == ["Rupjmaize"]
    assert names(uow, "sviest") == ["Sviestmaize ar sieru", "Sviestmaize ar šķiņķi"]
    assert names(uow, "ķiploku") == names(uow, "kiploku") == ["Ķiploku maize"]
    assert names(uow, "Ķiploku m") == names(uow, "KIPLOKU  MAIZE") == ["Ķiploku maize"]
    assert names(uow, "ēģ") == names(uow, "eg") == names(uow, "EĢIP") == ["Kafija Ēģipte"]
    assert names(uow, "sviestmaize ar šķ") == ["Sviestmaize ar šķiņķi"]


def test_a_later_word_is_found_after_the_names_that_start_with_the_text(goods: Shop) -> None:
    uow = goods.uow
    # "Rupjmaize" and "Sviestmaize" contain "maize" but no word of theirs starts with it.
    assert names(uow, "maize") == ["Maize ar sēklām", "Ķiploku maize", "Pilngraudu maize"]
    assert names(uow, "ar s") == [
        "Maize ar sēklām",  # ar seklam
        "Sviestmaize ar sieru",  # ar sieru
        "Sviestmaize ar šķiņķi",  # ar skinki
    ]
    assert names(uow, "sver") == ["Siers (sver)"]  # punctuation separates words


def test_names_are_in_alphabetical_order_with_and_without_diacritics(goods: Shop) -> None:
    assert names(goods.uow, "ap") == ["Apelsīnu sula"]
    assert names(goods.uow, "ab") == names(goods.uow, "āb") == ["Ābolu pīrāgs"]
    add_product(goods, "A3", "Ābele", "1.00")
    add_product(goods, "A4", "Abava", "1.00")
    assert names(goods.uow, "ab") == ["Abava", "Ābele", "Ābolu pīrāgs"]


def test_an_exact_sku_comes_first_in_any_case(goods: Shop) -> None:
    uow = goods.uow
    found = search_products(uow, "bread")
    assert found[0] == ProductMatch(
        found[0].product_id, "BREAD", "Rupjmaize", Decimal("2.35"), by_weight=False
    )
    assert [m.name for m in found] == ["Rupjmaize", "Bread sticks"]
    assert names(uow, " Cheese ") == ["Siers (sver)"]
    assert search_products(uow, "cheese")[0].by_weight is True
    # A product that is both the SKU and a name match is listed once.
    add_product(goods, "MAIZE", "Maize baltā", "1.00")
    assert names(uow, "maize")[:2] == ["Maize baltā", "Maize ar sēklām"]
    assert len(names(uow, "maize")) == len(set(names(uow, "maize"))) == 4


def test_products_no_longer_on_sale_are_not_offered(goods: Shop) -> None:
    set_active(goods.uow, "K1", False)
    set_active(goods.uow, "BREAD", False)
    assert names(goods.uow, "kiploku") == []
    assert names(goods.uow, "maize") == ["Maize ar sēklām", "Pilngraudu maize"]
    assert names(goods.uow, "bread") == ["Bread sticks"]
    set_active(goods.uow, "K1", True)
    assert names(goods.uow, "kiploku") == ["Ķiploku maize"]


def test_fewer_than_two_letters_find_nothing(goods: Shop) -> None:
    for typed in ("", " ", "r", "Ā", "ā ", "(", "%%", " - "):
        assert search_products(goods.uow, typed) == [], typed
    assert names(goods.uow, "pi") == ["Piens 2%", "Pilngraudu maize", "Ābolu pīrāgs"]


def test_the_limit_is_respected_in_every_group(goods: Shop) -> None:
    for number in range(1, 31):
        add_product(goods, f"ZM{number:02d}", f"Maize Nr {number:02d}", "1.00")
        add_product(goods, f"ZR{number:02d}", f"Rudzu maize Nr {number:02d}", "1.00")
    uow = goods.uow
    assert names(uow, "maize", limit=3) == ["Maize ar sēklām", "Maize Nr 01", "Maize Nr 02"]
    assert len(names(uow, "maize")) == 20
    everything = names(uow, "maize", limit=100)
    assert len(everything) == len(set(everything)) == 1 + 30 + 2 + 30
    assert everything[31:33] == ["Ķiploku maize", "Pilngraudu maize"]  # "maize" before …
    assert everything[33:35] == ["Rudzu maize Nr 01", "Rudzu maize Nr 02"]  # "maize nr …"
    assert names(uow, "maize", limit=0) == []


def test_a_word_in_many_names_pages_past_products_already_listed(goods: Shop) -> None:
    """Products with the text in two later words take index rows but one place."""
    for number in range(1, 26):
        add_product(goods, f"D{number:02d}", f"Kūka ar ogām un ar krēmu {number:02d}", "1.00")
    found = names(goods.uow, "ar", limit=30)
    assert len(found) == len(set(found)) == 25 + 3
    # "ar kremu 01" … "ar kremu 25", then (already listed) "ar ogam un ar kremu 01" … 25,
    # then "ar seklam", "ar sieru", "ar skinki".
    assert found[:2] == ["Kūka ar ogām un ar krēmu 01", "Kūka ar ogām un ar krēmu 02"]
    assert found[-3:] == ["Maize ar sēklām", "Sviestmaize ar sieru", "Sviestmaize ar šķiņķi"]
    assert names(goods.uow, "ar", limit=26)[-1] == "Maize ar sēklām"


def test_a_renamed_product_is_found_by_its_new_name_only(goods: Shop) -> None:
    uow = goods.uow
    with uow.writing():
        product = uow.session.scalars(select(Product).where(Product.sku == "K1")).one()
        product.name = "Ķimeņu maize ar sieru"
        uow.commit()
    assert names(uow, "kiploku") == []
    assert names(uow, "kimenu") == ["Ķimeņu maize ar sieru"]
    assert "Ķimeņu maize ar sieru" in names(uow, "sier")
    with uow.writing():  # a change of price keeps the keys as they are
        product = uow.session.scalars(select(Product).where(Product.sku == "K1")).one()
        product.price = Decimal("3.00")
        uow.commit()
    assert [(m.name, m.price) for m in search_products(uow, "kimenu")] == [
        ("Ķimeņu maize ar sieru", Decimal("3.00"))
    ]


def test_imported_products_are_found_and_a_reimport_renames_them(
    shop: Shop, tmp_path: Path
) -> None:
    uow = shop.uow
    path = tmp_path / "products.csv"
    header = "name,sku,barcode,price,vat_rate,category,unit\n"
    path.write_text(header + "Ķiploku grauzdiņi,G1,,1.50,21,Uzkodas,unit\n", encoding="utf-8")
    import_products(uow, shop.owner, path)
    assert names(uow, "kiploku") == ["Ķiploku grauzdiņi"]
    assert names(uow, "grauzd") == ["Ķiploku grauzdiņi"]
    assert names(uow, "g1") == ["Ķiploku grauzdiņi"]

    path.write_text(header + "Rudzu grauzdiņi ar sieru,G1,,1.70,21,Uzkodas,unit\n", "utf-8")
    import_products(uow, shop.owner, path)
    assert names(uow, "kiploku") == []
    assert names(uow, "rudzu") == names(uow, "grauzd") == ["Rudzu grauzdiņi ar sieru"]
    assert names(uow, "ar sier") == ["Rudzu grauzdiņi ar sieru"]


def test_a_database_from_before_search_is_back_filled_by_the_upgrade(database_url: str) -> None:
    upgrade_to(database_url, "0001")
    engine = make_engine(to_url(database_url))
    try:
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO vat_rates (id, rate, name) VALUES (1, 2100, 'standard rate')")
            )
            connection.execute(
                text(
                    "INSERT INTO products (id, sku, name, vat_rate_id, price) VALUES "
                    "(1, 'Old-1', 'Ķiploku maize', 1, 310), "
                    "(2, 'OLD-2', 'Sviestmaize ar sieru', 1, 290)"
                )
            )
            # A shop's products are referred to (barcodes, sold lines): SQLite rebuilds the
            # products table to add its columns, which must not trip over these.
            connection.execute(
                text("INSERT INTO product_barcodes (code, product_id) VALUES ('4750000000017', 1)")
            )
    finally:
        engine.dispose()

    uow = open_database(database_url)  # upgrades to head, as `posapp db upgrade` does
    try:
        assert schema.current_revision(uow.engine) == schema.HEAD_REVISION
        assert names(uow, "kiploku") == names(uow, "Ķiploku") == ["Ķiploku maize"]
        assert names(uow, "ar sie") == ["Sviestmaize ar sieru"]
        assert names(uow, "old-1") == ["Ķiploku maize"]
        assert search_products(uow, "maize")[0].price == Decimal("3.10")
        found = find_product(uow, "4750000000017")
        assert found is not None and found.name == "Ķiploku maize"
    finally:
        uow.engine.dispose()


# --- The query plans -----------------------------------------------------------------------


def _many_products(uow: UnitOfWork, count: int) -> None:
    """A catalogue big enough that a scan would cost more than the index (bulk, so keys by hand)."""
    adjectives = ("Rudzu", "Kviešu", "Ķiploku", "Saldā", "Skābā", "Zaļā", "Ābolu", "Medus")
    nouns = ("maize", "bulciņa", "kūka", "sula", "tēja", "kafija", "siers", "pīrāgs")
    with uow.writing():
        rate_id = uow.session.scalar(select(VatRate.id).limit(1))
        first = (uow.session.scalar(select(Product.id).order_by(Product.id.desc())) or 0) + 1
        products, words = [], []
        for product_id in range(first, first + count):
            name = f"{adjectives[product_id % 8]} {nouns[product_id // 8 % 8]} {product_id}"
            key = search_key(name)
            products.append(
                {
                    "id": product_id,
                    "sku": f"BULK{product_id:06d}",
                    "sku_key": f"bulk{product_id:06d}",
                    "name": name,
                    "search_key": key,
                    "vat_rate_id": rate_id,
                    "price": Decimal("1.00"),
                }
            )
            words += [{"product_id": product_id, "key": w, "name_key": key} for w in word_keys(key)]
        uow.connection.execute(insert(Product), products)
        uow.connection.execute(insert(ProductSearchWord), words)
        if uow.engine.dialect.name == "postgresql":
            uow.connection.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('products', 'id'), max(id)) FROM products"
            )
        uow.commit()
    with uow.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()


def test_every_search_statement_is_an_index_range_not_a_scan(goods: Shop) -> None:
    uow = goods.uow
    _many_products(uow, 20_000)
    found = names(uow, "kiploku maize 1", limit=3)
    assert len(found) == 3 and found == sorted(found, key=search_key)
    assert all(name.startswith("Ķiploku maize 1") for name in found)
    bounds = {"low": "kiploku", "high": prefix_upper_bound("kiploku"), "limit": 20}
    # "maize" is the second word of an eighth of the bulk products: 2,500 index rows match.
    word_bounds = {"low": "maize", "high": prefix_upper_bound("maize"), "limit": 20}
    plans = {
        "sku": query_plan(uow, catalog._BY_SKU_KEY, {"key": "bread"}),
        "name": query_plan(uow, catalog._NAME_STARTS, bounds),
        "word": query_plan(
            uow,
            catalog._WORD_STARTS,
            {**word_bounds, "after_key": "", "after_name": "", "after_id": 0},
        ),
    }
    print("\n\n".join(f"{kind}:\n{plan}" for kind, plan in plans.items()))  # for the record
    if uow.engine.dialect.name == "sqlite":
        assert "SEARCH products USING INDEX ix_products_sku_key (sku_key=?)" in plans["sku"]
        assert (
            "SEARCH products USING INDEX ix_products_search_key (search_key>? AND search_key<?)"
            in plans["name"]
        )
        assert (
            "SEARCH product_search_words USING COVERING INDEX ix_product_search_words_key "
            "(key>? AND key<?)" in plans["word"]
        )
        assert "SEARCH products USING INTEGER PRIMARY KEY (rowid=?)" in plans["word"]
        for plan in plans.values():
            assert "SCAN" not in plan and "TEMP B-TREE" not in plan, plan
    else:
        assert "Index Scan using ix_products_sku_key on products" in plans["sku"]
        assert "Index Scan using ix_products_search_key on products" in plans["name"]
        assert (
            "Index Cond: (((search_key)::text >= 'kiploku'::text) "
            "AND ((search_key)::text < 'kiplokv'::text))" in plans["name"]
        )
        assert (
            "Index Only Scan using ix_product_search_words_key on product_search_words"
            in plans["word"]
        )
        assert "Index Cond: ((key >= 'maize'::text) AND (key < 'maizf'::text)" in plans["word"]
        assert "Index Scan using pk_products on products" in plans["word"]
        for plan in plans.values():
            assert "Seq Scan" not in plan and "Sort" not in plan, plan


# --- Quick keys ----------------------------------------------------------------------------


def test_configured_quick_keys_come_in_their_order(goods: Shop) -> None:
    uow = goods.uow
    update_settings(uow, goods.manager, quick_keys=["MILK", " BREAD ", "K1", "CHEESE"])
    assert load_settings(uow).quick_keys == ("MILK", "BREAD", "K1", "CHEESE")
    keys = quick_key_products(uow)
    assert [(m.sku, m.name, m.by_weight) for m in keys] == [
        ("MILK", "Piens 2%", False),
        ("BREAD", "Rupjmaize", False),
        ("K1", "Ķiploku maize", False),
        ("CHEESE", "Siers (sver)", True),
    ]
    set_active(uow, "BREAD", False)  # taken off sale: its key is left out
    assert [m.sku for m in quick_key_products(uow)] == ["MILK", "K1", "CHEESE"]


def test_without_configured_keys_the_best_sellers_of_30_days_are_offered(goods: Shop) -> None:
    uow = goods.uow
    start = uow.now()
    assert quick_key_products(uow) == []  # nothing sold yet
    for _ in range(4):
        sell(goods, goods.coffee)
    uow.clock = lambda: start + timedelta(days=20)
    sell(goods, goods.bread, goods.milk)
    sell(goods, goods.bread)
    sell(goods, goods.bread, goods.milk)
    assert [m.sku for m in quick_key_products(uow)] == ["COFFEE", "BREAD", "MILK"]

    uow.clock = lambda: start + timedelta(days=35)  # the coffee sales are 35 days old
    assert [m.sku for m in quick_key_products(uow)] == ["BREAD", "MILK"]
    set_active(uow, "BREAD", False)
    assert [m.sku for m in quick_key_products(uow)] == ["MILK"]


def test_the_best_sellers_are_counted_from_the_period_s_sales_only(goods: Shop) -> None:
    """The query starts from sales.completed_at's index, never from all lines or products."""
    sell(goods, goods.bread, goods.milk)
    plan = query_plan(goods.uow, catalog._BEST_SELLERS, {"since": goods.uow.now()})
    print(plan)
    if goods.uow.engine.dialect.name == "sqlite":
        assert "SEARCH sales USING INDEX ix_sales_completed_at (completed_at>?)" in plan
        assert "SEARCH sale_lines USING INDEX ix_sale_lines_sale_id (sale_id=?)" in plan
        assert "SEARCH products USING INTEGER PRIMARY KEY (rowid=?)" in plan
        assert "SCAN sale_lines" not in plan and "SCAN products" not in plan


def test_the_best_sellers_are_twelve_at_most(goods: Shop) -> None:
    times_sold = {
        add_product(goods, f"Q{n:02d}", f"Prece {n:02d}", "1.00"): n % 7 + 1 for n in range(14)
    }
    for round_number in range(7):  # each sale rings up what is to be sold more often
        sell(goods, *[code for code, times in times_sold.items() if times > round_number])
    keys = quick_key_products(goods.uow)
    assert len(keys) == MAX_QUICK_KEYS == 12
    # Sold 7, 7, 6, 6, … times; equal counts in name order; Q00 and Q07 (once) left out.
    assert [m.sku for m in keys[:4]] == ["Q06", "Q13", "Q05", "Q12"]
    assert {"Q00", "Q07"}.isdisjoint(m.sku for m in keys)


def test_quick_keys_with_unknown_skus_or_too_many_are_refused(goods: Shop) -> None:
    uow = goods.uow
    update_settings(uow, goods.manager, quick_keys=("MILK",))
    with pytest.raises(InvalidInput) as unknown:
        update_settings(uow, goods.manager, quick_keys=("BREAD", "NOPE-1", "bread"))
    assert "NOPE-1, bread" in unknown.value.message
    assert "No product has the SKU" in unknown.value.message
    with pytest.raises(InvalidInput, match="12 quick keys; 13 products"):
        update_settings(uow, goods.manager, quick_keys=["BREAD"] * 13)
    with pytest.raises(InvalidInput, match="more than once"):
        update_settings(uow, goods.manager, quick_keys=("BREAD", "MILK", "BREAD"))
    with pytest.raises(InvalidInput, match="list of product SKUs"):
        update_settings(uow, goods.manager, quick_keys="BREAD")
    with pytest.raises(PermissionDenied):
        update_settings(uow, goods.cashier, quick_keys=("BREAD",))
    assert load_settings(uow).quick_keys == ("MILK",)  # nothing refused was saved
    update_settings(uow, goods.manager, quick_keys=())
    assert load_settings(uow).quick_keys == ()


def test_the_demo_has_twelve_bakery_cafe_quick_keys_and_searchable_goods(
    database_url: str,
) -> None:
    now = datetime.fromisoformat("2026-11-23T14:00:00+02:00")
    build_demo_file(database_url, until=now, days=0)
    uow = open_database(database_url)
    try:
        keys = quick_key_products(uow)
        assert [m.name for m in keys] == list(QUICK_KEY_NAMES)
        assert len(keys) == 12 and keys[0].sku.startswith("P")
        assert names(uow, "kiploku") == [
            "Ķiploku grauzdiņi",
            "Ķiploku grauzdiņi (liels iepakojums)",
        ]
        assert names(uow, "kapucino", limit=3) == [
            "Kapučīno ar auzu pienu",
            "Kapučīno ar karameli",
            "Kapučīno ar vaniļu",
        ]
    finally:
        uow.engine.dispose()


def test_a_product_written_through_any_session_gets_its_keys(uow: UnitOfWork) -> None:
    """The keys are kept by mapper events on Product, not by each writer."""
    prepare_shop(uow, "T1")
    with Session(uow.engine) as session:
        rate_id = session.scalar(select(VatRate.id).limit(1))
        assert rate_id is not None
        product = Product(
            sku="Jam-1", name="Ērkšķogu  ievārījums", vat_rate_id=rate_id, price=Decimal(4)
        )
        session.add(product)
        session.commit()
        assert (product.search_key, product.sku_key) == ("erkskogu ievarijums", "jam-1")
        product.sku = "JAM-2"
        session.commit()
        assert product.sku_key == "jam-2"
    assert names(uow, "ievar") == names(uow, "jam-2") == ["Ērkšķogu  ievārījums"]
