"""The reminder engine: each kind of reminder, on the edges of the calendar, and the ranking."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from posapp.domain.loyalty import Stage
from posapp.domain.reminders import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    CustomerFacts,
    Note,
    OpenComplaint,
    OpenPromise,
    Reminder,
    ReminderKind,
    ReminderRules,
    gone_quiet,
    next_visit_interval,
    rank_reminders,
    stage_hint,
    template_fields,
    usual_interval,
)

RIGA = ZoneInfo("Europe/Riga")
NOW = datetime(2026, 11, 23, 14, 0, tzinfo=RIGA)  # a Monday
TODAY = NOW.date()


def rules(language: str = "en", **changes: object) -> ReminderRules:
    index = 1 if language == "lv" else 0
    templates = {key: texts[index] for key, texts in DEFAULT_TEMPLATES.items()}
    return replace(ReminderRules(templates=templates, language=language), **changes)


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=RIGA)


def remind(facts: CustomerFacts, now: datetime = NOW, **changes: object) -> list[Reminder]:
    return rank_reminders(facts, now, rules(**changes))


def kinds(reminders: list[Reminder]) -> list[ReminderKind]:
    return [r.kind for r in reminders]


def only(reminders: list[Reminder], kind: ReminderKind) -> Reminder:
    found = [r for r in reminders if r.kind is kind]
    assert len(found) == 1, reminders
    return found[0]


ANNA = CustomerFacts(name="Anna Bērziņa")


# --------------------------------------------------------------------------- birthdays


def test_a_birthday_today_is_ranked_high_and_keyed_by_its_year() -> None:
    reminder = only(remind(replace(ANNA, birthday=date(1988, 11, 23))), ReminderKind.BIRTHDAY)
    assert (reminder.key, reminder.priority, reminder.day) == ("birthday:2026", 3, TODAY)
    assert reminder.text == "Birthday today: wish them a happy birthday!"


def test_a_birthday_this_week_but_not_today_comes_later_and_says_when() -> None:
    soon = only(remind(replace(ANNA, birthday=date(1988, 11, 25))), ReminderKind.BIRTHDAY)
    past = only(remind(replace(ANNA, birthday=date(1988, 11, 20))), ReminderKind.BIRTHDAY)
    assert (soon.priority, past.priority) == (10, 10)
    assert soon.text.startswith("Birthday in 2 days:")
    assert past.text.startswith("Birthday 3 days ago:")
    assert remind(replace(ANNA, birthday=date(1988, 11, 27))) == []  # four days: not this week


def test_a_29_february_birthday_is_kept_on_28_february_in_a_year_without_it() -> None:
    leapling = replace(ANNA, birthday=date(1996, 2, 29))
    on_28th = only(remind(leapling, at(date(2027, 2, 28))), ReminderKind.BIRTHDAY)
    assert (on_28th.day, on_28th.priority, on_28th.key) == (date(2027, 2, 28), 3, "birthday:2027")
    assert on_28th.text.startswith("Birthday today")
    after = only(remind(leapling, at(date(2027, 3, 1))), ReminderKind.BIRTHDAY)
    assert after.text.startswith("Birthday yesterday")
    # In a leap year it is the 29th itself.
    leap = only(remind(leapling, at(date(2028, 2, 29))), ReminderKind.BIRTHDAY)
    assert (leap.day, leap.priority) == (date(2028, 2, 29), 3)
    assert only(remind(leapling, at(date(2028, 2, 28))), ReminderKind.BIRTHDAY).priority == 10


def test_the_birthday_week_runs_across_the_turn_of_the_year() -> None:
    january = replace(ANNA, birthday=date(1990, 1, 2))
    seen_in_december = only(remind(january, at(date(2026, 12, 30))), ReminderKind.BIRTHDAY)
    assert (seen_in_december.key, seen_in_december.day) == ("birthday:2027", date(2027, 1, 2))
    assert seen_in_december.text.startswith("Birthday in 3 days")
    december = replace(ANNA, birthday=date(1990, 12, 30))
    seen_in_january = only(remind(december, at(date(2027, 1, 2))), ReminderKind.BIRTHDAY)
    assert (seen_in_january.key, seen_in_january.day) == ("birthday:2026", date(2026, 12, 30))


def test_the_birthday_week_is_the_loyalty_programmes() -> None:
    facts = replace(ANNA, birthday=date(1988, 11, 28))
    assert remind(facts) == []
    assert kinds(remind(facts, birthday_window_days=5)) == [ReminderKind.BIRTHDAY]


# --------------------------------------------------------------------------- anniversary


def test_a_membership_anniversary_this_week_but_not_in_the_year_they_joined() -> None:
    facts = replace(ANNA, member_since=at(date(2024, 11, 24)))
    reminder = only(remind(facts), ReminderKind.ANNIVERSARY)
    assert (reminder.key, reminder.day, reminder.priority) == (
        "anniversary:2026",
        date(2026, 11, 24),
        11,
    )
    assert reminder.text == (
        "Membership anniversary tomorrow (a member since 24 Nov 2024): make it a day to remember."
    )
    assert remind(replace(ANNA, member_since=at(TODAY - timedelta(days=2)))) == []


def test_joining_on_29_february_is_remembered_on_the_28th_in_other_years() -> None:
    facts = replace(ANNA, member_since=at(date(2024, 2, 29), 9))
    reminder = only(remind(facts, at(date(2025, 2, 28))), ReminderKind.ANNIVERSARY)
    assert reminder.text.startswith("Membership anniversary today")


def test_the_day_they_joined_is_the_shops_day() -> None:
    """Enrolled at 00:30 in Riga (22:30 UTC the day before): the Riga day is the one kept."""
    joined = datetime(2025, 11, 23, 22, 30, tzinfo=UTC)  # 24 November 00:30 in Riga
    reminder = only(remind(replace(ANNA, member_since=joined)), ReminderKind.ANNIVERSARY)
    assert reminder.day == date(2026, 11, 24)


# --------------------------------------------------------------------------- visits

REGULAR = replace(
    ANNA,
    stage=Stage.CLIENT,
    visits=12,
    usual_interval_days=Decimal("7.0"),
    last_items=("Kruasāns", "Latte M", "Rupjmaize", "Kefīrs"),
)


def test_the_last_visit_and_what_they_bought_with_a_question() -> None:
    facts = replace(REGULAR, last_visit_at=at(TODAY - timedelta(days=3)))
    reminder = only(remind(facts), ReminderKind.LAST_VISIT)
    assert reminder.text == (
        "Last here 3 days ago and bought Kruasāns, Latte M, Rupjmaize: ask how they liked it."
    )
    assert (reminder.key, reminder.priority) == ("last_visit:2026-11-20", 12)
    assert ReminderKind.WELCOME_BACK not in kinds(remind(facts))


def test_a_visit_just_before_midnight_counts_for_that_shop_day() -> None:
    late = datetime(2026, 11, 22, 23, 59, tzinfo=RIGA)
    facts = replace(REGULAR, last_visit_at=late.astimezone(UTC))
    just_after = datetime(2026, 11, 23, 0, 1, tzinfo=RIGA)  # still 22 November in UTC
    reminder = only(remind(facts, just_after), ReminderKind.LAST_VISIT)
    assert (reminder.key, reminder.day) == ("last_visit:2026-11-22", date(2026, 11, 22))
    assert reminder.text.startswith("Last here yesterday")
    # The same minute, before midnight: they were here today, nothing to ask yet.
    assert ReminderKind.LAST_VISIT not in kinds(remind(facts, late + timedelta(seconds=30)))


def test_a_visit_just_after_midnight_is_today_though_utc_says_yesterday() -> None:
    early = datetime(2026, 11, 23, 0, 30, tzinfo=RIGA)  # 22:30 on the 22nd in UTC
    facts = replace(REGULAR, last_visit_at=early.astimezone(UTC))
    assert ReminderKind.LAST_VISIT not in kinds(remind(facts))


def test_a_visit_longer_ago_than_a_month_is_not_asked_about() -> None:
    facts = replace(REGULAR, usual_interval_days=None, last_visit_at=at(TODAY - timedelta(31)))
    assert remind(facts) == []
    assert kinds(remind(facts, last_visit_within_days=40)) == [ReminderKind.LAST_VISIT]


def test_welcome_back_after_an_absence_longer_than_their_usual() -> None:
    facts = replace(REGULAR, last_visit_at=at(TODAY - timedelta(days=14)))
    reminder = only(remind(facts), ReminderKind.WELCOME_BACK)
    assert reminder.text == "Welcome them back: last here on 9 Nov, usually every 7 days."
    assert (reminder.key, reminder.priority) == ("welcome_back:2026-11-09", 5)
    # 13 days is more than 1.5 weeks but less than the two weeks at the least.
    shorter = replace(facts, last_visit_at=at(TODAY - timedelta(days=13)))
    assert ReminderKind.WELCOME_BACK not in kinds(remind(shorter))


def test_welcome_back_is_about_their_own_rhythm() -> None:
    monthly = replace(REGULAR, usual_interval_days=Decimal("20.4"))
    away = {days: replace(monthly, last_visit_at=at(TODAY - timedelta(days))) for days in (30, 31)}
    assert ReminderKind.WELCOME_BACK not in kinds(remind(away[30]))  # 30 < 1.5 * 20.4
    assert only(remind(away[31]), ReminderKind.WELCOME_BACK).text.endswith("every 20 days.")
    new = replace(away[31], visits=2)  # two visits are no rhythm yet
    assert ReminderKind.WELCOME_BACK not in kinds(remind(new))


def test_gone_quiet_is_the_welcome_back_rule() -> None:
    six_weeks = TODAY - timedelta(days=42)
    weekly = Decimal(7)
    assert gone_quiet(six_weeks, TODAY, 5, weekly, rules())
    assert not gone_quiet(six_weeks, TODAY, 2, weekly, rules())
    assert not gone_quiet(six_weeks, TODAY, 5, None, rules())
    assert not gone_quiet(six_weeks, TODAY, 5, Decimal(30), rules())
    assert not gone_quiet(None, TODAY, 5, weekly, rules())


def test_the_usual_interval_follows_the_newest_gaps() -> None:
    assert next_visit_interval(None, 6) == Decimal("6.0")
    assert next_visit_interval(Decimal("6.0"), 10) == Decimal("7.0")  # a quarter of the way
    interval = Decimal("7.0")
    for _ in range(10):  # a weekly customer who now comes every other day
        interval = next_visit_interval(interval, 2)
    assert Decimal(2) < interval < Decimal(3)


def test_the_usual_interval_of_a_history_of_visits() -> None:
    assert usual_interval([]) is None
    assert usual_interval([date(2026, 1, 1)]) is None  # one visit has no interval yet
    # 7 days, then 14: a quarter of the way from 7 to 14, to the tenth of a day.
    days = [date(2026, 1, 1), date(2026, 1, 8), date(2026, 1, 22)]
    assert usual_interval(days) == Decimal("8.8")


def test_usual_items_are_offered() -> None:
    facts = replace(ANNA, usual_items=("Rupjmaize", "Kafija ar pienu M"))
    reminder = only(remind(facts), ReminderKind.USUAL_ITEMS)
    assert reminder.text == "Usually buys Rupjmaize, Kafija ar pienu M: offer them."
    assert (reminder.key, reminder.priority) == ("usual_items:2026-11-23", 13)


# --------------------------------------------------------------------------- stages


def test_a_stage_just_reached_is_news_for_two_weeks() -> None:
    facts = replace(
        ANNA,
        stage=Stage.CLIENT,
        previous_stage=Stage.BUYER,
        stage_reached_at=at(TODAY - timedelta(days=2)),
    )
    reminder = only(remind(facts), ReminderKind.STAGE_REACHED)
    assert reminder.text == "New stage 2 days ago: Client. Thank them for their loyalty."
    assert (reminder.key, reminder.priority) == ("stage:client:2026-11-21", 4)
    stale = replace(facts, stage_reached_at=at(TODAY - timedelta(days=14)))
    assert remind(stale) == []
    advocate = replace(facts, stage=Stage.ADVOCATE, previous_stage=Stage.CLIENT)
    assert only(remind(advocate), ReminderKind.STAGE_REACHED).key.startswith("stage:advocate:")


def test_only_a_new_client_or_advocate_is_news() -> None:
    reached = at(TODAY)
    buyer = replace(ANNA, stage=Stage.BUYER, previous_stage=Stage.VISITOR, stage_reached_at=reached)
    fell_back = replace(
        ANNA, stage=Stage.CLIENT, previous_stage=Stage.ADVOCATE, stage_reached_at=reached
    )
    assert remind(buyer) == [] and remind(fell_back) == []


def test_each_stage_has_a_hint_of_what_it_asks_of_the_cashier() -> None:
    hints = {stage: stage_hint(replace(ANNA, stage=stage), rules()) for stage in Stage}
    assert "first seconds" in hints[Stage.VISITOR]
    assert "ask how they liked" in hints[Stage.BUYER]
    assert "important and special" in hints[Stage.CLIENT]
    assert "thank them" in hints[Stage.ADVOCATE]
    latvian = stage_hint(replace(ANNA, stage=Stage.CLIENT), rules("lv"))
    assert latvian == "Pastāvīgs klients: lieciet justies svarīgam un īpašam."


# --------------------------------------------------------------------------- promises, complaints


def test_promises_due_and_overdue_the_most_overdue_first() -> None:
    facts = replace(
        ANNA,
        promises=(
            OpenPromise(17, "Order rye flour", TODAY - timedelta(days=1), "Jānis"),
            OpenPromise(18, "Set a honey cake aside", TODAY, None),
            OpenPromise(19, "Call when the kefir arrives", TODAY - timedelta(days=5), "Līga"),
            OpenPromise(20, "Bake a birthday cake", TODAY + timedelta(days=4), "Ilze"),
        ),
    )
    reminders = remind(facts)
    assert [(r.kind, r.refers_to) for r in reminders] == [
        (ReminderKind.PROMISE_OVERDUE, 19),
        (ReminderKind.PROMISE_OVERDUE, 17),
        (ReminderKind.PROMISE_DUE, 18),
        (ReminderKind.PROMISE_DUE, 20),
    ]
    assert reminders[1].text == (
        "Overdue, it was due yesterday: Order rye flour (promised by Jānis). "
        "Apologise and say when."
    )
    assert reminders[2].text.startswith(
        "Due today: Set a honey cake aside (promised by a colleague)"
    )
    assert reminders[3].text.startswith("Due in 4 days: Bake a birthday cake")
    assert reminders[0].key == "promise:19:2026-11-23"  # put away for a day at the most
    assert [r.priority for r in reminders] == [2, 2, 6, 6]


def test_an_open_complaint_comes_first_and_cannot_be_put_away() -> None:
    facts = replace(
        ANNA,
        complaints=(
            OpenComplaint(6, "Change was short by €5", None, "Jānis", at(TODAY - timedelta(1))),
            OpenComplaint(
                5, "The croissant was stale", "A free coffee", "Māris", at(date(2026, 11, 9))
            ),
        ),
        promises=(OpenPromise(17, "Order rye flour", TODAY - timedelta(days=30), "Jānis"),),
    )
    reminders = remind(facts)
    assert [(r.kind, r.refers_to) for r in reminders] == [
        (ReminderKind.COMPLAINT, 5),
        (ReminderKind.COMPLAINT, 6),
        (ReminderKind.PROMISE_OVERDUE, 17),
    ]
    first, second = reminders[0], reminders[1]
    assert first.text == (
        "Open complaint (on 9 Nov, taken by Māris): The croissant was stale. "
        "Promised: A free coffee. Show you care."
    )
    assert "Promised: nothing yet." in second.text
    assert first.sticky and second.sticky and not reminders[2].sticky
    assert first.key == "complaint:5"  # no day in it: it stays until resolved


# --------------------------------------------------------------------------- notes, rewards, points


def test_preferences_then_notes_the_newest_first_and_the_enrolment_note() -> None:
    facts = replace(
        ANNA,
        notes=(
            Note(
                9, "Her grandson starts school this week", False, "Līga", at(TODAY - timedelta(2))
            ),
            Note(8, "Oat milk in her coffee", True, "Jānis", at(date(2026, 10, 1))),
            Note(3, "Rye bread sliced", True, "Ilze", at(date(2026, 3, 1))),
            Note(None, "Allergic to nuts"),
        ),
    )
    reminders = remind(facts)
    assert [r.refers_to for r in reminders] == [8, 3, 9, None]
    assert reminders[0].text == "Prefers: Oat milk in her coffee"
    assert reminders[2].text == "Note (Līga, 2 days ago): Her grandson starts school this week"
    assert reminders[3].text == "Note (a colleague, at enrolment): Allergic to nuts"
    assert reminders[3].key == "note:enrolment:2026-11-23"
    assert {r.priority for r in reminders} == {7}


def test_a_reward_they_can_use_today() -> None:
    facts = replace(ANNA, rewards=("Free coffee", "€5.00 off"))
    reminder = only(remind(facts), ReminderKind.REWARD_TODAY)
    assert reminder.text == "Can use today: Free coffee, €5.00 off. Offer it."
    assert (reminder.key, reminder.priority) == ("rewards:2026-11-23", 8)


def test_points_about_to_expire() -> None:
    facts = replace(ANNA, points_expiring=120, points_expire_on=date(2026, 11, 28))
    reminder = only(remind(facts), ReminderKind.POINTS_EXPIRING)
    assert reminder.text == "Points expiring in 5 days: 120. Suggest a reward."
    assert (reminder.key, reminder.priority) == ("points_expiring:2026-11-28", 9)
    overdue = replace(facts, points_expire_on=date(2026, 11, 20))  # the expiry has not run yet
    assert only(remind(overdue), ReminderKind.POINTS_EXPIRING).text.startswith(
        "Points expiring today"
    )


# --------------------------------------------------------------------------- the ranking

EVERYTHING = CustomerFacts(
    name="Anna Bērziņa",
    address_as="Anna",
    birthday=date(1980, 11, 25),
    member_since=at(date(2021, 11, 26)),
    stage=Stage.ADVOCATE,
    previous_stage=Stage.CLIENT,
    stage_reached_at=at(TODAY - timedelta(days=1)),
    visits=40,
    last_visit_at=at(TODAY - timedelta(days=15)),
    last_items=("Kruasāns",),
    usual_items=("Rupjmaize",),
    usual_interval_days=Decimal("6.5"),
    notes=(Note(4, "Oat milk", True, "Līga", at(TODAY)),),
    promises=(
        OpenPromise(1, "Order rye flour", TODAY - timedelta(days=2), "Jānis"),
        OpenPromise(2, "Set a cake aside", TODAY + timedelta(days=1), "Jānis"),
    ),
    complaints=(OpenComplaint(3, "Stale bread", None, "Māris", at(TODAY - timedelta(days=3))),),
    rewards=("Free coffee",),
    points_expiring=50,
    points_expire_on=TODAY + timedelta(days=10),
)


def test_the_ranking_puts_what_must_be_put_right_first_then_the_person_then_the_sale() -> None:
    reminders = remind(EVERYTHING)
    assert kinds(reminders) == [
        ReminderKind.COMPLAINT,
        ReminderKind.PROMISE_OVERDUE,
        ReminderKind.STAGE_REACHED,
        ReminderKind.WELCOME_BACK,
        ReminderKind.PROMISE_DUE,
        ReminderKind.NOTE,
        ReminderKind.REWARD_TODAY,
        ReminderKind.POINTS_EXPIRING,
        ReminderKind.BIRTHDAY,
        ReminderKind.ANNIVERSARY,
        ReminderKind.LAST_VISIT,
        ReminderKind.USUAL_ITEMS,
    ]
    assert [r.priority for r in reminders] == sorted(r.priority for r in reminders)
    assert len({r.key for r in reminders}) == len(reminders)
    # On the birthday itself it moves up, after what must be put right (by then the cake
    # set aside is overdue too).
    on_the_day = remind(EVERYTHING, at(date(2026, 11, 25)))
    assert kinds(on_the_day)[:4] == [
        ReminderKind.COMPLAINT,
        ReminderKind.PROMISE_OVERDUE,
        ReminderKind.PROMISE_OVERDUE,
        ReminderKind.BIRTHDAY,
    ]


def test_the_same_facts_give_the_same_list() -> None:
    twins = replace(
        ANNA,
        notes=(Note(None, "B"), Note(None, "A")),  # same rank, same order: by key, then as given
    )
    assert remind(twins) == remind(twins)
    assert remind(EVERYTHING) == remind(EVERYTHING)


def test_now_must_be_an_aware_moment() -> None:
    with pytest.raises(ValueError, match="aware"):
        rank_reminders(ANNA, datetime(2026, 11, 23, 12), rules())


# --------------------------------------------------------------------------- templates


def test_the_owners_wording_is_used_with_the_name_they_like() -> None:
    facts = replace(ANNA, address_as="Bērziņas kundze", birthday=TODAY.replace(year=1970))
    own = rules(templates={"birthday": "{name} turns {age} {when}!"})
    assert rank_reminders(facts, NOW, own)[0].text == "Bērziņas kundze turns 56 today!"


def test_latvian_is_said_in_latvian() -> None:
    facts = replace(
        ANNA,
        birthday=date(1990, 11, 26),
        promises=(OpenPromise(1, "Pasūtīt rudzu miltus", TODAY - timedelta(days=2), "Jānis"),),
    )
    texts = [r.text for r in rank_reminders(facts, NOW, rules("lv"))]
    assert texts == [
        "Nokavēts, termiņš bija pirms 2 dienām: Pasūtīt rudzu miltus (solīja Jānis). "
        "Atvainojieties un pasakiet, kad būs.",
        "Dzimšanas diena pēc 3 dienām — apsveiciet!",
    ]


def test_every_default_template_uses_only_its_placeholders_in_both_languages() -> None:
    assert set(DEFAULT_TEMPLATES) == set(PLACEHOLDERS)
    for key, texts in DEFAULT_TEMPLATES.items():
        for text in texts:
            assert set(template_fields(text)) <= PLACEHOLDERS[key], (key, text)
    latvian = " ".join(lv for _en, lv in DEFAULT_TEMPLATES.values())
    assert len(set("āēīūčšžņļķģ") & set(latvian.lower())) >= 5  # written with its letters


def test_template_fields_show_what_a_template_asks_for() -> None:
    assert template_fields("Hi {name}, {when}") == ["name", "when"]
    assert template_fields("{name.__class__} {0} {when!r} {when:>9}") == [
        "name.__class__",
        "0",
        "when!r",
        "when:>9",
    ]
    assert template_fields("{{not a placeholder}}") == []
    with pytest.raises(ValueError):
        template_fields("Hi {name")
