"""Writing a document the user asked for (a receipt, a report) to a file they chose."""

from __future__ import annotations

from pathlib import Path

from posapp.errors import InvalidInput
from posapp.i18n import _


def write_file(path: Path, data: bytes) -> None:
    """Write `data` to `path`; a path that cannot be written (no such folder, no
    permission, a full disk) raises InvalidInput that says so and what to do."""
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InvalidInput(
            _("{path} cannot be written ({reason}). Choose another file.").format(
                path=path, reason=error.strerror
            )
        ) from error
