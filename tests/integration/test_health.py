"""`posapp check`: a healthy shop passes; damage is named, exit code 1, nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from posapp.services.reports import aggregates
from tests.conftest import Shop
from tests.integration.helpers import refund_sale, sell
from tests.integration.loyalty_helpers import Clock, use_clock
from tests.integration.test_cli import posapp

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def _a_week_of_sales(shop: Shop) -> None:
    clock = Clock(datetime.now(UTC) - timedelta(days=7))
    restore = use_clock(shop, clock)
    try:
        for day in range(5):
            sale = sell(shop, shop.customer_card, shop.bread, shop.coffee, shop.coffee)
            sell(shop, shop.milk)
            if day == 2:
                refund_sale(shop, sale)
            clock.advance(days=1)
    finally:
        restore()
    aggregates.catch_up(shop.uow)


def _damage(shop: Shop, statement: str) -> None:
    with shop.uow.writing():
        shop.uow.connection.execute(text(statement))
        shop.uow.commit()


def test_a_healthy_shop_passes_every_check(shop: Shop, database_url: str) -> None:
    _a_week_of_sales(shop)
    result = posapp("check", "--db", database_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All 7 checks passed." in result.stdout
    assert "WRONG" not in result.stdout


FIRST_SALE = "(SELECT MIN(id) FROM sales)"
FIRST_LINE = "(SELECT MIN(id) FROM sale_lines)"
FIRST_DAY = "(SELECT MIN(day) FROM report_takings)"


@pytest.mark.parametrize(
    ("damage", "named", "wrong"),
    [
        # A sale's total changed: the sale no longer adds up, nor do the reports' sums.
        (f"UPDATE sales SET total = total + 1 WHERE id = {FIRST_SALE}", "T1-1: total", 2),
        (
            f"UPDATE sale_lines SET vat_amount = vat_amount + 1 WHERE id = {FIRST_LINE}",
            "T1-1: VAT",
            2,
        ),
        ("UPDATE tills SET next_receipt_number = next_receipt_number + 1", "numbers issued", 1),
        ("UPDATE loyalty_accounts SET balance = balance + 5", "balance", 1),
        (f"UPDATE report_takings SET gross = gross + 1 WHERE day = {FIRST_DAY}", "report_tak", 1),
    ],
)
def test_damage_is_named_and_the_exit_code_is_1(
    shop: Shop, database_url: str, damage: str, named: str, wrong: int
) -> None:
    _a_week_of_sales(shop)
    _damage(shop, damage)
    result = posapp("check", "--db", database_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "WRONG" in result.stdout and named in result.stdout
    assert f"{wrong} of 7 checks found something wrong" in result.stdout
    again = posapp("check", "--db", database_url)
    assert again.stdout == result.stdout  # the check changed nothing


def test_reports_rebuild_sums_the_days_again(shop: Shop, database_url: str) -> None:
    _a_week_of_sales(shop)
    _damage(shop, "DELETE FROM report_vat")
    assert posapp("check", "--db", database_url).returncode == 1
    rebuilt = posapp("reports", "rebuild", "--db", database_url)
    assert rebuilt.returncode == 0 and "summed up to" in rebuilt.stdout
    assert posapp("check", "--db", database_url).returncode == 0


def test_the_demo_shop_passes_every_check(tmp_path: Path) -> None:
    """Months of believable trading (free rewards, refunds, members) is a healthy shop."""
    db = str(tmp_path / "demo.sqlite")
    assert posapp("demo", "--db", db, "--days", "40").returncode == 0
    result = posapp("check", "--db", db)
    assert result.returncode == 0, result.stdout
