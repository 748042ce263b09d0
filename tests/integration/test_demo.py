"""The demo shop: believable, consistent, six months of history recorded through the services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from posapp.db.models import (
    Complaint,
    Customer,
    LoyaltyAccount,
    LoyaltyCard,
    Payment,
    PointsEntry,
    Product,
    ProductBarcode,
    Promise,
    Rating,
    Sale,
    SaleLine,
    Shift,
    ShiftCount,
    User,
    VatRate,
    Voucher,
)
from posapp.db.uow import UnitOfWork
from posapp.demo.build import DemoSummary, build_demo_file
from posapp.demo.members import (
    DEMO_CARD_BIRTHDAY,
    DEMO_CARD_BLOCKED,
    DEMO_CARD_CARE,
    DEMO_CARD_NEW_MEMBER,
    DEMO_CARD_WITH_POINTS_AND_VOUCHER,
    DEMO_CARDS,
)
from posapp.demo.shop import DEMO_USERS, TILL
from posapp.domain.barcodes import is_valid_gtin
from posapp.domain.loyalty import Stage
from posapp.domain.periods import Period
from posapp.domain.reminders import ReminderKind
from posapp.domain.roles import Actor
from posapp.services import care, catalog, loyalty, shifts, users
from posapp.services.reports import ReportQuery
from posapp.services.reports.loyalty import build as build_loyalty_report
from posapp.services.reports.products import build as build_products_report
from posapp.services.reports.shifts import build as build_shifts_report
from posapp.services.setup import open_database

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=ZoneInfo("Europe/Riga"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoSummary, UnitOfWork]]:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    summary = build_demo_file(str(path), until=NOW)
    uow = open_database(str(path))
    yield summary, uow
    uow.engine.dispose()


def test_catalogue_and_customers(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    summary, uow = demo
    with uow:
        session = uow.session
        codes = list(session.scalars(select(ProductBarcode.code)))
        weighed = session.scalar(select(func.count()).where(Product.sold_by == "weight"))
        names = list(session.scalars(select(Customer.name)))
        cards = list(session.scalars(select(LoyaltyCard.number)))
    assert summary.products >= 300 and len(codes) >= 300
    assert all(len(code) == 13 and is_valid_gtin(code) for code in codes)
    assert weighed and weighed >= 3
    assert len(names) >= 200
    assert sum(1 for n in names if set(n) & set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ")) > len(names) // 2
    assert all(card and is_valid_gtin(card) and card.startswith("27") for card in cards)


def test_six_months_of_history(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    _summary, uow = demo
    with uow:
        session = uow.session
        completed = Sale.status == "completed"
        sales = session.scalar(select(func.count()).where(completed, Sale.kind == "sale"))
        refunds = session.scalar(select(func.count()).where(completed, Sale.kind == "refund"))
        voided = session.scalar(select(func.count()).where(Sale.status == "voided"))
        with_customer = session.scalar(
            select(func.count()).where(completed, Sale.customer_id.is_not(None))
        )
        first, last = session.execute(
            select(func.min(Sale.completed_at), func.max(Sale.completed_at))
        ).one()
        split = session.scalar(
            select(func.count()).select_from(
                select(Payment.sale_id)
                .group_by(Payment.sale_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
    assert sales is not None and sales >= 20_000
    assert refunds and voided and with_customer and split
    assert last.date() - first.date() >= timedelta(days=180)
    assert last <= NOW  # history stops at the moment the demo is built


def test_today_is_under_way_with_the_shift_open(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    _summary, uow = demo
    with uow:
        shift = shifts.open_shift_id(uow, shifts.till_id(uow, TILL))
        opened_at = uow.session.scalar(select(Shift.opened_at).where(Shift.id == shift))
    assert opened_at is not None and opened_at.astimezone(NOW.tzinfo).date() == TODAY


@pytest.mark.parametrize(
    "until",
    [
        datetime(2026, 11, 23, 5, 40, tzinfo=ZoneInfo("Europe/Riga")),  # before opening
        datetime(2026, 11, 23, 22, 15, tzinfo=ZoneInfo("Europe/Riga")),  # after closing
        datetime(2026, 12, 25, 12, 0, tzinfo=ZoneInfo("Europe/Riga")),  # closed for Christmas
    ],
    ids=["before-opening", "after-closing", "holiday"],
)
def test_a_demo_built_at_any_hour_leaves_a_shift_open_to_sell_in(
    tmp_path: Path, until: datetime
) -> None:
    target = tmp_path / "demo.sqlite"
    build_demo_file(str(target), until=until, days=2)
    uow = open_database(str(target))
    try:
        with uow:
            shift = shifts.open_shift_id(uow, shifts.till_id(uow, TILL))
            opened_at = uow.session.scalar(select(Shift.opened_at).where(Shift.id == shift))
            last_sale = uow.session.scalar(select(func.max(Sale.completed_at)))
    finally:
        uow.engine.dispose()
    assert opened_at is not None and opened_at <= until
    assert last_sale is not None and last_sale <= until


def test_every_sale_adds_up_and_receipts_have_no_gaps(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    _summary, uow = demo
    with uow:
        session = uow.session
        mismatched = session.scalar(
            select(func.count()).select_from(
                select(Sale.id)
                .join(SaleLine, SaleLine.sale_id == Sale.id)
                .group_by(Sale.id, Sale.total)
                .having(func.sum(SaleLine.total) != Sale.total)
                .subquery()
            )
        )
        unpaid = session.scalar(
            select(func.count()).select_from(
                select(Sale.id)
                .join(Payment, Payment.sale_id == Sale.id)
                .where(Sale.status == "completed")
                .group_by(Sale.id, Sale.total)
                .having(func.sum(Payment.amount) != Sale.total)
                .subquery()
            )
        )
        numbers = list(
            session.scalars(
                select(Sale.receipt_number)
                .where(Sale.status == "completed")
                .order_by(Sale.receipt_number)
            )
        )
    assert mismatched == 0 and unpaid == 0
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_printed_pins_sign_in(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    _summary, uow = demo
    for name, role, pin in DEMO_USERS:
        assert users.sign_in(uow, name, pin).role is role
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(User)) == len(DEMO_USERS)


def test_money_is_exact(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    _summary, uow = demo
    with uow:
        total = uow.session.scalar(select(func.sum(Sale.total)))
    assert isinstance(total, Decimal) and total == total.quantize(Decimal("0.01"))


def test_an_interrupted_build_leaves_no_half_shop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import posapp.demo.build as demo_module

    def power_cut(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(demo_module, "_counted", power_cut)
    target = tmp_path / "demo.sqlite"
    with pytest.raises(KeyboardInterrupt):
        build_demo_file(str(target), until=NOW, days=3)
    assert not target.exists()


def test_the_loyalty_programme_has_six_months_of_life(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    """Points, stages and vouchers came from the sales; every balance is its ledger's sum."""
    _summary, uow = demo
    with uow:
        session = uow.session
        kinds = dict(
            session.execute(select(PointsEntry.kind, func.count()).group_by(PointsEntry.kind)).all()
        )
        stages = dict(
            session.execute(
                select(LoyaltyAccount.stage, func.count()).group_by(LoyaltyAccount.stage)
            ).all()
        )
        ledger = (
            select(func.coalesce(func.sum(PointsEntry.points), 0))
            .where(PointsEntry.customer_id == LoyaltyAccount.customer_id)
            .scalar_subquery()
        )
        off = session.scalar(
            select(func.count()).select_from(LoyaltyAccount).where(LoyaltyAccount.balance != ledger)
        )
        vouchers = dict(
            session.execute(select(Voucher.status, func.count()).group_by(Voucher.status)).all()
        )
        ratings = session.scalar(select(func.count()).select_from(Rating))
        consented = session.scalar(select(func.count()).where(Customer.marketing_consent))
    assert kinds["earned"] > 5000 and kinds["redeemed"] and kinds["referral"]
    assert kinds["refund_reversal"]
    assert set(stages) == {"visitor", "buyer", "client", "advocate"}
    assert off == 0
    assert vouchers["used"] and vouchers["issued"]
    assert ratings and consented


def test_the_demo_cards_hold_what_they_are_for(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    summary, built = demo
    uow = UnitOfWork(built.engine, clock=lambda: NOW)  # the day it was built for
    cards = {card.number: card for card in summary.cards}
    assert list(cards) == list(DEMO_CARDS)
    regular = loyalty.customer_summary(uow, _holder(uow, DEMO_CARD_WITH_POINTS_AND_VOUCHER))
    assert regular.balance >= 500 and regular.stage in (Stage.CLIENT, Stage.ADVOCATE)
    assert any(r.voucher_code for r in regular.available)
    assert any(r.key == "points:euro_5" for r in regular.available)
    assert cards[DEMO_CARD_WITH_POINTS_AND_VOUCHER].vouchers
    birthday = loyalty.customer_summary(uow, _holder(uow, DEMO_CARD_BIRTHDAY))
    assert birthday.birthday_this_week and any(r.voucher_code for r in birthday.available)
    assert cards[DEMO_CARD_BLOCKED].blocked
    with uow:
        blocked = catalog.customer_by_card(uow, DEMO_CARD_BLOCKED)
    assert blocked is not None and blocked.card_status == "blocked"
    newcomer = loyalty.customer_summary(uow, _holder(uow, DEMO_CARD_NEW_MEMBER))
    assert (newcomer.stage, newcomer.balance) == (Stage.VISITOR, 0)


def test_every_kind_of_reminder_appears_and_the_care_card_shows_many_at_once(
    demo: tuple[DemoSummary, UnitOfWork],
) -> None:
    summary, built = demo
    uow = UnitOfWork(built.engine, clock=lambda: NOW)
    with uow:
        customers = list(uow.session.scalars(select(Customer.id).order_by(Customer.id)))
    seen = {
        reminder.kind
        for customer_id in customers
        for reminder in care.customer_reminders(uow, customer_id).reminders
    }
    assert seen == set(ReminderKind)
    shown = care.customer_reminders(uow, _holder(uow, DEMO_CARD_CARE))
    kinds = [reminder.kind for reminder in shown.reminders]
    assert kinds[:3] == [
        ReminderKind.COMPLAINT,
        ReminderKind.PROMISE_OVERDUE,
        ReminderKind.WELCOME_BACK,
    ]
    assert {ReminderKind.NOTE, ReminderKind.ANNIVERSARY, ReminderKind.USUAL_ITEMS} <= set(kinds)
    card = next(card for card in summary.cards if card.number == DEMO_CARD_CARE)
    assert list(card.reminders) == list(dict.fromkeys(kinds))
    owner = Actor.command_line()
    assert care.overdue_promises(uow, owner) and care.open_complaints(uow, owner)
    assert len(care.quiet_regulars(uow, owner)) >= 10
    assert care.birthdays_this_week(uow, owner)
    offers = care.card_offer_counts(uow, owner, TODAY - timedelta(days=30), TODAY)
    assert offers.accepted and offers.declined and offers.not_asked
    assert care.reminder_activity(uow, owner, TODAY - timedelta(days=7), TODAY)


def _holder(uow: UnitOfWork, number: str) -> int:
    with uow:
        found = catalog.customer_by_card(uow, number)
    assert found is not None
    return found.customer_id


def test_most_goods_have_a_believable_cost_price_and_the_lines_keep_it(
    demo: tuple[DemoSummary, UnitOfWork],
) -> None:
    _summary, uow = demo
    with uow:
        session = uow.session
        goods = session.execute(
            select(Product.name, Product.price, Product.cost_price, VatRate.rate).join(
                VatRate, VatRate.id == Product.vat_rate_id
            )
        ).all()
        stamped = session.execute(
            select(func.count(), func.count(SaleLine.unit_cost))
            .select_from(SaleLine)
            .join(Product, Product.id == SaleLine.product_id)
            .where(SaleLine.unit_cost.is_distinct_from(Product.cost_price))
        ).one()
    costed = [(price, cost, rate) for _name, price, cost, rate in goods if cost is not None]
    assert 0.7 * len(goods) <= len(costed) < len(goods)
    # Each costs the bakery less than it sells for, excl. VAT, and more than nothing.
    assert all(0 < cost < price / (1 + rate / 100) for price, cost, rate in costed)
    assert all(cost is None for name, _p, cost, _r in goods if name.startswith("Dāvanu karte"))
    # No cost price changed in the demo: every line has its product's.
    assert tuple(stamped) == (0, 0)
    report = build_products_report(
        uow, Actor.command_line(), ReportQuery(Period(TODAY - timedelta(30), TODAY))
    )
    margin = report.figure("margin").value
    assert isinstance(margin, Decimal) and Decimal("0.3") < margin < Decimal("0.8")


LAST_MONTH = Period(date(2026, 10, 1), date(2026, 10, 31))  # the last full month before TODAY


def test_the_buyers_who_took_a_card_are_the_months_new_members_and_come_back(
    demo: tuple[DemoSummary, UnitOfWork],
) -> None:
    """The owner's loyalty report: as many new members as card offers accepted, and they
    buy again with their card; some were brought by a member; points expire now and then."""
    summary, uow = demo
    report = build_loyalty_report(uow, Actor.command_line(), ReportQuery(LAST_MONTH))
    joined = report.table("card_offers").total
    assert joined is not None and isinstance(joined[1], int) and joined[1] >= 20
    assert report.figure("new_members").value == joined[1]
    referrals = report.figure("referrals").value
    assert isinstance(referrals, int) and referrals > 0
    expired, redeemed = report.figure("points_expired").value, report.figure("points_redeemed")
    assert isinstance(expired, int) and expired > 0 and isinstance(redeemed.value, int)
    assert 0 < expired < redeemed.value  # most points are spent, some run out
    breakage = report.figure("breakage").value
    assert isinstance(breakage, Decimal) and Decimal(0) < breakage < Decimal("0.5")
    assert report.figure("vouchers_used").value and report.figure("lapsed").value
    assert summary.customers > 240  # the pre-printed cards' holders and those who joined
    with uow:
        zone = ZoneInfo("Europe/Riga")
        since, until = datetime(2026, 9, 1, tzinfo=zone), datetime(2026, 11, 1, tzinfo=zone)
        newcomers = list(  # only buyers who took a card joined then
            uow.session.scalars(
                select(Customer.id).where(Customer.created_at >= since, Customer.created_at < until)
            )
        )
        came_back = uow.session.scalar(
            select(func.count(func.distinct(Sale.customer_id))).where(
                Sale.customer_id.in_(newcomers), Sale.status == "completed"
            )
        )
    assert newcomers and came_back is not None and came_back > len(newcomers) // 2


def test_the_shifts_close_with_a_few_small_cash_differences(
    demo: tuple[DemoSummary, UnitOfWork],
) -> None:
    """The shifts report: each close counts the drawer and the card terminal's total, as
    the till's close-shift dialog does; the month is off by coins, not by the card takings."""
    _summary, uow = demo
    report = build_shifts_report(uow, Actor.command_line(), ReportQuery(LAST_MONTH))
    difference = report.figure("difference").value
    assert isinstance(difference, Decimal) and abs(difference) < Decimal(10)
    assert report.figure("shifts").value == 31
    zone = ZoneInfo("Europe/Riga")
    start = datetime(2026, 10, 1, tzinfo=zone)
    end = datetime(2026, 11, 1, tzinfo=zone)
    with uow:
        session = uow.session
        card_taken = dict(
            session.execute(
                select(Sale.shift_id, func.sum(Payment.amount))
                .join(Payment, Payment.sale_id == Sale.id)
                .where(Sale.status == "completed", Payment.method == "card")
                .group_by(Sale.shift_id)
            ).all()
        )
        counts = session.execute(
            select(Shift.id, ShiftCount.method, ShiftCount.expected, ShiftCount.counted)
            .join(ShiftCount, ShiftCount.shift_id == Shift.id)
            .where(Shift.opened_at >= start, Shift.opened_at < end)
        ).all()
    cards = [(shift, counted) for shift, method, _e, counted in counts if method == "card"]
    cash = [counted - expected for _s, method, expected, counted in counts if method == "cash"]
    assert len(cards) == len(cash) == 31
    assert all(counted == card_taken[shift] for shift, counted in cards)
    assert all(abs(off) <= Decimal(1) for off in cash)
    assert 0 < sum(1 for off in cash if off) < len(cash) // 2
    assert difference == sum(cash, Decimal(0))


def test_the_counter_cares_all_month(demo: tuple[DemoSummary, UnitOfWork]) -> None:
    """Over the last full month: reminders acted on and dismissed, promises made and kept,
    complaints heard and put right, ratings given."""
    _summary, uow = demo
    owner = Actor.command_line()
    activity = care.reminder_activity(uow, owner, LAST_MONTH.first, LAST_MONTH.last)
    assert sum(a.done for a in activity) >= 20 and sum(a.dismissed for a in activity) >= 5
    zone = ZoneInfo("Europe/Riga")
    start = datetime(2026, 10, 1, tzinfo=zone)
    end = datetime(2026, 11, 1, tzinfo=zone)
    with uow:
        session = uow.session
        promises = session.execute(
            select(Promise.status, func.count())
            .where(Promise.taken_at >= start, Promise.taken_at < end)
            .group_by(Promise.status)
        ).all()
        complaints = session.execute(
            select(Complaint.resolved_at.is_not(None), func.count())
            .where(Complaint.taken_at >= start, Complaint.taken_at < end)
            .group_by(Complaint.resolved_at.is_not(None))
        ).all()
        ratings = session.scalar(select(func.count()).where(Rating.at >= start, Rating.at < end))
    assert dict(promises).get("done", 0) >= 3
    assert dict(complaints).get(True, 0) >= 2
    assert ratings is not None and ratings >= 20
