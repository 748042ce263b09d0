"""Open a shop's database: engine, schema upgrade, reference data, this till."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from posapp.db import schema
from posapp.db.engine import database_url, make_engine
from posapp.db.models import VatRate
from posapp.db.uow import UnitOfWork, database_error
from posapp.i18n import N_, _
from posapp.services.shifts import ensure_till

# Latvian VAT: standard 21 %, reduced 12 % and 5 %, and 0 %.
LATVIAN_VAT_RATES = (
    (Decimal("21"), N_("standard rate")),
    (Decimal("12"), N_("reduced rate")),
    (Decimal("5"), N_("reduced rate (fresh produce, books)")),
    (Decimal("0"), N_("zero rate")),
)


def open_database(url_or_path: str, *, durable: bool = True) -> UnitOfWork:
    """A unit of work on this database, its schema upgraded to this version."""
    engine = make_engine(database_url(url_or_path), durable=durable)
    try:
        schema.upgrade(engine)
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
        engine.dispose()
        raise database_error(error) from error
    except BaseException:
        engine.dispose()
        raise
    return UnitOfWork(engine)


def prepare_shop(uow: UnitOfWork, till_code: str) -> int:
    """Reference data a new shop needs (VAT rates) and this till; returns the till id."""
    with uow.writing():
        if uow.session.scalar(select(VatRate.id).limit(1)) is None:
            uow.session.add_all(
                VatRate(rate=rate, name=_(name)) for rate, name in LATVIAN_VAT_RATES
            )
            uow.commit()
    return ensure_till(uow, till_code)
