"""Scanner input is captured wherever the focus is; a person typing keeps typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from posapp.gui.scanner import ScannerFilter

CODE = "4750000000017"


class FakeClock:
    """Milliseconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class KeyLog(QObject):
    """Records the key events that reach one widget (after the application filter)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.events: list[tuple[str, str]] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
        ):
            kind = "press" if event.type() == QEvent.Type.KeyPress else "release"
            self.events.append((kind, event.text()))
        return False


class Form:
    """A window with a search field that has the focus and a button."""

    def __init__(self, qtbot: QtBot) -> None:
        self.window = QWidget()
        layout = QVBoxLayout(self.window)
        self.search = QLineEdit()
        self.button = QPushButton("Pay")
        layout.addWidget(self.search)
        layout.addWidget(self.button)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        self.search.setFocus()
        qtbot.waitUntil(self.search.hasFocus)
        self.returns: list[str] = []  # the field's text each time Enter reached it
        self.search.returnPressed.connect(lambda: self.returns.append(self.search.text()))
        self.clicks: list[str] = []  # one entry per click
        self.button.clicked.connect(lambda: self.clicks.append("click"))


MakeFilter = Callable[..., ScannerFilter]


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    return Form(qtbot)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_filter(qapp: QApplication) -> Iterator[MakeFilter]:
    """Install a scanner filter on the application, as the app does."""
    installed: list[ScannerFilter] = []

    def make(**options: Any) -> ScannerFilter:
        scanner = ScannerFilter(**options)
        qapp.installEventFilter(scanner)
        installed.append(scanner)
        return scanner

    yield make
    for scanner in installed:
        qapp.removeEventFilter(scanner)
        scanner.deleteLater()


def record(scanner: ScannerFilter) -> list[str]:
    """The codes the filter will emit from now on."""
    codes: list[str] = []
    scanner.scanned.connect(codes.append)
    return codes


def key_of(char: str) -> Qt.Key:
    """The key a scanner or a person presses to type `char` (digits, letters, space, Enter, Tab)."""
    special = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}
    return special.get(char) or Qt.Key(ord(char.upper()))


def click(target: QWidget | QWindow, char: str, clock: FakeClock, after_ms: float) -> None:
    """Press and release the key for `char` once `after_ms` have passed on the clock."""
    clock.now += after_ms
    QTest.keyClick(target, key_of(char))


def type_as_a_keyboard_does(widget: QWidget, char: str) -> None:
    """Press and release the key for `char`, holding Shift around a capital as a keyboard does."""
    shift = char.isupper()
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    events = [
        (QEvent.Type.KeyPress, key_of(char), char),
        (QEvent.Type.KeyRelease, key_of(char), char),
    ]
    if shift:
        events.insert(0, (QEvent.Type.KeyPress, Qt.Key.Key_Shift, ""))
        events.append((QEvent.Type.KeyRelease, Qt.Key.Key_Shift, ""))
    for event_type, key, text in events:
        QApplication.sendEvent(widget, QKeyEvent(event_type, key, modifiers, text))


def burst(target: QWidget | QWindow, text: str, clock: FakeClock, gap_ms: float = 10) -> None:
    for char in text:
        click(target, char, clock, gap_ms)


def test_a_scanner_burst_is_scanned_and_does_not_leak_into_the_search_field(
    form: Form, make_filter: MakeFilter, clock: FakeClock, qtbot: QtBot
) -> None:
    codes = record(make_filter(clock=clock))
    form.search.setText("milk")
    log = KeyLog(form.search)

    burst(form.search, CODE + "\r", clock)
    clock.now += 500
    qtbot.wait(80)  # the release timer would have fired by now

    assert codes == [CODE]
    assert form.search.text() == "milk"
    assert form.returns == []
    assert log.events == []  # neither presses nor releases reached the field


def test_a_burst_ended_by_tab_is_scanned_and_the_focus_stays(
    form: Form, make_filter: MakeFilter, clock: FakeClock
) -> None:
    codes = record(make_filter(clock=clock))

    burst(form.search, "2700000000015\t", clock, gap_ms=5)

    assert codes == ["2700000000015"]
    assert form.search.hasFocus()
    assert form.search.text() == ""


def test_a_burst_at_machine_speed_is_scanned_with_the_real_clock(
    form: Form, make_filter: MakeFilter
) -> None:
    codes = record(make_filter())

    QTest.keyClicks(form.search, CODE)
    QTest.keyClick(form.search, Qt.Key.Key_Return)

    assert codes == [CODE]
    assert form.search.text() == ""


def test_a_code_with_capital_letters_is_scanned_whole(
    form: Form, make_filter: MakeFilter, clock: FakeClock
) -> None:
    """The scanner presses Shift for each capital: Shift alone does not end the burst."""
    codes = record(make_filter(clock=clock))
    log = KeyLog(form.search)

    for char in "RT1-000123":
        clock.now += 8
        type_as_a_keyboard_does(form.search, char)
    click(form.search, "\r", clock, 8)

    assert codes == ["RT1-000123"]
    assert form.search.text() == ""
    assert [text for kind, text in log.events if text] == []


def test_a_person_typing_in_the_search_field_keeps_typing(
    form: Form, make_filter: MakeFilter, clock: FakeClock, qtbot: QtBot
) -> None:
    codes = record(make_filter(clock=clock))

    burst(form.search, "bread", clock, gap_ms=150)
    clock.now += 150
    qtbot.waitUntil(lambda: form.search.text() == "bread", timeout=1000)
    click(form.search, "\r", clock, 150)

    assert form.returns == ["bread"]
    assert codes == []


def test_a_typed_character_appears_within_a_fraction_of_a_second(
    form: Form, make_filter: MakeFilter, qtbot: QtBot
) -> None:
    make_filter()

    QTest.keyClick(form.search, Qt.Key.Key_B)
    assert form.search.text() == ""  # held: it could be the start of a scan
    qtbot.waitUntil(lambda: form.search.text() == "b", timeout=200)


def test_two_quick_keys_and_enter_reach_the_field_in_order(
    form: Form, make_filter: MakeFilter, clock: FakeClock
) -> None:
    codes = record(make_filter(clock=clock))

    burst(form.search, "12\r", clock, gap_ms=10)

    assert codes == []
    assert form.returns == ["12"]  # the two digits arrived before Enter


def test_a_shortcut_passes_through_after_the_keys_typed_before_it(
    form: Form, make_filter: MakeFilter, clock: FakeClock
) -> None:
    codes = record(make_filter(clock=clock))
    burst(form.search, "ab", clock, gap_ms=10)

    clock.now += 10
    QTest.keyClick(form.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)

    assert form.search.text() == "ab"
    assert form.search.selectedText() == "ab"  # Ctrl+A selected what was typed before it
    assert codes == []


def test_a_disabled_filter_lets_a_burst_through(
    form: Form, make_filter: MakeFilter, clock: FakeClock
) -> None:
    scanner = make_filter(clock=clock)
    codes = record(scanner)
    scanner.enabled = False

    burst(form.search, CODE + "\r", clock)

    assert not scanner.enabled
    assert codes == []
    assert form.search.text() == CODE
    assert form.returns == [CODE]

    form.search.clear()
    scanner.enabled = True
    burst(form.search, CODE + "\r", clock)
    assert codes == [CODE]
    assert form.search.text() == ""


def test_disabling_the_filter_releases_what_it_holds(
    form: Form, make_filter: MakeFilter, clock: FakeClock
) -> None:
    scanner = make_filter(clock=clock)
    burst(form.search, "475", clock)

    scanner.enabled = False

    assert form.search.text() == "475"


def test_a_button_pressed_with_the_space_bar_is_clicked_once(
    form: Form, make_filter: MakeFilter, clock: FakeClock, qtbot: QtBot
) -> None:
    make_filter(clock=clock)
    form.button.setFocus()
    qtbot.waitUntil(form.button.hasFocus)

    click(form.button, " ", clock, 0)
    clock.now += 100
    qtbot.waitUntil(lambda: form.clicks != [], timeout=1000)

    assert form.clicks == ["click"]
    assert not form.button.isDown()


def test_keys_from_the_window_system_are_handled_once(
    form: Form, make_filter: MakeFilter, clock: FakeClock, qtbot: QtBot
) -> None:
    """Real key events reach the window first, then the focus widget: typed once, scanned once."""
    codes = record(make_filter(clock=clock))
    window = form.window.windowHandle()
    assert window is not None

    burst(window, "ab", clock, gap_ms=150)
    clock.now += 150
    qtbot.waitUntil(lambda: form.search.text() == "ab", timeout=1000)
    burst(window, CODE + "\r", clock, gap_ms=10)

    assert form.search.text() == "ab"
    assert codes == [CODE]
    assert form.returns == []


def test_a_held_key_for_a_closed_window_is_dropped(
    make_filter: MakeFilter, clock: FakeClock, qtbot: QtBot
) -> None:
    codes = record(make_filter(clock=clock))
    field = QLineEdit()
    field.show()
    qtbot.waitExposed(field)
    QTest.keyClick(field, Qt.Key.Key_X)

    field.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(field), timeout=1000)
    clock.now += 100
    qtbot.wait(80)  # the release timer fires with nowhere to send the key

    assert codes == []
