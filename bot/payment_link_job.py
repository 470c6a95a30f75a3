"""Payment links are made outside the conversation: the platform's API is called with no
transaction open, then the link goes to the chat that asked, through the outbox."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from dialogs.contract import LANGUAGE, Outgoing, Reply
from dialogs.engine import Engine, enqueue
from dialogs.payment_links import link_reply, unavailable_reply
from domain.customer import Customer
from domain.order import Order, OrderStatus
from domain.outbox import OutboxMessage
from domain.payment_gateway import PaymentGateway, PaymentGatewayError
from domain.services.gateway_payments import LINK_REQUESTED_TOPIC

log = logging.getLogger(__name__)
CLAIM = timedelta(minutes=2)
MAX_ATTEMPTS = 3


@dataclass
class _Request:
    event: OutboxMessage
    order: Order | None
    customer: Customer | None
    reply: Reply | None = None
    error: str | None = None


class PaymentLinkJob:
    def __init__(self, engine: Engine, gateway: PaymentGateway) -> None:
        self.engine, self.gateway = engine, gateway

    def run_once(self, limit: int = 50) -> int:
        requests = self._claim(limit)
        for request in requests:
            self._make_link(request)
        if requests:
            self._answer(requests)
        return len(requests)

    def _claim(self, limit: int) -> list[_Request]:
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            events = uow.outbox.claim(limit, (LINK_REQUESTED_TOPIC,), now, now + CLAIM)
            requests = []
            for event in events:
                order = uow.orders.get(int(event.payload["order_id"]))
                customer = uow.customers.get(order.customer_id) if order else None
                requests.append(_Request(event, order, customer))
            uow.commit()
        return requests

    def _make_link(self, request: _Request) -> None:
        order, customer = request.order, request.customer
        if order is None or customer is None or order.status is OrderStatus.CANCELLED \
                or order.balance.amount <= 0:
            return  # paid or cancelled meanwhile: no link to send
        t = self.engine.translator(customer.language)
        try:
            link = self.gateway.create_link(order, customer)
        except PaymentGatewayError as error:
            log.warning("no payment link for order %s: %s", order.id, error)
            request.error = str(error)
            if request.event.attempts + 1 >= MAX_ATTEMPTS:
                request.reply = unavailable_reply(t, order.id or 0)
            return
        request.reply = link_reply(t, order.id or 0, order.balance, link)

    def _answer(self, requests: list[_Request]) -> None:
        with self.engine.uow() as uow:
            now = self.engine.deps.shop.clock.now()
            events = {event.id: event for event in uow.outbox.locked(
                [request.event.id for request in requests if request.event.id])}
            for request in requests:
                event = events[request.event.id]
                if request.error is not None:
                    event.mark_failed(request.error)
                    if event.attempts < MAX_ATTEMPTS:
                        continue
                event.mark_dispatched(now)
                if request.reply is not None and request.customer is not None:
                    chat = request.event.payload
                    enqueue(uow, Outgoing(chat["channel"], chat["chat_id"], request.reply,
                                          {LANGUAGE: request.customer.language}), now)
            uow.commit()
