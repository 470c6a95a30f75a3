"""Purchase orders with their three statuses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import RowMapping

from domain.order import FulfillmentStatus, Order, OrderStatus, PaymentState
from domain.pricing import DeliveryMethod
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.repositories.lines import line_rows, lines_from, promotion_rows, promotions_from
from storage.schema import order_lines, order_promotions, orders

SAME_NAMED = ("id", "customer_id", "quote_id", "currency", "payment_method",
              "delivery_address", "conditions", "placed_at", "amount_paid", "amount_refunded",
              "cancel_reason")


def dump(order: Order) -> Record:
    return Record(
        row={**attributes(order, SAME_NAMED),
             "delivery": order.delivery.value, "status": order.status.value,
             "payment_state": order.payment_state.value,
             "fulfillment": order.fulfillment.value},
        children={"lines": line_rows(order.lines, order.currency),
                  "promotions": promotion_rows(order.promotions, order.currency)},
    )


def load(row: RowMapping, children: Children) -> Order:
    return rehydrate(
        Order, **values(row, SAME_NAMED),
        delivery=DeliveryMethod(row["delivery"]), status=OrderStatus(row["status"]),
        payment_state=PaymentState(row["payment_state"]),
        fulfillment=FulfillmentStatus(row["fulfillment"]),
        lines=lines_from(children["lines"], row["currency"]),
        promotions=promotions_from(children["promotions"], row["currency"]),
    )


class SqlOrderRepository(SqlRepository[Order]):
    mapping = AggregateMapping(orders, "id", dump, load,
                      {"lines": order_lines, "promotions": order_promotions})

    def get(self, order_id: int) -> Order | None:
        return self._get(order_id)

    def lock(self, order_id: int) -> Order | None:
        return self._lock_one(orders.c.id == order_id)

    def for_quote(self, quote_id: int) -> Order | None:
        return self._first(self._select(orders.c.quote_id == quote_id))

    def for_customer(self, customer_id: int) -> list[Order]:
        """Newest first."""
        return self._fetch(
            self._select(orders.c.customer_id == customer_id).order_by(orders.c.id.desc()))

    def count_for_customer(self, customer_id: int) -> int:
        """Every order the customer placed, whatever became of it."""
        self._identity.flush()
        query = select(func.count()).where(orders.c.customer_id == customer_id)
        return self.session.scalar(query) or 0

    def search(self, status: str | None = None, customer_id: int | None = None,
               since: datetime | None = None, until: datetime | None = None,
               offset: int = 0, limit: int | None = 20) -> list[Order]:
        """Orders matching every filter given (placed in [since, until)), newest first."""
        table = orders.c
        where = [condition(value) for value, condition in (
            (status, table.status.__eq__), (customer_id, table.customer_id.__eq__),
            (since, table.placed_at.__ge__), (until, table.placed_at.__lt__),
        ) if value is not None]
        query = self._select(*where).order_by(orders.c.id.desc()).offset(offset)
        return self._fetch(query if limit is None else query.limit(limit))

    def unpaid_placed_before(self, cutoff: datetime) -> list[Order]:
        """Orders still waiting for their first payment since before `cutoff`, locked."""
        return self._locked(
            orders.c.placed_at < cutoff,
            orders.c.status.in_([OrderStatus.PLACED.value, OrderStatus.APPROVED.value]),
            orders.c.payment_state == PaymentState.UNPAID.value,
            orders.c.payment_method != "cash_on_delivery",  # paid on arrival, by design
            orders.c.fulfillment == FulfillmentStatus.UNFULFILLED.value)
