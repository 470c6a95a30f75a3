"""Orders placed per second with 8 concurrent clients, on SQLite and on PostgreSQL.

Each client repeats: build a quote for 3 products, place the order (stock reserved,
promotion limits checked under lock). Usage: python bench/orders_bench.py [POSTGRES_URL]
(default: ORDERBOT_TEST_POSTGRES_URL, skipped when neither is given)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal


from bench_databases import databases
from domain.catalog import Product
from domain.invoice import DocumentType, InvoicingPolicy, Party
from domain.money import Money
from domain.pricing import CartItem, ShippingRule
from domain.services import ordering, quoting
from domain.services.customers import register_customer
from domain.shop import Shop
from domain.taxes import TaxPolicy
from storage.database import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork

CLIENTS, ORDERS_PER_CLIENT = 8, 60
SHOP = Shop("ARS", "AR", TaxPolicy({"iva21": Decimal("0.21")}, True),
            ShippingRule(Decimal("3500"), Decimal("50000"), "iva21"),
            InvoicingPolicy(1, (DocumentType("B"),), "B", seller=Party("Bench", None, "x")),
            ("bank_transfer",), timedelta(days=7))


def seed(uow_factory) -> list[int]:
    with uow_factory() as uow:
        for i in range(20):
            uow.catalog.add(Product(f"P{i}", f"Producto {i}", Money.of("1000.00", "ARS"),
                                    "iva21", "Bench", stock_on_hand=1_000_000))
        customers = [register_customer(uow, SHOP, channel="bench", external_id=str(i),
                                       name=f"Cliente {i}", phone=f"11 4000-{1000 + i}",
                                       address="Av. de Mayo 500, CABA") for i in range(CLIENTS)]
        uow.commit()
        return [customer.id for customer in customers]


def client(uow_factory, customer_id: int) -> list[float]:
    latencies = []
    for n in range(ORDERS_PER_CLIENT):
        start = time.perf_counter()
        items = [CartItem(f"P{(n + k) % 20}", 1 + k) for k in range(3)]
        with uow_factory() as uow:
            quote_id = quoting.build_quote(uow, SHOP, customer_id=customer_id, items=items).id
            uow.commit()
        with uow_factory() as uow:
            ordering.place_order(uow, SHOP, customer_id=customer_id, quote_id=quote_id,
                                 payment_method="bank_transfer")
            uow.commit()
        latencies.append(time.perf_counter() - start)
    return latencies


def measure(url: str, label: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    uow_factory = lambda: SqlUnitOfWork(make_session_factory(engine))  # noqa: E731
    customers = seed(uow_factory)
    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = sorted(t for ts in pool.map(lambda c: client(uow_factory, c), customers)
                           for t in ts)
    elapsed = time.perf_counter() - start
    engine.dispose()
    count = len(latencies)
    print(f"{label:10} {count} orders by {CLIENTS} clients in {elapsed:5.2f} s: "
          f"{count / elapsed:6.1f} orders/s   quote+order p50 {latencies[count // 2] * 1000:5.1f} ms"
          f"  p99 {latencies[int(count * 0.99)] * 1000:6.1f} ms")


def main() -> None:
    for label, url in databases(1):
        measure(url, label)


if __name__ == "__main__":
    main()
