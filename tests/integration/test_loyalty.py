"""The loyalty programme at the counter: members, cards, points, rewards, vouchers, refunds."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, insert, select, update
from sqlalchemy import exc as sa_exc

from posapp.db.models import (
    Customer,
    PointsEntry,
    Sale,
    SaleLine,
    StageChange,
    Till,
    Voucher,
)
from posapp.db.models import LoyaltyCard as CardRow
from posapp.db.uow import UnitOfWork
from posapp.domain.barcodes import LoyaltyCard, VoucherCode, classify, is_valid_gtin, make_ean13
from posapp.domain.cart import Discount, PaymentMethod
from posapp.domain.loyalty import Stage
from posapp.errors import (
    CardBlocked,
    InvalidInput,
    MisreadBarcode,
    NotEnoughPoints,
    NotFound,
    PermissionDenied,
    SaleIncomplete,
    VoucherNotUsable,
)
from posapp.services import care, checkout, loyalty, shifts
from posapp.services.checkout import ScanKind
from tests.conftest import TILL, Shop
from tests.integration.helpers import (
    count,
    line_id,
    pay_exact,
    race,
    refund_sale,
    ring_up,
    rules,
    sale_lines,
    sales,
    statements_sent,
)
from tests.integration.loyalty_helpers import (
    Clock,
    balance,
    entries,
    give_points,
    ledger_sum,
    set_loyalty,
    use_clock,
    voucher_status,
)

pytestmark = pytest.mark.usefixtures("quick_pin_hashes")


def scan(shop: Shop, cart: checkout.Cart, code: str) -> checkout.ScanResult:
    return checkout.scan(shop.uow, shop.cashier, cart, code, rules(shop.uow))


def complete(shop: Shop, cart: checkout.Cart) -> checkout.CompletedSale:
    return checkout.complete_sale(shop.uow, shop.cashier, pay_exact(cart))


def sell_to(shop: Shop, card: str, *codes: str) -> checkout.CompletedSale:
    return complete(shop, ring_up(shop, card, *codes))


def assert_ledger_holds(shop: Shop, *customer_ids: int) -> None:
    for customer_id in customer_ids:
        assert ledger_sum(shop.uow, customer_id) == balance(shop.uow, customer_id) >= 0


# -- members and cards -------------------------------------------------------------------


def test_enrolling_with_only_a_name_issues_a_new_card_in_the_card_prefix(shop: Shop) -> None:
    member = loyalty.enrol_customer(shop.uow, shop.cashier, "  Anna   Bērziņa ")
    other = loyalty.enrol_customer(shop.uow, shop.cashier, "Jānis Liepiņš")

    assert member.name == "Anna Bērziņa"
    assert (member.stage, member.balance, member.available) == (Stage.VISITOR, 0, ())
    for number in (member.card_number, other.card_number):
        assert number is not None and is_valid_gtin(number) and number.startswith("27")
        assert classify(number, rules(shop.uow)) == LoyaltyCard(number)
    # Never a number in use: the shop's pre-linked card holds the series' first number.
    assert len({member.card_number, other.card_number, shop.customer_card}) == 3
    assert member.next_reward is not None and member.points_to_next_reward == 200

    assert member.card_number is not None
    result = scan(shop, ring_up(shop, shop.bread), member.card_number)
    assert result.kind is ScanKind.CUSTOMER
    assert (result.cart.customer_id, result.cart.customer_name) == (
        member.customer_id,
        "Anna Bērziņa",
    )
    assert result.member is not None and result.member.summary.card_number == member.card_number


def test_enrolment_keeps_the_details_and_the_consent_with_who_took_it(shop: Shop) -> None:
    member = loyalty.enrol_customer(
        shop.uow,
        shop.cashier,
        "Dace Zariņa",
        phone="+371 29 123 456",
        email="dace@example.lv",
        birthday=date(1984, 2, 29),
        language="LV",
        address_as="Dace",
        notes="Likes rye bread",
        consent=True,
    )
    with shop.uow:
        row = shop.uow.session.get_one(Customer, member.customer_id)
    assert (row.phone, row.phone_key, row.email, row.birthday) == (
        "+371 29 123 456",
        "37129123456",
        "dace@example.lv",
        date(1984, 2, 29),
    )
    assert (row.language, row.address_as, row.notes) == ("lv", "Dace", "Likes rye bread")
    assert row.marketing_consent and row.consented_at is not None
    assert row.consent_taken_by == shop.cashier.user_id
    assert member.address_as == "Dace" and member.marketing_consent

    for bad in ({"phone": "call me"}, {"email": "dace at example"}, {"birthday": date(1890, 1, 1)}):
        with pytest.raises(InvalidInput):
            loyalty.enrol_customer(shop.uow, shop.cashier, "Dace", **bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="needs a name"):
        loyalty.enrol_customer(shop.uow, shop.cashier, "   ")


def test_a_pre_printed_card_is_linked_and_a_wrong_or_used_one_refused(shop: Shop) -> None:
    printed = make_ean13("270000123456")

    member = loyalty.enrol_customer(shop.uow, shop.cashier, "Ilze Vītola", card_number=printed)

    assert member.card_number == printed
    with pytest.raises(InvalidInput, match="already in use"):
        loyalty.enrol_customer(shop.uow, shop.cashier, "X", card_number=shop.customer_card)
    with pytest.raises(InvalidInput, match="not a loyalty card"):
        loyalty.enrol_customer(shop.uow, shop.cashier, "X", card_number=shop.bread)
    with pytest.raises(MisreadBarcode):
        loyalty.enrol_customer(shop.uow, shop.cashier, "X", card_number=printed[:-1] + "0")
    # Numbers issued later go on after the pre-printed ones.
    issued = loyalty.enrol_customer(shop.uow, shop.cashier, "Jānis").card_number
    assert issued == make_ean13("270000123457")


def test_a_blocked_card_is_refused_with_what_to_do_and_the_new_card_keeps_the_points(
    shop: Shop,
) -> None:
    give_points(shop, shop.customer_id, 120)

    replaced = loyalty.replace_card(shop.uow, shop.cashier, shop.customer_id)

    assert replaced.card_number is not None and replaced.card_number != shop.customer_card
    cart = ring_up(shop, shop.bread)
    with pytest.raises(CardBlocked, match=r"was blocked on .*new card") as refused:
        scan(shop, cart, shop.customer_card)
    assert "ask the customer" in refused.value.message
    result = scan(shop, cart, replaced.card_number)
    assert result.member is not None
    assert (result.member.summary.customer_id, result.member.summary.balance) == (
        shop.customer_id,
        120,
    )
    # A pre-printed card can replace it too; the second card is blocked then.
    printed = make_ean13("270000000777")
    again = loyalty.replace_card(shop.uow, shop.cashier, shop.customer_id, printed)
    assert again.card_number == printed
    with pytest.raises(CardBlocked):
        scan(shop, cart, replaced.card_number)


def test_members_are_found_by_card_phone_or_any_word_of_their_name(shop: Shop) -> None:
    anna = loyalty.enrol_customer(shop.uow, shop.cashier, "Anna Ozola", phone="29 000 111")
    loyalty.enrol_customer(shop.uow, shop.cashier, "Pēteris Kalniņš")

    def names(text: str) -> list[str]:
        return [match.name for match in loyalty.find_customers(shop.uow, text)]

    assert names("ozol") == ["Ēriks Ozoliņš", "Anna Ozola"] or names("ozol") == [
        "Anna Ozola",
        "Ēriks Ozoliņš",
    ]
    assert names("eriks") == names("ĒRIKS") == ["Ēriks Ozoliņš"]
    assert names("kalnins") == ["Pēteris Kalniņš"]
    assert names("+371 29000111") == names("29000111") == ["Anna Ozola"]
    [by_card] = loyalty.find_customers(shop.uow, shop.customer_card)
    assert (by_card.customer_id, by_card.card_number) == (shop.customer_id, shop.customer_card)
    [found] = loyalty.find_customers(shop.uow, "anna")
    assert (found.customer_id, found.phone) == (anna.customer_id, "29 000 111")
    assert names("x") == [] and names("nobody") == []


# -- earning and spending ----------------------------------------------------------------


def test_a_sale_to_a_member_earns_a_point_per_euro_and_a_reward_is_a_discount(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 600)
    cart = ring_up(shop, shop.coffee, shop.bread)  # 7.99 + 2.35 = 10.34
    result = scan(shop, cart, shop.customer_card)
    assert result.member is not None
    keys = [reward.key for reward in result.member.summary.available]
    assert keys == ["points:euro_2", "points:euro_5"]

    cart = loyalty.apply_reward(shop.uow, shop.cashier, result.cart, "points:euro_5")

    # € 5.00 shared over the lines by their totals, to the cent; the VAT follows the lines.
    assert cart.total == Decimal("5.34")
    assert [line.reward_discount for line in cart.lines] == [Decimal("3.86"), Decimal("1.14")]
    assert sum(v.gross for v in cart.vat) == cart.total
    with pytest.raises(InvalidInput, match="already taken off"):
        loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
    done = complete(shop, cart)  # a cashier alone: a reward needs no manager

    assert done.total == Decimal("5.34")
    assert done.loyalty is not None
    assert (done.loyalty.points_spent, done.loyalty.points_earned) == (500, 5)
    assert done.loyalty.balance == 105 == balance(shop.uow, shop.customer_id)
    assert (done.loyalty.stage_before, done.loyalty.stage_after) == (Stage.VISITOR, Stage.BUYER)
    assert (done.loyalty.next_reward, done.loyalty.points_to_next_reward) == ("€2.00 off", 95)
    stored = sale_lines(shop.uow, done.sale_id)
    assert [(line.total, line.discount) for line in stored] == [
        (Decimal("4.13"), Decimal("3.86")),
        (Decimal("1.21"), Decimal("1.14")),
    ]
    assert sum(line.vat_amount for line in stored) == sum(v.vat for v in done.vat)
    assert entries(shop.uow, shop.customer_id) == [
        ("adjustment", 600),
        ("redeemed", -500),
        ("earned", 5),
    ]
    with shop.uow:
        [change] = shop.uow.session.scalars(select(StageChange)).all()
    assert (change.from_stage, change.to_stage, change.sale_id) == (
        "visitor",
        "buyer",
        done.sale_id,
    )
    assert_ledger_holds(shop, shop.customer_id)


def test_points_spent_elsewhere_meanwhile_fail_the_sale_and_record_nothing(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee)
    cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
    loyalty.adjust_points(shop.uow, shop.manager, shop.customer_id, -100, "spent at till 2")

    with pytest.raises(NotEnoughPoints, match="Not enough points: the customer has 400"):
        complete(shop, cart)

    assert count(shop.uow, Sale) == 0
    assert balance(shop.uow, shop.customer_id) == 400
    # The cart is kept: take the reward off and the sale goes through.
    done = complete(shop, loyalty.remove_reward(cart, "points:euro_5"))
    assert done.total == Decimal("7.99") and done.loyalty is not None
    assert done.loyalty.balance == 407
    with pytest.raises(NotEnoughPoints, match="has 407"):
        loyalty.apply_reward(
            shop.uow, shop.cashier, ring_up(shop, shop.customer_card, shop.coffee), "points:euro_5"
        )


def test_a_replayed_posting_grants_and_spends_nothing_again(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee, shop.coffee)
    cart = pay_exact(loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5"))

    first = checkout.complete_sale(shop.uow, shop.cashier, cart)
    second = checkout.complete_sale(shop.uow, shop.cashier, cart)

    assert (first.replayed, second.replayed) == (False, True)
    assert first.loyalty is not None and second.loyalty is not None
    assert (second.loyalty.points_earned, second.loyalty.points_spent) == (10, 500)
    assert second.loyalty.balance == first.loyalty.balance == 10
    assert entries(shop.uow, shop.customer_id) == [
        ("adjustment", 500),
        ("redeemed", -500),
        ("earned", 10),
    ]


def test_a_forged_reward_in_a_cart_is_not_recorded(shop: Shop) -> None:
    """A cart is the till's value: completing the sale checks each reward again."""
    from dataclasses import replace

    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee)
    honest = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
    free = replace(honest.rewards[0], points=0, amount=Decimal("7.99"))
    forged = cart.with_reward(free)

    with pytest.raises(SaleIncomplete, match="no longer offered as it was taken"):
        complete(shop, forged)
    assert count(shop.uow, Sale) == 0 and balance(shop.uow, shop.customer_id) == 500


def test_a_free_product_reward_adds_the_product_and_takes_one_unit_to_zero(shop: Shop) -> None:
    from posapp.services.settings import RewardSetting

    defaults = set_loyalty(shop).rewards
    set_loyalty(
        shop,
        rewards=(*defaults, RewardSetting("milk", "points", "product", sku="MILK", points=100)),
    )
    give_points(shop, shop.customer_id, 250)
    cart = ring_up(shop, shop.customer_card, shop.bread)

    cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:milk")

    assert [(line.name, line.total) for line in cart.lines] == [
        ("Rupjmaize", Decimal("2.35")),
        ("Piens 2%", Decimal("0.00")),
    ]
    assert cart.rewards[0].name == "Free Piens 2%"
    done = complete(shop, cart)
    assert done.total == Decimal("2.35") and done.loyalty is not None
    assert done.loyalty.points_spent == 100
    # Without the product in the sale, the reward would take nothing: refused, not spent.
    cart = loyalty.apply_reward(
        shop.uow, shop.cashier, ring_up(shop, shop.customer_card, shop.coffee), "points:milk"
    )
    emptied = cart.remove(cart.lines[-1].line_id)
    with pytest.raises(SaleIncomplete, match="takes nothing off"):
        complete(shop, emptied)


# -- vouchers ----------------------------------------------------------------------------


def test_voucher_messages_unknown_expired_used_and_another_customers(shop: Shop) -> None:
    clock = Clock()
    restore = use_clock(shop, clock)
    try:
        voucher = loyalty.issue_voucher(
            shop.uow, shop.manager, shop.customer_id, "birthday", "sorry for the wait"
        )
        assert is_valid_gtin(voucher.code) and voucher.code.startswith("28")
        assert voucher.name == "€3.00 off" and voucher.amount == Decimal("3.00")
        stranger = loyalty.enrol_customer(shop.uow, shop.cashier, "Toms Šmits")
        assert stranger.card_number is not None

        # Scanning the voucher says it is one; applying it checks who may use it.
        scanned = scan(shop, ring_up(shop, shop.coffee), voucher.code)
        assert scanned.kind is ScanKind.VOUCHER and scanned.voucher_code == voucher.code
        assert classify(voucher.code, rules(shop.uow)) == VoucherCode(voucher.code)
        with pytest.raises(VoucherNotUsable, match="belongs to a member: scan their"):
            loyalty.apply_voucher(shop.uow, shop.cashier, scanned.cart, voucher.code)
        with pytest.raises(VoucherNotUsable, match="belongs to another customer"):
            loyalty.apply_voucher(
                shop.uow, shop.cashier, ring_up(shop, stranger.card_number), voucher.code
            )
        with pytest.raises(NotFound, match="There is no voucher"):
            loyalty.apply_voucher(shop.uow, shop.cashier, scanned.cart, make_ean13("280000000000"))

        cart = ring_up(shop, shop.customer_card, shop.coffee)
        member = scan(shop, cart, shop.customer_card).member
        assert member is not None
        summary = member.summary
        assert [r.voucher_code for r in summary.available] == [voucher.code]
        cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, f"voucher:{voucher.code}")
        assert cart.total == Decimal("4.99")
        done = complete(shop, cart)
        assert done.loyalty is not None and done.loyalty.vouchers_used == (voucher.code,)
        assert voucher_status(shop.uow, voucher.code) == "used"
        with pytest.raises(VoucherNotUsable, match="already used"):
            loyalty.apply_voucher(
                shop.uow, shop.cashier, ring_up(shop, shop.customer_card), voucher.code
            )
        # A cart that had taken it before it was used elsewhere is refused at completion.
        second = loyalty.issue_voucher(shop.uow, shop.manager, shop.customer_id, "euro_2", "x")
        early = loyalty.apply_voucher(
            shop.uow, shop.cashier, ring_up(shop, shop.customer_card, shop.coffee), second.code
        )
        complete(
            shop,
            loyalty.apply_voucher(
                shop.uow, shop.cashier, ring_up(shop, shop.customer_card, shop.milk), second.code
            ),
        )
        with pytest.raises(VoucherNotUsable, match="already used"):
            complete(shop, early)

        late = loyalty.issue_voucher(shop.uow, shop.manager, shop.customer_id, "birthday", "x")
        clock.advance(days=15)  # valid 14 days
        with pytest.raises(VoucherNotUsable, match="expired on"):
            loyalty.apply_voucher(
                shop.uow, shop.cashier, ring_up(shop, shop.customer_card), late.code
            )
        loyalty.expire_points(shop.uow, shop.cashier)
        assert voucher_status(shop.uow, late.code) == "expired"
    finally:
        restore()


def test_a_voided_sale_records_nothing_and_its_rewards_are_free_again(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 500)
    voucher = loyalty.issue_voucher(shop.uow, shop.manager, shop.customer_id, "birthday", "x")
    cart = ring_up(shop, shop.customer_card, shop.coffee, shop.coffee)
    cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
    cart = loyalty.apply_voucher(shop.uow, shop.cashier, cart, voucher.code)
    before = entries(shop.uow)

    checkout.void_sale(shop.uow, shop.cashier, cart, "customer left")

    assert entries(shop.uow) == before
    assert balance(shop.uow, shop.customer_id) == 500
    assert voucher_status(shop.uow, voucher.code) == "issued"
    again = ring_up(shop, shop.customer_card, shop.coffee)
    again = loyalty.apply_reward(shop.uow, shop.cashier, again, "points:euro_5")
    again = loyalty.apply_voucher(shop.uow, shop.cashier, again, voucher.code)
    done = complete(shop, again)
    assert done.total == Decimal("0.00")  # 7.99 - 3.00 - 5.00, never below zero
    assert done.loyalty is not None and done.loyalty.balance == 0


def test_taking_the_customer_off_the_sale_takes_their_rewards_off(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee)
    cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")

    cart = cart.with_customer(None, None)

    assert cart.rewards == () and cart.total == Decimal("7.99")


# -- referrals, stages, ratings, automatic vouchers -----------------------------------------


def test_a_referral_rewards_both_once_with_the_new_members_first_purchase(shop: Shop) -> None:
    newcomer = loyalty.enrol_customer(
        shop.uow, shop.cashier, "Līga Kalniņa", referred_by=shop.customer_card
    )
    assert newcomer.card_number is not None
    assert balance(shop.uow, shop.customer_id) == 0

    first = sell_to(shop, newcomer.card_number, shop.bread)
    second = sell_to(shop, newcomer.card_number, shop.bread)

    assert first.loyalty is not None and second.loyalty is not None
    assert (first.loyalty.referral_points, first.loyalty.balance) == (50, 52)
    assert (second.loyalty.referral_points, second.loyalty.balance) == (0, 54)
    assert entries(shop.uow, shop.customer_id) == [("referral", 50)]
    assert_ledger_holds(shop, shop.customer_id, newcomer.customer_id)
    # By phone too; a referrer nobody knows is refused.
    loyalty.enrol_customer(shop.uow, shop.cashier, "Ieva", phone="+37126000222")
    by_phone = loyalty.enrol_customer(shop.uow, shop.cashier, "Ivo", referred_by="26000222")
    with shop.uow:
        referred = shop.uow.session.get_one(Customer, by_phone.customer_id).referred_by_id
    assert referred is not None
    with pytest.raises(NotFound, match="No member has the card or phone"):
        loyalty.enrol_customer(shop.uow, shop.cashier, "Zane", referred_by="29999999")


def test_stages_follow_visits_in_the_window_and_five_star_ratings(shop: Shop) -> None:
    clock = Clock()
    restore = use_clock(shop, clock)
    try:
        outcomes = []
        for _visit in range(4):
            outcomes.append(sell_to(shop, shop.customer_card, shop.coffee).loyalty)
            clock.advance(days=20)
        stages = [(o.stage_before, o.stage_after) for o in outcomes if o is not None]
        assert stages == [
            (Stage.VISITOR, Stage.BUYER),
            (Stage.BUYER, Stage.BUYER),
            (Stage.BUYER, Stage.BUYER),
            (Stage.BUYER, Stage.CLIENT),
        ]
        # A Client earns 1.25 points a euro: 7.99 x 1.25 = 9.98 -> 9.
        fifth = sell_to(shop, shop.customer_card, shop.coffee).loyalty
        assert fifth is not None and fifth.points_earned == 9
        # Two sales on one day are one visit.
        same_day = sell_to(shop, shop.customer_card, shop.milk).loyalty
        assert same_day is not None
        with shop.uow:
            from posapp.db.models import LoyaltyAccount

            visits = shop.uow.session.get_one(LoyaltyAccount, shop.customer_id).visits
        assert visits == 5

        for _rating in range(3):
            recorded = care.rate_service(shop.uow, shop.cashier, shop.customer_id, 5)
        assert (recorded.stage_before, recorded.stage_after) == (Stage.CLIENT, Stage.ADVOCATE)
        with pytest.raises(InvalidInput, match="from 1 to 5"):
            care.rate_service(shop.uow, shop.cashier, shop.customer_id, 6)
        rated = sell_to(shop, shop.customer_card, shop.milk)
        care.rate_service(shop.uow, shop.cashier, shop.customer_id, 4, "ok", rated.sale_id)
        with pytest.raises(InvalidInput, match="rated already"):
            care.rate_service(shop.uow, shop.cashier, shop.customer_id, 5, None, rated.sale_id)

        # Away for a while, the Advocate is a Buyer again until they come back.
        clock.advance(days=200)
        summary = loyalty.customer_summary(shop.uow, shop.customer_id)
        assert summary.stage is Stage.BUYER
        with shop.uow:
            changes = shop.uow.session.execute(
                select(StageChange.from_stage, StageChange.to_stage).order_by(StageChange.id)
            ).all()
        assert [tuple(c) for c in changes] == [
            ("visitor", "buyer"),
            ("buyer", "client"),
            ("client", "advocate"),
        ]
    finally:
        restore()


def test_every_nth_visit_and_the_birthday_week_issue_vouchers_once(shop: Shop) -> None:
    from posapp.services.settings import RewardSetting

    set_loyalty(
        shop,
        rewards=(
            RewardSetting("euro_5", "points", "amount", amount=Decimal("5.00"), points=500),
            RewardSetting("third", "nth_visit", "percent", percent=Decimal(10), every=3),
            RewardSetting("bday", "birthday", "amount", amount=Decimal("3.00"), valid_days=14),
        ),
    )
    clock = Clock()
    restore = use_clock(shop, clock)
    try:
        today = clock.moment.date()
        member = loyalty.enrol_customer(
            shop.uow, shop.cashier, "Rūta", birthday=today.replace(year=1990)
        )
        assert member.card_number is not None and member.birthday_this_week
        visits = []
        for _day in range(4):
            visits.append(sell_to(shop, member.card_number, shop.coffee).loyalty)
            clock.advance(days=1)
        issued = [[v.name for v in o.vouchers_issued] for o in visits if o is not None]
        assert issued == [["€3.00 off"], [], ["10 % off"], []]
        # The birthday week doubles the points: 7.99 x 2 = 15.98 -> 15.
        assert [o.points_earned for o in visits if o is not None] == [15, 15, 15, 15]
        [bday] = visits[0].vouchers_issued if visits[0] else ()
        assert bday.expires_on == today + timedelta(days=14)
        assert is_valid_gtin(bday.code) and bday.code.startswith("28")
        with shop.uow:
            bound = shop.uow.session.scalars(
                select(Voucher.customer_id).where(Voucher.code == bday.code)
            ).one()
        assert bound == member.customer_id
    finally:
        restore()


# -- refunds -----------------------------------------------------------------------------


def test_refunds_take_back_earned_points_in_proportion_and_exactly_in_total(shop: Shop) -> None:
    sale = sell_to(shop, shop.customer_card, shop.coffee, shop.coffee, shop.coffee)  # 23.97
    assert sale.loyalty is not None and sale.loyalty.points_earned == 23
    coffee = line_id(shop.uow, sale.sale_id, 1)

    taken = [refund_sale(shop, sale, {coffee: Decimal(1)}).loyalty for _refund in range(3)]

    assert [t.points_reversed for t in taken if t is not None] == [7, 8, 8]
    assert balance(shop.uow, shop.customer_id) == 0
    assert_ledger_holds(shop, shop.customer_id)


def test_a_refund_gives_back_spent_points_in_proportion(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee, shop.coffee)  # 15.98
    sale = complete(shop, loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5"))
    assert sale.total == Decimal("10.98") and sale.loyalty is not None
    assert sale.loyalty.balance == 10

    half = refund_sale(shop, sale, {line_id(shop.uow, sale.sale_id, 1): Decimal(1)})

    assert half.total == Decimal("-5.49") and half.loyalty is not None
    assert (half.loyalty.points_restored, half.loyalty.points_reversed) == (250, 5)
    rest = refund_sale(shop, sale)
    assert rest.loyalty is not None
    assert (rest.loyalty.points_restored, rest.loyalty.points_reversed) == (250, 5)
    assert balance(shop.uow, shop.customer_id) == 500
    assert_ledger_holds(shop, shop.customer_id)


def test_a_refund_never_takes_the_balance_below_zero_and_says_what_it_could_not_take(
    shop: Shop,
) -> None:
    sale = sell_to(shop, shop.customer_card, shop.coffee, shop.coffee, shop.coffee)  # 23 points
    loyalty.adjust_points(shop.uow, shop.manager, shop.customer_id, -20, "spent on a gift")

    done = refund_sale(shop, sale)

    assert done.loyalty is not None
    assert (done.loyalty.points_reversed, done.loyalty.shortfall) == (3, 20)
    assert balance(shop.uow, shop.customer_id) == 0
    with shop.uow:
        reason = shop.uow.session.scalars(
            select(PointsEntry.reason).where(PointsEntry.kind == "refund_reversal")
        ).one()
    assert reason is not None and "20 of 23 points not taken back" in reason
    assert_ledger_holds(shop, shop.customer_id)


# -- expiry and adjustments ---------------------------------------------------------------


def test_points_expire_oldest_first_after_twelve_months_and_once(shop: Shop) -> None:
    clock = Clock()
    restore = use_clock(shop, clock)
    try:
        sell_to(shop, shop.customer_card, shop.coffee)  # 7 points, now
        clock.advance(days=200)
        sell_to(shop, shop.customer_card, shop.coffee, shop.bread)  # 10 points, later
        loyalty.adjust_points(shop.uow, shop.manager, shop.customer_id, -3, "a mistake")
        clock.advance(days=160)  # 360 days after the first sale: nothing is a year old
        assert loyalty.expire_points(shop.uow, shop.cashier).points == 0

        clock.advance(days=10)
        report = loyalty.expire_points(shop.uow, shop.cashier)
        again = loyalty.expire_points(shop.uow, shop.cashier)

        # The first 7 are over a year old; 3 of them were spent (oldest first): 4 expire.
        assert (report.customers, report.points) == (1, 4)
        assert again.points == 0
        assert balance(shop.uow, shop.customer_id) == 10
        # Closing the shift runs it too: half a year on, the rest expires.
        clock.advance(days=200)
        shifts.close_shift(shop.uow, shop.cashier, TILL, {PaymentMethod.CASH: Decimal("100")})
        assert balance(shop.uow, shop.customer_id) == 0
        assert [e for e in entries(shop.uow, shop.customer_id) if e[0] == "expired"] == [
            ("expired", -4),
            ("expired", -10),
        ]
        assert_ledger_holds(shop, shop.customer_id)
    finally:
        restore()


def test_adjusting_points_is_for_owners_and_managers_with_a_reason(shop: Shop) -> None:
    with pytest.raises(PermissionDenied):
        loyalty.adjust_points(shop.uow, shop.cashier, shop.customer_id, 10, "because")
    with pytest.raises(InvalidInput, match="Say why"):
        loyalty.adjust_points(shop.uow, shop.manager, shop.customer_id, 10, "  ")
    assert loyalty.adjust_points(shop.uow, shop.manager, shop.customer_id, 10, "goodwill") == 10
    with pytest.raises(NotEnoughPoints, match="has 10"):
        loyalty.adjust_points(shop.uow, shop.owner, shop.customer_id, -11, "too many")
    assert loyalty.adjust_points(shop.uow, shop.owner, shop.customer_id, -10, "undo") == 0


# -- merging -----------------------------------------------------------------------------


def test_merging_two_records_keeps_all_history_and_points(shop: Shop) -> None:
    twin = loyalty.enrol_customer(shop.uow, shop.cashier, "Ēriks Ozoliņš", phone="29555666")
    assert twin.card_number is not None
    kept_sale = sell_to(shop, shop.customer_card, shop.coffee)  # 7
    twin_sale = sell_to(shop, twin.card_number, shop.coffee, shop.bread)  # 10
    give_points(shop, twin.customer_id, 100)
    voucher = loyalty.issue_voucher(shop.uow, shop.manager, twin.customer_id, "birthday", "x")
    care.rate_service(shop.uow, shop.cashier, twin.customer_id, 5, None, twin_sale.sale_id)

    with pytest.raises(PermissionDenied):
        loyalty.merge_customers(shop.uow, shop.cashier, shop.customer_id, twin.customer_id)
    merged = loyalty.merge_customers(shop.uow, shop.manager, shop.customer_id, twin.customer_id)

    assert (merged.customer_id, merged.balance) == (shop.customer_id, 117)
    assert [r.voucher_code for r in merged.available if r.voucher_code] == [voucher.code]
    assert ledger_sum(shop.uow, twin.customer_id) == balance(shop.uow, twin.customer_id) == 0
    assert_ledger_holds(shop, shop.customer_id)
    assert {s.id for s in sales(shop.uow, Sale.customer_id == shop.customer_id)} == {
        kept_sale.sale_id,
        twin_sale.sale_id,
    }
    # The twin's card now finds the kept member, and the twin is out of searches.
    result = scan(shop, ring_up(shop), twin.card_number)
    assert result.cart.customer_id == shop.customer_id
    assert [m.customer_id for m in loyalty.find_customers(shop.uow, "ozolins")] == [
        shop.customer_id
    ]
    with shop.uow:
        kept = shop.uow.session.get_one(Customer, shop.customer_id)
        gone = shop.uow.session.get_one(Customer, twin.customer_id)
    assert kept.phone == "29555666"  # a blank filled in
    assert gone.merged_into_id == shop.customer_id
    # A refund of the twin's old sale now takes the points from the kept member.
    refund_sale(shop, twin_sale)
    assert balance(shop.uow, shop.customer_id) == 107
    with pytest.raises(NotFound):
        loyalty.merge_customers(shop.uow, shop.owner, shop.customer_id, twin.customer_id)


# -- the ledger's guards and the cost at the counter -----------------------------------------


def test_the_ledger_refuses_changes_and_deletions_but_lets_a_merge_move_entries(
    shop: Shop,
) -> None:
    give_points(shop, shop.customer_id, 10)
    uow = shop.uow
    for tamper in (
        update(PointsEntry).values(points=1000),
        update(PointsEntry).values(kind="bonus"),
        delete(PointsEntry),
    ):
        with uow.writing():
            with pytest.raises(sa_exc.DBAPIError, match="append-only"):
                uow.session.execute(tamper)
            uow.session.rollback()
    other = loyalty.enrol_customer(uow, shop.cashier, "Other")
    with uow.writing():
        uow.session.execute(update(PointsEntry).values(customer_id=other.customer_id))
        uow.session.rollback()
    with uow.writing(), pytest.raises(sa_exc.IntegrityError):
        uow.session.execute(
            update(PointsEntry.__table__.metadata.tables["loyalty_accounts"]).values(balance=-1)
        )
    assert entries(uow, shop.customer_id) == [("adjustment", 10)]


def test_a_sale_without_a_customer_sends_no_loyalty_statement(shop: Shop) -> None:
    plain = pay_exact(ring_up(shop, shop.bread, shop.milk))
    member = pay_exact(ring_up(shop, shop.customer_card, shop.bread, shop.milk))
    with statements_sent(shop.uow) as plain_statements:
        checkout.complete_sale(shop.uow, shop.cashier, plain)
    with statements_sent(shop.uow) as member_statements:
        checkout.complete_sale(shop.uow, shop.cashier, member)

    loyalty_tables = (
        "settings",
        "loyalty_",
        "points_entries",
        "vouchers",
        "customer_visits",
        "stage_changes",
        "FROM customers",
    )
    assert not [s for s in plain_statements if any(t in s for t in loyalty_tables)]
    extra = len(member_statements) - len(plain_statements)
    assert extra <= 8, member_statements  # settings, account, visits, update, entries, …
    assert count(shop.uow, SaleLine) == 4


def test_the_database_refuses_points_for_a_sale_granted_twice(shop: Shop) -> None:
    done = sell_to(shop, shop.customer_card, shop.coffee)
    uow = shop.uow
    for key in (f"sale:{done.sale_id}", "another key, same sale"):
        with uow.writing(), pytest.raises(sa_exc.IntegrityError):
            uow.connection.execute(
                insert(PointsEntry).values(
                    customer_id=shop.customer_id,
                    kind="earned",
                    points=7,
                    sale_id=done.sale_id,
                    key=key,
                    at=uow.now(),
                )
            )
    assert entries(uow, shop.customer_id) == [("earned", 7)]


def test_the_same_members_cart_posted_twice_at_once_spends_and_earns_once(
    shop: Shop, database_url: str
) -> None:
    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee, shop.coffee)
    cart = pay_exact(loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5"))

    def post(till_uow: UnitOfWork) -> checkout.CompletedSale:
        return checkout.complete_sale(till_uow, shop.cashier, cart)

    hold_till = select(Till.next_receipt_number).where(Till.id == shop.till_id).with_for_update()
    results = race(shop, database_url, hold_till, post, post)

    done = [r for r in results if isinstance(r, checkout.CompletedSale)]
    assert len(done) == 2, results
    assert sorted(r.replayed for r in done) == [False, True]
    assert {r.sale_id for r in done} == {done[0].sale_id}
    assert entries(shop.uow, shop.customer_id) == [
        ("adjustment", 500),
        ("redeemed", -500),
        ("earned", 10),
    ]
    assert_ledger_holds(shop, shop.customer_id)


def test_a_reward_needs_no_approval_but_a_cashiers_large_discount_still_does(shop: Shop) -> None:
    give_points(shop, shop.customer_id, 500)
    cart = ring_up(shop, shop.customer_card, shop.coffee, shop.bread)
    cart = loyalty.apply_reward(shop.uow, shop.cashier, cart, "points:euro_5")
    cart = checkout.discount_line(
        shop.uow, shop.cashier, cart, cart.lines[1].line_id, Discount(percent=Decimal(10))
    )
    assert cart.lines[1].approved_by is None  # within the cashier's limit
    with pytest.raises(PermissionDenied, match="discount above the limit"):
        checkout.discount_line(
            shop.uow, shop.cashier, cart, cart.lines[0].line_id, Discount(percent=Decimal(20))
        )
    big = cart.discount_line(cart.lines[0].line_id, Discount(percent=Decimal(20)))  # unapproved
    with pytest.raises(PermissionDenied, match="needs a manager's approval"):
        complete(shop, big)

    done = complete(shop, cart)

    # 7.99 + (2.35 - 0.24) = 10.10, then 5.00 off: 5.10
    assert done.total == Decimal("5.10")
    assert done.loyalty is not None and done.loyalty.points_spent == 500


def test_a_customer_written_without_an_account_gets_one_on_first_use(shop: Shop) -> None:
    """Another program (or an old import) may insert customers directly."""
    uow = shop.uow
    with uow.writing():
        customer_id = uow.connection.execute(
            insert(Customer).values(name="Imported", created_at=uow.now()).returning(Customer.id)
        ).scalar_one()
        uow.connection.execute(
            insert(CardRow).values(
                number=make_ean13("270000055555"),
                customer_id=customer_id,
                status="active",
                issued_at=uow.now(),
            )
        )
        uow.commit()

    summary = loyalty.customer_summary(uow, customer_id)
    done = sell_to(shop, make_ean13("270000055555"), shop.coffee)

    assert (summary.balance, summary.stage) == (0, Stage.VISITOR)
    assert done.loyalty is not None and done.loyalty.balance == 7
    assert_ledger_holds(shop, customer_id)
