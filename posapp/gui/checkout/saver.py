"""Save the cart being rung up on a thread of its own, so a scan never waits for the disk.

Every change of the cart is saved (parking.save_open_cart: one durable write,
an fsync on SQLite, a round trip to a PostgreSQL server), so that a crash or a
power cut loses nothing. Done on the GUI thread it would sit between the scan
and the painted row, and an occasional WAL checkpoint or a slow network would
freeze the till for its length. Here the window hands the newest cart to
`save()` and carries on; the thread writes it a moment later in its own
transaction. Carts that arrive meanwhile replace each other: only the newest is
written (every save holds the whole cart).

"A moment later" is WRITE_DELAY_S after the first unsaved change: the thread
shares Python's interpreter lock with the GUI, and writing at once would take
it from the GUI thread while that paints the scan. The delay does not restart
with each change, so a cart is never more than that, plus one write, from disk.

Anything else that writes the sale (completing, parking, voiding, resuming)
first calls `flush()`, which waits for the write under way, so a late save can
never bring back a cart that was just completed or parked.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from posapp.db.uow import UnitOfWork
from posapp.domain.cart import Cart
from posapp.domain.roles import Actor
from posapp.errors import PosError
from posapp.services import parking

log = logging.getLogger(__name__)

WRITE_DELAY_S = 0.03  # the scan is painted meanwhile (a few milliseconds)


class CartSaver(QObject):
    """Writes the newest cart handed to save() on a background thread.

    `failed(message)` when a write fails (the cart stays on screen; the next
    save tries again); `recovered()` at the first write that succeeds after one
    failed. Both are delivered on the GUI thread.
    """

    failed = Signal(str)
    recovered = Signal()

    def __init__(self, uow: UnitOfWork, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A unit of work of its own: the GUI thread's is not to be shared across threads.
        self._uow = UnitOfWork(uow.engine, uow.clock)
        self._condition = threading.Condition()
        self._pending: tuple[Actor, Cart] | None = None
        self._writing = False
        self._waiting = 0  # flush() calls waiting: write now
        self._stopping = False
        self._failing = False
        self._thread = threading.Thread(target=self._run, name="posapp-cart-saver", daemon=True)
        self._thread.start()

    def save(self, actor: Actor, cart: Cart) -> None:
        """Have `cart` written soon; returns at once."""
        with self._condition:
            self._pending = (actor, cart)
            self._condition.notify_all()

    @property
    def busy(self) -> bool:
        """Whether a cart is waiting to be written or being written."""
        with self._condition:
            return self._pending is not None or self._writing

    def flush(self) -> None:
        """Wait until every cart handed to save() is written (or has failed)."""
        with self._condition:
            self._waiting += 1
            self._condition.notify_all()
            try:
                self._condition.wait_for(lambda: self._pending is None and not self._writing)
            finally:
                self._waiting -= 1

    def stop(self) -> None:
        """Write what is pending, then end the thread."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._stopping)
                if self._pending is None:
                    return  # stopping, and nothing left to write
                self._condition.wait_for(
                    lambda: self._waiting > 0 or self._stopping, timeout=WRITE_DELAY_S
                )
                assert self._pending is not None
                actor, cart = self._pending
                self._pending = None
                self._writing = True
            try:
                self._write(actor, cart)
            finally:
                with self._condition:
                    self._writing = False
                    self._condition.notify_all()

    def _write(self, actor: Actor, cart: Cart) -> None:
        try:
            parking.save_open_cart(self._uow, actor, cart)
        except PosError as error:
            self._failing = True
            self.failed.emit(error.message)
            return
        except Exception:  # a bug must not end the thread: every later save would be lost
            log.exception("saving the open cart failed")
            self._failing = True
            self.failed.emit(self.tr("An unexpected error (written to posapp.log)."))
            return
        if self._failing:
            self._failing = False
            self.recovered.emit()
