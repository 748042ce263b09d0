"""The schema, as SQLAlchemy 2.x declarative models, one module per area.

Alembic migrations in posapp/db/migrations are the source of the schema in a
database; a test checks that these models and the migrations agree. Importing
this package declares every table on Base.metadata, whichever model is wanted.
"""

from posapp.db.models.base import Base
from posapp.db.models.care import (
    CardOffer,
    Complaint,
    CustomerNote,
    Promise,
    ReminderAction,
    ReminderLeft,
)
from posapp.db.models.catalogue import Category, Product, ProductBarcode, ProductSearchWord, VatRate
from posapp.db.models.loyalty import (
    Customer,
    CustomerNameKey,
    CustomerProduct,
    CustomerVisit,
    LoyaltyAccount,
    LoyaltyCard,
    NumberSeries,
    PointsEntry,
    Rating,
    StageChange,
    Voucher,
)
from posapp.db.models.reports import (
    ReportDiscounts,
    ReportKept,
    ReportPayments,
    ReportProducts,
    ReportProductsRolled,
    ReportState,
    ReportTakings,
    ReportVat,
)
from posapp.db.models.sales import Payment, Sale, SaleLine
from posapp.db.models.settings import Setting
from posapp.db.models.tills import OpenCart, PrintJob, Shift, ShiftCount, Till
from posapp.db.models.users import AuditEntry, User

__all__ = [
    "AuditEntry",
    "Base",
    "CardOffer",
    "Category",
    "Complaint",
    "Customer",
    "CustomerNameKey",
    "CustomerNote",
    "CustomerProduct",
    "CustomerVisit",
    "LoyaltyAccount",
    "LoyaltyCard",
    "NumberSeries",
    "OpenCart",
    "Payment",
    "PointsEntry",
    "PrintJob",
    "Product",
    "ProductBarcode",
    "ProductSearchWord",
    "Promise",
    "Rating",
    "ReminderAction",
    "ReminderLeft",
    "ReportDiscounts",
    "ReportKept",
    "ReportPayments",
    "ReportProducts",
    "ReportProductsRolled",
    "ReportState",
    "ReportTakings",
    "ReportVat",
    "Sale",
    "SaleLine",
    "Setting",
    "Shift",
    "ShiftCount",
    "StageChange",
    "Till",
    "User",
    "VatRate",
    "Voucher",
]
