"""Payments recorded against orders, by any method."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.errors import CurrencyMismatch, InvalidTransition, InvalidValue
from domain.events import EventSource
from domain.money import Money
from domain.status import StatusMachine


class PaymentMethod(StrEnum):
    MERCADOPAGO = "mercadopago"
    BANK_TRANSFER = "bank_transfer"
    CASH_ON_DELIVERY = "cash_on_delivery"


class PaymentStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


PAYMENT_STATUS = StatusMachine("payment", {
    PaymentStatus.PENDING: frozenset({PaymentStatus.APPROVED, PaymentStatus.REJECTED,
                                      PaymentStatus.CANCELLED}),
    PaymentStatus.APPROVED: frozenset({PaymentStatus.REFUNDED}),
})


@dataclass(eq=False)
class Payment(EventSource):
    order_id: int
    method: PaymentMethod
    amount: Money
    created_at: datetime
    status: PaymentStatus = PaymentStatus.PENDING
    provider_reference: str | None = None
    receipt_file: str | None = None
    note: str | None = None
    refunded_amount: Decimal = Decimal(0)
    decided_at: datetime | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.amount.in_minor_units()
        if self.amount.amount <= 0:
            raise InvalidValue(f"a payment must be greater than zero, not {self.amount}")

    def _move(self, target: PaymentStatus, now: datetime) -> None:
        self.status = PAYMENT_STATUS.check(self.status, target)
        self.decided_at = now
        self.record(f"payment.{target.value}", payment_id=self.id, order_id=self.order_id)

    @property
    def left_to_refund(self) -> Decimal:
        return self.amount.amount - self.refunded_amount

    def approve(self, now: datetime) -> None:
        self._move(PaymentStatus.APPROVED, now)

    def reject(self, now: datetime, reason: str | None = None) -> None:
        self._move(PaymentStatus.REJECTED, now)
        self.note = reason

    def cancel(self, now: datetime) -> None:
        self._move(PaymentStatus.CANCELLED, now)

    def refund(self, amount: Money, now: datetime) -> None:
        """Partial refunds keep the payment approved; the last cent makes it refunded."""
        if self.status is not PaymentStatus.APPROVED:
            raise InvalidTransition(f"payment {self.id} is {self.status.value}; only approved "
                                    "payments can be refunded")
        if amount.currency != self.amount.currency:
            raise CurrencyMismatch(f"payment {self.id} is in {self.amount.currency}, "
                                   f"not {amount.currency}")
        amount.in_minor_units()
        left = self.left_to_refund
        if amount.amount <= 0 or amount.amount > left:
            raise InvalidValue(f"refund must be between 0 and {left}, not {amount.amount}")
        self.refunded_amount += amount.amount
        if self.refunded_amount == self.amount.amount:
            self._move(PaymentStatus.REFUNDED, now)
