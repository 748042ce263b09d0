"""A scanner on a serial port (QtSerialPort), here a pseudo-terminal: the test holds the
scanner's end and writes what a real one sends, a code and a carriage return."""

from __future__ import annotations

import contextlib
import os
import pty
import sys
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from posapp.gui.serial_scanner import SerialScanner
from tests.conftest import Shop
from tests.gui.helpers import StartTill, sign_in

pytestmark = [
    pytest.mark.usefixtures("quick_pin_hashes"),
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]


@pytest.fixture
def serial_line() -> Iterator[tuple[int, str]]:
    """(the scanner's end, the port's name): a pseudo-terminal pair."""
    scanner_end, port_end = pty.openpty()
    name = os.ttyname(port_end)
    yield scanner_end, name
    for fd in (scanner_end, port_end):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_codes_arrive_whole_however_the_bytes_are_split(
    qtbot: QtBot, serial_line: tuple[int, str]
) -> None:
    scanner_end, name = serial_line
    scanner = SerialScanner(name)
    states: list[bool] = []
    scanner.state_changed.connect(lambda _text, ok: states.append(ok))
    scanner.start()
    assert states == [True]
    codes: list[str] = []
    scanner.scanned.connect(codes.append)

    os.write(scanner_end, b"47500000")
    os.write(scanner_end, b"00017\r\n2700000000014\r")
    qtbot.waitUntil(lambda: len(codes) == 2)
    assert codes == ["4750000000017", "2700000000014"]
    scanner.stop()


def test_a_port_that_is_not_there_is_reported_and_tried_again(qtbot: QtBot) -> None:
    scanner = SerialScanner("/dev/posapp-no-such-port")
    states: list[tuple[str, bool]] = []
    scanner.state_changed.connect(lambda text, ok: states.append((text, ok)))
    scanner.start()
    [(text, ok)] = states
    assert not ok
    assert "/dev/posapp-no-such-port is not connected" in text
    assert "tries again" in text
    assert scanner.retrying  # comes back by itself once plugged in
    scanner.stop()


def test_the_till_sells_what_the_serial_scanner_reads(
    qtbot: QtBot, start_till: StartTill, shop: Shop, serial_line: tuple[int, str]
) -> None:
    scanner_end, name = serial_line
    flow = start_till(scanner_port=name)
    window = sign_in(qtbot, flow)
    assert window.scanner_status.text() == "Scanner OK"

    os.write(scanner_end, f"{shop.bread}\r\n{shop.customer_card}\r\n".encode())

    qtbot.waitUntil(lambda: window.cart.customer_id is not None)
    assert [line.name for line in window.cart.lines] == ["Rupjmaize"]
    assert window.cart.customer_id == shop.customer_id
