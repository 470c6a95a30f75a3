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
) -> Customer:
    """A new customer, or the existing one with the same phone linked to this channel too."""
    if uow.customers.by_identity(channel, external_id) is not None:
        raise InvalidValue("this chat already belongs to a registered customer")
    existing = customer_by_phone(uow, clean_phone(phone, shop.country))
    customer = existing or Customer(name=name, country=shop.country, language=language,
                                    created_at=shop.clock.now())
    given = {"name": name, "phone": phone, "email": email, "tax_id": tax_id}
    customer.update(**{key: value for key, value in given.items() if value})
    customer.add_address(address)
    customer.link(channel, external_id)
    if existing is None:
        uow.customers.add(customer)
    customer.record("customer.registered", channel=channel, external_id=str(external_id))
    return customer


def customer_by_phone(uow: UnitOfWork, phone: str) -> Customer | None:
    """The customer with this E.164 phone, in whichever form it was stored."""
    return next((found for variant in phone_variants(phone)
                 if (found := uow.customers.by_phone(variant)) is not None), None)


def update_customer(uow: UnitOfWork, customer_id: int, **changes: str | None) -> Customer:
    customer = lookup.customer(uow, customer_id)
    customer.update(**changes)
    return customer


def add_address(uow: UnitOfWork, customer_id: int, address: str) -> str:
    return lookup.customer(uow, customer_id).add_address(address)
