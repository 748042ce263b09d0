"""Scanner bursts told from typing by timing: what the till does with each key press."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.devices.scanner import BurstDetector, Hold, PassThrough, Scan, SerialFrames

ENTER = "\r"
TAB = "\t"
ARROW = ""  # a key that types nothing
CODE = "4750000000017"


@dataclass
class Till:
    """Feeds a detector as the GUI filter does and records what reaches the widget.

    Keys are numbered in the order they were pressed; `delivered` is the order in which
    the focused widget gets them, `scans` what was recognised as scans.
    """

    detector: BurstDetector[int] = field(default_factory=BurstDetector)
    now: float = 0.0
    pressed: list[str] = field(default_factory=list)
    delivered: list[int] = field(default_factory=list)
    scans: list[Scan[int]] = field(default_factory=list)

    def press(self, text: str, after_ms: float = 0.0) -> Hold[int] | PassThrough[int] | Scan[int]:
        self.now += after_ms
        number = len(self.pressed)
        self.pressed.append(text)
        terminator = text in (ENTER, TAB)
        decision = self.detector.key(number, text, terminator, self.now)
        match decision:
            case Hold(release=release):
                self.delivered.extend(release)
            case PassThrough(release=release):
                self.delivered.extend(release)
                self.delivered.append(number)
            case Scan():
                self.scans.append(decision)
        return decision

    def type(self, text: str, gap_ms: float) -> None:
        for char in text:
            self.press(char, gap_ms)

    def wait(self, ms: float) -> tuple[int, ...]:
        """Time passes; the GUI timer fires."""
        self.now += ms
        released = self.detector.timeout(self.now)
        self.delivered.extend(released)
        return released

    @property
    def widget_text(self) -> str:
        return "".join(self.pressed[n] for n in self.delivered)

    @property
    def codes(self) -> list[str]:
        return [scan.code for scan in self.scans]


def test_a_fast_burst_ended_by_enter_is_one_scan_and_nothing_reaches_the_widget() -> None:
    till = Till()
    gaps = [5, 20, 7, 12, 9, 15, 6, 20, 11, 8, 13, 19, 10]

    decisions = [till.press(char, gap) for char, gap in zip(CODE, gaps, strict=True)]
    scan = till.press(ENTER, 14)

    assert all(decision == Hold() for decision in decisions)
    assert scan == Scan(CODE, tuple(range(len(CODE))))
    assert till.delivered == []
    assert till.wait(1000) == ()


def test_typing_at_human_speed_is_released_key_by_key_in_order() -> None:
    till = Till()

    till.type(CODE, 120)
    assert till.widget_text == CODE[:-1]  # each key released when the next came too late
    till.wait(51)
    till.press(ENTER, 120)

    assert till.widget_text == CODE + ENTER
    assert till.scans == []


def test_a_single_typed_key_is_released_by_the_timer_once_the_threshold_has_passed() -> None:
    till = Till()
    till.press("7")

    assert till.detector.deadline_ms == 50
    assert till.wait(50) == ()  # exactly the threshold: a scanner's next key may still come
    assert till.wait(1) == (0,)
    assert till.widget_text == "7"
    assert till.detector.deadline_ms is None


def test_two_fast_characters_and_enter_are_a_person_pressing_enter() -> None:
    till = Till()
    till.type("12", 10)

    decision = till.press(ENTER, 10)

    assert decision == PassThrough((0, 1))  # "12" replayed first, then Enter goes through
    assert till.widget_text == "12" + ENTER
    assert till.scans == []


def test_tab_ends_a_scan_too() -> None:
    till = Till()
    till.type("2700000000015", 8)

    till.press(TAB, 8)

    assert till.codes == ["2700000000015"]
    assert till.delivered == []


def test_enter_after_a_pause_is_not_part_of_the_burst() -> None:
    till = Till()
    till.type(CODE, 5)

    till.press(ENTER, 80)

    assert till.scans == []
    assert till.widget_text == CODE + ENTER


def test_a_burst_that_stalls_is_released_and_the_next_burst_is_scanned() -> None:
    till = Till()
    till.type("4750", 5)

    till.press("0", 90)  # the gap ends the first burst; this key starts a new one
    assert till.widget_text == "4750"
    till.type("00000017", 5)
    till.press(ENTER, 5)

    assert till.codes == ["000000017"]
    assert till.widget_text == "4750"


def test_an_arrow_key_mid_burst_releases_what_was_held_before_it() -> None:
    till = Till()
    till.type("475", 5)

    decision = till.press(ARROW, 5)
    till.type("123", 5)
    till.press(ENTER, 5)

    assert decision == PassThrough((0, 1, 2))
    assert till.delivered == [0, 1, 2, 3]
    assert till.codes == ["123"]


def test_a_scan_right_after_slow_typing_leaves_the_typing_and_takes_the_scan() -> None:
    till = Till()
    till.type("ab", 200)

    till.press(CODE[0], 300)
    till.type(CODE[1:], 10)
    till.press(ENTER, 10)

    assert till.widget_text == "ab"
    assert till.codes == [CODE]


def test_the_threshold_is_configurable() -> None:
    slow_scanner = Till(BurstDetector(threshold_ms=120))
    slow_scanner.type(CODE, 100)
    slow_scanner.press(ENTER, 100)

    impatient = Till(BurstDetector(threshold_ms=20))
    impatient.type(CODE, 30)
    impatient.press(ENTER, 30)

    assert slow_scanner.codes == [CODE]
    assert impatient.codes == []
    assert impatient.widget_text == CODE + ENTER


def test_the_minimum_length_is_configurable() -> None:
    short_codes = Till(BurstDetector(min_length=2))
    short_codes.type("12", 5)
    short_codes.press(ENTER, 5)

    long_codes = Till(BurstDetector(min_length=8))
    long_codes.type("1234567", 5)
    long_codes.press(ENTER, 5)

    assert short_codes.codes == ["12"]
    assert long_codes.codes == []
    assert long_codes.widget_text == "1234567" + ENTER


def test_keys_exactly_at_the_threshold_still_belong_to_the_burst() -> None:
    till = Till()
    till.type(CODE, 50)

    till.press(ENTER, 50)

    assert till.codes == [CODE]


def test_flush_releases_everything_held() -> None:
    till = Till()
    till.type("475", 5)

    assert till.detector.flush() == (0, 1, 2)
    assert till.detector.held == ()
    assert till.detector.deadline_ms is None


@pytest.mark.parametrize(("threshold_ms", "min_length"), [(0, 3), (-5, 3), (50, 0)])
def test_nonsense_settings_are_refused(threshold_ms: int, min_length: int) -> None:
    with pytest.raises(ValueError):
        BurstDetector(threshold_ms=threshold_ms, min_length=min_length)


# Whatever the timing, no keystroke is lost, duplicated or reordered: each printable key
# reaches the widget exactly once, in order, or is part of exactly one scan.

Step = tuple[str, float]  # (what happens, ms since the previous step); "wait" = timer fires
steps = st.lists(
    st.tuples(
        st.sampled_from(["1", "2", "a", " ", ENTER, TAB, ARROW, "wait"]),
        st.one_of(st.integers(0, 120), st.floats(0, 120, allow_nan=False)),
    ),
    max_size=60,
)


@given(steps=steps, threshold_ms=st.integers(1, 100), min_length=st.integers(1, 5))
def test_every_key_is_delivered_once_in_order_or_scanned(
    steps: list[Step], threshold_ms: int, min_length: int
) -> None:
    till = Till(BurstDetector(threshold_ms=threshold_ms, min_length=min_length))
    times: list[float] = []
    for what, after_ms in steps:
        if what == "wait":
            till.wait(after_ms)
        else:
            till.press(what, after_ms)
            times.append(till.now)
    till.delivered.extend(till.detector.flush())

    scanned = {number for scan in till.scans for number in scan.keys}
    terminators = set()
    for scan in till.scans:
        keys = list(scan.keys)
        terminator = keys[-1] + 1
        terminators.add(terminator)
        # A scan is a run of consecutive printable keys, long enough, close enough,
        # ended by Enter or Tab, and its code is what they type.
        assert keys == list(range(keys[0], terminator))
        assert len(keys) >= min_length
        assert till.pressed[terminator] in (ENTER, TAB)
        assert scan.code == "".join(till.pressed[n] for n in keys)
        run = [times[n] for n in [*keys, terminator]]
        assert all(later - earlier <= threshold_ms for earlier, later in pairwise(run))
    assert len(scanned) == sum(len(scan.keys) for scan in till.scans)  # no key in two scans
    not_scanned = [n for n in range(len(till.pressed)) if n not in scanned | terminators]
    assert till.delivered == not_scanned


@given(
    text=st.text(alphabet="0123456789abc", max_size=30),
    gaps=st.lists(st.floats(51, 1000), min_size=31, max_size=31),
)
def test_a_person_typing_slower_than_the_threshold_never_scans(
    text: str, gaps: list[float]
) -> None:
    till = Till()
    for char, gap in zip(text, gaps, strict=False):
        till.press(char, gap)
    till.press(ENTER, gaps[-1])

    assert till.scans == []
    assert till.widget_text == text + ENTER


def test_serial_frames_end_at_cr_lf_or_both_and_keep_a_partial_code() -> None:
    frames = SerialFrames()
    assert frames.feed(b"4750") == []
    assert frames.feed(b"000000017\r") == ["4750000000017"]
    assert frames.feed(b"\n27000000") == []
    assert frames.feed(b"00014\nV-ABC\r\n\r\n") == ["2700000000014", "V-ABC"]


def test_serial_noise_without_an_end_is_dropped_not_kept_forever() -> None:
    frames = SerialFrames(max_length=16)
    assert frames.feed(b"\xff" * 40) == []
    assert frames.feed(b"123\r") == ["123"]
