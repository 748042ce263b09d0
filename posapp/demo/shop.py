"""The demo shop itself: its settings, till and staff, its loyalty programme, and the
clock the unit of work reads while the shop's history is written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from posapp.demo.catalogue import GIFT_CARDS
from posapp.domain.roles import Role
from posapp.services.settings import (
    LoyaltySettings,
    PointsBonus,
    ReminderSettings,
    RewardSetting,
    RewardTrigger,
    ShopSettings,
)

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
REWARD_POINTS = 500  # the points the 5 € reward costs
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


class DemoClock:
    """The unit of work's clock while history is written: set to each moment in turn."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment
