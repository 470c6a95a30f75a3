"""Who sells: the business profile and the languages it speaks."""

from __future__ import annotations

from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import EmailStr, Field, ValidationInfo, field_validator

from bot.config.fields import (
    CountryCode,
    CurrencyCode,
    LocaleName,
    Section,
    Text,
    one_of,
    phone_number,
    tax_id,
)

Language = Literal["es", "en"]  # the languages the message catalogs exist in


class Business(Section):
    name: Text
    legal_name: Text
    address: Text
    country: CountryCode
    tax_id: Text  # checked for the country: CUIT in AR, RFC in MX, RUT in CL, …
    tax_condition: Text  # as printed on invoices, e.g. "IVA Responsable Inscripto"
    currency: CurrencyCode
    locale: LocaleName
    timezone: ZoneInfo
    email: EmailStr
    phone: Text  # normalized to E.164

    @field_validator("tax_id")
    @classmethod
    def _valid_in_the_country(cls, number: str, info: ValidationInfo) -> str:
        country = info.data.get("country")
        return tax_id(country, number) if country else number

    @field_validator("phone")
    @classmethod
    def _dialable(cls, number: str, info: ValidationInfo) -> str:
        return phone_number(number, info.data.get("country"))


class Languages(Section):
    available: tuple[Language, ...] = Field(default=("es", "en"), min_length=1)
    default: Language = "es"

    @field_validator("default")
    @classmethod
    def _available(cls, language: str, info: ValidationInfo) -> str:
        return one_of(language, info.data.get("available"), "available languages")
