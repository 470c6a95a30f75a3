"""The customer's data, one field at a time: read from a message, validated, asked again.

Registration and the profile ask the same fields the same way, so both use these helpers:
the domain's `clean_*` functions decide what is valid, the catalogs say what went wrong.
"""

from __future__ import annotations

import re
from enum import StrEnum

from dialogs import router
from dialogs.context import Context
from dialogs.contract import Button, Reply
from domain.customer import (
    ADDRESS_MAX,
    NAME_MAX,
    TAX_ID_MODULES,
    clean_address,
    clean_email,
    clean_name,
    clean_phone,
    clean_tax_id,
)
from domain.errors import InvalidValue
from nlu import Intent


class Field(StrEnum):
    NAME = "name"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"
    TAX_ID = "tax_id"


OPTIONAL = frozenset({Field.EMAIL, Field.TAX_ID})
# Fields whose answers have a shape: text that does not fit may mean something else.
SHAPED = frozenset({Field.PHONE, Field.EMAIL, Field.TAX_ID})
# Confident intents that leave a step: the customer went somewhere else.
NAVIGATION = frozenset({
    Intent.BROWSE_CATALOG, Intent.SEARCH_PRODUCT, Intent.VIEW_CART, Intent.ORDER_STATUS,
    Intent.HELP, Intent.HUMAN_HANDOFF, Intent.SUPPORT_REQUEST, Intent.REQUEST_QUOTE,
    Intent.PAYMENT_METHODS, Intent.INVOICE_REQUEST,
})
LIMITS = {Field.NAME: NAME_MAX, Field.ADDRESS: ADDRESS_MAX}
_WORDS = re.compile(r"[^\w/-]+")


def clean(field: Field, value: str, country: str) -> str:
    """The domain's validation of one field; InvalidValue names the field."""
    cleaners = {
        Field.NAME: clean_name,
        Field.ADDRESS: clean_address,
        Field.PHONE: lambda text: clean_phone(text, country),
        Field.EMAIL: clean_email,
        Field.TAX_ID: lambda text: clean_tax_id(text, country),
    }
    return cleaners[field](value)


def read(ctx: Context, field: Field) -> str:
    """The answer this message gives for `field`, validated; a shared contact is a phone."""
    incoming = ctx.incoming
    if field is Field.PHONE and incoming.contact is not None:
        return clean(field, incoming.contact.phone, ctx.shop.country)
    if not (incoming.text or "").strip():
        raise InvalidValue("this step needs text", field=field.value, not_text=True)
    return clean(field, incoming.text or "", ctx.shop.country)


def problem_text(ctx: Context, field: Field, problem: InvalidValue) -> str:
    """What to tell the customer about an answer that does not fit."""
    label = tax_label(ctx)
    what = ctx.t.t(f"registration.what.{field}", tax_label=label)
    length = len(" ".join((ctx.incoming.text or "").split()))
    if problem.details.get("not_text"):
        return ctx.t.t("registration.not_text", what=what)
    if field in LIMITS and length > LIMITS[field]:
        return ctx.t.t("registration.too_long", what=what, length=ctx.t.number(length),
                       limit=ctx.t.number(LIMITS[field]))
    return ctx.t.t(f"registration.invalid.{field}", tax_label=label)


def tax_label(ctx: Context) -> str:
    """CUIT, RFC, RUT…: the tax id the way the shop's country names it."""
    module = TAX_ID_MODULES.get(ctx.shop.country.upper())
    return module.upper() if module else ctx.t.t("registration.tax_id_generic")


def prompt(ctx: Context, text: str, field: Field, *buttons: Button) -> None:
    """Ask for `field`; for a phone, channels that can also offer to share the contact."""
    ctx.send(Reply(text, tuple(buttons), request_contact=field is Field.PHONE))


def wants_to_skip(ctx: Context) -> bool:
    """"omitir", "no tengo", "skip"… or a confident no."""
    text = _WORDS.sub(" ", (ctx.incoming.text or "").lower()).strip()
    if not text:
        return False
    words = {w.strip() for w in ctx.t.t("registration.skip_words").lower().split(",")}
    if text in words:
        return True
    parse = ctx.parse()
    return parse.intent is Intent.DENY and not parse.uncertain


def leaves_step(ctx: Context) -> bool:
    """Free text that clearly asks for something else: end the step and answer that."""
    if not ctx.incoming.text:
        return False
    parse = ctx.parse()
    if parse.uncertain or parse.intent not in NAVIGATION:
        return False
    ctx.end_flow()
    router.understand(ctx)
    return True
