"""Receipt printer connections: parse the `printer` setting, open it with python-escpos, send.

A connection is written as:

* ``none`` -- no receipt printer (the default);
* ``file:PATH`` -- a device file (``/dev/usb/lp0``) or any file;
* ``network:HOST[:PORT]`` -- a network printer's raw port (9100 unless given);
* ``usb:VID:PID`` -- a USB printer by its vendor and product ids in hex (``usb:04b8:0202``);
* ``serial:DEVICE[:BAUD]`` -- a serial port (``serial:/dev/ttyUSB0:38400``, ``serial:COM3``),
  9600 baud unless given;
* ``system`` -- the system's printer through the window's print dialog (the GUI prints the
  PDF receipt; the core has nothing to send).

Every connection has short timeouts (:data:`TIMEOUT_SECONDS`), so a printer that is
off, unplugged or out of paper costs a few seconds of a background job at most, and
every failure leaves as :class:`~posapp.errors.PrinterUnavailable` with a message that
names the printer and says what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from posapp.errors import InvalidInput, PrinterUnavailable
from posapp.i18n import _

if TYPE_CHECKING:  # python-escpos is imported when a receipt is sent: it is slow to load
    from escpos.escpos import Escpos

__all__ = [
    "DEFAULT_BAUD",
    "DEFAULT_CODE_PAGE",
    "DEFAULT_PORT",
    "DEFAULT_PROFILE",
    "TIMEOUT_SECONDS",
    "Opener",
    "PrinterConnection",
    "open_escpos",
    "parse_connection",
    "send_bytes",
]

DEFAULT_PORT = 9100
# The printer's character table with the Latvian letters and €, by python-escpos's name,
# and the python-escpos profile (the printer model) that says which ESC t selects it.
DEFAULT_CODE_PAGE = "CP1257"
DEFAULT_PROFILE = "default"
DEFAULT_BAUD = 9600
TIMEOUT_SECONDS = 3.0

Kind = Literal["none", "system", "file", "network", "usb", "serial"]


@dataclass(frozen=True)
class PrinterConnection:
    kind: Kind
    target: str = ""  # the path, host, or serial device
    port: int = 0  # network port, or baud rate of a serial port
    vendor_id: int = 0
    product_id: int = 0

    @property
    def sends_escpos(self) -> bool:
        """A printer posapp itself sends ESC/POS to (not none, not the system dialog)."""
        return self.kind not in ("none", "system")

    @property
    def address(self) -> str:
        """Where the printer is, as its message names it: "192.168.1.50:9100"."""
        if self.kind == "network":
            return f"{self.target}:{self.port}"
        if self.kind == "usb":
            return f"USB {self.vendor_id:04x}:{self.product_id:04x}"
        return self.target or self.kind


def parse_connection(text: str) -> PrinterConnection:
    """The connection a `printer` setting names; InvalidInput with the forms otherwise."""
    kind, _colon, rest = text.strip().partition(":")
    kind = kind.lower()
    try:
        if kind in ("none", "system", "") and not rest:
            return PrinterConnection("none" if kind in ("none", "") else "system")
        if kind == "file" and rest:
            return PrinterConnection("file", rest)
        if kind == "network" and rest:
            host, port = _split_number(rest, DEFAULT_PORT)
            if host and 0 < port < 65536:
                return PrinterConnection("network", host, port)
        if kind == "usb":
            vendor, _colon, product = rest.partition(":")
            return PrinterConnection("usb", vendor_id=_usb_id(vendor), product_id=_usb_id(product))
        if kind == "serial" and rest:
            device, baud = _serial_parts(rest)
            if device and baud > 0:
                return PrinterConnection("serial", device, baud)
    except ValueError:
        pass
    raise InvalidInput(
        _(
            "{text} is not a printer connection. Use none, system, file:PATH, "
            "network:HOST[:PORT], usb:VID:PID (hex) or serial:DEVICE[:BAUD]."
        ).format(text=text)
    )


def _split_number(text: str, default: int) -> tuple[str, int]:
    """ "host:9100" -> ("host", 9100); "host" -> ("host", default)."""
    head, colon, tail = text.rpartition(":")
    if colon and tail.isdigit():
        return head, int(tail)
    return text, default


def _serial_parts(text: str) -> tuple[str, int]:
    # "COM3:9600", "/dev/ttyUSB0:38400", "/dev/ttyUSB0"; a Windows "COM3" has no colon.
    return _split_number(text, DEFAULT_BAUD)


def _usb_id(text: str) -> int:
    number = int(text.lower().removeprefix("0x"), 16)
    if not 0 < number <= 0xFFFF:
        raise ValueError(text)
    return number


Opener = Callable[[PrinterConnection], "Escpos"]


def open_escpos(connection: PrinterConnection) -> Escpos:
    """The python-escpos printer of a connection, opened, with short timeouts."""
    from escpos.printer import File, Network, Serial, Usb

    printer: Escpos
    if connection.kind == "file":
        printer = File(connection.target)
    elif connection.kind == "network":
        printer = Network(connection.target, port=connection.port, timeout=TIMEOUT_SECONDS)
    elif connection.kind == "usb":
        # pyusb's timeout is in milliseconds.
        printer = Usb(
            connection.vendor_id, connection.product_id, timeout=int(TIMEOUT_SECONDS * 1000)
        )
    elif connection.kind == "serial":
        printer = Serial(connection.target, baudrate=connection.port, timeout=TIMEOUT_SECONDS)
    else:
        raise ValueError(f"posapp sends nothing to a {connection.kind!r} printer")
    printer.open()
    if isinstance(printer, Serial):
        # python-escpos sets only the read timeout; a port whose printer is off would
        # otherwise block a write for ever.
        printer.device.write_timeout = TIMEOUT_SECONDS
    return printer


def send_bytes(connection: PrinterConnection, data: bytes, opener: Opener = open_escpos) -> None:
    """Send a print job; PrinterUnavailable (naming the printer) when it cannot be done."""
    from escpos.exceptions import Error as EscposError

    try:
        printer = opener(connection)
        try:
            # The one call that writes raw bytes; every printer class implements it.
            printer._raw(data)
        finally:
            printer.close()
    # OSError: sockets, files, pyserial and pyusb errors; ValueError: pyusb without a
    # libusb backend, pyserial's bad settings; EscposError: python-escpos's "not found".
    except (OSError, ValueError, EscposError) as error:
        raise PrinterUnavailable(_unavailable_message(connection)) from error


def _unavailable_message(connection: PrinterConnection) -> str:
    if connection.kind == "file":
        return _(
            "The receipt printer file {address} cannot be written. Check the path and its "
            "permissions; the receipt waits and prints when it can."
        ).format(address=connection.address)
    return _(
        "The receipt printer at {address} does not answer. Check that it is on and has "
        "paper; the receipt waits and prints when it is back."
    ).format(address=connection.address)
