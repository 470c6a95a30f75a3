"""Payments recorded against orders."""

from __future__ import annotations

from sqlalchemy.engine import RowMapping

from domain.payment import Payment, PaymentMethod, PaymentStatus
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    money,
    rehydrate,
    values,
)
from storage.schema import payments

SAME_NAMED = ("id", "order_id", "created_at", "provider_reference", "receipt_file", "note",
              "refunded_amount", "decided_at")


def dump(payment: Payment) -> Record:
    return Record({**attributes(payment, SAME_NAMED), "method": payment.method.value,
                   "status": payment.status.value, "amount": payment.amount.amount,
                   "currency": payment.amount.currency})


def load(row: RowMapping, _children: Children) -> Payment:
    return rehydrate(Payment, **values(row, SAME_NAMED), method=PaymentMethod(row["method"]),
                     status=PaymentStatus(row["status"]),
                     amount=money(row["amount"], row["currency"]))


class SqlPaymentRepository(SqlRepository[Payment]):
    mapping = AggregateMapping(payments, "id", dump, load)

    def get(self, payment_id: int) -> Payment | None:
        return self._get(payment_id)

    def lock(self, payment_id: int) -> Payment | None:
        return self._lock_one(payments.c.id == payment_id)

    def by_reference(self, method: str, reference: str) -> Payment | None:
        return self._first(self._select(payments.c.method == method,
                                         payments.c.provider_reference == reference))

    def for_order(self, order_id: int) -> list[Payment]:
        return self._fetch(self._select(payments.c.order_id == order_id).order_by(payments.c.id))

    def pending(self, method: str | None = None, limit: int = 100) -> list[Payment]:
        """Payments awaiting a decision, oldest first."""
        where = [payments.c.status == PaymentStatus.PENDING.value]
        if method is not None:
            where.append(payments.c.method == method)
        return self._fetch(self._select(*where).order_by(payments.c.id).limit(limit))
