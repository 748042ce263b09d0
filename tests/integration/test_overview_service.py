"""posapp.services.overview: the figures behind the main window (no Qt here).

"Today" starts at midnight in the shop's time zone, not at UTC midnight; takings
are sales plus refunds; the number of sales counts sales only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from posapp.db.uow import UnitOfWork
from posapp.domain.cart import PaymentMethod
from posapp.domain.roles import Actor
from posapp.services import checkout, shifts
from posapp.services.checkout import CompletedSale
from posapp.services.overview import RECENT_SALES, local_midnight, shop_overview
from posapp.services.settings import load_settings, update_settings
from posapp.services.setup import prepare_shop
from tests.conftest import TILL, Shop

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")

# 15 January 2026, 10:00 in Riga (UTC+2 in winter): local midnight is 22:00 UTC the day before.
NOW = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
RIGA_MIDNIGHT = datetime(2026, 1, 14, 22, 0, tzinfo=UTC)


def at(shop: Shop, moment: datetime) -> UnitOfWork:
    return UnitOfWork(shop.uow.engine, clock=lambda: moment)


def seller(shop: Shop) -> Callable[..., CompletedSale]:
    rules = load_settings(shop.uow).barcode_rules()

    def sell(
        moment: datetime, *codes: str, till: str = TILL, actor: Actor | None = None
    ) -> CompletedSale:
        uow, who = at(shop, moment), actor or shop.cashier
        cart = checkout.start_sale(uow, who, till)
        for code in codes:
            cart = checkout.scan(uow, who, cart, code, rules).cart
        return checkout.complete_sale(uow, who, cart.pay(PaymentMethod.CARD, cart.due))

    return sell


def test_local_midnight_follows_the_shops_time_zone() -> None:
    from zoneinfo import ZoneInfo

    riga = ZoneInfo("Europe/Riga")
    assert local_midnight(NOW, riga) == RIGA_MIDNIGHT
    # Summer time: UTC+3, so midnight is 21:00 UTC.
    assert local_midnight(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), riga) == datetime(
        2026, 6, 30, 21, 0, tzinfo=UTC
    )
    # 23:30 UTC is already the next day in Riga.
    assert local_midnight(datetime(2026, 1, 14, 23, 30, tzinfo=UTC), riga) == RIGA_MIDNIGHT


def test_today_counts_from_local_midnight_per_till_and_for_all_tills(shop: Shop) -> None:
    prepare_shop(shop.uow, "T2")
    shifts.open_shift(shop.uow, shop.manager, "T2", Decimal("50.00"))
    sell = seller(shop)
    sell(RIGA_MIDNIGHT - timedelta(minutes=30), shop.coffee)  # 23:30 yesterday in Riga
    sell(RIGA_MIDNIGHT + timedelta(minutes=30), shop.bread)  # 00:30 today in Riga
    sell(NOW - timedelta(hours=1), shop.milk, shop.milk)
    sell(NOW - timedelta(minutes=5), shop.coffee, till="T2", actor=shop.manager)

    overview = shop_overview(at(shop, NOW), TILL)

    assert overview.sales_today_till == 2
    assert overview.takings_today_till == Decimal("2.35") + Decimal("2.38")
    assert overview.sales_today_all == 3
    assert overview.takings_today_all == Decimal("2.35") + Decimal("2.38") + Decimal("7.99")
    assert overview.time_zone == "Europe/Riga"


def test_a_shop_in_another_time_zone_has_another_today(shop: Shop) -> None:
    update_settings(shop.uow, shop.owner, time_zone="America/New_York")
    sell = seller(shop)
    sell(datetime(2026, 1, 15, 4, 0, tzinfo=UTC), shop.bread)  # 23:00 on the 14th in New York

    overview = shop_overview(at(shop, NOW), TILL)  # 03:00 on the 15th in New York

    assert overview.sales_today_till == 0
    assert overview.time_zone == "America/New_York"


def test_recent_sales_are_the_newest_completed_ones_with_names(shop: Shop) -> None:
    sell = seller(shop)
    first = NOW - timedelta(hours=3)
    sold = [sell(first + timedelta(minutes=n), shop.bread) for n in range(RECENT_SALES + 2)]
    rules = load_settings(shop.uow).barcode_rules()
    voided = checkout.start_sale(shop.uow, shop.cashier, TILL)
    voided = checkout.scan(shop.uow, shop.cashier, voided, shop.milk, rules).cart
    checkout.void_sale(at(shop, NOW), shop.cashier, voided, "customer changed their mind")

    overview = shop_overview(at(shop, NOW), TILL)

    assert [row.receipt_number for row in overview.recent] == [
        s.receipt_number for s in reversed(sold[-RECENT_SALES:])
    ]
    newest = overview.recent[0]
    assert (newest.till_code, newest.kind, newest.user_name) == (TILL, "sale", "Līga")
    assert newest.customer_name is None
    assert newest.total == Decimal("2.35")
    assert newest.completed_at == sold[-1].completed_at


def test_the_shift_open_on_this_till_and_who_opened_it(shop: Shop) -> None:
    overview = shop_overview(shop.uow, TILL)
    assert overview.shift_opened_by == "Līga"
    assert overview.shift_open_since is not None

    prepare_shop(shop.uow, "T2")
    assert shop_overview(shop.uow, "T2").shift_open_since is None
    assert shop_overview(shop.uow, "T2").shift_opened_by is None
