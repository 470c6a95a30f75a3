"""Ports: what the domain needs from the outside world, implemented in storage/ and bot/."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timezone
from types import TracebackType
from typing import Protocol

from domain.audit import AuditEntry
from domain.catalog import Category, Product
from domain.conversation import Conversation
from domain.customer import Customer
from domain.engagement import Broadcast, Progress, RestockRequest
from domain.invoice import Invoice, InvoiceSeries
from domain.order import Order
from domain.outbox import OutboxMessage
from domain.payment import Payment
from domain.promotions import Promotion
from domain.quote import Quote
from domain.satisfaction import OrderRating
from domain.shipment import Shipment
from domain.ticket import Ticket


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FiscalAuthority(Protocol):
    def authorize(self, invoice: Invoice) -> str | None:
        """Register the document with the tax authority (AFIP CAE, SAT CFDI…); its code."""


class NumberingOnly:
    """The default authority: the document is numbered, nothing is sent anywhere."""

    def authorize(self, invoice: Invoice) -> str | None:
        return None


class CustomerRepository(Protocol):
    def add(self, customer: Customer) -> None: ...
    def get(self, customer_id: int) -> Customer | None: ...
    def by_identity(self, channel: str, external_id: str) -> Customer | None: ...
    def by_phone(self, phone: str) -> Customer | None: ...
    def search(self, text: str, offset: int = 0, limit: int = 20) -> list[Customer]:
        """Customers whose name, phone or email contains `text` (any case), by id."""
    def opted_in(self) -> list[Customer]:
        """Customers who asked for the shop's news, by id."""


class CatalogRepository(Protocol):
    def add(self, product: Product) -> None: ...
    def get(self, sku: str) -> Product | None: ...
    def by_skus(self, skus: list[str]) -> dict[str, Product]: ...
    def all_skus(self) -> set[str]: ...
    def lock(self, skus: list[str]) -> dict[str, Product]:
        """Load these products locked for update, in SKU order (no deadlocks)."""
    def list(self, category: str | None = None, active_only: bool = True) -> list[Product]: ...
    def categories(self) -> list[Category]: ...


class PromotionRepository(Protocol):
    def add(self, promotion: Promotion) -> None: ...
    def get(self, promotion_id: int) -> Promotion | None: ...
    def by_code(self, code: str) -> Promotion | None: ...
    def all(self) -> list[Promotion]: ...
    def lock(self, promotion_ids: list[int]) -> list[Promotion]: ...
    def uses_by_customer(self, customer_id: int) -> dict[int, int]: ...
    def add_redemption(self, promotion_id: int, customer_id: int, order_id: int) -> None: ...


class QuoteRepository(Protocol):
    def add(self, quote: Quote) -> None: ...
    def get(self, quote_id: int) -> Quote | None: ...
    def lock(self, quote_id: int) -> Quote | None: ...
    def open_for_customer(self, customer_id: int) -> list[Quote]: ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...
    def get(self, order_id: int) -> Order | None: ...
    def lock(self, order_id: int) -> Order | None: ...
    def for_quote(self, quote_id: int) -> Order | None: ...
    def for_customer(self, customer_id: int) -> list[Order]: ...
    def count_for_customer(self, customer_id: int) -> int: ...
    def unpaid_placed_before(self, cutoff: datetime) -> list[Order]:
        """Orders not paid at all (cash on delivery aside), still in the warehouse, placed
        before `cutoff`; locked."""
    def search(self, status: str | None = None, customer_id: int | None = None,
               since: datetime | None = None, until: datetime | None = None,
               offset: int = 0, limit: int | None = 20) -> list[Order]:
        """Orders matching every filter given (placed in [since, until)), newest first;
        all of them when `limit` is None."""


class InvoiceRepository(Protocol):
    def add(self, invoice: Invoice) -> None: ...
    def get(self, invoice_id: int) -> Invoice | None: ...
    def for_order(self, order_id: int) -> list[Invoice]: ...
    def lock_series(self, key: str) -> InvoiceSeries:
        """The series row locked for update, created at number 1 if new."""


class PaymentRepository(Protocol):
    def add(self, payment: Payment) -> None: ...
    def get(self, payment_id: int) -> Payment | None: ...
    def lock(self, payment_id: int) -> Payment | None: ...
    def by_reference(self, method: str, reference: str) -> Payment | None: ...
    def for_order(self, order_id: int) -> list[Payment]: ...
    def pending(self, method: str | None = None, limit: int = 100) -> list[Payment]:
        """Payments awaiting a decision, oldest first."""


class ShipmentRepository(Protocol):
    def add(self, shipment: Shipment) -> None: ...
    def for_order(self, order_id: int) -> Shipment | None: ...


class TicketRepository(Protocol):
    def add(self, ticket: Ticket) -> None: ...
    def get(self, ticket_id: int) -> Ticket | None: ...
    def lock(self, ticket_id: int) -> Ticket | None: ...
    def for_customer(self, customer_id: int) -> list[Ticket]: ...
    def search(self, statuses: Collection[str] = (), offset: int = 0,
               limit: int = 20) -> list[Ticket]:
        """Tickets in any of `statuses` (all when empty), newest first."""
    def held_for_chat(self, channel: str, external_id: str) -> Ticket | None:
        """The ticket a person is answering now for whoever writes from this chat."""
    def held_by(self, assignee: str) -> list[Ticket]:
        """The tickets this agent is answering now, oldest first."""
    def rating_counts(self) -> dict[int, int]: ...


class Broadcasts(Protocol):
    def add(self, broadcast: Broadcast, outbox_ids: Sequence[int]) -> int: ...
    def get(self, broadcast_id: int) -> Broadcast | None: ...
    def progress(self, broadcast_id: int) -> Progress: ...


class RestockRequests(Protocol):
    def add(self, request: RestockRequest) -> bool:
        """False when the customer already waits for this product."""
    def take_waiting(self, sku: str, now: datetime) -> list[RestockRequest]:
        """The requests for `sku` not told yet, now marked told."""
    def for_customer(self, customer_id: int) -> list[RestockRequest]: ...


class OrderRatings(Protocol):
    def get(self, order_id: int) -> OrderRating | None: ...
    def add(self, rating: OrderRating) -> None: ...
    def comment(self, order_id: int, comment: str | None) -> None: ...
    def counts(self) -> dict[int, int]: ...


class AuditLog(Protocol):
    """Every staff action, written in the transaction of the change it made."""

    def add(self, entry: AuditEntry) -> None: ...
    def recent(self, limit: int = 50, subject: str | None = None) -> list[AuditEntry]: ...


class Outbox(Protocol):
    def add(self, message: OutboxMessage) -> None: ...
    def pending(self, limit: int = 100,
                topics: Collection[str] | None = None) -> list[OutboxMessage]: ...
    def claim(self, limit: int, topics: Collection[str], now: datetime,
              until: datetime) -> list[OutboxMessage]:
        """Pending messages nobody else is sending, claimed until `until`; none of a chat
        another dispatcher is sending to."""
    def locked(self, ids: Collection[int]) -> list[OutboxMessage]: ...


class ConversationRepository(Protocol):
    def lock(self, channel: str, chat_id: str) -> Conversation | None:
        """The chat's conversation, locked for update, or None on first contact."""
    def add(self, conversation: Conversation) -> None: ...
    def first_seen(self, channel: str, message_id: str, at: datetime) -> bool:
        """Record an incoming update; False when it was handled before (a platform retry)."""


class UnitOfWork(Protocol):
    """One transaction: `with uow: ...; uow.commit()`; leaving without commit rolls back.

    Before committing, the events recorded by every aggregate the transaction touched are
    written to the outbox, in the same transaction."""

    customers: CustomerRepository
    catalog: CatalogRepository
    promotions: PromotionRepository
    quotes: QuoteRepository
    orders: OrderRepository
    invoices: InvoiceRepository
    payments: PaymentRepository
    shipments: ShipmentRepository
    tickets: TicketRepository
    outbox: Outbox
    conversations: ConversationRepository
    audit: AuditLog
    broadcasts: Broadcasts
    restock: RestockRequests
    order_ratings: OrderRatings

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def flush(self) -> None:
        """Give new aggregates their ids now (an order needs its number before the invoice)."""
