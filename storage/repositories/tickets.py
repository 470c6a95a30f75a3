"""Support tickets and their conversation."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.engine import RowMapping

from domain.ticket import Priority, Ticket, TicketMessage, TicketStatus
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.schema import ticket_messages, tickets

SAME_NAMED = ("id", "customer_id", "subject", "created_at", "order_id", "assignee",
              "first_response_at", "resolved_at", "rating", "rating_comment")
MESSAGE = ("author", "author_id", "text", "at")


def dump(ticket: Ticket) -> Record:
    return Record(
        {**attributes(ticket, SAME_NAMED), "priority": ticket.priority.value,
         "status": ticket.status.value},
        {"messages": [attributes(message, MESSAGE) for message in ticket.messages]},
    )


def load(row: RowMapping, children: Children) -> Ticket:
    return rehydrate(
        Ticket, **values(row, SAME_NAMED), priority=Priority(row["priority"]),
        status=TicketStatus(row["status"]),
        messages=[TicketMessage(**values(message, MESSAGE)) for message in children["messages"]],
    )


class SqlTicketRepository(SqlRepository[Ticket]):
    mapping = AggregateMapping(tickets, "id", dump, load, {"messages": ticket_messages})

    def get(self, ticket_id: int) -> Ticket | None:
        return self._get(ticket_id)

    def for_customer(self, customer_id: int) -> list[Ticket]:
        """Newest first."""
        return self._fetch(
            self._select(tickets.c.customer_id == customer_id).order_by(tickets.c.id.desc()))

    def search(self, statuses: Collection[str] = (), offset: int = 0,
               limit: int = 20) -> list[Ticket]:
        """Tickets in any of `statuses` (all when empty), newest first."""
        where = [tickets.c.status.in_(list(statuses))] if statuses else []
        return self._fetch(self._select(*where).order_by(tickets.c.id.desc())
                           .offset(offset).limit(limit))
