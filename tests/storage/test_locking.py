"""Row locks: concurrent writers of the same rows queue, in key order, and lose nothing."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import event
from storage_samples import customer, order, payment, product, promotion, quote

from domain.errors import OutOfStock

SKU = "CAF-GR-COL-500"


@pytest.fixture
def statements(engine):
    seen = []

    def record(_connection, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def with_product(uow_factory, stock=10):
    with uow_factory() as uow:
        uow.catalog.add(product(SKU, stock=stock))
        uow.commit()


def test_a_second_locker_waits_for_the_first_and_sees_its_change(uow_factory):
    with_product(uow_factory)
    seen = {}

    def second_buyer():
        with uow_factory() as uow:
            coffee = uow.catalog.lock([SKU])[SKU]
            seen["reserved"] = coffee.stock_reserved
            coffee.reserve(2)
            uow.commit()

    with uow_factory() as first:
        first.catalog.lock([SKU])[SKU].reserve(3)
        first.flush()
        waiting = threading.Thread(target=second_buyer)
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive(), "the second buyer did not wait for the lock"
        first.commit()
    waiting.join(timeout=30)
    with uow_factory() as uow:
        assert (seen["reserved"], uow.catalog.get(SKU).stock_reserved) == (3, 5)


def test_concurrent_buyers_never_oversell(uow_factory):
    with_product(uow_factory, stock=5)

    def buy_one():
        with uow_factory() as uow:
            try:
                uow.catalog.lock([SKU])[SKU].reserve(1)
            except OutOfStock:
                return False
            uow.commit()
            return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        sold = list(pool.map(lambda _: buy_one(), range(12)))
    with uow_factory() as uow:
        coffee = uow.catalog.get(SKU)
    assert (sold.count(True), coffee.stock_reserved, coffee.available) == (5, 5, 0)


def test_a_new_series_is_created_once_and_numbers_never_repeat(uow_factory):
    def take_number():
        with uow_factory() as uow:
            number = uow.invoices.lock_series("invoice:B:0002").take()
            uow.commit()
            return number

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(lambda _: take_number(), range(16)))
    with uow_factory() as uow:
        assert uow.invoices.lock_series("invoice:B:0002").next_number == 17
    assert sorted(numbers) == list(range(1, 17))


def test_a_new_series_starts_at_number_one(uow_factory):
    with uow_factory() as uow:
        series = uow.invoices.lock_series("credit_note:A:0001")
        assert (series.key, series.take(), series.take()) == ("credit_note:A:0001", 1, 2)
        assert uow.invoices.lock_series("credit_note:A:0001") is series


def test_locking_reads_use_for_update_on_postgresql_only(uow_factory, engine, statements):
    with uow_factory() as uow:
        uow.customers.add(ana := customer())
        uow.catalog.add(product("B-2"))
        uow.catalog.add(product("A-1"))
        uow.promotions.add(christmas := promotion())
        uow.quotes.add(the_quote := quote(ana.id, [product("A-1")]))
        uow.orders.add(the_order := order(the_quote))
        uow.payments.add(paid := payment(the_order.id))
        uow.commit()
    statements.clear()
    with uow_factory() as uow:
        uow.catalog.lock(["B-2", "A-1"])
        uow.promotions.lock([christmas.id])
        uow.orders.lock(the_order.id)
        uow.payments.lock(paid.id)
        uow.invoices.lock_series("invoice:B:0001")
        uow.outbox.pending()
    locking = [s for s in statements if s.startswith("SELECT") and "FOR UPDATE" in s]
    if engine.dialect.name == "postgresql":
        tables = ["products", "promotions", "orders", "payments", "invoice_series", "outbox"]
        assert [s.split(" FROM ")[1].split()[0] for s in locking] == tables
        assert "ORDER BY products.sku" in locking[0]
        assert "SKIP LOCKED" in locking[-1]
        assert any("ON CONFLICT DO NOTHING" in s for s in statements)
    else:
        assert locking == []
