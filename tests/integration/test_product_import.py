"""Importing a product list: every row checked, all or nothing (unless --skip-bad)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from posapp.db.models import Category, Product, VatRate
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import make_ean13
from posapp.domain.roles import Actor, Role
from posapp.errors import ImportFailed, PermissionDenied
from posapp.services import catalog
from posapp.services.product_import import import_products
from posapp.services.setup import prepare_shop

BREAD = make_ean13("475000000101")
MILK = make_ean13("475000000102")
COFFEE = make_ean13("475000000103")
GOOD = f"""name,sku,barcode,price,vat_rate,category,unit
Rupjmaize,B1,{BREAD},2.35,21,Maize,unit
Piens 2%,M1,{MILK},"1,19",12,Piena produkti,pcs
Siers (sver),C1,,12.90,21%,Piena produkti,kg
"""
CLI = Actor.command_line()


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "products.csv"
    path.write_bytes(text.encode(encoding))
    return path


def product_count(uow: UnitOfWork) -> int:
    with uow:
        return uow.session.scalar(select(func.count()).select_from(Product)) or 0


@pytest.fixture
def ready(uow: UnitOfWork) -> UnitOfWork:
    prepare_shop(uow, "T1")
    return uow


def test_a_good_file_puts_products_on_sale(ready: UnitOfWork, tmp_path: Path) -> None:
    report = import_products(ready, CLI, write(tmp_path, GOOD))
    assert (report.created, report.updated, report.skipped) == (3, 0, [])
    bread = catalog.find_product(ready, BREAD)
    milk = catalog.find_product(ready, MILK)
    assert bread is not None and milk is not None
    assert (bread.name, bread.price, bread.vat_rate) == ("Rupjmaize", Decimal("2.35"), 21)
    assert (milk.price, milk.vat_rate) == (Decimal("1.19"), 12)
    with ready:
        cheese = ready.session.scalar(select(Product).where(Product.sku == "C1"))
        assert cheese is not None and cheese.sold_by == "weight"
        names = set(ready.session.scalars(select(Category.name)))
    assert names == {"Maize", "Piena produkti"}


def test_excel_style_semicolons_and_bom_are_read(ready: UnitOfWork, tmp_path: Path) -> None:
    text = (
        "\ufeffname;sku;barcode;price;vat_rate;category;unit\n"
        "Ķiploku maize;K1;{};3,10;21;Maize;gab\n"
    )
    import_products(ready, CLI, write(tmp_path, text.format(BREAD)))
    found = catalog.find_product(ready, BREAD)
    assert found is not None and found.name == "Ķiploku maize" and found.price == Decimal("3.10")


def test_one_bad_row_imports_nothing_and_names_every_problem_line(
    ready: UnitOfWork, tmp_path: Path
) -> None:
    bad_check_digit = BREAD[:-1] + str((int(BREAD[-1]) + 1) % 10)
    text = GOOD + (
        f"Kafija,K2,{bad_check_digit},7.99,21,Kafija,unit\n"  # line 5
        "Tēja,T1,,abc,21,Tēja,unit\n"  # line 6
        f"Sula,S1,{COFFEE},1.90,9,Dzērieni,unit\n"  # line 7: no 9 % rate
        f"Rupjmaize 2,B1,,2.35,21,Maize,unit\n"  # line 8: SKU also on line 2
        f"Kvass,Q1,{MILK},1.60,21,Dzērieni,unit\n"  # line 9: barcode also on line 3
    )
    with pytest.raises(ImportFailed) as failure:
        import_products(ready, CLI, write(tmp_path, text))
    problems = failure.value.problems
    assert [p.split(":")[0] for p in problems] == [f"line {n}" for n in (5, 6, 7, 8, 9)]
    assert "wrong check digit" in problems[0]
    assert "not an amount" in problems[1]
    assert "not one of the shop's rates" in problems[2]
    assert "also on line 2" in problems[3]
    assert "also on line 3" in problems[4]
    assert product_count(ready) == 0


def test_skip_bad_imports_the_good_rows_and_lists_the_rest(
    ready: UnitOfWork, tmp_path: Path
) -> None:
    text = GOOD + "Tēja,T1,,abc,21,Tēja,unit\n"
    report = import_products(ready, CLI, write(tmp_path, text), skip_bad=True)
    assert report.created == 3
    assert len(report.skipped) == 1 and report.skipped[0].startswith("line 5:")
    assert product_count(ready) == 3


def test_a_barcode_of_another_product_in_the_shop_is_refused(
    ready: UnitOfWork, tmp_path: Path
) -> None:
    import_products(ready, CLI, write(tmp_path, GOOD))
    text = f"name,sku,barcode,price,vat_rate,category,unit\nCits,X1,{BREAD},1.00,21,Maize,unit\n"
    with pytest.raises(ImportFailed) as failure:
        import_products(ready, CLI, write(tmp_path, text))
    assert failure.value.problems == [f"line 2: barcode {BREAD} already belongs to product B1"]


def test_importing_again_updates_products_by_sku(ready: UnitOfWork, tmp_path: Path) -> None:
    import_products(ready, CLI, write(tmp_path, GOOD))
    report = import_products(ready, CLI, write(tmp_path, GOOD.replace("2.35", "2.49")))
    assert (report.created, report.updated) == (0, 3)
    bread = catalog.find_product(ready, BREAD)
    assert bread is not None and bread.price == Decimal("2.49")
    assert product_count(ready) == 3


def test_a_file_without_the_required_columns_is_refused(ready: UnitOfWork, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as failure:
        import_products(ready, CLI, write(tmp_path, "name,prce\nMaize,1.00\n"))
    assert "missing column: sku" in failure.value.problems
    assert "unknown column: prce" in failure.value.problems


def test_a_file_that_is_not_utf8_says_how_to_save_it(ready: UnitOfWork, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="CSV UTF-8"):
        import_products(ready, CLI, write(tmp_path, GOOD.replace("Piens", "Piens ā"), "cp1257"))


def test_a_cashier_cannot_import(ready: UnitOfWork, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        import_products(ready, Actor(None, "Līga", Role.CASHIER), write(tmp_path, GOOD))


def test_vat_rates_come_with_a_new_shop(ready: UnitOfWork) -> None:
    with ready:
        rates = sorted(ready.session.scalars(select(VatRate.rate)))
    assert rates == [Decimal(0), Decimal(5), Decimal(12), Decimal(21)]


def test_cost_prices_are_imported_and_a_file_without_them_keeps_them(
    ready: UnitOfWork, tmp_path: Path
) -> None:
    with_costs = GOOD.replace("unit\n", "unit,cost_price\n", 1)
    with_costs = with_costs.replace("Maize,unit\n", "Maize,unit,0.95\n")
    with_costs = with_costs.replace(",pcs\n", ',pcs,"0,61"\n').replace(",kg\n", ",kg,\n")
    import_products(ready, CLI, write(tmp_path, with_costs))

    def costs() -> dict[str, Decimal | None]:
        with ready:
            rows = ready.session.execute(select(Product.sku, Product.cost_price))
            return {sku: cost for sku, cost in rows}

    assert costs() == {"B1": Decimal("0.95"), "M1": Decimal("0.61"), "C1": None}
    import_products(ready, CLI, write(tmp_path, GOOD.replace("2.35", "2.49")))
    assert costs() == {"B1": Decimal("0.95"), "M1": Decimal("0.61"), "C1": None}


def test_bad_prices_and_cost_prices_are_named_line_by_line(
    ready: UnitOfWork, tmp_path: Path
) -> None:
    text = (
        "name,sku,barcode,price,vat_rate,category,unit,cost_price\n"
        "Rupjmaize,B1,,2.35,21,Maize,unit,1e308\n"  # line 2
        "Baltmaize,B2,,2.10,21,Maize,unit,abc\n"  # line 3
        "Bulciņa,B3,,0.55,21,Maize,unit,-0.20\n"  # line 4
        "Kūka,B4,,1e308,21,Maize,unit,\n"  # line 5
        "Pīrāgs,B5,,0.90,21,Maize,unit,0.301\n"  # line 6: three decimals
    )
    with pytest.raises(ImportFailed) as failure:
        import_products(ready, CLI, write(tmp_path, text))
    assert failure.value.problems == [
        "line 2: cost_price '1e308' is more than 999999.99: check the amount",
        "line 3: cost_price 'abc' is not an amount like 1.20 (leave it empty if not known)",
        "line 4: cost_price is negative",
        "line 5: price '1e308' is more than 999999.99: check the amount",
        "line 6: cost_price '0.301' is not an amount like 1.20 (leave it empty if not known)",
    ]
    assert product_count(ready) == 0
