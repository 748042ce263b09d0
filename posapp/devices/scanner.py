"""Tell a keyboard-wedge scanner from a person typing, by timing alone.

A scanner "types" the decoded barcode as a burst of key presses a few
milliseconds apart and ends it with Enter or Tab. A person types with gaps of
a hundred milliseconds or more. :class:`BurstDetector` is fed every key press
with its time and decides, for each one, in real time, what an event filter
must do with it. It works by *hold and replay*:

* A printable character is **held** (swallowed for now) while characters keep
  arriving at most ``threshold_ms`` apart.
* A terminator (Enter or Tab) within the threshold after at least
  ``min_length`` held characters makes them a :class:`Scan`: the held keys
  and the terminator are swallowed and the code is reported.
* Otherwise the held keys are **released**: the caller replays them, in order,
  to where they were going, and no keystroke is lost. That happens when the
  next key comes later than the threshold, when :meth:`BurstDetector.timeout`
  is called after the threshold has passed with nothing more (the caller's
  timer: a person who typed one character sees it within the threshold), when
  a terminator follows too few characters (two characters and Enter are a
  person pressing Enter), and when a non-printable key (an arrow, a function
  key, Backspace, a shortcut) arrives: it passes through after them. (A key
  that is only a modifier, such as the Shift a scanner presses for a capital,
  is not fed to the detector at all.)

The detector never looks inside a key: ``KeyT`` is whatever the caller needs to
replay it (the GUI keeps a copy of the Qt key event and its receiver). Times
are milliseconds on any monotonic clock. Pure Python: no I/O, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

__all__ = [
    "DEFAULT_MIN_LENGTH",
    "DEFAULT_THRESHOLD_MS",
    "BurstDetector",
    "Decision",
    "Hold",
    "PassThrough",
    "Scan",
    "SerialFrames",
]

DEFAULT_THRESHOLD_MS = 50
DEFAULT_MIN_LENGTH = 3

KeyT = TypeVar("KeyT")


@dataclass(frozen=True, slots=True)
class Hold(Generic[KeyT]):
    """Swallow the current key: it is held, perhaps the start or middle of a scan.

    First replay ``release``, in order: keys held earlier that turned out to be
    typing (the current key came too late to belong to their burst).
    """

    release: tuple[KeyT, ...] = ()


@dataclass(frozen=True, slots=True)
class PassThrough(Generic[KeyT]):
    """Replay ``release`` (held keys, in order), then deliver the current key normally."""

    release: tuple[KeyT, ...] = ()


@dataclass(frozen=True, slots=True)
class Scan(Generic[KeyT]):
    """The held ``keys`` and the current key (the terminator) were a scan of ``code``.

    Swallow the current key; the held keys stay swallowed. Nothing to replay.
    """

    code: str
    keys: tuple[KeyT, ...]


Decision: TypeAlias = Hold[KeyT] | PassThrough[KeyT] | Scan[KeyT]


class BurstDetector(Generic[KeyT]):
    """Decide, key by key, whether key presses are a scanner's burst or a person's typing.

    ``threshold_ms`` is the largest gap between two keys of one burst (and
    between its last character and the terminator); ``min_length`` the fewest
    characters a scan has. Keys arriving exactly ``threshold_ms`` apart still
    belong to one burst; held keys are released once *more* than
    ``threshold_ms`` has passed since the last of them.
    """

    __slots__ = ("_held", "_last_at", "_texts", "min_length", "threshold_ms")

    def __init__(
        self, threshold_ms: float = DEFAULT_THRESHOLD_MS, min_length: int = DEFAULT_MIN_LENGTH
    ) -> None:
        if threshold_ms <= 0:
            raise ValueError(f"threshold_ms must be positive, not {threshold_ms}")
        if min_length < 1:
            raise ValueError(f"min_length must be at least 1, not {min_length}")
        self.threshold_ms = threshold_ms
        self.min_length = min_length
        self._held: list[KeyT] = []
        self._texts: list[str] = []
        self._last_at = 0.0

    @property
    def held(self) -> tuple[KeyT, ...]:
        """The keys held now, oldest first."""
        return tuple(self._held)

    @property
    def deadline_ms(self) -> float | None:
        """When the held keys are due for release (``timeout`` after this releases them).

        ``None`` when nothing is held: no timer is needed.
        """
        return self._last_at + self.threshold_ms if self._held else None

    def key(self, key: KeyT, text: str, terminator: bool, at_ms: float) -> Decision[KeyT]:
        """Classify one key press.

        ``text`` is the character(s) the key types: printable text may be held;
        empty or non-printable text (arrows, F-keys, Backspace, a key pressed
        with Ctrl/Alt) passes through. ``terminator`` marks Enter/Return or Tab,
        whatever its text.
        """
        in_burst = bool(self._held) and at_ms - self._last_at <= self.threshold_ms
        if terminator:
            if in_burst and len(self._held) >= self.min_length:
                scan = Scan("".join(self._texts), tuple(self._held))
                self._clear()
                return scan
            return PassThrough(self.flush())
        if text and text.isprintable():
            release = () if in_burst else self.flush()
            self._held.append(key)
            self._texts.append(text)
            self._last_at = at_ms
            return Hold(release)
        return PassThrough(self.flush())

    def timeout(self, at_ms: float) -> tuple[KeyT, ...]:
        """The caller's timer fired: release the held keys if their burst is over.

        Returns the keys to replay, in order; empty if nothing is held or the
        threshold has not passed yet (then call again at :attr:`deadline_ms`).
        """
        if self._held and at_ms - self._last_at > self.threshold_ms:
            return self.flush()
        return ()

    def flush(self) -> tuple[KeyT, ...]:
        """Release everything held now (e.g. when scanning is switched off)."""
        released = tuple(self._held)
        self._clear()
        return released

    def _clear(self) -> None:
        self._held.clear()
        self._texts.clear()


class SerialFrames:
    """Codes from a serial (COM) scanner's byte stream: each ends with CR, LF or both.

    Bytes arrive in arbitrary pieces; `feed()` returns the codes completed by a
    piece and keeps the rest for the next one. A scanner sends ASCII; anything
    else is decoded as Latin-1, so no byte is ever an error. A code longer than
    `max_length` without an end is noise (a wrong baud rate): it is dropped.
    """

    def __init__(self, max_length: int = 256) -> None:
        self._buffer = bytearray()
        self._max_length = max_length

    def feed(self, data: bytes) -> list[str]:
        self._buffer += data
        codes: list[str] = []
        while True:
            ends = [at for at in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if at >= 0]
            if not ends:
                break
            end = min(ends)
            code = self._buffer[:end].decode("latin-1").strip()
            del self._buffer[: end + 1]
            if code:
                codes.append(code)
        if len(self._buffer) > self._max_length:
            self._buffer.clear()
        return codes
