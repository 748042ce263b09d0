"""The core's one translation catalogue (gettext, compiled with Babel).

Texts the core prints (CLI messages, errors, later receipts and reports) are
written in English and wrapped in `_()`; Latvian lives in
resources/locale/lv/LC_MESSAGES/posapp.po (compiled to .mo; found through
posapp.config.LOCALE_DIR). The GUI
uses Qt's own tr() and .qm files instead.
"""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from functools import cache

from babel import dates
from babel.support import NullTranslations, Translations

from posapp.config import LOCALE_DIR
from posapp.output import formatting

LANGUAGES = ("en", "lv")  # each has its Babel locale in posapp.output.formatting.LOCALES

_translations: NullTranslations = NullTranslations()
_language = "en"


def language_code(code: str) -> str:
    """The shipped language a code asks for: "lv_LV", "lv-LV", "LV" -> "lv"; others -> "en"."""
    language = code.split("_")[0].split("-")[0].lower()
    return language if language in LANGUAGES else "en"


def translations(code: str) -> NullTranslations:
    """The catalogue of one language, whatever the current one is.

    For a document printed in a language of its own (a loyalty card in the shop's
    language while the command speaks English): mark its texts with `N_()` and
    translate them with `translations(language).gettext(text)`.
    """
    return _load(language_code(code))


@cache
def _load(language: str) -> NullTranslations:
    return Translations.load(str(LOCALE_DIR), [language], domain="posapp")


def set_language(code: str) -> None:
    """Switch the core's printed texts to `code` ("en" or "lv"; others fall back to English)."""
    global _translations, _language
    _language = language_code(code)
    _translations = _load(_language)


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a text for the catalogue where it is defined; it is translated where shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations.ngettext(singular, plural, count)


def format_money(amount: Decimal) -> str:
    """A euro amount in the printed texts' language: "5,00 €" in Latvian, "€5.00" in English."""
    return formatting.format_money(amount, _language)


def format_date(day: date) -> str:
    """A date in the printed texts' language: "2026. gada 23. nov.", "23 Nov 2026"."""
    return dates.format_date(day, "medium", locale=formatting.babel_locale(_language))


def format_day_month(day: date, language: str, *, with_year: bool = False) -> str:
    """A day of the year in `language`: "2 Jan", "2. janv."; with the year "2 Jan 2026",
    "2026. g. 2. janv."."""
    skeleton = "yMMMd" if with_year else "MMMd"
    return dates.format_skeleton(
        skeleton, day, locale=formatting.babel_locale(language_code(language))
    )


set_language(os.environ.get("POSAPP_LANGUAGE", "en"))
