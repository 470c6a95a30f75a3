"""Support tickets and their conversation."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
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
from storage.repositories.engagement import rating_counts
from storage.schema import channel_identities, ticket_messages, tickets

SAME_NAMED = ("id", "customer_id", "subject", "created_at", "order_id", "assignee",
              "first_response_at", "resolved_at", "rating", "rating_comment")
MESSAGE = ("author", "author_id", "text", "at")
HELD = (TicketStatus.ASSIGNED.value, TicketStatus.WAITING_CUSTOMER.value)


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

    def lock(self, ticket_id: int) -> Ticket | None:
        """Locked for update: two agents taking it at once are served one after the other."""
        return self._lock_one(tickets.c.id == ticket_id)

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

    def held_for_chat(self, channel: str, external_id: str) -> Ticket | None:
        """The ticket a person is answering now for the customer writing from this chat, if
        any (the newest); asked of every message, so one query and no customer loaded."""
        writer = select(channel_identities.c.customer_id).where(
            channel_identities.c.channel == channel,
            channel_identities.c.external_id == str(external_id))
        return self._first(self._select(
            tickets.c.customer_id.in_(writer.scalar_subquery()), tickets.c.status.in_(HELD),
            tickets.c.assignee.is_not(None)).order_by(tickets.c.id.desc()))

    def held_by(self, assignee: str) -> list[Ticket]:
        """The tickets this agent is answering now, oldest first."""
        return self._fetch(self._select(tickets.c.assignee == assignee,
                                        tickets.c.status.in_(HELD)).order_by(tickets.c.id))

    def rating_counts(self) -> dict[int, int]:
        return rating_counts(self.session, tickets)
