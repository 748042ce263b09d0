"""The demo shop's members: their names, their pre-printed cards and the cards to try,
enrolling them, and what they do at the counter over the months (vouchers and rewards
taken, ratings, reminders acted on, a card offered to buyers without one)."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from posapp.db.uow import UnitOfWork
from posapp.demo.shop import CARD_OFFERS, REWARD_POINTS, SHOP, TILL, DemoClock
from posapp.domain.barcodes import make_ean13
from posapp.domain.cart import Cart
from posapp.domain.loyalty import observed_birthday
from posapp.domain.reminders import Reminder, ReminderKind
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.services import care, checkout, loyalty
from posapp.services.care import CardOfferAnswer

FIRST_NAMES = {
    "f": [
        "Anna",
        "Līga",
        "Ilze",
        "Inese",
        "Kristīne",
        "Māra",
        "Zane",
        "Dace",
        "Sanita",
        "Agnese",
        "Elīna",
        "Laura",
        "Dārta",
        "Ināra",
        "Ērika",
        "Aija",
        "Baiba",
        "Ieva",
        "Gunta",
        "Rūta",
    ],
    "m": [
        "Jānis",
        "Andris",
        "Mārtiņš",
        "Pēteris",
        "Edgars",
        "Raimonds",
        "Kārlis",
        "Roberts",
        "Ģirts",
        "Uldis",
        "Valdis",
        "Aigars",
        "Artūrs",
        "Ēriks",
        "Oskars",
        "Dāvis",
        "Kristaps",
        "Miķelis",
        "Toms",
        "Reinis",
    ],
}
SURNAMES = [  # male, female
    ("Bērziņš", "Bērziņa"),
    ("Ozoliņš", "Ozoliņa"),
    ("Kalniņš", "Kalniņa"),
    ("Liepiņš", "Liepiņa"),
    ("Jansons", "Jansone"),
    ("Krūmiņš", "Krūmiņa"),
    ("Zariņš", "Zariņa"),
    ("Vītols", "Vītola"),
    ("Kļaviņš", "Kļaviņa"),
    ("Pētersons", "Pētersone"),
    ("Šmits", "Šmite"),
    ("Āboliņš", "Āboliņa"),
    ("Lūsis", "Lūse"),
    ("Vilks", "Vilka"),
    ("Eglītis", "Eglīte"),
    ("Siliņš", "Siliņa"),
    ("Dūmiņš", "Dūmiņa"),
    ("Ziediņš", "Ziediņa"),
    ("Žagars", "Žagare"),
    ("Ķēniņš", "Ķēniņa"),
]
CARD_PREFIX = "27"
CUSTOMERS = 240


def card_number(customer_number: int) -> str:
    """The pre-printed card the demo's customer number `customer_number` was given."""
    return make_ean13(f"{CARD_PREFIX}{customer_number:010d}")


# The cards to try (the GUI tests and screenshots scan these); DemoSummary.cards
# (posapp.demo.build) says who they belong to and what they hold when the demo is built.
DEMO_CARD_WITH_POINTS_AND_VOUCHER = card_number(1)  # a Client with points for a reward
DEMO_CARD_BIRTHDAY = card_number(2)  # their birthday is today: a birthday voucher
DEMO_CARD_BLOCKED = card_number(3)  # reported lost and replaced: refused with a message
DEMO_CARD_NEW_MEMBER = card_number(CUSTOMERS)  # enrolled, referred, has not bought yet
# A regular away for three weeks, who joined two years ago today: an open complaint, an
# overdue promise, a preference, their usual items, welcome back, the anniversary …
DEMO_CARD_CARE = card_number(4)
DEMO_CARDS = (
    DEMO_CARD_WITH_POINTS_AND_VOUCHER,
    DEMO_CARD_BIRTHDAY,
    DEMO_CARD_BLOCKED,
    DEMO_CARD_NEW_MEMBER,
    DEMO_CARD_CARE,
)
AWAY_DAYS = 21  # the care card's holder has not been in for this long
# In the last two months (the last full month's care figures) cashiers act on reminders at
# the counter now and then, in the last week at every other visit.
REMINDED_DAYS = 62
BUSY_REMINDED_DAYS = 7
OFFERED_DAYS = 60  # in the last two months, buyers without a card are offered one


@dataclass(frozen=True)
class DemoCard:
    """A card to try in the demo and what its holder has when the demo is built."""

    number: str
    name: str
    balance: int
    vouchers: tuple[str, ...]  # codes valid today
    blocked: bool
    reminders: tuple[ReminderKind, ...] = ()  # what the cashier is reminded of today


class Members:
    """The demo's members: enrolled through the counter's service, and their points and
    vouchers followed from each sale's outcome, so that they spend them now and then."""

    def __init__(self, uow: UnitOfWork, manager: Actor, today: date) -> None:
        self.uow = uow
        self.manager = manager
        self.today = today
        self.balances: dict[int, int] = {}
        self.vouchers: dict[int, list[tuple[str, date]]] = {}
        self.ids: dict[str, int] = {}  # by card number
        self.newcomers: list[tuple[int, str]] = []  # joined after a card offer

    def enrol_all(
        self, cashier: Actor, rng: random.Random, clock: DemoClock, today: date
    ) -> list[tuple[int, str]]:
        """The 240 customers, enrolled in the order they joined, with their pre-printed cards."""
        since = clock.moment
        joined = sorted(
            (since - timedelta(days=rng.randint(1, 700), minutes=rng.randint(0, 600)), number)
            for number in range(1, CUSTOMERS)
        )
        # The card to try as a new member joined just before the history ends; the care
        # card's holder two years ago today.
        joined.append((since + timedelta(days=(today - since.date()).days - 1), CUSTOMERS))
        anniversary = observed_birthday(today, today.year - 2)
        joined = sorted(
            (datetime.combine(anniversary, time(10), ZoneInfo(SHOP.time_zone)), number)
            if number == 4
            else (moment, number)
            for moment, number in joined
        )
        people: dict[int, tuple[int, str]] = {}
        for moment, number in joined:
            clock.moment = moment
            gender = rng.choice("fm")
            first = rng.choice(FIRST_NAMES[gender])
            male, female = rng.choice(SURNAMES)
            name = f"{first} {female if gender == 'f' else male}"
            birthday = None
            if number == 2:
                birthday = date(1988, today.month, min(today.day, 28))
            elif rng.random() < 0.5:
                birthday = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
            earlier = [n for n in people if n > 3]
            referred_by = None
            if earlier and (number == CUSTOMERS or rng.random() < 0.08):
                referred_by = card_number(rng.choice(earlier))
            member = loyalty.enrol_customer(
                self.uow,
                cashier,
                name,
                phone=f"+371 2{rng.randint(0, 9999999):07d}" if rng.random() < 0.6 else None,
                email=_email(first, male) if rng.random() < 0.3 else None,
                birthday=birthday,
                language=rng.choice(("lv", "lv", "lv", "lv", "ru", "en")),
                address_as=first if rng.random() < 0.2 else None,
                notes=rng.choice(_NOTES) if rng.random() < 0.1 else None,
                consent=number <= 3 or rng.random() < 0.4,
                card_number=card_number(number),
                referred_by=referred_by,
            )
            people[number] = (member.customer_id, member.name)
            self.ids[card_number(number)] = member.customer_id
            self.balances[member.customer_id] = member.balance
        clock.moment = since
        loyalty.replace_card(self.uow, cashier, people[3][0])  # a lost card
        return [people[number] for number in sorted(people) if number != CUSTOMERS]

    def join(self, cashier: Actor, rng: random.Random) -> None:
        """A buyer who took the card offered: enrolled with a new card, a name and now and
        then a phone, their consent, or the member who brought them."""
        gender = rng.choice("fm")
        first = rng.choice(FIRST_NAMES[gender])
        male, female = rng.choice(SURNAMES)
        referred_by = None
        if rng.random() < 0.2:
            referred_by = card_number(rng.randint(5, CUSTOMERS - 1))
        member = loyalty.enrol_customer(
            self.uow,
            cashier,
            f"{first} {female if gender == 'f' else male}",
            phone=f"+371 2{rng.randint(0, 9999999):07d}" if rng.random() < 0.5 else None,
            consent=rng.random() < 0.3,
            referred_by=referred_by,
        )
        self.newcomers.append((member.customer_id, member.name))
        self.balances[member.customer_id] = member.balance

    def redeem(self, cashier: Actor, cart: Cart, rng: random.Random, now: datetime) -> Cart:
        """Now and then a member takes a voucher they hold, or spends points on a reward."""
        customer_id = cart.customer_id
        assert customer_id is not None
        # The cards to try keep what they have for the last weeks, to be tried.
        keeping = customer_id in self._kept() and (self.today - now.date()).days < 21
        today = now.date()
        held = [(code, last) for code, last in self.vouchers.get(customer_id, []) if last >= today]
        self.vouchers[customer_id] = held
        if held and not keeping and rng.random() < 0.5:
            code = held.pop(0)[0]
            try:
                return _taking_something(loyalty.apply_voucher(self.uow, cashier, cart, code), cart)
            except PosError:
                return cart
        if (
            self.balances.get(customer_id, 0) >= REWARD_POINTS
            and not keeping
            and rng.random() < 0.4
        ):
            reward = "points:euro_5" if cart.total > Decimal(5) else "points:coffee"
            try:
                return _taking_something(
                    loyalty.apply_reward(self.uow, cashier, cart, reward), cart
                )
            except PosError:
                return cart
        return cart

    def rate(self, cashier: Actor, done: checkout.CompletedSale, rng: random.Random) -> None:
        """One member in thirty rates the service as they pay; most are pleased."""
        outcome = done.loyalty
        if outcome is None or outcome.customer_id is None or rng.random() >= 1 / 30:
            return
        rating = rng.choices((5, 4, 3, 2, 1), (60, 25, 9, 4, 2))[0]
        comment = rng.choice(_COMMENTS[rating]) if rng.random() < 0.3 else None
        care.rate_service(self.uow, cashier, outcome.customer_id, rating, comment, done.sale_id)

    def away(self, customer_id: int, day: date) -> bool:
        """The care card's holder stays away for the last weeks (to be welcomed back)."""
        return customer_id == self.ids[DEMO_CARD_CARE] and (self.today - day).days < AWAY_DAYS

    def act_on_reminders(
        self, cashier: Actor, customer_id: int, day: date, rng: random.Random
    ) -> tuple[Reminder, ...]:
        """In the last weeks, now and then the cashier acts on the first reminder shown (the
        cards to try keep theirs); the reminders still shown are left alone with the sale."""
        days_ago = (self.today - day).days
        if days_ago >= REMINDED_DAYS or customer_id in self._kept():
            return ()
        shown = care.customer_reminders(self.uow, customer_id)
        if rng.random() >= (0.5 if days_ago < BUSY_REMINDED_DAYS else 0.08):
            return shown.reminders
        first = next((r for r in shown.reminders if not r.sticky), None)
        if first is not None:
            shown = care.mark_reminder(
                self.uow, cashier, customer_id, first.key, rng.random() < 0.7, till=TILL
            )
        return shown.reminders

    def took_note(self, done: checkout.CompletedSale) -> None:
        outcome = done.loyalty
        if outcome is None or outcome.customer_id is None or outcome.balance is None:
            return
        self.balances[outcome.customer_id] = outcome.balance
        self.vouchers.setdefault(outcome.customer_id, []).extend(
            (voucher.code, voucher.expires_on) for voucher in outcome.vouchers_issued
        )

    def kept_for_stories(self) -> set[int]:
        """The cards to try and the members of care_stories: no stories of the counter's."""
        return {self.ids[card_number(number)] for number in range(1, 7)}

    def _kept(self) -> set[int]:
        return {self.ids[DEMO_CARD_WITH_POINTS_AND_VOUCHER], self.ids[DEMO_CARD_BIRTHDAY]}

    def cards_to_try(self, clock: DemoClock) -> tuple[DemoCard, ...]:
        """Make sure the cards to try hold what they are for, and say what that is."""
        regular = self.ids[DEMO_CARD_WITH_POINTS_AND_VOUCHER]
        birthday = self.ids[DEMO_CARD_BIRTHDAY]
        summary = loyalty.customer_summary(self.uow, regular)
        if summary.balance < REWARD_POINTS + 100:
            loyalty.adjust_points(
                self.uow,
                self.manager,
                regular,
                REWARD_POINTS + 100 - summary.balance,
                "Paldies par uzticību (demo)",
            )
        for customer_id, reward in ((regular, "tenth_visit"), (birthday, "birthday")):
            summary = loyalty.customer_summary(self.uow, customer_id)
            if not any(r.voucher_code for r in summary.available):
                loyalty.issue_voucher(self.uow, self.manager, customer_id, reward, "Dāvana (demo)")
        cards = []
        for number in DEMO_CARDS:
            state = care.customer_reminders(self.uow, self.ids[number])
            summary = state.summary
            blocked = number == DEMO_CARD_BLOCKED
            cards.append(
                DemoCard(
                    number=number,
                    name=summary.name,
                    balance=summary.balance,
                    vouchers=tuple(r.voucher_code for r in summary.available if r.voucher_code),
                    blocked=blocked,
                    reminders=() if blocked else _kinds(state.reminders),
                )
            )
        return tuple(cards)


def someone(
    rng: random.Random,
    regulars: list[tuple[int, str]],
    customers: list[tuple[int, str]],
    newcomers: list[tuple[int, str]],
) -> tuple[int, str]:
    """The member at the counter: mostly a regular, now and then one who joined lately."""
    roll = rng.random()
    if newcomers and roll < 0.12:
        return rng.choice(newcomers)
    return rng.choice(regulars if roll < 0.8 else customers)


def _kinds(reminders: tuple[Reminder, ...]) -> tuple[ReminderKind, ...]:
    """The kinds of reminder shown, once each, in their rank's order."""
    return tuple(dict.fromkeys(reminder.kind for reminder in reminders))


def offer_a_card(
    members: Members, cashier: Actor, done: checkout.CompletedSale, rng: random.Random
) -> None:
    """After a sale without a card, as the till suggests: most say no, a few take one.
    One who takes it is enrolled at the counter (a new card, now and then brought by a
    member), as the till's Ctrl+E does, and comes back with it."""
    if CARD_OFFERS.offers_card(done.receipt_number):
        answer = rng.choices(
            (CardOfferAnswer.ACCEPTED, CardOfferAnswer.DECLINED, CardOfferAnswer.NOT_ASKED),
            (8, 62, 30),
        )[0]
        if answer is CardOfferAnswer.ACCEPTED:
            members.join(cashier, rng)
        care.record_card_offer(members.uow, cashier, done.sale_id, answer)


def _taking_something(with_reward: Cart, without: Cart) -> Cart:
    """The cart with the reward, unless it takes nothing off (gift cards only, say)."""
    return with_reward if all(with_reward.reward_amounts.values()) else without


_COMMENTS = {
    5: ("Vislabākā rupjmaize Rīgā!", "Ļoti laipna apkalpošana", "Kafija kā vienmēr lieliska"),
    4: ("Garšīgi, bet rinda bija gara", "Labi"),
    3: ("Kruasāns bija vakardienas", "Normāli"),
    2: ("Pārāk ilgi jāgaida", "Kafija bija auksta"),
    1: ("Nepareizi izsniegts atlikums",),
}
_NOTES = (
    "Vienmēr ņem rupjmaizi šķēlēs",
    "Alerģija pret riekstiem",
    "Dod priekšroku auzu pienam",
    "Pasūta kūkas svētkiem",
    "Prefers to be served in English",
)


def _email(first: str, surname: str) -> str:
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", f"{first}.{surname}".lower()) if ch.isascii()
    )
    return f"{plain}@example.lv"
