"""A receipt printer on the network for tests: a raw port (9100) server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

DEADLINE_SECONDS = 10


class FakePrinter:
    """A raw-port (9100) printer: accepts connections in a thread and keeps what it got."""

    def __init__(self, port: int = 0) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.jobs: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        deadline = time.monotonic() + DEADLINE_SECONDS  # bounded, whatever the test does
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                connection, _address = self.server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                data = bytearray()
                while chunk := connection.recv(65536):
                    data += chunk
                self.jobs.append(bytes(data))

    def wait_for(self, jobs: int) -> list[bytes]:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while len(self.jobs) < jobs and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.jobs

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=DEADLINE_SECONDS)
        self.server.close()


@pytest.fixture
def fake_printer() -> Iterator[FakePrinter]:
    printer = FakePrinter()
    yield printer
    printer.close()


def free_port() -> int:
    """A port nothing listens on (a printer that is off)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])
