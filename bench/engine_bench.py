"""200 simulated customers doing whole purchases at once through the conversation engine:
messages per second and latency per message, on SQLite and on PostgreSQL.

Each customer: greet, browse, add by text, ask for a quote, register (name, address,
shared contact, skip, skip, confirm), delivery, promo code, checkout (address, transfer,
confirm). Usage: python bench/engine_bench.py [CUSTOMERS] [POSTGRES_URL]."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor


from bench_databases import databases
from bot.bootstrap import DEMO_CONFIG, build
from bot.chat_wiring import build_engine
from bot.console import incoming_from
from bot.dispatcher import OutboxDispatcher
from dialogs.engine import Engine
from storage.demo import load_demo

THREADS = 16


def script(n: int) -> list[dict]:
    phone = f"+54911{40000000 + n}"
    return [{"text": "hola"}, {"button": "cat"}, {"text": "quiero 2 cafe colombia en grano"},
            {"button": "quote"}, {"text": f"Cliente {n} Pérez"},
            {"text": f"Av. Rivadavia {1000 + n}, CABA"},
            {"contact": {"phone": phone, "name": f"Cliente {n}"}},
            {"button": "registration:skip"}, {"button": "registration:skip"},
            {"button": "registration:confirm"}, {"button": "quote:delivery"},
            {"text": "BIENVENIDA"}, {"button": "checkout:{quote}"}, {"button": "checkout:addr:0"},
            {"button": "checkout:pay:bank_transfer"}, {"button": "checkout:confirm:{quote}"}]


def customer(engine: Engine, n: int) -> list[tuple[float, bool]]:
    """(seconds, whether the reply carried a PDF) for each message."""
    who, quote, latencies = f"bench{n}", "", []
    for line in script(n):
        if "button" in line:
            line = {"button": line["button"].replace("{quote}", quote)}
        start = time.perf_counter()
        incoming = incoming_from({"from": who, **line}, uuid.uuid4().hex, engine.deps.files)
        replies = engine.handle(incoming)
        elapsed = time.perf_counter() - start
        for out in replies:
            quote = next((b.payload.split(":")[1] for b in out.reply.buttons
                          if b.payload.startswith("checkout:") and b.payload[9:].isdigit()),
                         quote)
        latencies.append((elapsed, any(out.reply.document for out in replies)))
    return latencies


def percentiles(latencies: list[float]) -> str:
    latencies = sorted(latencies)
    return (f"p50 {statistics.median(latencies) * 1000:6.1f} ms  "
            f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:6.1f} ms")


def measure(url: str, label: str, customers: int, files: str) -> None:
    app = build(DEMO_CONFIG, {"DATABASE_URL": url})
    with app.uow() as uow:
        load_demo(uow, app.shop.currency, set(app.shop.taxes.rates))
        for product in uow.catalog.list():  # enough for every customer
            product.set_stock(1_000_000)
        uow.commit()
    engine = build_engine(app, {"ORDERBOT_FILES": files})
    sent: list = []
    dispatcher = OutboxDispatcher(engine, {"console": sent.append})
    start = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        latencies = [t for ts in pool.map(lambda n: customer(engine, n), range(customers))
                     for t in ts]
    elapsed = time.perf_counter() - start
    while dispatcher.run_once(1000):
        pass
    with app.uow() as uow:
        placed = sum(len(uow.orders.for_customer(c.id)) for c in
                     [uow.customers.by_identity("console", f"bench{n}") for n in range(customers)]
                     if c)
    count = len(latencies)
    plain = [seconds for seconds, pdf in latencies if not pdf]
    with_pdf = [seconds for seconds, pdf in latencies if pdf]
    print(f"{label:10} {customers} customers, {count} messages in {elapsed:5.1f} s: "
          f"{count / elapsed:6.1f} msg/s  all {percentiles([s for s, _ in latencies])}  "
          f"({placed} orders placed, {len(sent)} messages delivered)")
    print(f"{'':10} {len(plain)} messages without a document: {percentiles(plain)};  "
          f"{len(with_pdf)} with a PDF: {percentiles(with_pdf)}")


def main() -> None:
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as files:
        for label, url in databases(2):
            measure(url, label, customers, files)


if __name__ == "__main__":
    main()
