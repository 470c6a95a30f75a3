"""Support tickets: opening, assigning, conversing, resolving, rating."""

from __future__ import annotations

from domain.errors import NotFound
from domain.ports import UnitOfWork
from domain.services import lookup
from domain.shop import Shop
from domain.ticket import Priority, Ticket


def open_ticket(uow: UnitOfWork, shop: Shop, *, customer_id: int, description: str,
                order_id: int | None = None, priority: Priority = Priority.NORMAL) -> Ticket:
    lookup.customer(uow, customer_id)
    if order_id is not None:
        lookup.order(uow, order_id, customer_id)
    now = shop.clock.now()
    ticket = Ticket(customer_id=customer_id, subject=description, created_at=now,
                    order_id=order_id, priority=priority)
    ticket.add_message("customer", str(customer_id), description, now)
    uow.tickets.add(ticket)
    uow.flush()
    ticket.record("ticket.opened", ticket_id=ticket.id, customer_id=customer_id,
                  order_id=order_id, priority=priority.value)
    return ticket


def ticket(uow: UnitOfWork, ticket_id: int, customer_id: int | None = None) -> Ticket:
    found = uow.tickets.get(ticket_id)
    if found is None or (customer_id is not None and found.customer_id != customer_id):
        raise NotFound(f"ticket {ticket_id} does not exist", ticket_id=ticket_id)
    return found


def assign_ticket(uow: UnitOfWork, ticket_id: int, agent: str) -> Ticket:
    found = ticket(uow, ticket_id)
    found.assign(agent)
    return found


def reply(uow: UnitOfWork, shop: Shop, ticket_id: int, author: str, author_id: str,
          text: str) -> Ticket:
    found = ticket(uow, ticket_id)
    found.add_message(author, author_id, text, shop.clock.now())
    return found


def resolve_ticket(uow: UnitOfWork, shop: Shop, ticket_id: int) -> Ticket:
    found = ticket(uow, ticket_id)
    found.resolve(shop.clock.now())
    return found


def rate_ticket(uow: UnitOfWork, ticket_id: int, customer_id: int, rating: int,
                comment: str | None = None) -> Ticket:
    found = ticket(uow, ticket_id, customer_id)
    found.rate(rating, comment)
    return found
