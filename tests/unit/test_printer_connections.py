"""The `printer` setting's connections, and sending a job through a file and a serial port."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from posapp.devices.printers import PrinterConnection, parse_connection, send_bytes
from posapp.errors import InvalidInput, PrinterUnavailable


@pytest.mark.parametrize(
    ("text", "connection", "address"),
    [
        ("none", PrinterConnection("none"), "none"),
        ("system", PrinterConnection("system"), "system"),
        ("file:/dev/usb/lp0", PrinterConnection("file", "/dev/usb/lp0"), "/dev/usb/lp0"),
        (
            "network:192.168.1.50",
            PrinterConnection("network", "192.168.1.50", 9100),
            "192.168.1.50:9100",
        ),
        (
            "network:printer.local:9101",
            PrinterConnection("network", "printer.local", 9101),
            "printer.local:9101",
        ),
        (
            "usb:04b8:0202",
            PrinterConnection("usb", vendor_id=0x04B8, product_id=0x0202),
            "USB 04b8:0202",
        ),
        (
            "usb:0x0416:0x5011",
            PrinterConnection("usb", vendor_id=0x0416, product_id=0x5011),
            "USB 0416:5011",
        ),
        ("serial:/dev/ttyUSB0", PrinterConnection("serial", "/dev/ttyUSB0", 9600), "/dev/ttyUSB0"),
        ("serial:COM3:38400", PrinterConnection("serial", "COM3", 38400), "COM3"),
    ],
)
def test_connections(text: str, connection: PrinterConnection, address: str) -> None:
    assert parse_connection(text) == connection
    assert connection.address == address


@pytest.mark.parametrize(
    "text",
    ["bluetooth:aa", "network:", "network:host:99999", "usb:04b8", "usb:xyz:1", "file:", "serial:"],
)
def test_a_mistyped_connection_says_how_to_write_one(text: str) -> None:
    with pytest.raises(InvalidInput, match=r"network:HOST\[:PORT\]"):
        parse_connection(text)


def test_a_file_printer_gets_the_job(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    send_bytes(parse_connection(f"file:{target}"), b"\x1b@hello\n")
    assert target.read_bytes() == b"\x1b@hello\n"


def test_a_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "lp0"
    with pytest.raises(PrinterUnavailable, match="cannot be written") as error:
        send_bytes(parse_connection(f"file:{missing}"), b"x")
    assert str(missing) in error.value.message


def test_a_serial_printer_gets_the_job_through_a_pseudo_terminal() -> None:
    controller, device = os.openpty()
    try:
        send_bytes(
            parse_connection(f"serial:{os.ttyname(device)}:19200"),
            "\x1b@Ķiploki\n".encode("cp1257"),
        )
        assert os.read(controller, 100) == "\x1b@Ķiploki\n".encode("cp1257")
    finally:
        os.close(controller)
        os.close(device)


def test_a_serial_port_that_is_not_there_is_named() -> None:
    with pytest.raises(PrinterUnavailable, match="/dev/ttyNOPE"):
        send_bytes(parse_connection("serial:/dev/ttyNOPE"), b"x")


def test_a_usb_printer_that_is_not_there_is_named() -> None:
    with pytest.raises(PrinterUnavailable, match="USB 04b8:0e15"):
        send_bytes(parse_connection("usb:04b8:0e15"), b"x")
