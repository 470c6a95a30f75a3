"""Customers: validated contact data and tax ids, addresses, language, channel identities."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import get_cc_module
from stdnum.exceptions import ValidationError as StdnumError

from domain.errors import InvalidValue
from domain.events import EventSource

TAX_ID_MODULES = {"AR": "cuit", "MX": "rfc", "CL": "rut", "CO": "nit", "PE": "ruc",
                  "UY": "rut", "ES": "nif", "BR": "cnpj", "EC": "ruc", "PY": "ruc"}
LANGUAGES = ("es", "en")
NAME_MAX, ADDRESS_MAX = 100, 300


def clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not 2 <= len(name) <= NAME_MAX or not any(ch.isalpha() for ch in name):
        raise InvalidValue(f"a name needs 2 to {NAME_MAX} characters, with letters",
                           field="name")
    return name


def clean_phone(phone: str, country: str) -> str:
    """Any way a person writes a phone number → E.164 ('+5491122334455')."""
    try:
        number = phonenumbers.parse(phone or "", country)
    except phonenumbers.NumberParseException:
        raise InvalidValue(f"{phone!r} is not a phone number", field="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidValue(f"{phone!r} is not a valid phone number", field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_variants(e164: str) -> tuple[str, ...]:
    """The forms one number is stored in: Argentine mobiles are +54 9 …, yet people
    type them without the 9 (which then parses as a landline)."""
    if e164.startswith("+549"):
        return e164, "+54" + e164[4:]
    if e164.startswith("+54"):
        return e164, "+549" + e164[3:]
    return (e164,)


def display_phone(e164: str) -> str:
    """'+5491123456789' → '+54 9 11 2345-6789'."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def clean_email(email: str) -> str:
    try:
        return validate_email(email or "", check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidValue(f"{email!r} is not a valid email: {error}", field="email") from None


def clean_tax_id(tax_id: str, country: str) -> str:
    """Validated and formatted the way the country's tax authority writes it."""
    module_name = TAX_ID_MODULES.get(country.upper())
    module = get_cc_module(country.lower(), module_name) if module_name else None
    if module is None:
        cleaned = " ".join((tax_id or "").split())
        if not 3 <= len(cleaned) <= 30:
            raise InvalidValue(f"{tax_id!r} is not a tax id", field="tax_id")
        return cleaned
    try:
        return module.format(module.validate(tax_id or ""))
    except StdnumError:
        raise InvalidValue(
            f"{tax_id!r} is not a valid {module_name.upper()}", field="tax_id"
        ) from None


def clean_address(text: str) -> str:
    text = " ".join((text or "").split())
    if not 5 <= len(text) <= ADDRESS_MAX:
        raise InvalidValue(f"an address needs 5 to {ADDRESS_MAX} characters", field="address")
    return text


@dataclass(frozen=True, slots=True)
class ChannelIdentity:
    channel: str
    external_id: str


@dataclass(eq=False)
class Customer(EventSource):
    name: str
    country: str
    language: str = "es"
    phone: str | None = None
    email: str | None = None
    tax_id: str | None = None
    addresses: list[str] = field(default_factory=list)
    identities: list[ChannelIdentity] = field(default_factory=list)
    marketing_opt_in: bool = False
    created_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.name = clean_name(self.name)
        if self.language not in LANGUAGES:
            raise InvalidValue(f"language must be one of {', '.join(LANGUAGES)}")

    def update(self, **changes: str | None) -> None:
        """Validate every change first, then apply them all: a bad field changes nothing."""
        cleaners = {
            "name": clean_name,
            "phone": lambda v: clean_phone(v, self.country),
            "email": clean_email,
            "tax_id": lambda v: clean_tax_id(v, self.country),
            "language": self._clean_language,
        }
        unknown = set(changes) - set(cleaners)
        if unknown:
            raise InvalidValue(f"unknown customer fields: {', '.join(sorted(unknown))}")
        required = [k for k in ("name", "language") if k in changes and not changes[k]]
        if required:
            raise InvalidValue(f"{required[0]} is required", field=required[0])
        cleaned = {k: (cleaners[k](v) if v else None) for k, v in changes.items()}
        for key, value in cleaned.items():
            setattr(self, key, value)

    @staticmethod
    def _clean_language(language: str) -> str:
        if language not in LANGUAGES:
            raise InvalidValue(f"language must be one of {', '.join(LANGUAGES)}")
        return language

    def add_address(self, text: str) -> str:
        address = clean_address(text)
        if address not in self.addresses:
            self.addresses.append(address)
        return address

    def link(self, channel: str, external_id: str) -> None:
        identity = ChannelIdentity(channel, str(external_id))
        if identity not in self.identities:
            self.identities.append(identity)

    @property
    def is_registered(self) -> bool:
        return bool(self.phone and self.addresses)
