"""Money, numbers and dates per locale. Spaces are compared loosely: CLDR releases move the
space between "$" and the digits (es_AR wrote "$ 12.500,00", now "$12.500,00")."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from dialogs.i18n import Translator
from domain.money import Money

BUENOS_AIRES = ZoneInfo("America/Argentina/Buenos_Aires")
ONE_THIRTY_UTC = datetime(2025, 3, 1, 2, 30, tzinfo=UTC)  # 28 Feb, 23:30 in Buenos Aires


def spanish(business_locale: str = "es_AR") -> Translator:
    return Translator.for_language("es", business_locale, BUENOS_AIRES)


def english(business_locale: str = "es_AR") -> Translator:
    return Translator.for_language("en", business_locale, BUENOS_AIRES)


def without_spaces(text: str) -> str:
    return "".join(text.split())


def test_pesos_in_spanish_use_dots_for_thousands_and_a_comma_for_cents():
    assert without_spaces(spanish().money(Money.of("12500", "ARS"))) == "$12.500,00"
    assert without_spaces(spanish().money(Money.of("-0.005", "ARS"))) == "-$0,01"


def test_pesos_in_english_show_the_currency_code_apart_from_the_digits():
    assert english().money(Money.of("12500", "ARS")) == "ARS\xa012,500.00"
    assert english().money(Money.of("-3.5", "ARS")) == "-ARS\xa03.50"


def test_dollars_in_english_keep_their_symbol():
    assert english().money(Money.of("1234.5", "USD")) == "$1,234.50"


def test_currencies_without_cents_show_none():
    assert without_spaces(spanish("es_CL").money(Money.of("12500", "CLP"))) == "$12.500"


@pytest.mark.parametrize("rate, es, en", [
    (Decimal("0.21"), "21%", "21%"),
    (Decimal("0.105"), "10,5%", "10.5%"),
    (Decimal("0"), "0%", "0%"),
])
def test_rates_keep_their_decimals(rate, es, en):
    assert without_spaces(spanish().percent(rate)) == es
    assert without_spaces(english().percent(rate)) == en


def test_numbers_group_thousands_per_locale():
    assert spanish().number(1234567) == "1.234.567"
    assert english().number(Decimal("1234.5")) == "1,234.5"


def test_dates_are_shown_in_the_business_time_zone():
    assert "28" in spanish().date(ONE_THIRTY_UTC) and "feb" in spanish().date(ONE_THIRTY_UTC)
    assert "Feb 28" in english().date(ONE_THIRTY_UTC)


def test_date_and_time_are_shown_in_the_business_time_zone():
    shown = spanish().datetime(ONE_THIRTY_UTC)
    assert "28" in shown and "23:30" in shown
    assert "11:30" in english().datetime(ONE_THIRTY_UTC)


def test_naive_datetimes_are_taken_as_utc():
    assert spanish().datetime(ONE_THIRTY_UTC.replace(tzinfo=None)) == spanish().datetime(
        ONE_THIRTY_UTC)


def test_spanish_follows_the_business_locale_and_english_defaults_to_the_us():
    assert str(spanish("es_MX").locale) == "es_MX"
    assert str(english("es_MX").locale) == "en_US"
    assert str(english("en_GB").locale) == "en_GB"
