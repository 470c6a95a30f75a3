"""The unit of work: one database transaction, its repositories, and the outbox."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from domain.events import Event, EventSource
from domain.outbox import OutboxMessage
from domain.ports import Clock, SystemClock
from storage.identity_map import IdentityMap
from storage.repositories.audit import SqlAuditLog
from storage.repositories.catalog import SqlCatalogRepository
from storage.repositories.conversations import SqlConversationRepository
from storage.repositories.customers import SqlCustomerRepository
from storage.repositories.engagement import SqlBroadcasts, SqlOrderRatings, SqlRestockRequests
from storage.repositories.inbound import SqlDeliveryStatuses, SqlInboundUpdates
from storage.repositories.invoices import SqlInvoiceRepository
from storage.repositories.orders import SqlOrderRepository
from storage.repositories.outbox import SqlOutbox
from storage.repositories.payments import SqlPaymentRepository
from storage.repositories.promotions import SqlPromotionRepository
from storage.repositories.quotes import SqlQuoteRepository
from storage.repositories.shipments import SqlShipmentRepository
from storage.repositories.tickets import SqlTicketRepository


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()`. Leaving the block without committing rolls back.

    Every aggregate loaded or added in the block is tracked: flush() and commit() write
    what changed, and commit() first turns the events the aggregates recorded into outbox
    messages, so they are stored in the same transaction as the change."""

    customers: SqlCustomerRepository
    catalog: SqlCatalogRepository
    promotions: SqlPromotionRepository
    quotes: SqlQuoteRepository
    orders: SqlOrderRepository
    invoices: SqlInvoiceRepository
    payments: SqlPaymentRepository
    shipments: SqlShipmentRepository
    tickets: SqlTicketRepository
    outbox: SqlOutbox
    conversations: SqlConversationRepository
    inbound: SqlInboundUpdates
    deliveries: SqlDeliveryStatuses
    audit: SqlAuditLog
    broadcasts: SqlBroadcasts
    restock: SqlRestockRequests
    order_ratings: SqlOrderRatings

    def __init__(self, session_factory: sessionmaker[Session], clock: Clock | None = None):
        self._session_factory = session_factory
        self._clock = clock or SystemClock()
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The transaction's session, for tables without a repository of their own."""
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        self._session = self._session_factory()
        self._track_afresh()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            self.rollback()
        finally:
            self.session.close()
            self._session = None

    def commit(self) -> None:
        session = self.session
        for event in self._drain_events():
            self.outbox.add(OutboxMessage(event.topic, event.payload, self._clock.now()))
        self.flush()
        session.commit()

    def rollback(self) -> None:
        self.session.rollback()
        # Objects loaded before no longer match the database: forget them.
        self._track_afresh()

    def flush(self) -> None:
        """Write pending changes now (new aggregates already have their ids)."""
        self._identity.flush()

    def _track_afresh(self) -> None:
        self._identity = identity = IdentityMap()
        session = self.session
        self.customers = SqlCustomerRepository(session, identity)
        self.catalog = SqlCatalogRepository(session, identity)
        self.promotions = SqlPromotionRepository(session, identity)
        self.quotes = SqlQuoteRepository(session, identity)
        self.orders = SqlOrderRepository(session, identity)
        self.invoices = SqlInvoiceRepository(session, identity)
        self.payments = SqlPaymentRepository(session, identity)
        self.shipments = SqlShipmentRepository(session, identity)
        self.tickets = SqlTicketRepository(session, identity)
        self.outbox = SqlOutbox(session, identity)
        self.conversations = SqlConversationRepository(session, identity)
        self.inbound = SqlInboundUpdates(session)
        self.deliveries = SqlDeliveryStatuses(session)
        self.audit = SqlAuditLog(session)
        self.broadcasts = SqlBroadcasts(session)
        self.restock = SqlRestockRequests(session)
        self.order_ratings = SqlOrderRatings(session)

    def _drain_events(self) -> list[Event]:
        events: list[Event] = []
        for entry in self._identity:
            if isinstance(entry.aggregate, EventSource):
                events.extend(entry.aggregate.drain_events())
        return events
