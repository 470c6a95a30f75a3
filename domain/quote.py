"""Quotes: a frozen, priced snapshot of a cart, valid until a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.documents import DocumentLine, PricedDocument
from domain.errors import QuoteExpired
from domain.events import EventSource
from domain.pricing import DeliveryMethod
from domain.promotions import AppliedPromotion
from domain.status import StatusMachine


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EXPIRED = "expired"


QUOTE_STATUS = StatusMachine("quote", {
    QuoteStatus.DRAFT: frozenset({QuoteStatus.SENT, QuoteStatus.ACCEPTED, QuoteStatus.REJECTED,
                                  QuoteStatus.EXPIRED}),
    QuoteStatus.SENT: frozenset({QuoteStatus.ACCEPTED, QuoteStatus.REJECTED, QuoteStatus.EXPIRED}),
})


@dataclass(eq=False)
class Quote(PricedDocument, EventSource):
    customer_id: int
    currency: str
    lines: list[DocumentLine]
    created_at: datetime
    valid_until: datetime
    delivery: DeliveryMethod = DeliveryMethod.DELIVERY
    promotions: list[AppliedPromotion] = field(default_factory=list)
    promo_code: str | None = None
    status: QuoteStatus = QuoteStatus.DRAFT
    id: int | None = None

    def is_expired(self, now: datetime) -> bool:
        return now >= self.valid_until

    def is_open(self, now: datetime) -> bool:
        """Still waiting for an answer, and in time to get one."""
        return self.status in (QuoteStatus.DRAFT, QuoteStatus.SENT) and not self.is_expired(now)

    def send(self) -> None:
        self.status = QUOTE_STATUS.check(self.status, QuoteStatus.SENT)

    def accept(self, now: datetime) -> None:
        if self.status in (QuoteStatus.DRAFT, QuoteStatus.SENT) and self.is_expired(now):
            raise QuoteExpired(f"quote {self.id} expired on {self.valid_until:%Y-%m-%d %H:%M}",
                               quote_id=self.id)
        self.status = QUOTE_STATUS.check(self.status, QuoteStatus.ACCEPTED)
        self.record("quote.accepted", quote_id=self.id)

    def reject(self) -> None:
        self.status = QUOTE_STATUS.check(self.status, QuoteStatus.REJECTED)

    def expire(self) -> None:
        self.status = QUOTE_STATUS.check(self.status, QuoteStatus.EXPIRED)
