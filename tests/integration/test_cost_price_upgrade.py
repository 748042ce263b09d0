"""A shop with sales, and days already summed for the reports, is upgraded to cost prices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from posapp.db import schema
from posapp.db.engine import database_url as to_url
from posapp.db.engine import make_engine
from posapp.db.models import Product, SaleLine
from posapp.db.report_models import ReportProducts
from posapp.services.reports import aggregates
from posapp.services.setup import open_database
from tests.integration.helpers import upgrade_to


def test_products_and_lines_from_before_have_no_cost_and_the_summed_days_still_agree(
    database_url: str,
) -> None:
    sold_at = datetime.now(UTC) - timedelta(days=3)
    upgrade_to(database_url, "0006")
    engine = make_engine(to_url(database_url))
    try:
        with engine.begin() as connection:

            def insert(sql: str, **values: object) -> int:
                return int(connection.execute(text(sql + " RETURNING id"), values).scalar_one())

            till = insert("INSERT INTO tills (code, name) VALUES ('T1', 'Till T1')")
            user = insert(
                "INSERT INTO users (name, role, pin_hash, created_at) "
                "VALUES ('Ilze', 'owner', 'x', :now)",
                now=sold_at,
            )
            rate = insert("INSERT INTO vat_rates (rate, name) VALUES (2100, '21 %')")
            bread = insert(
                "INSERT INTO products (sku, name, vat_rate_id, price) "
                "VALUES ('B1', 'Rupjmaize', :rate, 235)",
                rate=rate,
            )
            sale = insert(
                "INSERT INTO sales (uuid, kind, status, till_id, receipt_number, user_id, "
                "started_at, completed_at, total) VALUES ('u1', 'sale', 'completed', :till, 1, "
                ":user, :at, :at, 470)",
                till=till,
                user=user,
                at=sold_at,
            )
            insert(
                "INSERT INTO sale_lines (sale_id, line_no, product_id, name, quantity, "
                "unit_price, list_price, discount, total, vat_rate, vat_amount) VALUES "
                "(:sale, 1, :bread, 'Rupjmaize', 2000, 235, 235, 0, 470, 2100, 82)",
                sale=sale,
                bread=bread,
            )
            # The sale's day already summed for the reports, by posapp before cost prices.
            day = sold_at.astimezone(ZoneInfo("Europe/Riga")).date()
            connection.execute(
                text("INSERT INTO report_state (id, through, updated_at) VALUES (1, :day, :at)"),
                {"day": day, "at": sold_at},
            )
            connection.execute(
                text(
                    "INSERT INTO report_products (day, till_id, product_id, kind, status, lines, "
                    "quantity, gross, vat) VALUES (:day, :till, :bread, 'sale', 'completed', 1, "
                    "2000, 470, 82)"
                ),
                {"day": day, "till": till, "bread": bread},
            )
    finally:
        engine.dispose()
    uow = open_database(database_url)
    try:
        assert schema.current_revision(uow.engine) == schema.HEAD_REVISION
        with uow:
            assert uow.session.scalars(select(Product.cost_price)).all() == [None]
            assert uow.session.scalars(select(SaleLine.unit_cost)).all() == [None]
            summed = uow.session.execute(
                select(
                    ReportProducts.gross,
                    ReportProducts.costed_lines,
                    ReportProducts.costed_gross,
                    ReportProducts.cost,
                )
            ).all()
            assert [tuple(row) for row in summed] == [(470, 0, 0, 0)]
            # `posapp check` finds the products' summed day equal to its raw lines (the other
            # facts were not summed here).
            found = aggregates.differences(uow)
            assert found and not [d for d in found if d.startswith("report_products")]
    finally:
        uow.engine.dispose()
