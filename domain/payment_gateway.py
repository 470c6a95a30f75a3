"""A payment platform that takes the customer's money for us (MercadoPago): what the shop
asks of it and what it answers. Adapters live in bot/payments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.customer import Customer
from domain.money import Money
from domain.order import Order


class GatewayStatus(StrEnum):
    """The platform's word for where a payment stands (MercadoPago's own statuses)."""

    PENDING = "pending"
    IN_PROCESS = "in_process"
    AUTHORIZED = "authorized"
    APPROVED = "approved"
    REJECTED = "rejected"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    CHARGED_BACK = "charged_back"
    IN_MEDIATION = "in_mediation"


@dataclass(frozen=True)
class PaymentLink:
    url: str
    reference: str  # the platform's id of the link (a Checkout Pro preference)
    expires_at: datetime | None = None


@dataclass(frozen=True)
class GatewayPayment:
    """A payment as the platform reports it when asked: never taken from a notification's
    body, which anyone can forge."""

    reference: str  # the platform's payment id
    status: GatewayStatus
    amount: Money
    order_reference: str | None  # what we gave as external_reference: the order number
    refunded: Money | None = None
    detail: str | None = None  # why, in the platform's words (cc_rejected_insufficient_amount)


@dataclass(frozen=True)
class GatewayRefund:
    reference: str
    amount: Money


class PaymentGatewayError(Exception):
    """The platform could not be reached or refused the request; nothing was decided."""


class PaymentGateway(Protocol):
    def create_link(self, order: Order, customer: Customer) -> PaymentLink:
        """A payment link for the order's balance; asking twice for the same order and
        amount gives the same link (an idempotency key derived from the order)."""

    def payment(self, reference: str) -> GatewayPayment | None:
        """The payment as the platform has it now; None when it knows no such payment."""

    def refund(self, reference: str, amount: Money | None, key: str) -> GatewayRefund:
        """Give back `amount` (None: all) of a payment; the same `key` refunds once."""
