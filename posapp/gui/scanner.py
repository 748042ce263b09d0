"""Catch keyboard-wedge scanner bursts anywhere in the application.

Install one :class:`ScannerFilter` on the application::

    scanner = ScannerFilter(app)
    app.installEventFilter(scanner)
    scanner.scanned.connect(checkout.route_scan)

It sees every key press wherever the focus is and lets
:class:`~posapp.devices.scanner.BurstDetector` decide. Printable characters are
held back (swallowed) while they arrive within the threshold; a burst ended by
Enter or Tab becomes ``scanned(code)`` and never reaches the focused widget.
Anything else is replayed, in order, to the object it was sent to: a copy of
each held key event is sent with :meth:`QCoreApplication.sendEvent` (the filter
lets its own copies through). A single-shot timer releases held characters
once the threshold has passed, so a person sees what they type within about
``threshold_ms``.

Key releases: a widget may act on a release (a button pressed with the space
bar clicks on release), so a release is kept with its held press and replayed
right after it; the releases of the keys of a scan are swallowed.

A window whose TYPING_PROPERTY is true (the PIN, float, cash-count and customer
care dialogs) is left alone: whatever is typed there is typing, however fast.

What the filter does not see: keys Qt delivers as shortcuts (``QShortcut``,
``QAction``) never arrive as key presses, and text composed by an input method
arrives as input-method events. Keys pressed with Ctrl, Alt or Meta and
auto-repeated keys pass straight through (after anything held, to keep order);
pressing only a modifier (Shift, which a scanner presses for capitals) changes
nothing.

Timing is measured when the application handles each key. If the GUI is busy
for longer than the threshold in the middle of a burst, the burst is split:
its first part is released as typing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from posapp.devices.scanner import (
    DEFAULT_MIN_LENGTH,
    DEFAULT_THRESHOLD_MS,
    BurstDetector,
    Hold,
    PassThrough,
    Scan,
)

__all__ = ["TYPING_PROPERTY", "ScannerFilter"]

_KEY_PRESS = QEvent.Type.KeyPress
_KEY_RELEASE = QEvent.Type.KeyRelease
# A person touching the till, besides a key: the idle lock waits for none of these.
_TOUCHES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.Wheel})
_TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
# Pressing only a modifier types nothing and moves nothing: it neither ends a burst nor is
# held (a scanner presses Shift for every capital letter: "RT1-000123").
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


TYPING_PROPERTY = "keysAreTyping"


def _typing_window() -> bool:
    """Whether the active window says its keys are always a person's (TYPING_PROPERTY)."""
    window = QApplication.activeWindow()
    return window is not None and bool(window.property(TYPING_PROPERTY))


@dataclass(eq=False, slots=True)
class _HeldKey:
    """A swallowed key press, kept to be replayed to where it was going."""

    receiver: QObject
    key: int
    press: QKeyEvent
    release: QKeyEvent | None = None


class ScannerFilter(QObject):
    """An application-wide event filter that turns scanner bursts into ``scanned(code)``.

    ``threshold_ms`` is the largest gap between the keys of a burst,
    ``min_length`` the fewest characters of a scan; ``clock`` returns
    milliseconds on a monotonic clock (default: a ``QElapsedTimer``), for tests.

    It also says ``activity()`` when a key is pressed or a mouse button, the screen or
    the wheel is touched, enabled or not (the till's idle lock): one filter sees every
    event of the application, so the common path stays one Python call.
    """

    scanned = Signal(str)
    activity = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        threshold_ms: int = DEFAULT_THRESHOLD_MS,
        min_length: int = DEFAULT_MIN_LENGTH,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(parent)
        self._detector: BurstDetector[_HeldKey] = BurstDetector(threshold_ms, min_length)
        if clock is None:
            elapsed = QElapsedTimer()
            elapsed.start()

            def clock() -> float:
                return elapsed.nsecsElapsed() / 1_000_000

        self._clock = clock
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._release_due)
        # Our own replayed copies, while they are being delivered (a stack: a replayed
        # key may open a dialog whose event loop delivers further keys meanwhile).
        self._replaying: list[QKeyEvent] = []
        # Key codes whose next release belongs to a press swallowed by a scan.
        self._releases_to_swallow: dict[int, int] = {}

    @property
    def threshold_ms(self) -> float:
        return self._detector.threshold_ms

    @property
    def min_length(self) -> int:
        return self._detector.min_length

    @property
    def enabled(self) -> bool:
        """Whether bursts are captured; when off, every key passes untouched.

        Switching off replays anything held at that moment.
        """
        return self._enabled

    @enabled.setter
    def enabled(self, enabled: bool) -> None:
        if not enabled and self._enabled:
            self._timer.stop()
            self._replay(self._detector.flush())
        self._enabled = enabled

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Called for every event of the application: keep the common path short.
        event_type = event.type()
        if event_type is not _KEY_PRESS and event_type is not _KEY_RELEASE:
            if event_type in _TOUCHES:
                self.activity.emit()
            return False
        if event_type is _KEY_PRESS:
            self.activity.emit()
        if not self._enabled or not isinstance(event, QKeyEvent):
            return False
        if self._replaying and any(event is replayed for replayed in self._replaying):
            return False
        if event_type is _KEY_PRESS and _typing_window():
            # A PIN or a cash count typed quickly stays what it is: typing. (Anything held
            # when such a window came up is released by the timer as usual.)
            return False
        if event_type is _KEY_PRESS:
            return self._key_pressed(watched, event)
        return self._key_released(event)

    # A key event the filter lets through may be seen again: Qt delivers a key first to the
    # window, then to the focus widget, then to its parents while it is ignored. Only
    # printable keys are held and they are swallowed at first sight; everything that passes
    # leaves nothing held, so seeing it again changes nothing.

    def _key_pressed(self, watched: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        if event.isAutoRepeat():
            text, terminator = "", False
        else:
            self._releases_to_swallow.pop(key, None)  # pressed again: that release is past
            plain = not event.modifiers() & _SHORTCUT_MODIFIERS
            text = event.text() if plain else ""
            terminator = plain and key in _TERMINATORS
        held = _HeldKey(watched, key, event.clone())
        decision = self._detector.key(held, text, terminator, self._clock())
        if isinstance(decision, Hold):
            self._replay(decision.release)
            self._arm_timer()
            event.accept()  # accepted and filtered: Qt does not offer it to the parents
            return True
        if isinstance(decision, PassThrough):
            self._replay(decision.release)
            self._arm_timer()
            return False
        assert isinstance(decision, Scan)
        for scanned_key in decision.keys:
            if scanned_key.release is None:
                self._swallow_release(scanned_key.key)
        self._swallow_release(key)
        event.accept()
        self.scanned.emit(decision.code)
        return True

    def _key_released(self, event: QKeyEvent) -> bool:
        if event.isAutoRepeat():
            return False
        key = event.key()
        for held in reversed(self._detector.held):
            if held.key == key and held.release is None:
                held.release = event.clone()
                return True
        pending = self._releases_to_swallow.get(key, 0)
        if pending:
            if pending == 1:
                del self._releases_to_swallow[key]
            else:
                self._releases_to_swallow[key] = pending - 1
            return True
        return False

    def _swallow_release(self, key: int) -> None:
        self._releases_to_swallow[key] = self._releases_to_swallow.get(key, 0) + 1

    def _release_due(self) -> None:
        self._replay(self._detector.timeout(self._clock()))
        self._arm_timer()

    def _arm_timer(self) -> None:
        """Make sure the timer fires by the time the held keys are due.

        A running timer is left alone (not restarted on every key): it fires at the
        deadline of an earlier key, finds nothing due yet and comes here again. Nor is it
        stopped when nothing is held: firing then does nothing.
        """
        deadline = self._detector.deadline_ms
        if deadline is None or self._timer.isActive():
            return
        # The detector releases once *more* than the threshold has passed: one ms beyond.
        self._timer.start(max(0, math.floor(deadline - self._clock())) + 1)

    def _replay(self, keys: tuple[_HeldKey, ...]) -> None:
        for held in keys:
            if not shiboken6.isValid(held.receiver):
                continue  # the widget it was typed into is gone
            self._send(held.receiver, held.press)
            if held.release is not None and shiboken6.isValid(held.receiver):
                self._send(held.receiver, held.release)

    def _send(self, receiver: QObject, event: QKeyEvent) -> None:
        self._replaying.append(event)
        try:
            QCoreApplication.sendEvent(receiver, event)
        finally:
            self._replaying.pop()
