"""Recording, confirming, rejecting and refunding payments."""

from __future__ import annotations

from domain.errors import InvalidTransition, InvalidValue, NotFound
from domain.invoice import InvoiceStatus
from domain.money import Money
from domain.order import Order, OrderStatus
from domain.payment import Payment, PaymentMethod, PaymentStatus
from domain.ports import UnitOfWork
from domain.services import invoicing, lookup
from domain.shop import Shop


def record_payment(
    uow: UnitOfWork, shop: Shop, *, order_id: int, method: PaymentMethod, amount: Money,
    provider_reference: str | None = None, receipt_file: str | None = None,
    customer_id: int | None = None,
) -> Payment:
    """A pending payment; recording the same provider reference twice returns the first.
    The order is locked first, so two deliveries of one notification do not race."""
    order = lookup.order(uow, order_id, customer_id)
    if provider_reference:
        existing = uow.payments.by_reference(method.value, provider_reference)
        if existing is not None and (existing.order_id, existing.amount) != (order.id, amount):
            raise InvalidValue(f"payment {provider_reference} belongs to another order or amount")
        if existing is not None:
            return existing
    if order.status is OrderStatus.CANCELLED:
        raise InvalidTransition(f"order {order.id} is cancelled; it takes no payment")
    if amount.currency != order.currency:
        raise InvalidValue(f"order {order.id} is in {order.currency}, not {amount.currency}")
    payment = Payment(order_id=order.id, method=method, amount=amount,
                      created_at=shop.clock.now(), provider_reference=provider_reference,
                      receipt_file=receipt_file)
    uow.payments.add(payment)
    uow.flush()
    payment.record("payment.recorded", payment_id=payment.id, order_id=order.id,
                   method=method.value)
    return payment


def _payment(uow: UnitOfWork, payment_id: int) -> Payment:
    payment = uow.payments.lock(payment_id)
    if payment is None:
        raise NotFound(f"payment {payment_id} does not exist", payment_id=payment_id)
    return payment


def confirm_payment(uow: UnitOfWork, shop: Shop, payment_id: int) -> Payment:
    """The money arrived: the order's balance and the invoice follow."""
    payment = _payment(uow, payment_id)
    order = lookup.order(uow, payment.order_id)
    payment.approve(shop.clock.now())
    order.add_payment(payment.amount)
    _settle_invoice(uow, shop, order)
    return payment


def _settle_invoice(uow: UnitOfWork, shop: Shop, order: Order) -> None:
    if not order.is_paid:
        return
    invoice = invoicing.current_invoice(uow, order)
    if invoice is None and shop.invoicing.issue_on_payment \
            and order.status is not OrderStatus.PLACED:
        invoicing.issue_invoice(uow, shop, order, lookup.customer(uow, order.customer_id))
    elif invoice is not None and invoice.status is InvoiceStatus.ISSUED:
        invoice.mark_paid()


def reject_payment(uow: UnitOfWork, shop: Shop, payment_id: int,
                   reason: str | None = None) -> Payment:
    payment = _payment(uow, payment_id)
    payment.reject(shop.clock.now(), reason)
    return payment


def refund_payment(uow: UnitOfWork, shop: Shop, payment_id: int, amount: Money,
                   reason: str) -> Payment:
    """Give money back; the invoice gets a credit note for exactly that amount."""
    payment = _payment(uow, payment_id)
    order = lookup.order(uow, payment.order_id)
    payment.refund(amount, shop.clock.now())
    order.add_refund(amount)
    invoice = invoicing.current_invoice(uow, order)
    if invoice is not None:
        invoicing.credit_amount(uow, shop, invoice, amount, reason or "refund")
    return payment


def change_payment_method(uow: UnitOfWork, shop: Shop, order_id: int, method: str,
                          customer_id: int | None = None) -> Order:
    """Pay another way (a card declined): only while nothing is paid or under review, and
    only a method the shop offers for what is owed."""
    order = lookup.order(uow, order_id, customer_id)
    under_review = any(payment.status is PaymentStatus.PENDING
                       for payment in uow.payments.for_order(order.id or 0))
    if order.status is OrderStatus.CANCELLED or order.amount_paid > 0 or under_review:
        raise InvalidTransition(f"order {order.id} can no longer change how it is paid")
    if method not in shop.payment_methods_for(order.balance):
        raise InvalidValue(f"payment method {method!r} is not offered for this order")
    order.payment_method = method
    return order
