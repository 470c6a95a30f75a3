"""Broadcasts read their progress from the outbox; restock requests are taken once."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.customer import Customer
from domain.engagement import Broadcast, RestockRequest
from domain.outbox import OutboxMessage

NOW = datetime(2026, 12, 12, 15, 0, tzinfo=UTC)


def test_a_broadcast_counts_sent_waiting_and_given_up_messages(uow_factory):
    with uow_factory() as uow:
        messages = [OutboxMessage("message", {"n": n}, NOW, chat_key=f"console:{n}")
                    for n in range(4)]
        for message in messages:
            uow.outbox.add(message)
        uow.flush()
        messages[0].mark_dispatched(NOW)
        messages[1].mark_failed("Forbidden: bot was blocked by the user")
        messages[1].give_up(NOW)
        messages[2].mark_failed("timeout")  # retried later, and then it went
        messages[2].mark_dispatched(NOW)
        number = uow.broadcasts.add(Broadcast("¡Ofertas!", "Marta", NOW, 4),
                                    [m.id for m in messages])
        uow.commit()
    with uow_factory() as uow:
        progress = uow.broadcasts.progress(number)
        assert (progress.sent, progress.pending, progress.failed) == (2, 1, 1)
        assert uow.broadcasts.get(number) == Broadcast("¡Ofertas!", "Marta", NOW, 4, number)
        assert uow.broadcasts.get(number + 1) is None


def test_restock_requests_are_kept_once_and_taken_once(uow_factory):
    with uow_factory() as uow:
        customer = Customer(name="Ana Pérez", country="AR")
        uow.customers.add(customer)
        uow.flush()
        assert uow.restock.add(RestockRequest(customer.id, "CAF-1", NOW))
        assert not uow.restock.add(RestockRequest(customer.id, "CAF-1", NOW))
        uow.commit()
    with uow_factory() as uow:
        [taken] = uow.restock.take_waiting("CAF-1", NOW)
        assert (taken.customer_id, taken.sku) == (customer.id, "CAF-1")
        uow.commit()
    with uow_factory() as uow:
        assert uow.restock.take_waiting("CAF-1", NOW) == []
        assert uow.restock.for_customer(customer.id)[0].notified_at == NOW
        assert uow.restock.add(RestockRequest(customer.id, "CAF-1", NOW))  # may ask again
