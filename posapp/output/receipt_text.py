"""A receipt as plain text in fixed columns: for logs, e-mail, `posapp receipt --text`,
and the lines the ESC/POS renderer prints.

42 columns fit an 80 mm roll (font A, 12 dots a character, on printers of 512 or
576 dots a line) and 32 a 58 mm roll (384 dots).
"""

from __future__ import annotations

import textwrap

from posapp.output.receipt import Receipt
from posapp.output.receipt_layout import Barcode, Logo, Pair, Row, Rule, Table, Text, receipt_rows

__all__ = ["COLUMNS", "fixed_lines", "render_receipt_text"]

COLUMNS = {80: 42, 58: 32}
_INDENT = "  "
_WIDEST_AMOUNT_CELL = 10
_NARROWEST_FIRST_CELL = 8


def render_receipt_text(receipt: Receipt, columns: int = COLUMNS[80]) -> str:
    """The receipt as lines of at most `columns` characters, ending with a newline."""
    lines: list[str] = []
    for row in receipt_rows(receipt):
        lines.extend(fixed_lines(row, columns))
    return "\n".join(lines) + "\n"


def fixed_lines(row: Row, columns: int) -> list[str]:
    """A row as lines of at most `columns` characters (a barcode as its text; no logo)."""
    if isinstance(row, Text):
        wrapped = textwrap.wrap(row.text, columns) or [""]
        if row.align == "center":
            return [line.center(columns).rstrip() for line in wrapped]
        if row.align == "right":
            return [line.rjust(columns) for line in wrapped]
        return wrapped
    if isinstance(row, Pair):
        return _pair(row, columns)
    if isinstance(row, Table):
        return [_table(row.cells, columns)]
    if isinstance(row, Rule):
        return ["-" * columns]
    if isinstance(row, Barcode):
        return [row.data.center(columns).rstrip()]
    assert isinstance(row, Logo)
    return []


def _pair(row: Pair, columns: int) -> list[str]:
    indent = _INDENT if row.indent else ""
    right = row.right
    room = columns - len(indent) - (len(right) + 1 if right else 0)
    wrapped = textwrap.wrap(row.left, max(room, columns // 2)) or [""]
    lines = [indent + line for line in wrapped]
    if not right:
        return lines
    last = lines[-1]
    if len(last) + 1 + len(right) <= columns:
        lines[-1] = last + right.rjust(columns - len(last))
    else:
        lines.append(right.rjust(columns))
    return lines


def _table(cells: tuple[str, ...], columns: int) -> str:
    others = len(cells) - 1
    cell = min(_WIDEST_AMOUNT_CELL, (columns - _NARROWEST_FIRST_CELL) // max(others, 1))
    first = columns - cell * others
    return cells[0][:first].ljust(first) + "".join(text.rjust(cell) for text in cells[1:])
