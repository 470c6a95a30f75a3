"""What staff hear about without asking: new orders awaiting approval, transfer receipts to
check, new tickets. Each goes to every identity of every member with the role, in the
shop's default language, with buttons to act on it."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Callable

from dialogs.context import Dependencies
from dialogs.contract import LANGUAGE, Button, Document, Outgoing, Reply
from dialogs.flows.handoff_text import transcript
from dialogs.i18n import Translator
from dialogs.registry import ADMIN, AGENT, STAFF
from domain.order import OrderStatus
from domain.outbox import OutboxMessage
from domain.payment import PaymentMethod, PaymentStatus
from domain.ports import UnitOfWork
from domain.services.gateway_payments import FLAGGED_TOPIC

RUN_THE_SHOP = frozenset({ADMIN, STAFF})
ANSWER_TICKETS = frozenset({ADMIN, STAFF, AGENT})
STAFF_TOPICS = frozenset({"order.placed", "payment.recorded", "payment.approved",
                          "ticket.opened", FLAGGED_TOPIC})


def staff_messages(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
                   translator: Callable[[str], Translator]) -> list[Outgoing]:
    if event.topic not in STAFF_TOPICS:
        return []
    t = translator(deps.profile.default_language)
    if event.topic == "ticket.opened":
        reply, roles = _new_ticket(event, uow, t), ANSWER_TICKETS
    elif event.topic == "order.placed":
        reply, roles = _new_order(event, uow, t), RUN_THE_SHOP
    elif event.topic == FLAGGED_TOPIC:
        reply, roles = _flagged(event, t), RUN_THE_SHOP
    elif event.topic == "payment.approved":
        reply, roles = _paid_online(event, uow, t), RUN_THE_SHOP
    else:
        reply, roles = _receipt(event, uow, t), RUN_THE_SHOP
    if reply is None:
        return []
    return [Outgoing(channel, chat_id, reply, {LANGUAGE: t.language})
            for (channel, chat_id), held in sorted(deps.profile.staff.items())
            if held & roles]


def _new_order(event: OutboxMessage, uow: UnitOfWork, t: Translator) -> Reply | None:
    order = uow.orders.get(int(event.payload["order_id"]))
    if order is None or order.status is not OrderStatus.PLACED:  # approved automatically
        return None
    customer = uow.customers.get(order.customer_id)
    text = t.t("admin.notice.new_order", order=order.id, customer=customer.name if customer
               else "—", total=t.money(order.totals.total),
               method=t.t(f"payment_methods.{order.payment_method}"))
    return Reply(text, (Button(t.t("admin.order.approve"), f"ao:approve:{order.id}"),
                        Button(t.t("admin.order.see"), f"ao:show:{order.id}")))


def _receipt(event: OutboxMessage, uow: UnitOfWork, t: Translator) -> Reply | None:
    payment = uow.payments.get(int(event.payload["payment_id"]))
    if payment is None or payment.status is not PaymentStatus.PENDING \
            or payment.method is not PaymentMethod.BANK_TRANSFER:
        return None
    text = t.t("admin.notice.receipt", order=payment.order_id, amount=t.money(payment.amount))
    return Reply(text, (Button(t.t("admin.payment.confirm"), f"ap:confirm:{payment.id}"),
                        Button(t.t("admin.payment.reject"), f"ap:reject:{payment.id}")),
                 document=receipt_document(payment.receipt_file))


def _paid_online(event: OutboxMessage, uow: UnitOfWork, t: Translator) -> Reply | None:
    """A payment the platform confirmed by itself; staff confirmed the others themselves."""
    payment = uow.payments.get(int(event.payload["payment_id"]))
    if payment is None or payment.method is not PaymentMethod.MERCADOPAGO:
        return None
    order = uow.orders.get(payment.order_id)
    text = t.t("admin.notice.paid_online", order=payment.order_id,
               amount=t.money(payment.amount), reference=payment.provider_reference or "—",
               balance=t.money(order.balance) if order else "—")
    return Reply(text, (Button(t.t("admin.order.see"), f"ao:show:{payment.order_id}"),))


def _flagged(event: OutboxMessage, t: Translator) -> Reply:
    """A platform's payment the shop must look at: nothing was marked paid by it."""
    payload = event.payload
    order = payload.get("order_id") or payload.get("order_reference") or "—"
    text = t.t(f"admin.notice.flagged.{payload['flag']}", order=order,
               payment=payload["payment_reference"], status=payload["status"],
               amount=f"{payload['amount']} {payload['currency']}",
               owed=payload.get("owed") or "—")
    buttons = (Button(t.t("admin.order.see"), f"ao:show:{payload['order_id']}"),) \
        if payload.get("order_id") else ()
    return Reply(text, buttons)


def receipt_document(path: str | None) -> Document | None:
    """The receipt as the customer sent it, when the shop keeps the file itself."""
    if not path or not os.path.isabs(path):
        return None
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return Document(os.path.basename(path), mime, path)


def _new_ticket(event: OutboxMessage, uow: UnitOfWork, t: Translator) -> Reply | None:
    ticket = uow.tickets.get(int(event.payload["ticket_id"]))
    if ticket is None:
        return None
    customer = uow.customers.get(ticket.customer_id)
    name = customer.name if customer else "—"
    text = t.t("admin.notice.ticket", ticket=ticket.id, customer=name,
               priority=t.t(f"admin.priority.{ticket.priority.value}"), subject=ticket.subject)
    if len(ticket.messages) > 1:  # the conversation that led to it
        text += "\n\n" + t.t("handoff.notice.conversation",
                              transcript=transcript(t, ticket, name))
    return Reply(text, (Button(t.t("handoff.button.take"), f"ho:take:{ticket.id}"),
                        Button(t.t("admin.tickets.see"), "at:list:1")))
