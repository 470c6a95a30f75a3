"""Registering customers and keeping their data up to date."""

from __future__ import annotations

from domain.customer import Customer, clean_phone, phone_variants
from domain.errors import InvalidValue
from domain.ports import UnitOfWork
from domain.services import lookup
from domain.shop import Shop


def register_customer(
    uow: UnitOfWork, shop: Shop, *, channel: str, external_id: str, name: str, phone: str,
    address: str, email: str | None = None, tax_id: str | None = None, language: str = "es",
    phone_verified: bool = False,
) -> Customer:
    """A new customer; or, when the platform vouches for the phone (a shared contact), the
    customer who has it, linked to this chat too. Knowing someone's number is not enough
    to see their orders."""
    if uow.customers.by_identity(channel, external_id) is not None:
        raise InvalidValue("this chat already belongs to a registered customer")
    existing = customer_by_phone(uow, clean_phone(phone, shop.country))
    if existing is not None and not phone_verified:
        raise InvalidValue("this phone belongs to another customer; share your contact to "
                           "prove it is yours", field="phone")
    if existing is None:
        customer = Customer(name=name, country=shop.country, language=language,
                            created_at=shop.clock.now())
        customer.update(name=name, phone=phone, email=email, tax_id=tax_id)
        uow.customers.add(customer)
    else:  # what the customer told us before stays; only blanks are filled
        customer = existing
        missing = {"email": email, "tax_id": tax_id}
        customer.update(**{key: value for key, value in missing.items()
                           if value and not getattr(customer, key)})
    customer.add_address(address)
    customer.link(channel, external_id)
    customer.record("customer.registered", channel=channel, external_id=str(external_id))
    return customer


def customer_by_phone(uow: UnitOfWork, phone: str) -> Customer | None:
    """The customer with this E.164 phone, in whichever form it was stored."""
    return next((found for variant in phone_variants(phone)
                 if (found := uow.customers.by_phone(variant)) is not None), None)


def link_verified_phone(uow: UnitOfWork, shop: Shop, *, channel: str, external_id: str,
                        phone: str) -> Customer | None:
    """A chat whose platform vouches for its number (WhatsApp) belongs to the customer with
    that number, if there is one: linked on first contact, nothing asked again."""
    try:
        customer = customer_by_phone(uow, clean_phone(phone, shop.country))
    except InvalidValue:
        return None
    if customer is not None:
        customer.link(channel, external_id)
        customer.record("customer.linked", channel=channel, external_id=str(external_id))
    return customer


def update_customer(uow: UnitOfWork, customer_id: int, **changes: str | None) -> Customer:
    customer = lookup.customer(uow, customer_id)
    customer.update(**changes)
    return customer


def add_address(uow: UnitOfWork, customer_id: int, address: str) -> str:
    return lookup.customer(uow, customer_id).add_address(address)
