"""Giving money back through the platform it came from, with a credit note for exactly that
amount. The platform is asked first, outside any transaction; our books follow its answer.
The notification MercadoPago sends afterwards finds nothing left to do."""

from __future__ import annotations

from collections.abc import Callable

from domain.errors import InvalidTransition
from domain.money import Money
from domain.payment import Payment, PaymentMethod, PaymentStatus
from domain.payment_gateway import PaymentGateway
from domain.ports import UnitOfWork
from domain.services.payments import refund_payment
from domain.shop import Shop


def refund_order(uow: Callable[[], UnitOfWork], shop: Shop, gateway: PaymentGateway,
                 order_id: int, amount: Money | None, reason: str) -> Money:
    """Refund `amount` (None: everything paid and not yet given back) of the order's
    platform payments, newest first; what was refunded."""
    with uow() as transaction:
        payments = [p for p in transaction.payments.for_order(order_id)
                    if p.method is PaymentMethod.MERCADOPAGO
                    and p.status is PaymentStatus.APPROVED and p.provider_reference]
    left = {p.id: p.amount.amount - p.refunded_amount for p in payments}
    wanted = amount.amount if amount is not None else sum(left.values())
    if not payments or wanted <= 0 or wanted > sum(left.values()):
        raise InvalidTransition(f"order {order_id} has no {amount or 'payment'} to refund "
                                "through the payment platform")
    refunded = Money.zero(payments[0].amount.currency)
    for payment in sorted(payments, key=lambda p: p.id or 0, reverse=True):
        part = min(wanted - refunded.amount, left[payment.id])
        if part > 0:
            refunded += _refund(uow, shop, gateway, payment, Money(part, refunded.currency),
                                reason)
    return refunded


def _refund(uow: Callable[[], UnitOfWork], shop: Shop, gateway: PaymentGateway,
            payment: Payment, amount: Money, reason: str) -> Money:
    whole = amount.amount == payment.amount.amount - payment.refunded_amount \
        and payment.refunded_amount == 0
    # The same refund asked twice (a retry after a timeout) is made once.
    key = f"refund-{payment.id}-{payment.refunded_amount}-{amount.amount}"
    gateway.refund(payment.provider_reference or "", None if whole else amount, key)
    with uow() as transaction:
        refund_payment(transaction, shop, payment.id or 0, amount, reason)
        transaction.commit()
    return amount
