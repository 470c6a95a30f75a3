"""Customers with their addresses and channel identities."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.engine import RowMapping

from domain.customer import ChannelIdentity, Customer
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.schema import channel_identities, customer_addresses, customers

SAME_NAMED = ("id", "name", "country", "language", "phone", "email", "tax_id",
              "marketing_opt_in", "created_at")


def dump(customer: Customer) -> Record:
    return Record(
        row=attributes(customer, SAME_NAMED),
        children={
            "addresses": [{"text": address} for address in customer.addresses],
            "identities": [{"channel": i.channel, "external_id": i.external_id}
                           for i in customer.identities],
        },
    )


def load(row: RowMapping, children: Children) -> Customer:
    return rehydrate(
        Customer, **values(row, SAME_NAMED),
        addresses=[r["text"] for r in children["addresses"]],
        identities=[ChannelIdentity(r["channel"], r["external_id"])
                    for r in children["identities"]],
    )


class SqlCustomerRepository(SqlRepository[Customer]):
    mapping = AggregateMapping(customers, "id", dump, load,
                      {"addresses": customer_addresses, "identities": channel_identities})

    def get(self, customer_id: int) -> Customer | None:
        return self._get(customer_id)

    def by_identity(self, channel: str, external_id: str) -> Customer | None:
        owner = select(channel_identities.c.customer_id).where(
            channel_identities.c.channel == channel,
            channel_identities.c.external_id == str(external_id),
        )
        return self._first(self._select(customers.c.id.in_(owner)))

    def by_phone(self, phone: str) -> Customer | None:
        """The customer who registered this phone first, if several did."""
        return self._first(self._select(customers.c.phone == phone).order_by(customers.c.id))

    def search(self, text: str, offset: int = 0, limit: int = 20) -> list[Customer]:
        """Customers whose name, phone or email contains `text` (any case), by id."""
        matches = or_(*(column.icontains(text, autoescape=True)
                        for column in (customers.c.name, customers.c.phone, customers.c.email)))
        return self._fetch(self._select(matches).order_by(customers.c.id)
                           .offset(offset).limit(limit))

    def opted_in(self) -> list[Customer]:
        """Customers who asked for the shop's news, by id."""
        return self._fetch(self._select(customers.c.marketing_opt_in.is_(True))
                           .order_by(customers.c.id))
