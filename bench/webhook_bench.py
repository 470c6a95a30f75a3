"""Webhook ingestion under load: `orderbot serve` in its own process, wrk posting signed
WhatsApp status webhooks (the bulk of a busy number's traffic: sent, delivered, read for
every message) from another process on loopback, every body different.

Prints requests acknowledged per second, the acknowledgement latency percentiles, and
whether every update sent was kept and handled afterwards.

    python bench/webhook_bench.py [seconds] [postgresql-url]
"""

from __future__ import annotations

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

import yaml
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench_databases import databases  # noqa: E402

from bot.bootstrap import DEMO_CONFIG  # noqa: E402
from bot.whatsapp.signature import signature_of  # noqa: E402

SECRET = "bench-app-secret"
PHONE_NUMBER_ID = "106540352242922"
BODIES = 150_000  # more than a run sends: no body is posted twice
CONNECTIONS = 64
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


def config(directory: Path) -> Path:
    settings = yaml.safe_load(DEMO_CONFIG.read_text(encoding="utf-8"))
    settings["channels"]["whatsapp"] = {
        "enabled": True, "phone_number_id": PHONE_NUMBER_ID, "access_token": "bench-token",
        "app_secret": SECRET, "verify_token": "bench", "graph_api_base_url": "http://127.0.0.1:9"}
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


def run(label: str, url: str, seconds: int, work: Path, data: Path) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "ORDERBOT_CONFIG": str(config(work)),
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
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bodies.txt"
        signed_bodies(data)
        for label, url in databases(2):
            work = Path(tempfile.mkdtemp(dir=tmp))
            run(label, url, seconds, work, data)


if __name__ == "__main__":
    main()
