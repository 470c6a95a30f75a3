"""Purchase orders, with their order, payment and fulfillment statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.documents import DocumentLine, PricedDocument
from domain.errors import CurrencyMismatch, InvalidTransition, InvalidValue
from domain.events import EventSource
from domain.money import Money
from domain.pricing import DeliveryMethod
from domain.promotions import AppliedPromotion
from domain.status import StatusMachine


class OrderStatus(StrEnum):
    PLACED = "placed"
    APPROVED = "approved"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class PaymentState(StrEnum):
    """How much of the order has been paid."""

    UNPAID = "unpaid"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    OVERPAID = "overpaid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"


class FulfillmentStatus(StrEnum):
    UNFULFILLED = "unfulfilled"
    PREPARING = "preparing"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"
    FAILED = "failed"
    RETURNED = "returned"


ORDER_STATUS = StatusMachine("order", {
    OrderStatus.PLACED: frozenset({OrderStatus.APPROVED, OrderStatus.CANCELLED}),
    OrderStatus.APPROVED: frozenset({OrderStatus.COMPLETED, OrderStatus.CANCELLED}),
})

FULFILLMENT_STATUS = StatusMachine("fulfillment", {
    FulfillmentStatus.UNFULFILLED: frozenset({FulfillmentStatus.PREPARING}),
    FulfillmentStatus.PREPARING: frozenset({FulfillmentStatus.DISPATCHED,
                                            FulfillmentStatus.UNFULFILLED}),
    FulfillmentStatus.DISPATCHED: frozenset({FulfillmentStatus.DELIVERED,
                                             FulfillmentStatus.FAILED}),
    FulfillmentStatus.FAILED: frozenset({FulfillmentStatus.DISPATCHED,
                                         FulfillmentStatus.RETURNED}),
})


@dataclass(eq=False)
class Order(PricedDocument, EventSource):
    customer_id: int
    quote_id: int
    currency: str
    lines: list[DocumentLine]
    payment_method: str
    delivery: DeliveryMethod
    delivery_address: str
    conditions: str
    placed_at: datetime
    promotions: list[AppliedPromotion] = field(default_factory=list)
    status: OrderStatus = OrderStatus.PLACED
    payment_state: PaymentState = PaymentState.UNPAID
    fulfillment: FulfillmentStatus = FulfillmentStatus.UNFULFILLED
    amount_paid: Decimal = Decimal(0)
    amount_refunded: Decimal = Decimal(0)
    cancel_reason: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.payment_state = self._payment_state()  # derived: a zero total is paid already

    @property
    def balance(self) -> Money:
        """What is still owed (negative when overpaid)."""
        paid = Money(self.amount_paid - self.amount_refunded, self.currency)
        return self.totals.total - paid

    def _move(self, target: OrderStatus) -> None:
        before = self.status
        self.status = ORDER_STATUS.check(self.status, target)
        self.record("order.status_changed", order_id=self.id, before=before.value,
                    after=target.value)

    def approve(self) -> None:
        self._move(OrderStatus.APPROVED)

    def cancel(self, reason: str) -> None:
        if self.fulfillment in (FulfillmentStatus.DISPATCHED, FulfillmentStatus.DELIVERED,
                                FulfillmentStatus.FAILED):
            raise InvalidTransition(f"order {self.id} has left the warehouse; it cannot be "
                                    "cancelled, only returned")
        self._move(OrderStatus.CANCELLED)
        self.cancel_reason = (reason or "").strip()[:500] or None

    def set_fulfillment(self, target: FulfillmentStatus) -> None:
        if self.status is not OrderStatus.APPROVED:
            raise InvalidTransition(f"order {self.id} is {self.status.value}, not approved")
        before = self.fulfillment
        self.fulfillment = FULFILLMENT_STATUS.check(self.fulfillment, target)
        self.record("order.fulfillment_changed", order_id=self.id, before=before.value,
                    after=target.value)
        self._complete_if_done()

    def add_payment(self, amount: Money) -> None:
        self._check_open_for_money()
        self.amount_paid += self._positive(amount).amount
        self._settle()

    def add_refund(self, amount: Money) -> None:
        self._positive(amount)
        refundable = self.amount_paid - self.amount_refunded
        if amount.amount > refundable:
            raise InvalidTransition(
                f"cannot refund {amount} on order {self.id}: only {refundable} was paid")
        self.amount_refunded += amount.amount
        self._settle()

    def _positive(self, amount: Money) -> Money:
        if amount.currency != self.currency:
            raise CurrencyMismatch(f"order {self.id} is in {self.currency}, not {amount.currency}")
        if amount.amount <= 0:
            raise InvalidValue(f"an amount must be greater than zero, not {amount.amount}")
        return amount.in_minor_units()

    def _check_open_for_money(self) -> None:
        if self.status is OrderStatus.CANCELLED:
            raise InvalidTransition(f"order {self.id} is cancelled; it takes no payment")

    def _settle(self) -> None:
        before = self.payment_state
        self.payment_state = self._payment_state()
        if before is not self.payment_state:
            self.record("order.payment_changed", order_id=self.id, before=before.value,
                        after=self.payment_state.value)
        self._complete_if_done()

    def _payment_state(self) -> PaymentState:
        net_paid = self.amount_paid - self.amount_refunded
        due = self.totals.total.amount
        if net_paid >= due:
            return PaymentState.PAID if net_paid == due else PaymentState.OVERPAID
        if self.amount_refunded > 0:
            return PaymentState.REFUNDED if net_paid <= 0 else PaymentState.PARTIALLY_REFUNDED
        return PaymentState.UNPAID if net_paid <= 0 else PaymentState.PARTIALLY_PAID

    @property
    def is_paid(self) -> bool:
        return self.payment_state in (PaymentState.PAID, PaymentState.OVERPAID)

    def _complete_if_done(self) -> None:
        if (self.status is OrderStatus.APPROVED and self.is_paid
                and self.fulfillment is FulfillmentStatus.DELIVERED):
            self._move(OrderStatus.COMPLETED)
