"""Search keys: the column type of a prefix-searched key, and what the mapper events
that keep a product's and a customer's keys (catalogue, loyalty) write them with."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, String, delete, insert, inspect
from sqlalchemy.types import TypeEngine

from posapp.db.models.base import Base
from posapp.domain.text import search_key

SEARCH_KEY_LENGTH = 240


def SearchKey(length: int = SEARCH_KEY_LENGTH) -> TypeEngine[str]:
    """Text compared by code point: "C" collation on PostgreSQL, SQLite's default BINARY.

    Prefix searches are ranges (`key >= 'ka' AND key < 'kb'`); under a language
    collation such a range is not the set of strings that start with 'ka', and
    the index could not answer `LIKE 'ka%'` either.
    """
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def search_key_of(name: str) -> str:
    return search_key(name)[:SEARCH_KEY_LENGTH]


def changed(row: Base, attribute: str) -> bool:
    return bool(inspect(row).attrs[attribute].history.has_changes())


def write_keys(
    connection: Connection,
    owner: Any,
    owner_id: int,
    rows: list[dict[str, Any]],
    *,
    replace: bool,
) -> None:
    """A row's search key rows (`owner`: their column naming the row), written anew."""
    if replace:
        connection.execute(delete(owner.table).where(owner == owner_id))
    if rows:
        connection.execute(insert(owner.table), rows)
