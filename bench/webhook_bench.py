"""Webhook ingestion under load: `orderbot serve` in its own process, wrk posting signed
WhatsApp status webhooks (the bulk of a busy number's traffic: sent, delivered, read for
every message) from another process on loopback, every body different.

Prints requests acknowledged per second, the acknowledgement latency percentiles, and
whether every update sent was kept and handled afterwards. Then 600 typed messages of 200
customers posted at once: acknowledgement latency while the engine answers earlier ones,
and how long until all are answered (replies go to a fake Graph API in this process).

    python bench/webhook_bench.py [seconds] [postgresql-url]
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp
import yaml
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_databases import databases  # noqa: E402

from bot.bootstrap import DEMO_CONFIG  # noqa: E402
from bot.whatsapp.signature import signature_of  # noqa: E402
from tests.channels.fake_graph import ACCESS_TOKEN, FakeGraph  # noqa: E402

SECRET = "bench-app-secret"
PHONE_NUMBER_ID = "106540352242922"
BODIES = 150_000  # more than a run sends: no body is posted twice
CONNECTIONS = 64
CUSTOMERS = 200  # each writes three messages in the conversation phase
LUA = """
local bodies, signatures = {{}}, {{}}
for line in io.lines("{data}") do
  local signature, body = line:match("^(%S+)\t(.*)$")
  table.insert(signatures, signature)
  table.insert(bodies, body)
end
i = 0
local threads = {{}}
function setup(thread)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write("issued " .. tostring(thread:get("i")) .. "\\n")
  end
end
function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/whatsapp/webhook",
    {{["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = signatures[i]}},
    bodies[i])
end
"""


def status_body(n: int) -> bytes:
    status = {"id": f"wamid.BENCH{n:09d}", "status": ("sent", "delivered", "read")[n % 3],
              "timestamp": str(1717430400 + n), "recipient_id": f"54911{n % 10**8:08d}"}
    value = {"messaging_product": "whatsapp",
             "metadata": {"display_phone_number": "15550783881",
                          "phone_number_id": PHONE_NUMBER_ID},
             "statuses": [status]}
    body = {"object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [{"value": value,
                                                             "field": "messages"}]}]}
    return json.dumps(body, separators=(",", ":")).encode()


def signed_bodies(path: Path) -> None:
    """One "signature<TAB>body" line per update, for the wrk script to read."""
    with path.open("w") as out:
        for n in range(BODIES):
            body = status_body(n)
            out.write(f"{signature_of(SECRET, body)}\t{body.decode()}\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def config(directory: Path, graph_url: str) -> Path:
    settings = yaml.safe_load(DEMO_CONFIG.read_text(encoding="utf-8"))
    settings["channels"]["whatsapp"] = {
        "enabled": True, "phone_number_id": PHONE_NUMBER_ID, "access_token": ACCESS_TOKEN,
        "app_secret": SECRET, "verify_token": "bench", "graph_api_base_url": graph_url,
        "messages_per_second": 1000}
    path = directory / "config.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


def health(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as answer:
        return json.loads(answer.read())


def wait_until(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def run(label: str, url: str, seconds: int, work: Path, data: Path, graph: FakeGraph) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "ORDERBOT_CONFIG": str(config(work, graph.url)),
           "ORDERBOT_FILES": str(work / "files")}
    server = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(work / "server.log", "w"))
    try:
        if not wait_until(lambda: health(port)["status"] == "ok", 120):
            raise SystemExit(f"the server did not start: see {work / 'server.log'}")
        script = work / "bench.lua"
        script.write_text(LUA.format(data=data))
        result = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
                                 "-s", str(script), f"http://127.0.0.1:{port}"],
                                capture_output=True, text=True, check=True).stdout
        sent = int(re.search(r"(\d+) requests in", result).group(1))
        # Answered or in flight at the end; wrk asks the script for one request at start
        # only to see whether requests change, and never sends it.
        issued = int(re.search(r"issued (\d+)", result).group(1)) - 1
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
        percentiles = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", result, re.MULTILINE))
        refused = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
        started = time.monotonic()
        drained = wait_until(lambda: health(port)["updates_waiting"] == 0, 600)
        drain_seconds = time.monotonic() - started
        engine = create_engine(url)
        with engine.connect() as connection:
            kept = connection.execute(text("SELECT count(*) FROM inbound_updates")).scalar()
            handled = connection.execute(text(
                "SELECT count(*) FROM inbound_updates WHERE processed_at IS NOT NULL")).scalar()
            recorded = connection.execute(text("SELECT count(*) FROM delivery_statuses")).scalar()
        engine.dispose()
        distinct = min(issued, BODIES)
        print(f"{label}: {rate:,.0f} requests/s acknowledged over {seconds} s "
              f"({sent:,} answered, {CONNECTIONS} connections, "
              f"{refused.group(1) if refused else 0} refused); acknowledgement latency "
              f"p50 {percentiles.get('50')}, p90 {percentiles.get('90')}, "
              f"p99 {percentiles.get('99')}")
        print(f"{label}: {distinct:,} different updates posted, {kept:,} kept, {handled:,} "
              f"handled, {recorded:,} statuses recorded; "
              f"{'drained' if drained else 'NOT drained'} {drain_seconds:.1f} s after the load")
        conversations(label, port, graph, url)
    finally:
        server.terminate()
        server.wait(30)


def conversations(label: str, port: int, graph: FakeGraph, url: str) -> None:
    """Messages people type, acknowledged while earlier ones are being answered: how long
    acknowledging takes then, and how long until every message is answered."""
    lines = ("hola", "quiero 2 cafe colombia en grano", "ver mi carrito")
    bodies = [message_body(f"54911{70000000 + n:08d}", line, f"wamid.BENCHMSG{n:05d}{i}")
              for i, line in enumerate(lines) for n in range(CUSTOMERS)]
    replies_before = len(graph.sent())
    began = time.monotonic()
    latencies = sorted(asyncio.run(post_all(port, bodies)))
    posted = time.monotonic() - began
    drained = wait_until(lambda: health(port)["updates_waiting"] == 0, 900)
    handled = time.monotonic() - began
    wait_until(lambda: unsent(url) == 0, 300)
    print(f"{label}: {len(bodies)} typed messages of {CUSTOMERS} customers posted in "
          f"{posted:.1f} s: acknowledged p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms; "
          f"{'all' if drained else 'NOT all'} handled {handled:.1f} s after the first "
          f"({len(bodies) / handled:.0f} messages/s), "
          f"{len(graph.sent()) - replies_before} replies sent, none refused: "
          f"{graph.refused() == []}")


def unsent(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        left = connection.execute(text(
            "SELECT count(*) FROM outbox WHERE topic = 'message' AND dispatched_at IS NULL"
        )).scalar()
    engine.dispose()
    return left


def message_body(sender: str, text_: str, message_id: str) -> bytes:
    value = {"messaging_product": "whatsapp",
             "metadata": {"display_phone_number": "15550783881",
                          "phone_number_id": PHONE_NUMBER_ID},
             "contacts": [{"profile": {"name": "Bench"}, "wa_id": sender}],
             "messages": [{"from": sender, "id": message_id, "timestamp": "1717430400",
                           "type": "text", "text": {"body": text_}}]}
    return json.dumps({"object": "whatsapp_business_account", "entry": [
        {"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}]}
    ).encode()


async def post_all(port: int, bodies: list[bytes]) -> list[float]:
    gate = asyncio.Semaphore(CONNECTIONS)
    async with aiohttp.ClientSession() as session:
        async def post(body: bytes) -> float:
            async with gate:
                began = time.perf_counter()
                async with session.post(
                        f"http://127.0.0.1:{port}/whatsapp/webhook", data=body,
                        headers={"Content-Type": "application/json",
                                 "X-Hub-Signature-256": signature_of(SECRET, body)}) as answer:
                    answer.raise_for_status()
                return time.perf_counter() - began
        return list(await asyncio.gather(*(post(body) for body in bodies)))


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bodies.txt"
        signed_bodies(data)
        with FakeGraph() as graph:
            for label, url in databases(2):
                work = Path(tempfile.mkdtemp(dir=tmp))
                run(label, url, seconds, work, data, graph)


if __name__ == "__main__":
    main()
