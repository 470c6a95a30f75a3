"""Staff in a chat: who is who in config.yml, and reading what the audit log kept."""

from __future__ import annotations

ADMIN, STAFF, AGENT = "admin", "staff", "agent"  # console identities in config.yml


def audit_rows(chat, subject: str | None = None):
    with chat.uow() as uow:
        return uow.audit.recent(100, subject=subject)


def order_of(chat, order_id: int):
    with chat.uow() as uow:
        return uow.orders.get(order_id)


def to(who: str, replies) -> list:
    return [reply for reply in replies if reply.chat_id == who]


def placed(chat, who: str = "ana", method: str = "bank_transfer",
           items: dict[str, int] | None = None) -> tuple[int, int]:
    """(customer id, order id) of a new order, its notices to staff already sent."""
    from checkout_helpers import placed_order

    found = placed_order(chat, who, method, items)
    chat.dispatcher.run_once()
    return found
