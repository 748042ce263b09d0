"""Customer care: staff reminders at the counter, and the owner's lists to act on.

Each public function is one user action in one transaction, like every service; a
function named read_* reads inside a transaction the caller already holds.

* reminders: a customer's care as the counter shows it on a card scan (CustomerCare);
* counter: what the till does for the customer: reminders acted upon, notes,
  promises, complaints, a rating of the service and its comment, the offer of a card;
* lists: the owner's lists (owner or manager).

This module is the package's public face: what the GUI, the command line and the other
services call as care.<name>. (posapp.services.reports.care is the care report.)
"""

from __future__ import annotations

from posapp.services.care.counter import (
    COMPLAINT_LENGTH,
    NOTE_LENGTH,
    PROMISE_LENGTH,
    RATING_COMMENT_LENGTH,
    RESOLUTION_LENGTH,
    CardOfferAnswer,
    RatingRecorded,
    add_complaint,
    add_note,
    add_promise,
    comment_on_rating,
    mark_reminder,
    rate_service,
    record_card_offer,
    resolve_complaint,
    resolve_promise,
)
from posapp.services.care.lists import (
    BIRTHDAY_LIST_DAYS,
    BirthdayRow,
    CardOfferCounts,
    ComplaintRow,
    PromiseRow,
    QuietRegular,
    RatingRow,
    Ratings,
    ReminderActivity,
    birthdays_this_week,
    card_offer_counts,
    export_quiet_regulars,
    open_complaints,
    overdue_promises,
    quiet_regulars,
    ratings,
    reminder_activity,
)
from posapp.services.care.reminders import (
    NOTES_SHOWN,
    CustomerCare,
    customer_reminders,
    read_card,
    read_care,
)

__all__ = [
    "BIRTHDAY_LIST_DAYS",
    "COMPLAINT_LENGTH",
    "NOTES_SHOWN",
    "NOTE_LENGTH",
    "PROMISE_LENGTH",
    "RATING_COMMENT_LENGTH",
    "RESOLUTION_LENGTH",
    "BirthdayRow",
    "CardOfferAnswer",
    "CardOfferCounts",
    "ComplaintRow",
    "CustomerCare",
    "PromiseRow",
    "QuietRegular",
    "RatingRecorded",
    "RatingRow",
    "Ratings",
    "ReminderActivity",
    "add_complaint",
    "add_note",
    "add_promise",
    "birthdays_this_week",
    "card_offer_counts",
    "comment_on_rating",
    "customer_reminders",
    "export_quiet_regulars",
    "mark_reminder",
    "open_complaints",
    "overdue_promises",
    "quiet_regulars",
    "rate_service",
    "ratings",
    "read_card",
    "read_care",
    "record_card_offer",
    "reminder_activity",
    "resolve_complaint",
    "resolve_promise",
]
