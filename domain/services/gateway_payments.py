"""Payments a platform reports (MercadoPago), applied exactly once.

A notification only says "look at payment X"; what X is comes from asking the platform,
so the same notification twice, or notifications out of order, all lead to the state the
platform has now. Whatever the shop must look at (money for a cancelled order, a partial
or excess payment, another currency, a chargeback) is flagged for staff."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from domain.money import Money
from domain.order import Order, OrderStatus
from domain.outbox import OutboxMessage
from domain.payment import Payment, PaymentMethod, PaymentStatus
from domain.payment_gateway import GatewayPayment, GatewayStatus
from domain.ports import UnitOfWork
from domain.services.payments import confirm_payment, record_payment, refund_payment
from domain.shop import Shop

FLAGGED_TOPIC = "payment.flagged"
LINK_REQUESTED_TOPIC = "payment.link_requested"
REFUND_REQUESTED_TOPIC = "payment.refund_requested"
STILL_OPEN = (GatewayStatus.PENDING, GatewayStatus.IN_PROCESS, GatewayStatus.AUTHORIZED,
              GatewayStatus.IN_MEDIATION)
MONEY_RETURNED = (GatewayStatus.REFUNDED, GatewayStatus.CHARGED_BACK)


class Flag(StrEnum):
    UNKNOWN_ORDER = "unknown_order"
    CURRENCY_MISMATCH = "currency_mismatch"
    ORDER_CANCELLED = "order_cancelled"
    PARTIAL = "partial"
    OVERPAID = "overpaid"
    CHARGED_BACK = "charged_back"


def apply_gateway_payment(uow: UnitOfWork, shop: Shop, reported: GatewayPayment,
                          method: PaymentMethod = PaymentMethod.MERCADOPAGO) -> Payment | None:
    """Bring our record of the payment to the platform's status; None when it does not
    belong to an order that can take it (flagged for staff, nothing else changed)."""
    order = _order_of(uow, reported)
    if order is None:
        _flag(uow, shop, Flag.UNKNOWN_ORDER, reported)
        return None
    if reported.amount.currency != order.currency:
        _flag(uow, shop, Flag.CURRENCY_MISMATCH, reported, order)
        return None
    payment = uow.payments.by_reference(method.value, reported.reference)
    if payment is None:
        if order.status is OrderStatus.CANCELLED:
            if reported.status is GatewayStatus.APPROVED:
                _flag(uow, shop, Flag.ORDER_CANCELLED, reported, order)
            return None
        payment = record_payment(uow, shop, order_id=order.id, method=method,
                                 amount=reported.amount, provider_reference=reported.reference)
    _follow(uow, shop, order, payment, reported)
    return payment


def _follow(uow: UnitOfWork, shop: Shop, order: Order, payment: Payment,
            reported: GatewayPayment) -> None:
    now = shop.clock.now()
    status = reported.status
    if payment.status is PaymentStatus.PENDING:
        if status is GatewayStatus.REJECTED:
            payment.reject(now, reported.detail)
        elif status is GatewayStatus.CANCELLED:
            payment.cancel(now)
        elif status is GatewayStatus.APPROVED or status in MONEY_RETURNED:
            _confirm(uow, shop, order, payment, reported)
    partly_returned = reported.refunded is not None and \
        reported.refunded.amount > payment.refunded_amount  # a partial refund stays approved
    if payment.status is PaymentStatus.APPROVED and (status in MONEY_RETURNED or partly_returned):
        _refund_to_match(uow, shop, payment, reported)


def _confirm(uow: UnitOfWork, shop: Shop, order: Order, payment: Payment,
             reported: GatewayPayment) -> None:
    owed = order.balance
    if order.status is OrderStatus.CANCELLED:  # cancelled while the customer was paying
        _flag(uow, shop, Flag.ORDER_CANCELLED, reported, order)
        return
    confirm_payment(uow, shop, payment.id or 0)
    if reported.amount.amount < owed.amount:
        _flag(uow, shop, Flag.PARTIAL, reported, order, owed=owed)
    elif reported.amount.amount > owed.amount:
        _flag(uow, shop, Flag.OVERPAID, reported, order, owed=owed)


def _refund_to_match(uow: UnitOfWork, shop: Shop, payment: Payment,
                     reported: GatewayPayment) -> None:
    """Money given back on the platform (a refund from its panel, a chargeback): ours
    follows, with a credit note for exactly the difference."""
    returned = reported.refunded.amount if reported.refunded is not None else Decimal(0)
    if reported.status is GatewayStatus.CHARGED_BACK or returned <= 0:
        returned = payment.amount.amount
    missing = returned - payment.refunded_amount
    if missing > 0:
        refund_payment(uow, shop, payment.id or 0, Money(missing, payment.amount.currency),
                       reason=reported.status.value)
    if reported.status is GatewayStatus.CHARGED_BACK:
        _flag(uow, shop, Flag.CHARGED_BACK, reported, uow.orders.get(payment.order_id))


def _order_of(uow: UnitOfWork, reported: GatewayPayment) -> Order | None:
    reference = (reported.order_reference or "").strip()
    return uow.orders.lock(int(reference)) if reference.isdigit() else None


def _flag(uow: UnitOfWork, shop: Shop, flag: Flag, reported: GatewayPayment,
          order: Order | None = None, owed: Money | None = None) -> None:
    payload = {"flag": flag.value, "payment_reference": reported.reference,
               "status": reported.status.value, "amount": str(reported.amount.amount),
               "currency": reported.amount.currency,
               "order_id": order.id if order is not None else None,
               "order_reference": reported.order_reference,
               "owed": str(owed.amount) if owed is not None else None}
    uow.outbox.add(OutboxMessage(FLAGGED_TOPIC, payload, shop.clock.now()))


def request_payment_link(order: Order, channel: str, chat_id: str) -> None:
    """The link is made outside the conversation's transaction, by the platform's job,
    which sends it to the chat that asked."""
    order.record(LINK_REQUESTED_TOPIC, order_id=order.id, channel=channel, chat_id=chat_id)


def refundable_payments(uow: UnitOfWork, order_id: int,
                        method: PaymentMethod = PaymentMethod.MERCADOPAGO) -> list[Payment]:
    """The order's payments the platform can still give money back of."""
    return [payment for payment in uow.payments.for_order(order_id)
            if payment.method is method and payment.status is PaymentStatus.APPROVED
            and payment.provider_reference and payment.left_to_refund > 0]


def refundable_through_gateway(uow: UnitOfWork, order: Order) -> Money:
    """What the platform could still give back of the order's payments through it."""
    return Money(sum((payment.left_to_refund
                      for payment in refundable_payments(uow, order.id or 0)), Decimal(0)),
                 order.currency)


def request_refund(order: Order, amount: Money | None, reason: str, channel: str,
                   chat_id: str) -> None:
    """Made by the platform's job outside the transaction; the chat that asked is told."""
    order.record(REFUND_REQUESTED_TOPIC, order_id=order.id, reason=reason, channel=channel,
                 chat_id=chat_id, amount=str(amount.amount) if amount is not None else None)
