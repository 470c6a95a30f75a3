"""Giving money back through the platform it came from, with a credit note for exactly that
amount. The platform is asked first, outside any transaction; our books follow its answer.
The notification MercadoPago sends afterwards finds nothing left to do."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.event_jobs import EventJob, Outcome, last_attempt
from dialogs.contract import LANGUAGE, Outgoing
from dialogs.engine import Engine
from dialogs.payment_links import refund_reply
from domain.errors import DomainError, InvalidTransition
from domain.money import Money
from domain.payment import Payment
from domain.outbox import OutboxMessage
from domain.payment_gateway import PaymentGateway, PaymentGatewayError
from domain.ports import UnitOfWork
from domain.services.gateway_payments import REFUND_REQUESTED_TOPIC, refundable_payments
from domain.services.payments import refund_payment
from domain.shop import Shop

log = logging.getLogger(__name__)


def refund_order(uow: Callable[[], UnitOfWork], shop: Shop, gateway: PaymentGateway,
                 order_id: int, amount: Money | None, reason: str) -> Money:
    """Refund `amount` (None: everything paid and not yet given back) of the order's
    platform payments, newest first; what was refunded."""
    with uow() as transaction:
        payments = refundable_payments(transaction, order_id)
    refundable = sum(payment.left_to_refund for payment in payments)
    wanted = amount.amount if amount is not None else refundable
    if not payments or wanted <= 0 or wanted > refundable:
        raise InvalidTransition(f"order {order_id} has no {amount or 'payment'} to refund "
                                "through the payment platform")
    refunded = Money.zero(payments[0].amount.currency)
    for payment in sorted(payments, key=lambda p: p.id or 0, reverse=True):
        part = min(wanted - refunded.amount, payment.left_to_refund)
        if part > 0:
            refunded += _refund(uow, shop, gateway, payment, Money(part, refunded.currency),
                                reason)
    return refunded


def _refund(uow: Callable[[], UnitOfWork], shop: Shop, gateway: PaymentGateway,
            payment: Payment, amount: Money, reason: str) -> Money:
    whole = payment.refunded_amount == 0 and amount.amount == payment.amount.amount
    # The same refund asked twice (a retry after a timeout) is made once.
    key = f"refund-{payment.id}-{payment.refunded_amount}-{amount.amount}"
    gateway.refund(payment.provider_reference or "", None if whole else amount, key)
    with uow() as transaction:
        refund_payment(transaction, shop, payment.id or 0, amount, reason)
        transaction.commit()
    return amount


def refund_job(engine: Engine, gateway: PaymentGateway) -> EventJob:
    """Refunds staff ask for in their chat, made through the platform; they hear the result."""
    def refund(event: OutboxMessage) -> Outcome:
        payload = event.payload
        order_id = int(payload["order_id"])
        with engine.uow() as uow:
            order = uow.orders.get(order_id)
        t = engine.translator(engine.deps.profile.default_language)

        def to_staff(key: str, **params: object) -> list[Outgoing]:
            return [Outgoing(payload["channel"], payload["chat_id"],
                             refund_reply(t, key, order_id, **params), {LANGUAGE: t.language})]
        if order is None:
            return Outcome()
        amount = Money.of(payload["amount"], order.currency) if payload.get("amount") else None
        try:
            refunded = refund_order(engine.uow, engine.deps.shop, gateway, order_id, amount,
                                    payload.get("reason") or "refund")
        except PaymentGatewayError as error:
            log.warning("refund of order %s failed: %s", order_id, error)
            failed = to_staff("failed", error=str(error)[:200]) if last_attempt(event) else []
            return Outcome(failed, error=str(error))
        except DomainError:  # nothing left to give back (done by an earlier attempt)
            return Outcome(to_staff("nothing_left"))
        return Outcome(to_staff("done", amount=t.money(refunded)))

    return EventJob(engine, REFUND_REQUESTED_TOPIC, refund)
