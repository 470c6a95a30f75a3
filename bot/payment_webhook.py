"""MercadoPago's payment notifications: `POST /payments/mercadopago` checks the signature
and keeps the notification (MercadoPago retries what is not answered within seconds); the
worker then asks MercadoPago what the payment is, never believing the body, and applies it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.channel import Received, Unauthentic
from bot.ingest import InboundStore
from bot.payments.mercadopago_signature import verified_data_id
from domain.payment_gateway import PaymentGateway
from domain.services.gateway_payments import apply_gateway_payment
from domain.shop import Shop
from storage.repositories.inbound import Inbound
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)
SOURCE = "mercadopago"
PATH = "/payments/mercadopago"
PAYMENT_TOPICS = ("payment",)  # merchant_order, chargebacks… are followed through payments


def mercadopago_routes(store: InboundStore, secret: str,
                       now: Callable[[], datetime]) -> list[web.RouteDef]:
    async def notified(request: web.Request) -> web.Response:
        if not {"x-signature", "x-request-id"} <= {h.lower() for h in request.headers}:
            log.warning("MercadoPago notification from %s refused: not signed", request.remote)
            raise web.HTTPUnauthorized()
        try:
            payment_id = verified_data_id(secret, request.headers, request.query, now())
        except Unauthentic as refusal:
            log.warning("MercadoPago notification from %s refused: %s", request.remote, refusal)
            raise web.HTTPForbidden() from None
        topic = request.query.get("type") or request.query.get("topic") or ""
        if topic not in PAYMENT_TOPICS:
            log.info("MercadoPago %r notification %s ignored", topic, payment_id)
            return web.Response(text="ok")
        if not payment_id.isdigit():
            log.warning("MercadoPago notification refused: payment id %r", payment_id[:40])
            raise web.HTTPBadRequest(text="data.id must be a payment id")
        try:
            # One payment's notifications are read in turn: never two lookups racing.
            key = f"{payment_id}:{request.headers['x-request-id'][:80]}"
            await store.keep(Inbound(SOURCE, key, f"{SOURCE}:{payment_id}",
                                     {"payment_id": payment_id}))
        except Exception:  # logged by the store; MercadoPago sends it again
            raise web.HTTPServiceUnavailable() from None
        return web.Response(text="ok")

    return [web.post(PATH, notified)]


class PaymentNotifications:
    """Read by the inbound worker like a chat platform's updates: nothing to answer in a
    chat directly; the effects (and the messages they cause) are the domain's."""

    name = SOURCE

    def __init__(self, gateway: PaymentGateway, uow: Callable[[], SqlUnitOfWork],
                 shop: Shop) -> None:
        self.gateway, self.uow, self.shop = gateway, uow, shop

    async def received(self, payload: dict[str, Any]) -> Received:
        await asyncio.to_thread(self.apply, str(payload.get("payment_id", "")))
        return Received()

    def apply(self, payment_id: str) -> None:
        reported = self.gateway.payment(payment_id)  # raises while MercadoPago is down
        if reported is None:
            log.warning("MercadoPago notified payment %s, which it does not know", payment_id)
            return
        with self.uow() as uow:
            payment = apply_gateway_payment(uow, self.shop, reported)
            uow.commit()
        log.info("MercadoPago payment %s (%s, order %s): %s", payment_id, reported.status.value,
                 reported.order_reference,
                 f"payment {payment.id} {payment.status.value}" if payment else "flagged")
