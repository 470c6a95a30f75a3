"""Support tickets: conversations with a person, with deadlines and a rating."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import InvalidValue
from domain.events import EventSource
from domain.status import StatusMachine

REOPEN_WINDOW = timedelta(days=3)
MAX_MESSAGE = 4000


class TicketStatus(StrEnum):
    OPEN = "open"
    ASSIGNED = "assigned"
    WAITING_CUSTOMER = "waiting_customer"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


# (first response, resolution) deadlines
DEADLINES = {
    Priority.URGENT: (timedelta(hours=1), timedelta(hours=4)),
    Priority.HIGH: (timedelta(hours=4), timedelta(hours=24)),
    Priority.NORMAL: (timedelta(hours=8), timedelta(hours=48)),
    Priority.LOW: (timedelta(hours=24), timedelta(hours=96)),
}

TICKET_STATUS = StatusMachine("ticket", {
    TicketStatus.OPEN: frozenset({TicketStatus.ASSIGNED, TicketStatus.RESOLVED}),
    TicketStatus.ASSIGNED: frozenset({TicketStatus.WAITING_CUSTOMER, TicketStatus.RESOLVED,
                                      TicketStatus.OPEN}),
    TicketStatus.WAITING_CUSTOMER: frozenset({TicketStatus.ASSIGNED, TicketStatus.RESOLVED}),
    TicketStatus.RESOLVED: frozenset({TicketStatus.CLOSED, TicketStatus.ASSIGNED,
                                      TicketStatus.OPEN}),
})


@dataclass(frozen=True, slots=True)
class TicketMessage:
    author: str  # customer | agent | system
    author_id: str
    text: str
    at: datetime


@dataclass(eq=False)
class Ticket(EventSource):
    customer_id: int
    subject: str
    created_at: datetime
    order_id: int | None = None
    priority: Priority = Priority.NORMAL
    status: TicketStatus = TicketStatus.OPEN
    assignee: str | None = None
    messages: list[TicketMessage] = field(default_factory=list)
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    rating: int | None = None
    rating_comment: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.subject = " ".join((self.subject or "").split())[:200]
        if not self.subject:
            raise InvalidValue("a ticket needs a description")

    @property
    def first_response_due(self) -> datetime:
        return self.created_at + DEADLINES[self.priority][0]

    @property
    def resolution_due(self) -> datetime:
        return self.created_at + DEADLINES[self.priority][1]

    def _move(self, target: TicketStatus) -> None:
        before = self.status
        self.status = TICKET_STATUS.check(self.status, target)
        self.record("ticket.status_changed", ticket_id=self.id, before=before.value,
                    after=target.value)

    def add_message(self, author: str, author_id: str, text: str, now: datetime) -> None:
        text = (text or "").strip()[:MAX_MESSAGE]
        if not text:
            raise InvalidValue("an empty message says nothing")
        if self.status is TicketStatus.CLOSED:
            raise InvalidValue(f"ticket {self.id} is closed")
        self.messages = [*self.messages, TicketMessage(author, author_id, text, now)]
        if author == "agent" and self.first_response_at is None:
            self.first_response_at = now
        if author == "customer":
            self._customer_replied(now)

    def _customer_replied(self, now: datetime) -> None:
        if self.status is TicketStatus.WAITING_CUSTOMER:
            self._move(TicketStatus.ASSIGNED)
        elif self.status is TicketStatus.RESOLVED and self.resolved_at \
                and now - self.resolved_at <= REOPEN_WINDOW:
            self._move(TicketStatus.ASSIGNED if self.assignee else TicketStatus.OPEN)

    def assign(self, agent: str) -> None:
        if not agent:
            raise InvalidValue("assign to whom?")
        if self.status is not TicketStatus.ASSIGNED:
            self._move(TicketStatus.ASSIGNED)
        self.assignee = agent

    def wait_for_customer(self) -> None:
        self._move(TicketStatus.WAITING_CUSTOMER)

    def resolve(self, now: datetime) -> None:
        self._move(TicketStatus.RESOLVED)
        self.resolved_at = now

    def close(self) -> None:
        self._move(TicketStatus.CLOSED)

    def rate(self, rating: int, comment: str | None = None) -> None:
        if self.status not in (TicketStatus.RESOLVED, TicketStatus.CLOSED):
            raise InvalidValue("a ticket is rated once it is resolved")
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise InvalidValue("a rating goes from 1 to 5")
        self.rating, self.rating_comment = rating, (comment or "").strip()[:1000] or None
