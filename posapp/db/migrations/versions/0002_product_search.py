"""product search: name and SKU search keys, the words table, and their back-fill

Products without a barcode are found by typing: products.search_key (the name,
lower-case, without diacritics) answers "the name starts with", the
product_search_words table (the name from each later word on) answers "a later
word starts with", products.sku_key answers "this SKU, any case". Existing
products get their keys here, so a database from before search finds them too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from posapp.domain.text import code_key, search_key, word_keys

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCH_KEY_LENGTH = 240
BATCH = 5000


def _search_key_type(length: int) -> sa.types.TypeEngine[str]:
    # Code point order on PostgreSQL whatever the database's collation (see models.SearchKey).
    return sa.String(length=length).with_variant(
        sa.String(length=length, collation="C"), "postgresql"
    )


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "search_key",
                _search_key_type(SEARCH_KEY_LENGTH),
                server_default=sa.text("''"),
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("sku_key", _search_key_type(80), server_default=sa.text("''"), nullable=False)
        )

    op.create_table(
        "product_search_words",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("key", _search_key_type(SEARCH_KEY_LENGTH), nullable=False),
        sa.Column("name_key", _search_key_type(SEARCH_KEY_LENGTH), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_product_search_words_product_id_products"),
        ),
        sa.PrimaryKeyConstraint("product_id", "key", name=op.f("pk_product_search_words")),
    )
    _back_fill()
    # Indexes after the back-fill: built once from sorted data, not row by row.
    with op.batch_alter_table("product_search_words", schema=None) as batch_op:
        batch_op.create_index(
            "ix_product_search_words_key", ["key", "name_key", "product_id"], unique=False
        )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index("ix_products_search_key", ["search_key", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_sku_key"), ["sku_key"], unique=False)


def _back_fill() -> None:
    """Keys for every product already there, computed by the same function the app uses."""
    connection = op.get_bind()
    products = sa.table(
        "products",
        sa.column("id", sa.Integer()),
        sa.column("name", sa.String()),
        sa.column("sku", sa.String()),
        sa.column("search_key", sa.String()),
        sa.column("sku_key", sa.String()),
    )
    words = sa.table(
        "product_search_words",
        sa.column("product_id", sa.Integer()),
        sa.column("key", sa.String()),
        sa.column("name_key", sa.String()),
    )
    set_keys = (
        sa.update(products)
        .where(products.c.id == sa.bindparam("product_id"))
        .values(search_key=sa.bindparam("new_search_key"), sku_key=sa.bindparam("new_sku_key"))
    )
    last_id = 0
    while True:
        batch = connection.execute(
            sa.select(products.c.id, products.c.name, products.c.sku)
            .where(products.c.id > last_id)
            .order_by(products.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        keys: list[dict[str, object]] = []
        word_rows: list[dict[str, object]] = []
        for product_id, name, sku in batch:
            name_key = search_key(name)[:SEARCH_KEY_LENGTH]
            keys.append(
                {"product_id": product_id, "new_search_key": name_key, "new_sku_key": code_key(sku)}
            )
            word_rows.extend(
                {"product_id": product_id, "key": key, "name_key": name_key}
                for key in dict.fromkeys(word_keys(name_key))
            )
        connection.execute(set_keys, keys)
        if word_rows:
            connection.execute(sa.insert(words), word_rows)
        last_id = batch[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_sku_key"))
        batch_op.drop_index("ix_products_search_key")
    with op.batch_alter_table("product_search_words", schema=None) as batch_op:
        batch_op.drop_index("ix_product_search_words_key")
    op.drop_table("product_search_words")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("sku_key")
        batch_op.drop_column("search_key")
