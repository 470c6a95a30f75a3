"""Broadcasts with their messages, restock requests and order ratings: plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Table, case, func, insert, select, update
from sqlalchemy.orm import Session

from domain.engagement import Broadcast, Progress, RestockRequest
from domain.satisfaction import OrderRating
from storage.schema import broadcast_recipients, broadcasts, order_ratings, outbox, \
    restock_requests


class _Rows:
    def __init__(self, session: Session) -> None:
        self.session = session


def rating_counts(session: Session, table: Table) -> dict[int, int]:
    """rating → how many, over every rated row of `table`."""
    query = (select(table.c.rating, func.count()).where(table.c.rating.is_not(None))
             .group_by(table.c.rating))
    return {int(rating): count for rating, count in session.execute(query)}


class SqlBroadcasts(_Rows):
    def add(self, broadcast: Broadcast, outbox_ids: Sequence[int]) -> int:
        result = self.session.execute(insert(broadcasts).values(
            text=broadcast.text, author=broadcast.author, created_at=broadcast.created_at,
            recipients=broadcast.recipients))
        broadcast_id = int(result.inserted_primary_key[0])  # type: ignore[attr-defined]
        if outbox_ids:
            self.session.execute(insert(broadcast_recipients), [
                {"broadcast_id": broadcast_id, "outbox_id": message} for message in outbox_ids])
        return broadcast_id

    def get(self, broadcast_id: int) -> Broadcast | None:
        row = self.session.execute(
            select(broadcasts).where(broadcasts.c.id == broadcast_id)).mappings().first()
        return Broadcast(**row) if row else None

    def progress(self, broadcast_id: int) -> Progress:
        done = outbox.c.dispatched_at.is_not(None)
        failed = done & outbox.c.last_error.is_not(None)
        query = (select(func.count(case((done & ~failed, 1))), func.count(case((~done, 1))),
                        func.count(case((failed, 1))))
                 .select_from(broadcast_recipients.join(
                     outbox, outbox.c.id == broadcast_recipients.c.outbox_id))
                 .where(broadcast_recipients.c.broadcast_id == broadcast_id))
        sent, pending, given_up = self.session.execute(query).one()
        return Progress(sent, pending, given_up)


class SqlRestockRequests(_Rows):
    def add(self, request: RestockRequest) -> bool:
        """False when the customer already waits for this product."""
        waiting = select(restock_requests.c.id).where(
            restock_requests.c.customer_id == request.customer_id,
            restock_requests.c.sku == request.sku, restock_requests.c.notified_at.is_(None))
        if self.session.execute(waiting).first() is not None:
            return False
        self.session.execute(insert(restock_requests).values(
            customer_id=request.customer_id, sku=request.sku, created_at=request.created_at))
        return True

    def take_waiting(self, sku: str, now: datetime) -> list[RestockRequest]:
        """The requests for `sku` not told yet, now marked told (locked: told once)."""
        query = (select(restock_requests).where(restock_requests.c.sku == sku,
                                                restock_requests.c.notified_at.is_(None))
                 .order_by(restock_requests.c.id).with_for_update())
        found = [RestockRequest(**row) for row in self.session.execute(query).mappings()]
        if found:
            self.session.execute(update(restock_requests).where(
                restock_requests.c.id.in_([request.id for request in found]))
                .values(notified_at=now))
        return found

    def for_customer(self, customer_id: int) -> list[RestockRequest]:
        query = (select(restock_requests).where(restock_requests.c.customer_id == customer_id)
                 .order_by(restock_requests.c.id))
        return [RestockRequest(**row) for row in self.session.execute(query).mappings()]


class SqlOrderRatings(_Rows):
    def get(self, order_id: int) -> OrderRating | None:
        row = self.session.execute(
            select(order_ratings).where(order_ratings.c.order_id == order_id)).mappings().first()
        return OrderRating(**row) if row else None

    def add(self, rating: OrderRating) -> None:
        self.session.execute(insert(order_ratings).values(
            order_id=rating.order_id, customer_id=rating.customer_id, rating=rating.rating,
            comment=rating.comment, rated_at=rating.rated_at))

    def comment(self, order_id: int, comment: str | None) -> None:
        self.session.execute(update(order_ratings).where(order_ratings.c.order_id == order_id)
                             .values(comment=comment))

    def counts(self) -> dict[int, int]:
        return rating_counts(self.session, order_ratings)
