"""The base of every config section and the validated values they share."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from types import ModuleType
from typing import Annotated, Any, cast
from urllib.parse import urlsplit

import phonenumbers
from babel import Locale, UnknownLocaleError
from babel.numbers import get_currency_precision, is_currency
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from stdnum import get_cc_module
from stdnum.ar import cbu
from stdnum.exceptions import ValidationError as NumberError

from bot.config.errors import Location
from domain.money import MAX_AMOUNT

RATE_DECIMALS = 6  # the tax_rate columns are exact to 6 decimals


class Section(BaseModel):
    """A part of config.yml: an unknown key is an error (most likely a typo); immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, hide_input_in_errors=True
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_means_no_keys(cls, data: Any) -> Any:
        # YAML reads a section whose keys are all commented out as null.
        return {} if data is None else data


def _exact_rate(rate: Decimal) -> Decimal:
    if rate != round(rate, RATE_DECIMALS):
        raise ValueError(f"{rate} has more than {RATE_DECIMALS} decimals")
    return rate


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Money and rates are Decimal end to end; the YAML reader never produces floats.
# An amount's decimals depend on the currency: Settings checks them (inexact_amounts).
Amount = Annotated[Decimal, Field(ge=0, lt=MAX_AMOUNT)]
Rate = Annotated[Decimal, Field(ge=0, lt=1), AfterValidator(_exact_rate)]


def inexact_amounts(
    amounts: Mapping[Location, Decimal | None], currency: str
) -> list[tuple[Location, str]]:
    """The amounts with more decimals than `currency` has (2 for ARS, 0 for CLP), each with
    what is wrong: prices, totals and limits are kept in its minor unit."""
    places = get_currency_precision(currency)
    return [
        (location, f"{amount} has more decimals than {currency} allows ({places})")
        for location, amount in amounts.items()
        if amount is not None and amount != round(amount, places)
    ]


def one_of(value: str, choices: Collection[str] | None, what: str) -> str:
    """`value` must name one of `choices` (None: they failed validation, already reported)."""
    if choices is not None and value not in choices:
        raise ValueError(f"{value!r} is not among the {what}: {', '.join(choices)}")
    return value


def _needed_when_enabled(value: Any, info: ValidationInfo) -> Any:
    if value is None and info.data.get("enabled"):
        raise ValueError("required when enabled")
    return value


NeededWhenEnabled = AfterValidator(_needed_when_enabled)


def _country(code: str) -> str:
    if code.upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError("not an ISO 3166 two-letter country code, like AR, MX or CL")
    return code.upper()


def _currency(code: str) -> str:
    if not is_currency(code.upper()):
        raise ValueError("not an ISO 4217 currency code, like ARS, MXN or USD")
    return code.upper()


def _locale(name: str) -> str:
    try:
        return str(Locale.parse(name.replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        raise ValueError("not a known locale, like es_AR or en_US") from None


def _web_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL")
    return url


def _cbu(number: str) -> str:
    try:
        return cbu.validate(number)
    except NumberError as error:
        raise ValueError(f"not a valid CBU: {error}") from None


CountryCode = Annotated[str, AfterValidator(_country)]
CurrencyCode = Annotated[str, AfterValidator(_currency)]
LocaleName = Annotated[str, AfterValidator(_locale)]
WebUrl = Annotated[str, AfterValidator(_web_url)]
Cbu = Annotated[str, AfterValidator(_cbu)]


def tax_id(country: str, number: str) -> str:
    """`number` checked as the tax id of `country` and written its standard way.

    Countries python-stdnum does not know keep the number as written.
    """
    module = get_cc_module(country.lower(), "vat")
    if module is None:
        return number
    name = cast(ModuleType, module).__name__.rsplit(".", 1)[-1].upper()  # e.g. CUIT
    try:
        valid = module.validate(number)
    except NumberError as error:
        raise ValueError(f"not a valid {name} for {country}: {error}") from None
    return module.format(valid) if hasattr(module, "format") else valid


def phone_number(number: str, country: str | None) -> str:
    """`number` in E.164 (+5491122334455); without a country it must start with +."""
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValueError("not a valid phone number; give the country code: +54 11 4300-1234")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
