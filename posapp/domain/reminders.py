"""Staff reminders: what is worth saying or doing for the customer at the counter now.

Pure: no I/O, no Qt. posapp.services.care reads a customer's facts (kept current
as each sale commits, so nothing here reads history), and rank_reminders() turns
them, with the shop's date and the owner's templates, into a ranked list of
reminders for the cashier, each with the words to show.

The seed texts behind each kind: greet within the first seconds, make them feel
known and special (birthday, anniversary, a stage reached, welcome back), be
curious (last visit), observe and personalise (usual items, notes, preferences),
deliver as agreed (promises), show care (complaints), and save their points and
money (rewards, points about to expire).

Ranking (Reminder.priority, 1 first), and within a rank:

  1 COMPLAINT           open complaints, the longest waiting first
  2 PROMISE_OVERDUE     promises past their day, the most overdue first
  3 BIRTHDAY            their birthday is today
  4 STAGE_REACHED       a new Client or Advocate: thank them
  5 WELCOME_BACK        back after an absence longer than their usual
  6 PROMISE_DUE         open promises not overdue, the soonest first
  7 NOTE                preferences, then colleagues' notes, the newest first
  8 REWARD_TODAY        rewards they can use in this sale
  9 POINTS_EXPIRING     points about to expire
 10 BIRTHDAY            their birthday is this week (not today), the nearest first
 11 ANNIVERSARY         their membership anniversary this week, the nearest first
 12 LAST_VISIT          what they bought last time: ask how they liked it
 13 USUAL_ITEMS         what they usually buy

What would go wrong unless put right comes first, then what is about them today,
then what helps the sale, then conversation. Reminders of the same rank and order
follow their keys, so the list is the same however often it is asked for.

Every reminder has a key that names its occasion ("birthday:2026", "complaint:5",
"promise:17:2026-11-23"); one marked done or dismissed stays away for that
occasion. A note, a promise or usual items come back the next day; a complaint
cannot be put away at all: it stays on every till until it is resolved.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from itertools import pairwise

from posapp.domain.loyalty import Stage, birthday_near, stage_name
from posapp.i18n import N_, _, format_day_month, translations


class ReminderKind(Enum):
    BIRTHDAY = "birthday"
    ANNIVERSARY = "anniversary"
    LAST_VISIT = "last_visit"
    USUAL_ITEMS = "usual_items"
    NOTE = "note"
    PROMISE_DUE = "promise_due"
    PROMISE_OVERDUE = "promise_overdue"
    COMPLAINT = "complaint"
    WELCOME_BACK = "welcome_back"
    STAGE_REACHED = "stage_reached"
    REWARD_TODAY = "reward_today"
    POINTS_EXPIRING = "points_expiring"


# A promise's reminders: before its day and after it.
PROMISE_KINDS = frozenset({ReminderKind.PROMISE_DUE, ReminderKind.PROMISE_OVERDUE})

_KIND_NAMES = {
    ReminderKind.BIRTHDAY: N_("Birthday"),
    ReminderKind.ANNIVERSARY: N_("Membership anniversary"),
    ReminderKind.LAST_VISIT: N_("Last visit"),
    ReminderKind.USUAL_ITEMS: N_("Usual items"),
    ReminderKind.NOTE: N_("Note or preference"),
    ReminderKind.PROMISE_DUE: N_("Promise due"),
    ReminderKind.PROMISE_OVERDUE: N_("Promise overdue"),
    ReminderKind.COMPLAINT: N_("Complaint"),
    ReminderKind.WELCOME_BACK: N_("Welcome back"),
    ReminderKind.STAGE_REACHED: N_("Stage reached"),
    ReminderKind.REWARD_TODAY: N_("Reward to use today"),
    ReminderKind.POINTS_EXPIRING: N_("Points expiring"),
}


def kind_name(kind: ReminderKind) -> str:
    """What to call a kind of reminder (in the core's language), as lists and reports do."""
    return _(_KIND_NAMES[kind])


# --------------------------------------------------------------------------- templates

# The owner's templates are keyed by these names: a kind's value, "preference" (a NOTE
# that is a preference) and one hint per stage. Each may use only its placeholders.
PREFERENCE = "preference"
STAGE_HINTS = {stage: f"stage_{stage.value}" for stage in Stage}
PLACEHOLDERS: Mapping[str, frozenset[str]] = {
    key: frozenset(("name", *names))
    for key, names in {
        ReminderKind.BIRTHDAY.value: ("when", "age"),
        ReminderKind.ANNIVERSARY.value: ("when", "since", "years"),
        ReminderKind.LAST_VISIT.value: ("when", "items"),
        ReminderKind.USUAL_ITEMS.value: ("items",),
        ReminderKind.NOTE.value: ("note", "by", "on"),
        PREFERENCE: ("note", "by", "on"),
        ReminderKind.PROMISE_DUE.value: ("promise", "due", "by"),
        ReminderKind.PROMISE_OVERDUE.value: ("promise", "due", "by"),
        ReminderKind.COMPLAINT.value: ("what", "promised", "by", "on"),
        ReminderKind.WELCOME_BACK.value: ("when", "days", "usual"),
        ReminderKind.STAGE_REACHED.value: ("stage", "when"),
        ReminderKind.REWARD_TODAY.value: ("rewards",),
        ReminderKind.POINTS_EXPIRING.value: ("points", "when"),
        **{key: () for key in STAGE_HINTS.values()},
    }.items()
}
# The wording a new shop starts with: (English, Latvian). {when} and {due} read as
# "today", "in 3 days", "2 days ago" or "on 2 Jan" ("šodien", "pēc 3 dienām", "pirms 2
# dienām", "2. janv."), {usual} as "every 9 days" ("ik pēc 9 dienām").
DEFAULT_TEMPLATES: Mapping[str, tuple[str, str]] = {
    ReminderKind.BIRTHDAY.value: (
        "Birthday {when}: wish them a happy birthday!",
        "Dzimšanas diena {when} — apsveiciet!",
    ),
    ReminderKind.ANNIVERSARY.value: (
        "Membership anniversary {when} (a member since {since}): make it a day to remember.",
        "Dalības gadadiena {when} (klients kopš {since}) — padariet šo dienu neaizmirstamu.",
    ),
    ReminderKind.LAST_VISIT.value: (
        "Last here {when} and bought {items}: ask how they liked it.",
        "Pēdējoreiz bija {when} un pirka {items} — pajautājiet, kā patika.",
    ),
    ReminderKind.USUAL_ITEMS.value: (
        "Usually buys {items}: offer them.",
        "Parasti pērk {items} — piedāvājiet.",
    ),
    ReminderKind.NOTE.value: ("Note ({by}, {on}): {note}", "Piezīme ({by}, {on}): {note}"),
    PREFERENCE: ("Prefers: {note}", "Vēlmes: {note}"),
    ReminderKind.PROMISE_DUE.value: (
        "Due {due}: {promise} (promised by {by}). Deliver as agreed.",
        "Termiņš {due}: {promise} (solīja {by}). Izpildiet, kā norunāts.",
    ),
    ReminderKind.PROMISE_OVERDUE.value: (
        "Overdue, it was due {due}: {promise} (promised by {by}). Apologise and say when.",
        "Nokavēts, termiņš bija {due}: {promise} (solīja {by}). Atvainojieties un pasakiet, kad"
        " būs.",
    ),
    ReminderKind.COMPLAINT.value: (
        "Open complaint ({on}, taken by {by}): {what}. Promised: {promised}. Show you care.",
        "Neatrisināta sūdzība ({on}, pieņēma {by}): {what}. Solīts: {promised}. Parādiet, ka"
        " jums rūp.",
    ),
    ReminderKind.WELCOME_BACK.value: (
        "Welcome them back: last here {when}, usually {usual}.",
        "Sakiet, ka priecājaties atkal redzēt: pēdējoreiz bija {when}, parasti nāk {usual}.",
    ),
    ReminderKind.STAGE_REACHED.value: (
        "New stage {when}: {stage}. Thank them for their loyalty.",
        "Jauns līmenis {when}: {stage}. Pateicieties par uzticību.",
    ),
    ReminderKind.REWARD_TODAY.value: (
        "Can use today: {rewards}. Offer it.",
        "Šodien var izmantot: {rewards}. Piedāvājiet.",
    ),
    ReminderKind.POINTS_EXPIRING.value: (
        "Points expiring {when}: {points}. Suggest a reward.",
        "Punkti, kuru derīgums beidzas {when}: {points}. Iesakiet tos izmantot.",
    ),
    STAGE_HINTS[Stage.VISITOR]: (
        "First visit: greet them warmly in the first seconds. The first impression counts.",
        "Pirmā reize: sveiciniet sirsnīgi jau pirmajās sekundēs. Pirmais iespaids ir svarīgs.",
    ),
    STAGE_HINTS[Stage.BUYER]: (
        "A buyer: listen to them, and ask how they liked what they bought.",
        "Pircējs: ieklausieties un pajautājiet, kā patika nopirktais.",
    ),
    STAGE_HINTS[Stage.CLIENT]: (
        "A regular: make them feel important and special.",
        "Pastāvīgs klients: lieciet justies svarīgam un īpašam.",
    ),
    STAGE_HINTS[Stage.ADVOCATE]: (
        "They tell everyone about us: thank them, and keep them proud of us.",
        "Stāsta par mums visiem: pateicieties un nepieviliet viņu uzticību.",
    ),
}


def template_fields(text: str) -> list[str]:
    """The placeholders a template uses, as written ("{name}" → "name", "{0}" → "0",
    "{name!r}" → "name!r"), so that only plain names pass a check against PLACEHOLDERS.

    Raises ValueError for a brace without its partner.
    """
    found = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        found.append(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return found


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Note:
    """A note or preference a colleague wrote (note_id None: written at enrolment)."""

    note_id: int | None
    text: str
    preference: bool = False
    written_by: str | None = None
    written_at: datetime | None = None


@dataclass(frozen=True)
class OpenPromise:
    """Something the shop agreed to do for the customer by a day (order, set aside, call)."""

    promise_id: int
    text: str
    due_on: date
    taken_by: str | None = None


@dataclass(frozen=True)
class OpenComplaint:
    complaint_id: int
    what: str  # what happened
    promised: str | None  # what the shop promised to put it right
    taken_by: str | None
    taken_at: datetime


@dataclass(frozen=True)
class CustomerFacts:
    """Everything the rules need to know about a customer as of now.

    Moments are aware; the rules see them in the shop's zone (that of `now`).
    """

    name: str
    address_as: str | None = None
    birthday: date | None = None
    member_since: datetime | None = None
    stage: Stage = Stage.VISITOR
    # The stage change that made `stage`, if it is the latest one.
    previous_stage: Stage | None = None
    stage_reached_at: datetime | None = None
    visits: int = 0  # days with a purchase
    last_visit_at: datetime | None = None
    last_items: tuple[str, ...] = ()  # what the last sale was (a few names)
    usual_items: tuple[str, ...] = ()  # what they buy most, most first
    usual_interval_days: Decimal | None = None  # their usual days between visits
    notes: tuple[Note, ...] = ()
    promises: tuple[OpenPromise, ...] = ()
    complaints: tuple[OpenComplaint, ...] = ()
    rewards: tuple[str, ...] = ()  # the names of the rewards they can use now
    points_expiring: int = 0
    points_expire_on: date | None = None

    @property
    def greeting(self) -> str:
        """The name to greet them with: how they like to be addressed, else their name."""
        return self.address_as or self.name


@dataclass(frozen=True)
class ReminderRules:
    """The owner's wording in the cashier's language, and the thresholds
    (posapp.services.settings.ReminderSettings)."""

    templates: Mapping[str, str]  # by template key, in `language`
    language: str = "en"
    birthday_window_days: int = 3  # the loyalty programme's birthday week: 3 days either side
    stage_news_days: int = 14  # a stage reached is news for this many days
    regular_visits: int = 3  # visits that make a usual interval worth trusting
    welcome_back_factor: Decimal = Decimal("1.5")  # an absence this many usual intervals …
    welcome_back_min_days: int = 14  # … and at least this long
    last_visit_within_days: int = 30  # older visits are not worth a question
    items_shown: int = 3


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    key: str  # names the occasion: marked done or dismissed, it stays away for it
    priority: int  # the rank (see the module's docstring): 1 first
    text: str
    refers_to: int | None = None  # the promise, complaint or note it is about
    day: date | None = None  # the day it is about: a birthday, a due day, a last visit …
    # It cannot be marked done or dismissed: it stays until resolved (a complaint).
    sticky: bool = False


# --------------------------------------------------------------------------- rules


def gone_quiet(
    last_visit: date | None,
    today: date,
    visits: int,
    usual_interval_days: Decimal | None,
    rules: ReminderRules,
) -> bool:
    """Whether a regular has been away longer than usual: at least `regular_visits` visits,
    and an absence of more than welcome_back_factor times their usual interval and at
    least welcome_back_min_days. The owner's quiet regulars are the same people."""
    if last_visit is None or usual_interval_days is None or visits < rules.regular_visits:
        return False
    absence = (today - last_visit).days
    return absence >= rules.welcome_back_min_days and absence > (
        rules.welcome_back_factor * usual_interval_days
    )


VISIT_INTERVAL_WEIGHT = Decimal("0.25")
_TENTH = Decimal("0.1")


def next_visit_interval(usual: Decimal | None, gap_days: int) -> Decimal:
    """The usual interval after a visit `gap_days` after the one before: an average that
    gives the newest gap a quarter of the weight, so a changed habit shows within a few
    visits, and one kept incrementally (one number per customer, nothing re-read)."""
    gap = Decimal(max(gap_days, 0))
    if usual is None:
        return gap.quantize(_TENTH)
    return (usual + VISIT_INTERVAL_WEIGHT * (gap - usual)).quantize(_TENTH, ROUND_HALF_UP)


def usual_interval(visit_days: Sequence[date]) -> Decimal | None:
    """The usual interval after these visit days (oldest first), as the sales' commits keep
    it one visit at a time (next_visit_interval); None before a second visit."""
    interval: Decimal | None = None
    for before, after in pairwise(visit_days):
        interval = next_visit_interval(interval, (after - before).days)
    return interval


_STAGE_ORDER = (Stage.VISITOR, Stage.BUYER, Stage.CLIENT, Stage.ADVOCATE)
_NEWS_STAGES = (Stage.CLIENT, Stage.ADVOCATE)


class _Rank:
    COMPLAINT = 1
    PROMISE_OVERDUE = 2
    BIRTHDAY_TODAY = 3
    STAGE_REACHED = 4
    WELCOME_BACK = 5
    PROMISE_DUE = 6
    NOTE = 7
    REWARD_TODAY = 8
    POINTS_EXPIRING = 9
    BIRTHDAY_THIS_WEEK = 10
    ANNIVERSARY = 11
    LAST_VISIT = 12
    USUAL_ITEMS = 13


@dataclass(frozen=True)
class _Ranked:
    reminder: Reminder
    order: tuple[int, ...] = ()  # within its rank: smaller first


class _Words:
    """Days and intervals said in the cashier's language."""

    def __init__(self, language: str, today: date) -> None:
        self.catalogue = translations(language)
        self.language = language
        self.today = today

    def when(self, day: date) -> str:
        """ "today", "tomorrow", "in 3 days", "2 days ago", else "on 2 Jan"."""
        catalogue = self.catalogue
        delta = (day - self.today).days
        if delta == 0:
            return catalogue.gettext(N_("today"))
        if delta == 1:
            return catalogue.gettext(N_("tomorrow"))
        if delta == -1:
            return catalogue.gettext(N_("yesterday"))
        if 1 < delta <= 6:
            return catalogue.ngettext("in {n} day", "in {n} days", delta).format(n=delta)
        if -6 <= delta < -1:
            return catalogue.ngettext("{n} day ago", "{n} days ago", -delta).format(n=-delta)
        shown = format_day_month(day, self.language, with_year=day.year != self.today.year)
        return catalogue.gettext(N_("on {date}")).format(date=shown)

    def every(self, days: Decimal) -> str:
        """ "every day", "every 9 days"."""
        whole = max(int(days.to_integral_value(ROUND_HALF_UP)), 1)
        return self.catalogue.ngettext("every day", "every {n} days", whole).format(n=whole)

    def text(self, message: str) -> str:
        return self.catalogue.gettext(message)


@dataclass(frozen=True)
class _Context:
    facts: CustomerFacts
    rules: ReminderRules
    now: datetime
    words: _Words

    @property
    def today(self) -> date:
        return self.words.today

    def day_of(self, moment: datetime) -> date:
        """The shop's day of a moment: a visit at 23:59 in Riga is that Riga day."""
        return moment.astimezone(self.now.tzinfo).date()

    def render(self, key: str, **values: object) -> str:
        template = self.rules.templates.get(key) or DEFAULT_TEMPLATES[key][0]
        return template.format(name=self.facts.greeting, **values)

    def items(self, names: Sequence[str]) -> str:
        return ", ".join(names[: self.rules.items_shown])

    def who(self, name: str | None) -> str:
        return name or self.words.text(N_("a colleague"))


def rank_reminders(facts: CustomerFacts, now: datetime, rules: ReminderRules) -> list[Reminder]:
    """The reminders that apply to the customer at `now` (aware, in the shop's zone; its
    date is the shop's day), ranked as the module's docstring says."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware moment in the shop's time zone")
    context = _Context(facts, rules, now, _Words(rules.language, now.date()))
    ranked = [
        ranked
        for rule in (
            _complaints,
            _promises,
            _birthday,
            _anniversary,
            _stage_reached,
            _welcome_back,
            _notes,
            _rewards,
            _points_expiring,
            _last_visit,
            _usual_items,
        )
        for ranked in rule(context)
    ]
    ranked.sort(key=lambda r: (r.reminder.priority, r.order, r.reminder.key))
    return [r.reminder for r in ranked]


def stage_hint(facts: CustomerFacts, rules: ReminderRules) -> str:
    """The short line of what their stage asks of the cashier."""
    template = rules.templates.get(STAGE_HINTS[facts.stage])
    return (template or DEFAULT_TEMPLATES[STAGE_HINTS[facts.stage]][0]).format(name=facts.greeting)


def _complaints(context: _Context) -> Iterable[_Ranked]:
    for complaint in context.facts.complaints:
        text = context.render(
            ReminderKind.COMPLAINT.value,
            what=complaint.what,
            promised=complaint.promised or context.words.text(N_("nothing yet")),
            by=context.who(complaint.taken_by),
            on=context.words.when(context.day_of(complaint.taken_at)),
        )
        yield _Ranked(
            Reminder(
                ReminderKind.COMPLAINT,
                f"complaint:{complaint.complaint_id}",
                _Rank.COMPLAINT,
                text,
                refers_to=complaint.complaint_id,
                day=context.day_of(complaint.taken_at),
                sticky=True,
            ),
            (int(complaint.taken_at.timestamp()), complaint.complaint_id),
        )


def _promises(context: _Context) -> Iterable[_Ranked]:
    today = context.today
    for promise in context.facts.promises:
        kind = ReminderKind.PROMISE_OVERDUE if promise.due_on < today else ReminderKind.PROMISE_DUE
        text = context.render(
            kind.value,
            promise=promise.text,
            due=context.words.when(promise.due_on),
            by=context.who(promise.taken_by),
        )
        yield _Ranked(
            Reminder(
                kind,
                f"promise:{promise.promise_id}:{today.isoformat()}",
                _Rank.PROMISE_OVERDUE
                if kind is ReminderKind.PROMISE_OVERDUE
                else _Rank.PROMISE_DUE,
                text,
                refers_to=promise.promise_id,
                day=promise.due_on,
            ),
            (promise.due_on.toordinal(), promise.promise_id),
        )


def _birthday(context: _Context) -> Iterable[_Ranked]:
    birthday = context.facts.birthday
    kept = birthday_near(birthday, context.today, context.rules.birthday_window_days)
    if birthday is None or kept is None:
        return
    text = context.render(
        ReminderKind.BIRTHDAY.value, when=context.words.when(kept), age=kept.year - birthday.year
    )
    rank = _Rank.BIRTHDAY_TODAY if kept == context.today else _Rank.BIRTHDAY_THIS_WEEK
    yield _Ranked(
        Reminder(ReminderKind.BIRTHDAY, f"birthday:{kept.year}", rank, text, day=kept),
        (abs((kept - context.today).days),),
    )


def _anniversary(context: _Context) -> Iterable[_Ranked]:
    """The day they joined, kept every year like a birthday (29 February on the 28th)."""
    if context.facts.member_since is None:
        return
    joined = context.day_of(context.facts.member_since)
    kept = birthday_near(joined, context.today, context.rules.birthday_window_days)
    if kept is None or kept.year <= joined.year:
        return
    text = context.render(
        ReminderKind.ANNIVERSARY.value,
        when=context.words.when(kept),
        since=format_day_month(joined, context.rules.language, with_year=True),
        years=kept.year - joined.year,
    )
    yield _Ranked(
        Reminder(
            ReminderKind.ANNIVERSARY, f"anniversary:{kept.year}", _Rank.ANNIVERSARY, text, day=kept
        ),
        (abs((kept - context.today).days),),
    )


def _stage_reached(context: _Context) -> Iterable[_Ranked]:
    facts = context.facts
    if (
        facts.stage not in _NEWS_STAGES
        or facts.previous_stage is None
        or facts.stage_reached_at is None
        or _STAGE_ORDER.index(facts.previous_stage) >= _STAGE_ORDER.index(facts.stage)
    ):
        return
    reached = context.day_of(facts.stage_reached_at)
    if (context.today - reached).days >= context.rules.stage_news_days:
        return
    text = context.render(
        ReminderKind.STAGE_REACHED.value,
        stage=stage_name(facts.stage, context.rules.language),
        when=context.words.when(reached),
    )
    yield _Ranked(
        Reminder(
            ReminderKind.STAGE_REACHED,
            f"stage:{facts.stage.value}:{reached.isoformat()}",
            _Rank.STAGE_REACHED,
            text,
            day=reached,
        )
    )


def _last_day(context: _Context) -> date | None:
    """The shop's day of their last visit, if it was before today."""
    last = context.facts.last_visit_at
    if last is None or context.day_of(last) >= context.today:
        return None
    return context.day_of(last)


def _welcome_back(context: _Context) -> Iterable[_Ranked]:
    facts = context.facts
    last = _last_day(context)
    usual = facts.usual_interval_days
    if last is None or usual is None:
        return
    if not gone_quiet(last, context.today, facts.visits, usual, context.rules):
        return
    text = context.render(
        ReminderKind.WELCOME_BACK.value,
        when=context.words.when(last),
        days=(context.today - last).days,
        usual=context.words.every(usual),
    )
    yield _Ranked(
        Reminder(
            ReminderKind.WELCOME_BACK,
            f"welcome_back:{last.isoformat()}",
            _Rank.WELCOME_BACK,
            text,
            day=last,
        )
    )


def _last_visit(context: _Context) -> Iterable[_Ranked]:
    last = _last_day(context)
    if (
        last is None
        or not context.facts.last_items
        or (context.today - last).days > context.rules.last_visit_within_days
    ):
        return
    text = context.render(
        ReminderKind.LAST_VISIT.value,
        when=context.words.when(last),
        items=context.items(context.facts.last_items),
    )
    yield _Ranked(
        Reminder(
            ReminderKind.LAST_VISIT,
            f"last_visit:{last.isoformat()}",
            _Rank.LAST_VISIT,
            text,
            day=last,
        )
    )


def _usual_items(context: _Context) -> Iterable[_Ranked]:
    if not context.facts.usual_items:
        return
    text = context.render(
        ReminderKind.USUAL_ITEMS.value, items=context.items(context.facts.usual_items)
    )
    yield _Ranked(
        Reminder(
            ReminderKind.USUAL_ITEMS,
            f"usual_items:{context.today.isoformat()}",
            _Rank.USUAL_ITEMS,
            text,
        )
    )


def _notes(context: _Context) -> Iterable[_Ranked]:
    today = context.today.isoformat()
    for note in context.facts.notes:
        written = None if note.written_at is None else context.day_of(note.written_at)
        text = context.render(
            PREFERENCE if note.preference else ReminderKind.NOTE.value,
            note=note.text,
            by=context.who(note.written_by),
            on=context.words.when(written) if written else context.words.text(N_("at enrolment")),
        )
        number = "enrolment" if note.note_id is None else str(note.note_id)
        yield _Ranked(
            Reminder(
                ReminderKind.NOTE,
                f"note:{number}:{today}",
                _Rank.NOTE,
                text,
                refers_to=note.note_id,
                day=written,
            ),
            (0 if note.preference else 1, -(note.note_id or 0)),
        )


def _rewards(context: _Context) -> Iterable[_Ranked]:
    if not context.facts.rewards:
        return
    text = context.render(ReminderKind.REWARD_TODAY.value, rewards=", ".join(context.facts.rewards))
    yield _Ranked(
        Reminder(
            ReminderKind.REWARD_TODAY,
            f"rewards:{context.today.isoformat()}",
            _Rank.REWARD_TODAY,
            text,
        )
    )


def _points_expiring(context: _Context) -> Iterable[_Ranked]:
    facts = context.facts
    if facts.points_expiring <= 0 or facts.points_expire_on is None:
        return
    day = max(facts.points_expire_on, context.today)
    text = context.render(
        ReminderKind.POINTS_EXPIRING.value,
        points=facts.points_expiring,
        when=context.words.when(day),
    )
    yield _Ranked(
        Reminder(
            ReminderKind.POINTS_EXPIRING,
            f"points_expiring:{facts.points_expire_on.isoformat()}",
            _Rank.POINTS_EXPIRING,
            text,
            day=day,
        )
    )
