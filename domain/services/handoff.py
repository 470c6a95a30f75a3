"""The human handoff: an agent takes a ticket, talks with the customer through the bot,
and closes it. Agents and customers are named by chat address, "channel:chat id"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.ports import UnitOfWork
from domain.services.support import open_ticket
from domain.shop import Shop
from domain.ticket import Priority, Ticket, TicketStatus

HELD = frozenset({TicketStatus.ASSIGNED, TicketStatus.WAITING_CUSTOMER})
ENDED = frozenset({TicketStatus.RESOLVED, TicketStatus.CLOSED})
CUSTOMER, AGENT, BOT = "customer", "agent", "bot"


def address(channel: str, chat_id: str) -> str:
    return f"{channel}:{chat_id}"


def split_address(value: str) -> tuple[str, str] | None:
    channel, colon, chat_id = value.partition(":")
    return (channel, chat_id) if colon and channel and chat_id else None


def is_held(ticket: Ticket) -> bool:
    """A person answers it now: the bot keeps out of the customer's chat."""
    return ticket.status in HELD and ticket.assignee is not None


def refusal(ticket: Ticket | None, agent: str, taking: bool = False) -> str | None:
    """Why `agent` may not act on the ticket (not_found, closed, another_agent, not_taken,
    already_yours), or None."""
    if ticket is None:
        return "not_found"
    if ticket.status in ENDED:
        return "closed"
    if is_held(ticket) and ticket.assignee != agent:
        return "another_agent"
    if taking:
        return "already_yours" if is_held(ticket) else None
    return None if is_held(ticket) else "not_taken"


def open_handoff(uow: UnitOfWork, shop: Shop, *, customer_id: int, description: str,
                 order_id: int | None, transcript: Sequence[tuple[str, str]],
                 customer_chat: str) -> Ticket:
    """A ticket for a person, with the recent conversation (author, text) attached."""
    ticket = open_ticket(uow, shop, customer_id=customer_id, description=description,
                         order_id=order_id, priority=Priority.HIGH)
    now = shop.clock.now()
    for author, text in transcript:
        ticket.add_message(author, customer_chat if author == CUSTOMER else BOT, text, now)
    return ticket


def take(ticket: Ticket, agent: str) -> None:
    ticket.assign(agent)


def customer_says(shop: Shop, ticket: Ticket, customer_chat: str, text: str) -> None:
    ticket.add_message(CUSTOMER, customer_chat, text, shop.clock.now())


def agent_says(shop: Shop, ticket: Ticket, agent: str, text: str) -> None:
    ticket.add_message(AGENT, agent, text, shop.clock.now())
    if ticket.status is TicketStatus.ASSIGNED:
        ticket.wait_for_customer()


def close(shop: Shop, ticket: Ticket) -> None:
    ticket.resolve(shop.clock.now())


def customer_chat(ticket: Ticket) -> tuple[str, str] | None:
    """Where the customer last wrote from about this ticket."""
    for message in reversed(ticket.messages):
        found = split_address(message.author_id) if message.author == CUSTOMER else None
        if found is not None:
            return found
    return None


def last_heard(ticket: Ticket) -> datetime:
    """When the customer last wrote in it: the agent's latest relayed message."""
    return max((m.at for m in ticket.messages if m.author == CUSTOMER), default=ticket.created_at)
