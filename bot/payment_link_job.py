"""Payment links are made outside the conversation: the platform's API is called with no
transaction open, then the link goes to the chat that asked."""

from __future__ import annotations

import logging

from bot.event_jobs import EventJob, Outcome, last_attempt
from dialogs.contract import LANGUAGE, Outgoing, Reply
from dialogs.engine import Engine
from dialogs.payment_links import link_reply, unavailable_reply
from domain.order import OrderStatus
from domain.outbox import OutboxMessage
from domain.payment_gateway import PaymentGateway, PaymentGatewayError
from domain.services.gateway_payments import LINK_REQUESTED_TOPIC

log = logging.getLogger(__name__)


def payment_link_job(engine: Engine, gateway: PaymentGateway) -> EventJob:
    def make_link(event: OutboxMessage) -> Outcome:
        with engine.uow() as uow:
            order = uow.orders.get(int(event.payload["order_id"]))
            customer = uow.customers.get(order.customer_id) if order else None
        if order is None or customer is None or order.status is OrderStatus.CANCELLED \
                or order.balance.amount <= 0:
            return Outcome()  # paid or cancelled meanwhile: no link to send
        t = engine.translator(customer.language)

        def to_chat(reply: Reply) -> list[Outgoing]:
            return [Outgoing(event.payload["channel"], event.payload["chat_id"], reply,
                             {LANGUAGE: t.language})]
        try:
            link = gateway.create_link(order, customer)
        except PaymentGatewayError as error:
            log.warning("no payment link for order %s: %s", order.id, error)
            failed = to_chat(unavailable_reply(t, order.id or 0)) if last_attempt(event) else []
            return Outcome(failed, error=str(error))
        return Outcome(to_chat(link_reply(t, order.id or 0, order.balance, link)))

    return EventJob(engine, LINK_REQUESTED_TOPIC, make_link)
