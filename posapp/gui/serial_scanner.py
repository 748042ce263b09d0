"""A scanner on a serial (COM) port, through QtSerialPort: codes arrive as `scanned(code)`.

Set POSAPP_SCANNER_PORT on the till (`/dev/ttyACM0`, `/dev/ttyUSB0`, `COM3`)
and, if it is not 9600, POSAPP_SCANNER_BAUD. The port is read as the event loop
runs (no thread, no polling); the codes go to the same place as the keyboard
scanner's. A port that cannot be opened, or a scanner pulled out, is reported
through `state_changed` and tried again every few seconds, so plugging it back
in is all a cashier has to do; the keyboard-wedge scanner keeps working meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtSerialPort import QSerialPort

from posapp.devices.scanner import SerialFrames

RETRY_MS = 5000


class SerialScanner(QObject):
    """Reads codes from `port_name`. `state_changed(text, ok)` says whether it is connected."""

    scanned = Signal(str)
    state_changed = Signal(str, bool)

    def __init__(self, port_name: str, baud_rate: int = 9600, parent: QObject | None = None):
        super().__init__(parent)
        self.port_name = port_name
        self._port = QSerialPort(self)
        self._port.setPortName(port_name)
        self._port.setBaudRate(baud_rate)
        self._port.readyRead.connect(self._read)
        self._port.errorOccurred.connect(self._error)
        self._frames = SerialFrames()
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.start)
        self.connected = False

    def start(self) -> None:
        """Open the port; if it cannot be opened, say so and try again later."""
        if self._port.isOpen():
            return
        if self._port.open(QSerialPort.OpenModeFlag.ReadOnly):
            self._frames = SerialFrames()
            self.connected = True
            self.state_changed.emit(
                self.tr("Scanner on {port} ready").format(port=self.port_name), True
            )
            return
        self._lost(self._port.errorString())

    @property
    def retrying(self) -> bool:
        """Whether it waits to try the port again (it was not there, or was pulled out)."""
        return self._retry.isActive()

    def stop(self) -> None:
        self._retry.stop()
        if self._port.isOpen():
            self._port.close()
        self.connected = False

    def _read(self) -> None:
        for code in self._frames.feed(bytes(self._port.readAll().data())):
            self.scanned.emit(code)

    def _error(self, error: QSerialPort.SerialPortError) -> None:
        # A scanner pulled out shows as a resource error while the port is open.
        if error == QSerialPort.SerialPortError.ResourceError and self._port.isOpen():
            reason = self._port.errorString()
            self._port.close()
            self._lost(reason)

    def _lost(self, reason: str) -> None:
        self.connected = False
        self.state_changed.emit(
            self.tr(
                "The scanner on {port} is not connected ({reason}). Check its cable; "
                "posapp tries again every few seconds."
            ).format(port=self.port_name, reason=reason),
            False,
        )
        self._retry.start()
