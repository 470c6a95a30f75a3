"""The unit of work: one transaction, its events in the outbox, nothing kept without commit."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from storage_samples import NOW, customer, order, product, quote

from domain.outbox import OutboxMessage
from storage.schema import outbox


class FixedClock:
    def now(self) -> datetime:
        return NOW


def outbox_topics(engine):
    with engine.connect() as connection:
        return list(connection.scalars(select(outbox.c.topic).order_by(outbox.c.id)))


def placed_order(uow_factory):
    with uow_factory() as uow:
        ana = customer()
        uow.customers.add(ana)
        coffee = product()
        uow.catalog.add(coffee)
        uow.flush()
        the_quote = quote(ana.id, [coffee])
        uow.quotes.add(the_quote)
        the_order = order(the_quote)
        uow.orders.add(the_order)
        uow.commit()
    return the_order


def test_leaving_without_commit_keeps_nothing(uow_factory):
    with uow_factory() as uow:
        uow.customers.add(customer())
        uow.catalog.add(product())
    with uow_factory() as uow:
        assert uow.catalog.count() == 0
        assert uow.customers.by_identity("console", "ana") is None


def test_an_exception_in_the_block_rolls_back(uow_factory):
    with pytest.raises(RuntimeError), uow_factory() as uow:
        uow.catalog.add(product())
        uow.flush()
        raise RuntimeError("boom")
    with uow_factory() as uow:
        assert uow.catalog.get("CAF-GR-COL-500") is None


def test_events_go_to_the_outbox_in_the_same_commit_as_the_change(uow_factory, engine):
    the_order = placed_order(uow_factory)
    with uow_factory(clock=FixedClock()) as uow:
        uow.orders.get(the_order.id).approve()
        uow.commit()

    with engine.connect() as connection:
        row = connection.execute(select(outbox)).mappings().one()
    assert (row["topic"], row["payload"], row["created_at"]) == (
        "order.status_changed",
        {"order_id": the_order.id, "before": "placed", "after": "approved"},
        NOW,
    )
    with uow_factory() as uow:
        assert uow.orders.get(the_order.id).status == "approved"


def test_events_of_a_rolled_back_change_never_reach_the_outbox(uow_factory, engine):
    the_order = placed_order(uow_factory)
    with uow_factory() as uow:
        uow.orders.get(the_order.id).approve()
        uow.flush()
    assert outbox_topics(engine) == []
    with uow_factory() as uow:
        assert uow.orders.get(the_order.id).status == "placed"


def test_events_are_written_once_even_when_committing_twice(uow_factory, engine):
    the_order = placed_order(uow_factory)
    with uow_factory() as uow:
        loaded = uow.orders.get(the_order.id)
        loaded.approve()
        uow.commit()
        loaded.cancel("changed my mind")
        uow.commit()
    assert outbox_topics(engine) == ["order.status_changed", "order.status_changed"]


def test_one_object_per_row_within_a_unit_of_work(uow_factory):
    the_order = placed_order(uow_factory)
    with uow_factory() as uow:
        first = uow.orders.get(the_order.id)
        assert uow.orders.for_customer(the_order.customer_id) == [first]
        assert uow.orders.lock(the_order.id) is first
        assert uow.customers.by_phone("+5491122334455") is uow.customers.get(first.customer_id)


def test_queries_see_changes_not_yet_flushed(uow_factory):
    with uow_factory() as uow:
        uow.catalog.add(product("CAF-1"))
        uow.outbox.add(OutboxMessage("chat.reply", {"text": "hola"}, NOW, chat_key="console:ana"))
        assert set(uow.catalog.by_skus(["CAF-1", "NOPE"])) == {"CAF-1"}
        [message] = uow.outbox.pending()
        message.mark_dispatched(NOW)
        assert uow.outbox.pending() == []


def test_flush_gives_new_aggregates_their_ids(uow_factory):
    with uow_factory() as uow:
        ana = customer()
        uow.customers.add(ana)
        uow.flush()
        assert ana.id is not None
        assert uow.customers.get(ana.id) is ana


def test_an_aggregate_with_an_id_cannot_be_added_again(uow_factory):
    the_order = placed_order(uow_factory)
    with uow_factory() as uow, pytest.raises(ValueError, match="stored already"):
        uow.orders.add(the_order)


def test_outbox_messages_keep_their_delivery_state(uow_factory):
    with uow_factory() as uow:
        uow.outbox.add(OutboxMessage("chat.reply", {"text": "¿Algo más? 😊"}, NOW,
                                     chat_key="telegram:42"))
        uow.outbox.add(OutboxMessage("chat.reply", {"text": "Listo"}, NOW))
        uow.commit()
    with uow_factory() as uow:
        first, second = uow.outbox.pending()
        first.mark_dispatched(datetime(2026, 3, 14, 16, tzinfo=UTC))
        second.mark_failed("timeout")
        uow.commit()
    with uow_factory() as uow:
        [left] = uow.outbox.pending()
    assert (left.payload, left.attempts, left.last_error) == ({"text": "Listo"}, 1, "timeout")
    assert first.chat_key == "telegram:42" and first.payload == {"text": "¿Algo más? 😊"}


def test_a_unit_of_work_is_used_inside_its_block_only(uow_factory):
    uow = uow_factory()
    with pytest.raises(RuntimeError, match="outside"):
        uow.commit()
    with uow:
        with pytest.raises(RuntimeError, match="already open"), uow:
            pass
        uow.catalog.add(product())
        uow.commit()
    with uow:
        assert uow.catalog.count() == 1


def test_payloads_keep_decimals_and_times_as_text(uow_factory):
    payload = {"amount": Decimal("12345.67"), "at": NOW, "items": [{"sku": "CAF-1", "qty": 2}]}
    with uow_factory() as uow:
        uow.outbox.add(OutboxMessage("payment.refunded", payload, NOW))
        uow.commit()
    with uow_factory() as uow:
        [message] = uow.outbox.pending()
    assert message.payload == {"amount": "12345.67", "at": NOW.isoformat(),
                               "items": [{"sku": "CAF-1", "qty": 2}]}
