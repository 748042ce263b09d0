"""What the demo shop's counter promised and heard: promises and complaints over the
months, put right a few days later, and the stories of the last weeks that the cards
to try are remembered by."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from posapp.db.models import Complaint, Promise
from posapp.db.uow import UnitOfWork
from posapp.demo.members import DEMO_CARD_CARE, DEMO_CARD_WITH_POINTS_AND_VOUCHER, card_number
from posapp.demo.shop import SHOP, DemoClock
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.services import care

STORIES_END_DAYS = 12  # the counter's own promises and complaints: put right by then

_PROMISES = (
    "Pasūtīt bezglutēna maizi",
    "Nolikt malā rupjmaizi (šķēlēs)",
    "Izcept tortīti dzimšanas dienai",
    "Piezvanīt, kad būs Jāņu siers",
    "Pasūtīt liepu medu (dāvanu)",
    "Nolikt malā 10 kanēļmaizītes",
)
_COMPLAINTS = (
    ("Kafija bija auksta", "Nākamā kafija par brīvu", "Kafija pagatavota no jauna"),
    ("Maize bija sacepusies", "Apmainīt", "Apmainīta pret svaigu"),
    ("Čekā divreiz viena prece", "Atdot starpību", "Starpība atdota skaidrā naudā"),
    ("Ilgi jāgaida rindā", None, "Atvainojāmies, rītos strādā divi pārdevēji"),
)


class Counter:
    """What the counter promises and hears over the months, and puts right a few days
    later, so that the care lists and the owner's care figures have a history."""

    def __init__(self, uow: UnitOfWork, manager: Actor, until: date) -> None:
        self.uow = uow
        self.manager = manager
        self.until = until  # the last day a story is begun: all are put right before the end
        self.due: list[tuple[date, str, int, str]] = []  # (day, "promise"/"complaint", id, how)

    def heard(self, cashier: Actor, customer_id: int, day: date, rng: random.Random) -> None:
        if day > self.until:
            return
        roll = rng.random()
        if roll < 0.006:
            text = rng.choice(_PROMISES)
            due_on = day + timedelta(days=rng.randint(1, 5))
            care.add_promise(self.uow, cashier, customer_id, text, due_on)
            self.due.append((due_on, "promise", self._last(Promise), "Izdarīts"))
        elif roll < 0.009:
            what, promised, how = rng.choice(_COMPLAINTS)
            care.add_complaint(self.uow, cashier, customer_id, what, promised)
            later = day + timedelta(days=rng.randint(0, 3))
            self.due.append((later, "complaint", self._last(Complaint), how))

    def follow_up(self, actor: Actor, day: date) -> None:
        """The day's promises kept and complaints put right (those marked done already at
        the counter stay as they are)."""
        for item in [item for item in self.due if item[0] <= day]:
            self.due.remove(item)
            _day, kind, found, how = item
            try:
                if kind == "promise":
                    care.resolve_promise(self.uow, actor, found, how=how)
                else:
                    care.resolve_complaint(self.uow, self.manager, found, how)
            except PosError:
                pass  # kept already, from its reminder at the counter

    def _last(self, model: type[Promise] | type[Complaint]) -> int:
        with self.uow:
            found: int | None = self.uow.session.scalar(select(func.max(model.id)))
        assert found is not None
        return found


def care_stories(
    uow: UnitOfWork, clock: DemoClock, actors: list[Actor], ids: dict[str, int], today: date
) -> None:
    """What the counter noted, promised and heard over the last weeks, so that every kind
    of reminder appears for someone and the owner's lists have something to act on.

    The care card's holder: a complaint three days ago, a promise two days overdue, a
    preference. The regular with points: a cake to set aside for today. Others: a
    complaint and a promise dealt with, a note.
    """
    owner, manager, liga, janis = actors
    end = clock.moment
    zone = ZoneInfo(SHOP.time_zone)
    care_card, regular = ids[DEMO_CARD_CARE], ids[DEMO_CARD_WITH_POINTS_AND_VOUCHER]
    others = ids[card_number(5)], ids[card_number(6)]

    def at(days_ago: int, hour: int) -> None:
        clock.moment = datetime.combine(today - timedelta(days=days_ago), time(hour), zone)

    at(40, 11)
    care.add_complaint(uow, janis, others[0], "Atlikums izdots par 5 € mazāk", "Atdot starpību")
    complaint = care.open_complaints(uow, owner)[0].complaint_id
    at(39, 9)
    care.resolve_complaint(uow, manager, complaint, "Kase pārskaitīta, 5 € atdoti ar atvainošanos")
    at(30, 15)
    care.add_note(uow, liga, care_card, "Kafija ar auzu pienu, bez cukura", preference=True)
    care.add_note(uow, janis, others[1], "Meita mācās par konditori — pajautājiet, kā sokas")
    at(12, 10)
    done = care.add_promise(
        uow, liga, others[1], "Pasūtīt rudzu miltus 5 kg", today - timedelta(days=8)
    )
    at(8, 16)
    care.resolve_promise(uow, liga, done.reminders[0].refers_to or 0, how="Atdoti veikalā")
    at(10, 12)
    care.add_promise(uow, liga, care_card, "Pasūtīt bezglutēna maizi", today - timedelta(days=2))
    at(3, 13)
    care.add_complaint(
        uow, janis, care_card, "Kruasāns bija vakardienas", "Nākamreiz kafija par brīvu"
    )
    at(1, 17)
    care.add_promise(uow, liga, regular, "Nolikt malā veselu medus kūku", today)
    clock.moment = end
