"""The loyalty programme's pure rules: earning, stages, rewards shared out, refunds, expiry."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from posapp.domain.cart import (
    AppliedReward,
    Cart,
    CartLine,
    Discount,
    Payment,
    PaymentMethod,
    RewardKind,
    allocate_vat,
)
from posapp.domain.loyalty import (
    EarnRules,
    Stage,
    StageFacts,
    StageRules,
    birthday_near,
    compute_stage,
    earn_points,
    expiry_of,
    expiry_window,
    months_before,
    next_reward,
    phone_key,
    points_expiring,
    points_to_expire,
    refund_step,
    refunded_share,
    visit_rewards_due,
    with_visit,
)
from posapp.domain.vat import vat_breakdown

DAY = date(2026, 11, 23)
TILL = 1
MULTIPLIERS = {
    Stage.VISITOR: Decimal(1),
    Stage.BUYER: Decimal(1),
    Stage.CLIENT: Decimal("1.25"),
    Stage.ADVOCATE: Decimal("1.5"),
}
GIFT_CARDS, BREAD = 7, 1


def line(
    line_id: int,
    price: str,
    quantity: str = "1",
    *,
    category: int | None = BREAD,
    product: int | None = None,
    by_weight: bool = False,
) -> CartLine:
    return CartLine(
        line_id=line_id,
        product_id=product if product is not None else line_id,
        name=f"item {line_id}",
        quantity=Decimal(quantity),
        unit_price=Decimal(price),
        list_price=Decimal(price),
        vat_rate=Decimal(21),
        by_weight=by_weight,
        category_id=category,
    )


def earn(
    lines: list[CartLine],
    *,
    rules: EarnRules | None = None,
    stage: Stage = Stage.BUYER,
    payments: tuple[Payment, ...] = (),
    new_visit: bool = True,
    birthday: date | None = None,
    day: date = DAY,
) -> int:
    rules = rules or EarnRules(stage_multipliers=MULTIPLIERS, birthday_multiplier=Decimal(2))
    return earn_points(
        lines, payments, rules, stage=stage, new_visit=new_visit, birthday=birthday, day=day
    ).points


# -- earning -------------------------------------------------------------------------------


def test_a_point_per_euro_with_the_fractions_dropped_once_per_sale() -> None:
    assert earn([line(1, "7.99")]) == 7
    assert earn([line(1, "0.60"), line(2, "0.60")]) == 1  # 1.20 together, not 0 + 0
    rules = EarnRules(points_per_euro=Decimal("0.5"))
    assert earn([line(1, "7.99")], rules=rules) == 3


def test_excluded_categories_and_money_from_points_or_vouchers_earn_nothing() -> None:
    rules = EarnRules(excluded_categories=frozenset({GIFT_CARDS}), category_bonus={GIFT_CARDS: 50})
    lines = [line(1, "20.00", category=GIFT_CARDS), line(2, "4.50")]
    assert earn(lines, rules=rules) == 4
    voucher = Payment(PaymentMethod.VOUCHER, Decimal("2.00"), Decimal("2.00"))
    assert earn(lines, rules=rules, payments=(voucher,)) == 2
    everything = Payment(PaymentMethod.POINTS, Decimal("24.50"), Decimal("24.50"))
    assert earn(lines, rules=rules, payments=(everything,)) == 0


def test_bonuses_per_unit_visit_points_and_stage_multipliers() -> None:
    rules = EarnRules(
        points_per_visit=5,
        product_bonus={10: 3},
        category_bonus={BREAD: 1},
        stage_multipliers=MULTIPLIERS,
    )
    lines = [
        line(1, "2.00", "2", product=10),  # 2 units: (3 + 1) x 2
        line(2, "5.00", "0.5", product=11, by_weight=True),  # 2.50, one bonus for the line
    ]
    # 6.50 + 5 (visit) + 8 + 1 = 20.5 -> 20
    assert earn(lines, rules=rules) == 20
    assert earn(lines, rules=rules, new_visit=False) == 15  # the day's second purchase
    # A Client: 20.5 x 1.25 = 25.625 -> 25; an Advocate: 30.75 -> 30.
    assert earn(lines, rules=rules, stage=Stage.CLIENT) == 25
    assert earn(lines, rules=rules, stage=Stage.ADVOCATE) == 30


def test_the_birthday_week_doubles_and_stacks_with_the_stage() -> None:
    lines = [line(1, "10.00")]
    assert earn(lines, birthday=date(1980, 11, 20)) == 20  # 3 days ago
    assert earn(lines, birthday=date(1980, 11, 26)) == 20  # in 3 days
    assert earn(lines, birthday=date(1980, 11, 27)) == 10  # 4 days: not this week
    assert earn(lines, birthday=date(1980, 11, 23), stage=Stage.CLIENT) == 25


@pytest.mark.parametrize(
    ("day", "near"),
    [
        (date(2027, 2, 28), True),  # kept on 28 February in a year without a 29th
        (date(2027, 3, 3), True),
        (date(2027, 3, 4), False),
        (date(2027, 2, 25), True),
        (date(2027, 2, 24), False),
        (date(2028, 2, 29), True),  # a leap year keeps the day itself
        (date(2028, 3, 3), True),
        (date(2028, 2, 25), False),
    ],
)
def test_a_birthday_on_29_february(day: date, near: bool) -> None:
    assert (birthday_near(date(1988, 2, 29), day, 3) is not None) is near


def test_a_birthday_week_runs_across_the_new_year() -> None:
    assert birthday_near(date(1990, 12, 30), date(2027, 1, 2), 3) == date(2026, 12, 30)
    assert birthday_near(date(1990, 1, 1), date(2026, 12, 30), 3) == date(2027, 1, 1)
    assert birthday_near(None, DAY, 3) is None


# -- stages --------------------------------------------------------------------------------


def days_ago(*offsets: int) -> tuple[date, ...]:
    return tuple(DAY - timedelta(days=n) for n in offsets)


@pytest.mark.parametrize(
    ("facts", "stage"),
    [
        (StageFacts(), Stage.VISITOR),
        (StageFacts(purchases=1, recent_visits=days_ago(0)), Stage.BUYER),
        (StageFacts(purchases=3, recent_visits=days_ago(0, 10, 20)), Stage.BUYER),
        (StageFacts(purchases=4, recent_visits=days_ago(0, 10, 20, 89)), Stage.CLIENT),
        # The fourth visit 90 days ago is outside the window (today and the 89 days before).
        (StageFacts(purchases=4, recent_visits=days_ago(0, 10, 20, 90)), Stage.BUYER),
        (StageFacts(9, days_ago(1, 2, 3, 4), referred_buyers=1), Stage.ADVOCATE),
        (StageFacts(9, days_ago(1, 2, 3, 4), five_star_ratings=3), Stage.ADVOCATE),
        (StageFacts(9, days_ago(1, 2, 3, 4), five_star_ratings=2), Stage.CLIENT),
        # Only a Client becomes an Advocate.
        (StageFacts(9, days_ago(1, 200), referred_buyers=5, five_star_ratings=9), Stage.BUYER),
    ],
)
def test_stage_thresholds(facts: StageFacts, stage: Stage) -> None:
    assert compute_stage(facts, StageRules(), DAY) is stage


def test_the_owner_sets_the_thresholds() -> None:
    rules = StageRules(buyer_purchases=2, client_visits=2, client_window_days=30)
    assert compute_stage(StageFacts(1, days_ago(0)), rules, DAY) is Stage.VISITOR
    assert compute_stage(StageFacts(2, days_ago(0, 29)), rules, DAY) is Stage.CLIENT
    assert compute_stage(StageFacts(2, days_ago(0, 30)), rules, DAY) is Stage.BUYER


def test_a_visit_is_a_day_with_a_purchase() -> None:
    facts, new = with_visit(StageFacts(), DAY, keep=4)
    assert new and facts.recent_visits == (DAY,) and facts.purchases == 1
    facts, new = with_visit(facts, DAY, keep=4)
    assert not new and facts.recent_visits == (DAY,) and facts.purchases == 2
    for offset in range(1, 6):
        facts, _new = with_visit(facts, DAY + timedelta(days=offset), keep=4)
    assert len(facts.recent_visits) == 4 and facts.recent_visits[0] == DAY + timedelta(days=5)


# -- rewards shared out over the lines --------------------------------------------------------


def cart_of(*lines: CartLine) -> Cart:
    return Cart(
        uuid="u",
        till_id=TILL,
        started_at=datetime(2026, 11, 23, tzinfo=UTC),
        lines=lines,
        customer_id=5,
        next_line_id=len(lines) + 1,
    )


def amount_off(key: str, euros: str, excluded: tuple[int, ...] = ()) -> AppliedReward:
    return AppliedReward(
        key, key, RewardKind.AMOUNT, amount=Decimal(euros), excluded_categories=excluded
    )


def test_an_amount_is_shared_out_by_line_totals_to_the_cent() -> None:
    cart = cart_of(line(1, "7.99"), line(2, "2.35")).with_reward(amount_off("a", "5.00"))
    assert [x.reward_discount for x in cart.lines] == [Decimal("3.86"), Decimal("1.14")]
    assert cart.total == Decimal("5.34") and cart.reward_amounts == {"a": Decimal("5.00")}


def test_a_reward_never_takes_the_sale_below_zero_nor_touches_excluded_lines() -> None:
    gift = line(2, "20.00", category=GIFT_CARDS)
    cart = cart_of(line(1, "3.00"), gift).with_reward(amount_off("a", "5.00", (GIFT_CARDS,)))
    assert [x.total for x in cart.lines] == [Decimal("0.00"), Decimal("20.00")]
    assert cart.reward_amounts == {"a": Decimal("3.00")}


def test_a_free_product_takes_one_unit_after_the_cashiers_discount() -> None:
    croissants = line(1, "1.30", "3", product=42)
    cart = cart_of(croissants, line(2, "2.00")).discount_line(1, Discount(percent=Decimal(10)))
    free = AppliedReward("p", "Free croissant", RewardKind.PRODUCT, product_id=42, points=300)
    cart = cart.with_reward(free)
    assert cart.lines[0].total == Decimal("2.34")  # 3.51 - 1.17
    # Taking the discount off again shares the rewards out anew.
    cart = cart.discount_line(1, None)
    assert cart.lines[0].total == Decimal("2.60") and cart.points_spent == 300


def test_rewards_follow_changes_to_the_lines_and_leave_with_their_customer() -> None:
    mine = AppliedReward("v", "10 %", RewardKind.PERCENT, percent=Decimal(10), customer_id=5)
    cart = cart_of(line(1, "10.00")).with_reward(mine)
    assert cart.total == Decimal("9.00")
    cart = cart.set_quantity(1, Decimal(3))
    assert cart.total == Decimal("27.00")
    cart = cart.add(
        product_id=9,
        name="x",
        quantity=Decimal(1),
        unit_price=Decimal("5.00"),
        vat_rate=Decimal(21),
    )
    assert cart.total == Decimal("31.50")
    cart = cart.with_customer(6, "someone else")
    assert cart.rewards == () and cart.total == Decimal("35.00")
    assert all(x.reward_discount == 0 for x in cart.lines)


prices = st.integers(min_value=0, max_value=50_000).map(lambda c: Decimal(c).scaleb(-2))
lines_strategy = st.lists(
    st.tuples(
        prices,
        st.integers(min_value=1, max_value=5),
        st.sampled_from([BREAD, GIFT_CARDS, None]),
        st.sampled_from([21, 12, 5, 0]),
        st.none() | st.integers(min_value=0, max_value=100),
    ),
    min_size=1,
    max_size=12,
)
rewards_strategy = st.lists(
    st.one_of(
        prices.filter(lambda p: p > 0).map(lambda p: ("amount", p)),
        st.integers(min_value=1, max_value=100).map(lambda p: ("percent", Decimal(p))),
        st.integers(min_value=0, max_value=12).map(lambda i: ("product", Decimal(i))),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(lines_strategy, rewards_strategy)
def test_rewards_shared_out_add_up_to_the_cent_and_the_vat_stays_exact(
    rows: list[tuple[Decimal, int, int | None, int, int | None]],
    rewards: list[tuple[str, Decimal]],
) -> None:
    lines = tuple(
        CartLine(
            line_id=index,
            product_id=index,
            name="x",
            quantity=Decimal(quantity),
            unit_price=price,
            list_price=price,
            vat_rate=Decimal(rate),
            category_id=category,
            discount=None if percent is None else Discount(percent=Decimal(percent)),
        )
        for index, (price, quantity, category, rate, percent) in enumerate(rows, 1)
    )
    cart = cart_of(*lines)
    for number, (kind, value) in enumerate(rewards):
        key = f"r{number}"
        if kind == "amount":
            reward = AppliedReward(
                key, key, RewardKind.AMOUNT, amount=value, excluded_categories=(GIFT_CARDS,)
            )
        elif kind == "percent":
            reward = AppliedReward(key, key, RewardKind.PERCENT, percent=value)
        else:
            reward = AppliedReward(key, key, RewardKind.PRODUCT, product_id=int(value))
        cart = cart.with_reward(reward)
    before = sum((x.before_rewards for x in cart.lines), Decimal(0))
    taken = sum(cart.reward_amounts.values(), Decimal(0))
    assert sum((x.reward_discount for x in cart.lines), Decimal(0)) == taken
    assert cart.total == before - taken >= 0
    for x in cart.lines:
        assert 0 <= x.reward_discount <= x.before_rewards
        assert x.total == x.total.quantize(Decimal("0.01"))
    # The VAT of the lines adds up to the breakdown, which adds up to the total.
    vat = vat_breakdown((x.vat_rate, x.total) for x in cart.lines)
    assert sum(allocate_vat(cart.lines), Decimal(0)) == sum((v.vat for v in vat), Decimal(0))
    assert sum((v.gross for v in vat), Decimal(0)) == cart.total
    # An amount reward never reaches a gift card line.
    if not any(kind != "amount" for kind, _value in rewards):
        assert all(x.reward_discount == 0 for x in cart.lines if x.category_id == GIFT_CARDS)
    assert Cart.from_json(cart.to_json()) == cart


def test_a_cart_saved_before_rewards_existed_still_loads() -> None:
    saved = json.dumps(
        {
            "uuid": "u",
            "till_id": 1,
            "started_at": "2026-11-23T10:00:00+00:00",
            "lines": [
                {
                    "line_id": 1,
                    "product_id": 3,
                    "name": "Rupjmaize",
                    "quantity": "2",
                    "unit_price": "2.35",
                    "list_price": "2.35",
                    "vat_rate": "12",
                    "by_weight": False,
                    "discount": None,
                    "approved_by": None,
                }
            ],
            "payments": [],
            "customer_id": None,
            "customer_name": None,
            "next_line_id": 2,
        }
    )
    cart = Cart.from_json(saved)
    assert cart.rewards == () and cart.total == Decimal("4.70")
    assert cart.lines[0].category_id is None and cart.lines[0].reward_discount == 0


# -- refunds -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.lists(st.integers(min_value=1, max_value=5_000), min_size=1, max_size=8),
)
def test_refunds_take_back_exactly_what_was_earned_never_more(
    points: int, refunds_in_cents: list[int]
) -> None:
    total = Decimal(sum(refunds_in_cents)).scaleb(-2)
    refunded = Decimal(0)
    taken = 0
    for index, cents in enumerate(refunds_in_cents):
        after = refunded + Decimal(cents).scaleb(-2)
        last = index == len(refunds_in_cents) - 1
        step = refund_step(points, total, refunded, after, fully=last)
        assert step >= 0
        taken += step
        assert taken <= points
        assert taken == refunded_share(points, total, after, last)
        assert taken <= points * after / total  # never ahead of the money
        refunded = after
    assert taken == points


def test_a_sale_of_zero_total_gives_back_only_when_fully_refunded() -> None:
    assert refunded_share(10, Decimal(0), Decimal(0), fully=False) == 0
    assert refunded_share(10, Decimal(0), Decimal(0), fully=True) == 10


# -- expiry --------------------------------------------------------------------------------

START = datetime(2025, 1, 1, 12, tzinfo=UTC)


def fifo_left_of_old_credits(events: list[tuple[datetime, int]], cutoff: datetime) -> int:
    """An independent model: lots of credits, debits eating the oldest lot first."""
    lots: list[list[object]] = []
    for at, points in sorted(events, key=lambda e: e[0]):
        if points > 0:
            lots.append([at, points])
            continue
        owed = -points
        for lot in lots:
            used = min(owed, lot[1])  # type: ignore[call-overload]
            lot[1] -= used  # type: ignore[operator]
            owed -= used
        assert owed == 0, "a debit larger than the balance"
    return sum(int(lot[1]) for lot in lots if lot[0] <= cutoff)  # type: ignore[operator,call-overload]


# (day, points) moves of a ledger over two years: credits and debits.
LEDGER_MOVES = st.lists(
    st.tuples(st.integers(min_value=0, max_value=700), st.integers(-300, 300)), max_size=30
)


def ledger(
    moves: list[tuple[int, int]], until_day: int = 700
) -> tuple[list[tuple[datetime, int]], int]:
    """The entries (at, points) the moves up to `until_day` make, oldest first, and the
    balance; a debit never takes the balance below zero."""
    events: list[tuple[datetime, int]] = []
    balance = 0
    for day, points in sorted(moves):
        points = max(points, -balance)
        if day > until_day or points == 0:
            continue
        balance += points
        events.append((START + timedelta(days=day, hours=10), points))
    return events, balance


@settings(max_examples=300, deadline=None)
@given(LEDGER_MOVES, st.integers(min_value=0, max_value=800))
def test_expiry_is_what_is_left_of_the_old_credits_oldest_first(
    moves: list[tuple[int, int]], cutoff_day: int
) -> None:
    events, balance = ledger(moves)
    cutoff = START + timedelta(days=cutoff_day)

    expiring = points_to_expire(events, cutoff)

    assert expiring == fifo_left_of_old_credits(events, cutoff)
    assert 0 <= expiring <= balance
    # Once posted, nothing more expires for the same cutoff.
    assert points_to_expire([*events, (START + timedelta(days=900), -expiring)], cutoff) == 0


def test_months_before_keeps_the_day_or_the_months_last() -> None:
    assert months_before(datetime(2027, 3, 31, 9, tzinfo=UTC), 1) == datetime(
        2027, 2, 28, 9, tzinfo=UTC
    )
    assert months_before(datetime(2027, 1, 15, tzinfo=UTC), 12) == datetime(2026, 1, 15, tzinfo=UTC)
    assert months_before(datetime(2028, 2, 29, tzinfo=UTC), 12) == datetime(2027, 2, 28, tzinfo=UTC)


def test_points_expire_their_months_later_or_when_a_shorter_month_is_over() -> None:
    assert expiry_of(datetime(2026, 1, 15, 9, tzinfo=UTC), 12) == datetime(
        2027, 1, 15, 9, tzinfo=UTC
    )
    end_of_august = datetime(2026, 8, 31, 10, tzinfo=UTC)
    expires = expiry_of(end_of_august, 6)
    assert expires == datetime(2027, 3, 1, tzinfo=UTC)
    assert months_before(expires, 6) >= end_of_august
    assert months_before(expires - timedelta(microseconds=1), 6) < end_of_august


def test_points_about_to_expire_and_when() -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    credits = [(datetime(2025, 11, 30, 12, tzinfo=UTC), 80), (datetime(2026, 6, 1, tzinfo=UTC), 50)]

    # A balance of 110 of the 130 credited within the year: 20 were spent, from the first
    # credit, whose other 60 go on 30 November. A balance of 170 holds 40 older than a year,
    # which go now, and the 80 follow within the 30 days.
    def expiring(balance: int, months: int, within: int) -> tuple[int, datetime] | None:
        cutoff, horizon = expiry_window(now, months, within)
        due = [(at, p) for at, p in credits if cutoff < at <= horizon]
        after = sum(p for at, p in credits if at > horizon)
        return points_expiring(balance, due, after, now, months, within)

    assert expiring(110, 12, 30) == (60, datetime(2026, 11, 30, 12, tzinfo=UTC))
    assert expiring(110, 12, 6) is None
    assert expiring(170, 12, 30) == (120, now)
    assert expiring(50, 12, 30) is None  # the old ones were spent
    assert expiring(110, 0, 30) is None  # points never expire


@settings(max_examples=300, deadline=None)
@given(
    LEDGER_MOVES,
    st.integers(min_value=0, max_value=800),
    st.integers(min_value=1, max_value=18),
    st.integers(min_value=0, max_value=60),
)
def test_points_expiring_from_the_recent_credits_is_what_the_whole_ledger_says(
    moves: list[tuple[int, int]], now_day: int, months: int, within: int
) -> None:
    events, balance = ledger(moves, until_day=now_day)
    now = START + timedelta(days=now_day, hours=15)
    cutoff, horizon = expiry_window(now, months, within)
    due = [(at, p) for at, p in events if p > 0 and cutoff < at <= horizon]
    after = sum(p for at, p in events if p > 0 and at > horizon)

    found = points_expiring(balance, due, after, now, months, within)

    assert horizon == months_before(now + timedelta(days=within), months)
    expected = points_to_expire(events, horizon)
    assert (found[0] if found else 0) == expected
    if found:
        first = found[1]
        assert now <= first <= now + timedelta(days=within)
        assert points_to_expire(events, months_before(first, months)) > 0
        if first > now:  # a moment earlier, nothing was past its months yet
            before = months_before(first - timedelta(microseconds=1), months)
            assert points_to_expire(events, before) == 0


# -- the rest ------------------------------------------------------------------------------


def test_the_next_reward_and_the_visits_that_earn_vouchers() -> None:
    costs = [("euro_2", 200), ("euro_5", 500), ("coffee", 300)]
    assert next_reward(120, costs) == ("euro_2", 80)
    assert next_reward(250, costs) == ("coffee", 50)
    assert next_reward(500, costs) is None
    assert visit_rewards_due(10, [("tenth", 10), ("fifth", 5), ("off", 0)]) == ["tenth", "fifth"]
    assert visit_rewards_due(7, [("tenth", 10)]) == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("+371 29 123 456", "37129123456"),
        ("0037129123456", "37129123456"),
        ("29123456", "37129123456"),
        ("(+44) 20-7946-0958", "442079460958"),
        ("call me", None),
        ("123", None),
    ],
)
def test_phone_keys(text: str, key: str | None) -> None:
    assert phone_key(text) == key
