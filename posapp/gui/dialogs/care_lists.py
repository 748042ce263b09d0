"""The owner's customer care lists: regulars gone quiet (exported as CSV for getting in
touch), birthdays this week, promises overdue, open complaints, the ratings of the service
with what customers said, and which reminders the counter acted upon. Owner or manager
(the services refuse anyone else). The lists are read, and the CSV written, off the GUI
thread (posapp.gui.operations); the dialog says it is busy meanwhile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QFileDialog, QHeaderView, QTableView, QWidget

from posapp.db.uow import UnitOfWork
from posapp.domain.reminders import kind_name
from posapp.domain.roles import Actor
from posapp.gui.dialogs.base import KeyDialog, show_message
from posapp.gui.formatting import format_count, format_day, format_moment
from posapp.gui.forms.ui_care_lists_dialog import Ui_CareListsDialog
from posapp.gui.models.base import TableModel
from posapp.gui.models.listing import ListColumn, ListModel
from posapp.gui.operations import BusyBar, Operations
from posapp.services import care
from posapp.services.care import (
    BirthdayRow,
    CardOfferCounts,
    ComplaintRow,
    PromiseRow,
    QuietRegular,
    RatingRow,
    Ratings,
    ReminderActivity,
)

ACTIVITY_DAYS = 30  # ratings, reminders acted upon, card offers: the last this many days


@dataclass(frozen=True)
class CareLists:
    """All the dialog shows, read in one go on the worker."""

    quiet: list[QuietRegular]
    birthdays: list[BirthdayRow]
    promises: list[PromiseRow]
    complaints: list[ComplaintRow]
    ratings: Ratings
    activity: list[ReminderActivity]
    offers: CardOfferCounts


def read_care_lists(uow: UnitOfWork, actor: Actor, zone: ZoneInfo) -> CareLists:
    """The lists (each is its own read of the shop's database); on the worker thread."""
    today = uow.now().astimezone(zone).date()
    since = today - timedelta(days=ACTIVITY_DAYS - 1)
    return CareLists(
        quiet=care.quiet_regulars(uow, actor),
        birthdays=care.birthdays_this_week(uow, actor),
        promises=care.overdue_promises(uow, actor),
        complaints=care.open_complaints(uow, actor),
        ratings=care.ratings(uow, actor, since, today),
        activity=care.reminder_activity(uow, actor, since, today),
        offers=care.card_offer_counts(uow, actor, since, today),
    )


class CareListsDialog(KeyDialog):
    def __init__(
        self,
        uow: UnitOfWork,
        actor: Actor,
        *,
        language: str,
        time_zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CareListsDialog()
        self.ui.setupUi(self)  # type: ignore[no-untyped-call]  # generated code
        self.polish_form()
        self._uow, self._actor = uow, actor
        self._language, self._zone = language, ZoneInfo(time_zone)
        self.operations = Operations(uow, self)
        self.exports = Operations(uow, self)  # a file being written is not dropped by a read
        self.busy = BusyBar(self).watch(self.operations, self.exports)
        self.ui.buttonsLayout.insertWidget(0, self.busy)
        day = self._day
        count = self._count
        self.quiet: ListModel[QuietRegular] = ListModel(
            [
                ListColumn(self.tr("Name"), lambda r: r.name),
                ListColumn(self.tr("Phone"), lambda r: r.phone or "—"),
                ListColumn(self.tr("E-mail"), lambda r: r.email or "—"),
                ListColumn(self.tr("Visits"), lambda r: count(r.visits), True),
                ListColumn(self.tr("Last visit"), lambda r: day(r.last_visit_on)),
                ListColumn(
                    self.tr("Usually every (days)"),
                    lambda r: self._days(r.usual_interval_days),
                    True,
                ),
                ListColumn(self.tr("Days away"), lambda r: count(r.days_away), True),
            ],
            self,
        )
        self.birthdays: ListModel[BirthdayRow] = ListModel(
            [
                ListColumn(self.tr("Name"), lambda r: r.name),
                ListColumn(self.tr("Birthday"), lambda r: day(r.on)),
                ListColumn(self.tr("Turns"), lambda r: count(r.age), True),
                ListColumn(self.tr("Phone"), lambda r: r.phone or "—"),
                ListColumn(self.tr("E-mail"), lambda r: r.email or "—"),
            ],
            self,
        )
        self.promises: ListModel[PromiseRow] = ListModel(
            [
                ListColumn(self.tr("Customer"), lambda r: r.customer_name),
                ListColumn(self.tr("Phone"), lambda r: r.phone or "—"),
                ListColumn(self.tr("Promised"), lambda r: r.what),
                ListColumn(self.tr("Due"), lambda r: day(r.due_on)),
                ListColumn(self.tr("Days overdue"), lambda r: count(r.days_overdue), True),
                ListColumn(self.tr("Taken by"), lambda r: r.taken_by or "—"),
            ],
            self,
        )
        self.complaints: ListModel[ComplaintRow] = ListModel(
            [
                ListColumn(self.tr("Customer"), lambda r: r.customer_name),
                ListColumn(self.tr("Phone"), lambda r: r.phone or "—"),
                ListColumn(self.tr("What happened"), lambda r: r.what),
                ListColumn(self.tr("Promised"), lambda r: r.promised or "—"),
                ListColumn(self.tr("Taken"), lambda r: self._moment(r)),
                ListColumn(self.tr("Taken by"), lambda r: r.taken_by or "—"),
                ListColumn(self.tr("Days open"), lambda r: count(r.days_open), True),
            ],
            self,
        )
        self.ratings: ListModel[RatingRow] = ListModel(
            [
                ListColumn(self.tr("When"), self._rated_at),
                ListColumn(self.tr("Customer"), lambda r: r.customer_name),
                ListColumn(self.tr("Rating"), lambda r: f"{r.rating} / 5", True),
                ListColumn(self.tr("What they said"), lambda r: r.comment or "—"),
                ListColumn(self.tr("Taken by"), lambda r: r.taken_by or "—"),
            ],
            self,
        )
        self.activity: ListModel[ReminderActivity] = ListModel(
            [
                ListColumn(self.tr("Reminder"), lambda r: kind_name(r.kind)),
                ListColumn(self.tr("Done"), lambda r: count(r.done), True),
                ListColumn(self.tr("Dismissed"), lambda r: count(r.dismissed), True),
            ],
            self,
        )
        ui = self.ui
        for view, model, texts in (
            (ui.quietView, self.quiet, ()),
            (ui.birthdaysView, self.birthdays, ()),
            (ui.promisesView, self.promises, (2,)),
            (ui.complaintsView, self.complaints, (2, 3)),
            (ui.ratingsView, self.ratings, (3,)),
            (ui.activityView, self.activity, (0,)),
        ):
            _show(view, model, texts)
        ui.exportButton.clicked.connect(self.export_quiet_regulars)
        ui.exportButton.setEnabled(False)  # until the quiet regulars are read
        ui.closeButton.clicked.connect(self.reject)
        self.refresh()

    def confirm(self) -> None:
        self.accept()

    def refresh(self) -> None:
        """Read the lists again, off the GUI thread."""
        actor, zone = self._actor, self._zone
        self.operations.run(
            lambda uow: read_care_lists(uow, actor, zone),
            self._show_lists,
            lambda error: show_message(self.ui.messageLabel, error.message),
        )

    def _show_lists(self, lists: CareLists) -> None:
        quiet, birthdays, promises = lists.quiet, lists.birthdays, lists.promises
        complaints, ratings = lists.complaints, lists.ratings
        activity, offers = lists.activity, lists.offers
        self.quiet.set_rows(quiet)
        self.birthdays.set_rows(birthdays)
        self.promises.set_rows(promises)
        self.complaints.set_rows(complaints)
        for index, (title, rows) in enumerate(
            (
                (self.tr("Quiet regulars ({count})"), len(quiet)),
                (self.tr("Birthdays ({count})"), len(birthdays)),
                (self.tr("Promises overdue ({count})"), len(promises)),
                (self.tr("Open complaints ({count})"), len(complaints)),
                (self.tr("Ratings ({count})"), len(ratings.rows)),
            )
        ):
            self.ui.listsTabs.setTabText(index, title.format(count=self._count(rows)))
        self.ratings.set_rows(ratings.rows)
        self.ui.ratingsLabel.setText(
            self.tr("Ratings in the last {days} days: {count}, on average {average} of 5.").format(
                days=ACTIVITY_DAYS,
                average=format_count(ratings.average, self._language),
                count=self._count(len(ratings.rows)),
            )
            if ratings.average is not None
            else self.tr("No ratings in the last {days} days. Alt+1 … Alt+5 after a sale.").format(
                days=ACTIVITY_DAYS
            )
        )
        self.activity.set_rows(activity)
        self.ui.exportButton.setEnabled(bool(quiet))
        self.ui.offersLabel.setText(
            self.tr(
                "Buyers without a card, the last {days} days: {accepted} took a card, "
                "{declined} said no, {not_asked} were not asked."
            ).format(
                days=ACTIVITY_DAYS,
                accepted=self._count(offers.accepted),
                declined=self._count(offers.declined),
                not_asked=self._count(offers.not_asked),
            )
        )

    def export_quiet_regulars(self) -> None:
        """Save the quiet regulars as a CSV file where the owner chooses."""
        today = self._uow.now().astimezone(self._zone).date()
        suggested = Path.home() / self.tr("quiet-regulars-{date}.csv").format(date=today)
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export quiet regulars"), str(suggested), self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        actor, target = self._actor, Path(path)

        def write(uow: UnitOfWork) -> int | OSError:
            try:
                return care.export_quiet_regulars(uow, actor, target)
            except OSError as error:  # the place chosen: said as such, not as a fault
                return error

        self.exports.run(
            write,
            lambda outcome: self._exported(outcome, path),
            lambda error: show_message(self.ui.messageLabel, error.message),
        )

    def _exported(self, outcome: int | OSError, path: str) -> None:
        if isinstance(outcome, OSError):
            show_message(
                self.ui.messageLabel,
                self.tr("The file could not be written ({reason}). Choose another place.").format(
                    reason=outcome.strerror or outcome
                ),
            )
        else:
            show_message(
                self.ui.messageLabel,
                self.tr("Saved to {path}. Customers in it: {count}.").format(
                    count=self._count(outcome), path=path
                ),
                error=False,
            )

    # -- what the cells say ------------------------------------------------------------------
    def _count(self, number: int) -> str:
        return format_count(number, self._language)

    def _day(self, day: date) -> str:
        return format_day(day, self._language)

    def _days(self, days: Decimal) -> str:
        return self._count(max(int(days.to_integral_value(ROUND_HALF_UP)), 1))

    def _moment(self, complaint: ComplaintRow) -> str:
        return format_moment(complaint.taken_at, self._language, str(self._zone), part="date")

    def _rated_at(self, rating: RatingRow) -> str:
        return format_moment(rating.at, self._language, str(self._zone))


TEXT_COLUMN_WIDTH = 260  # a free text (what was promised, what happened): cut, whole in a tooltip


def _show(view: QTableView, model: TableModel, texts: tuple[int, ...]) -> None:
    """Columns as wide as what they hold, free texts as wide as TEXT_COLUMN_WIDTH (they can
    be widened by hand); the last column takes what room is left."""
    view.setModel(model)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in texts:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, TEXT_COLUMN_WIDTH)
    header.setStretchLastSection(True)
