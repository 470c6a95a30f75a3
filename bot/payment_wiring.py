"""Payments through a platform, when config.yml gives its credentials: the gateway, the job
that sends payment links, and the notification webhook."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.bootstrap import App
from bot.ingest import InboundStore
from bot.payment_link_job import payment_link_job
from bot.payment_refunds import refund_job
from bot.payment_webhook import PaymentNotifications, mercadopago_routes
from bot.payments.mercadopago import MercadoPagoGateway
from dialogs.engine import Engine
from domain.payment_gateway import PaymentGateway
from storage.uow import SqlUnitOfWork


def payment_gateway(app: App) -> PaymentGateway | None:
    settings = app.settings.payments
    if "mercadopago" not in settings.methods or settings.mercadopago.access_token is None:
        return None
    return MercadoPagoGateway.from_config(settings.mercadopago, app.shop.clock)


def payment_jobs(engine: Engine, gateway: PaymentGateway | None) -> list[Callable[[], int]]:
    if gateway is None:
        return []
    return [payment_link_job(engine, gateway).run_once, refund_job(engine, gateway).run_once]


def payment_webhooks(app: App, gateway: PaymentGateway | None, store: InboundStore
                     ) -> tuple[list[web.RouteDef], dict[str, PaymentNotifications]]:
    """The routes and the notification reader; none without a webhook secret, since an
    unsigned notification cannot be told from a forged one."""
    secret = app.settings.payments.mercadopago.webhook_secret
    if gateway is None or secret is None:
        return [], {}
    uow: Callable[[], SqlUnitOfWork] = app.uow  # type: ignore[assignment]
    reader = PaymentNotifications(gateway, uow, app.shop)
    return (mercadopago_routes(store, secret.get_secret_value(), app.shop.clock.now),
            {reader.name: reader})
