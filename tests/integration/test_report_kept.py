"""The loyalty and care readings of the months over, kept: read back as they were read, and
read afresh once what they came from changes (a setting, a merge, a late sale).

The shop of tests/integration/loyalty_shop.py, reported on the morning of 4 November:
October and September are over; the care report's comparison of who came back in
October still changes as each member's 30 days end (September's are over).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from importlib import import_module
from pathlib import Path

import pytest
from sqlalchemy import select

from posapp.db.models import Customer, ReportKept
from posapp.domain.cart import PaymentMethod
from posapp.domain.periods import Period
from posapp.output.report import Report
from posapp.services import checkout, loyalty, shifts
from posapp.services.product_import import import_products
from posapp.services.reports import ReportQuery, kept, run_report
from posapp.services.settings import update_settings
from tests.conftest import TILL, Shop
from tests.integration.helpers import pay_exact, ring_up
from tests.integration.loyalty_shop import REPORT_AT, build_loyalty_shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

SEPTEMBER = Period(date(2026, 9, 1), date(2026, 9, 30))
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def traded(shop: Shop) -> Shop:
    build_loyalty_shop(shop, varied=True)
    return shop


def kept_periods(shop: Shop) -> set[tuple[str, date, date]]:
    with shop.uow:
        rows = shop.uow.session.execute(select(ReportKept.name, ReportKept.first, ReportKept.last))
        return {(name, first, last) for name, first, last in rows}


def kept_made(shop: Shop) -> dict[tuple[str, date], datetime]:
    with shop.uow:
        rows = shop.uow.session.execute(
            select(ReportKept.name, ReportKept.first, ReportKept.made_at)
        )
        return {(name, first): made_at for name, first, made_at in rows}


def report(shop: Shop, name: str, period: Period) -> Report:
    """As the window runs it: the aggregates and the kept readings caught up first."""
    return run_report(shop.uow, shop.owner, name, ReportQuery(period))


def unkept(shop: Shop, name: str, period: Period) -> Report:
    """The report read from the rows, nothing kept."""
    with shop.uow.writing():
        kept.forget(shop.uow)
        shop.uow.commit()
    module = import_module(f"posapp.services.reports.{name}")
    built: Report = module.build(shop.uow, shop.owner, ReportQuery(period))
    return built


def contents(report: Report) -> tuple[object, ...]:
    figures = {f.key: (f.value, f.previous) for f in report.figures}
    return figures, [(t.key, t.rows, t.total) for t in report.tables]


def test_the_months_over_are_kept_and_read_back_as_they_were_read(traded: Shop) -> None:
    shop = traded
    loyalty_october = report(shop, "loyalty", OCTOBER)
    care_october = report(shop, "care", OCTOBER)
    found = kept_periods(shop)
    for name, period in (
        ("loyalty", OCTOBER),
        ("loyalty", SEPTEMBER),
        ("loyalty.cohorts", OCTOBER),
        ("care", SEPTEMBER),
    ):
        assert (name, period.first, period.last) in found
    assert ("loyalty", NOVEMBER.first, NOVEMBER.last) not in found  # still running
    assert contents(loyalty_october) == contents(unkept(shop, "loyalty", OCTOBER))
    assert contents(care_october) == contents(unkept(shop, "care", OCTOBER))


def test_a_reading_that_still_changes_is_read_afresh_each_day(traded: Shop) -> None:
    shop = traded
    report(shop, "care", OCTOBER)
    made = kept_made(shop)
    assert ("care", OCTOBER.first) in made  # kept for today
    clock = shop.uow.clock
    clock.moment = REPORT_AT + timedelta(days=1)  # type: ignore[attr-defined]
    tomorrow = report(shop, "care", OCTOBER)
    again = kept_made(shop)
    # October's members' 30 days are still ending: read again the next day; September's
    # are over (30 October), and the loyalty readings do not change once a month is over.
    assert again[("care", OCTOBER.first)] > made[("care", OCTOBER.first)]
    assert again[("care", SEPTEMBER.first)] == made[("care", SEPTEMBER.first)]
    assert again[("loyalty", OCTOBER.first)] == made[("loyalty", OCTOBER.first)]
    assert contents(tomorrow) == contents(unkept(shop, "care", OCTOBER))


def test_a_kept_reading_is_read_until_a_setting_changes(traded: Shop) -> None:
    shop = traded
    members = report(shop, "loyalty", OCTOBER).figure("members").value
    with shop.uow.writing():
        row = shop.uow.session.get(ReportKept, ("loyalty", OCTOBER.first, OCTOBER.last))
        assert row is not None
        reading = json.loads(row.reading)
        fields = reading["record"][1]  # the Reading's fields
        values = dict(fields["values"]["dict"])
        values["members"] = 99999
        fields["values"]["dict"] = list(values.items())
        row.reading = json.dumps(reading)
        shop.uow.commit()
    assert report(shop, "loyalty", OCTOBER).figure("members").value == 99999
    update_settings(shop.uow, shop.owner, shop_name="Maiznīca Nr. 2")
    assert report(shop, "loyalty", OCTOBER).figure("members").value == members


def test_merging_two_members_forgets_what_was_kept(traded: Shop) -> None:
    shop = traded
    members = report(shop, "loyalty", OCTOBER).figure("members").value
    assert isinstance(members, int)
    assert kept_periods(shop)
    with shop.uow:
        keep_id, merge_id = shop.uow.session.scalars(
            select(Customer.id).where(Customer.merged_into_id.is_(None)).order_by(Customer.id)
        ).all()[:2]
    loyalty.merge_customers(shop.uow, shop.owner, keep_id, merge_id)
    assert kept_periods(shop) == set()
    # Both had joined by the end of October: one member fewer there now.
    after = report(shop, "loyalty", OCTOBER)
    assert after.figure("members").value == members - 1
    assert contents(after) == contents(unkept(shop, "loyalty", OCTOBER))


def test_a_late_sale_into_a_month_kept_is_read_afresh(traded: Shop) -> None:
    shop = traded
    before = report(shop, "loyalty", OCTOBER)
    # A till whose clock was behind completes a sale on 30 October, after the catch-up.
    clock = shop.uow.clock
    clock.moment = datetime(2026, 10, 30, 12, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    shifts.open_shift(shop.uow, shop.manager, TILL, Decimal("100.00"))
    checkout.complete_sale(shop.uow, shop.cashier, pay_exact(ring_up(shop, shop.coffee)))
    shifts.close_shift(shop.uow, shop.manager, TILL, {PaymentMethod.CASH: Decimal("100.00")})
    clock.moment = REPORT_AT  # type: ignore[attr-defined]
    after = report(shop, "loyalty", OCTOBER)
    basket = "anonymous_basket"
    assert after.figure(basket).value != before.figure(basket).value
    assert contents(after) == contents(unkept(shop, "loyalty", OCTOBER))


def test_a_products_month_kept_is_forgotten_when_a_product_changes_category(
    traded: Shop, tmp_path: Path
) -> None:
    shop = traded
    october = report(shop, "products", OCTOBER)
    assert {
        ("products", OCTOBER.first, OCTOBER.last),
        ("products.total", SEPTEMBER.first, SEPTEMBER.last),
    } <= kept_periods(shop)
    assert contents(october) == contents(unkept(shop, "products", OCTOBER))
    report(shop, "products", OCTOBER)  # kept again
    moved = tmp_path / "coffee.csv"
    moved.write_text(
        "name,sku,barcode,price,vat_rate,category,unit\n"
        f"Kafija Ēģipte,COFFEE,{shop.coffee},7.99,21,Kafija,gab\n"
    )
    import_products(shop.uow, shop.owner, moved)
    names = {name for name, _first, _last in kept_periods(shop)}
    assert "products" not in names and "products.total" not in names and "loyalty" in names
    after = report(shop, "products", OCTOBER)
    categories = [row[0] for row in after.table("categories").rows]
    assert "Kafija" in categories
    assert contents(after) == contents(unkept(shop, "products", OCTOBER))
