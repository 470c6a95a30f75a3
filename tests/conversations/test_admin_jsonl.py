"""A customer and the admin in one JSONL script: the customer buys by transfer, the admin
confirms, approves, prepares, ships and delivers, and each hears what concerns them."""

from __future__ import annotations

import io
import json

from checkout_helpers import customer_with_quote, tiny_png

from bot.console import run_jsonl


def run(chat, lines: list[dict]) -> list[dict]:
    sink = io.StringIO()
    run_jsonl(chat.engine, io.StringIO("".join(json.dumps(line) + "\n" for line in lines)),
              sink)
    return [json.loads(row) for row in sink.getvalue().splitlines()]


def texts(rows: list[dict], who: str) -> str:
    return "\n".join(row.get("text", "") for row in rows if row.get("to") == who)


def test_a_customer_and_the_admin_in_one_script(chat, tmp_path):
    _, quote_id = customer_with_quote(chat, "ana")
    rows = run(chat, [
        {"from": "ana", "button": f"checkout:{quote_id}"},
        {"from": "ana", "button": "checkout:addr:0"},
        {"from": "ana", "button": "checkout:pay:bank_transfer"},
        {"from": "ana", "button": f"checkout:confirm:{quote_id}"},
        {"from": "ana", "file": str(tiny_png(tmp_path / "comprobante.png"))},
        {"from": "admin", "text": "/confirmar 1"},
        {"from": "admin", "text": "/aprobar 1"},
        {"from": "admin", "text": "/preparar 1"},
        {"from": "admin", "button": "af:check:1:0"},
        {"from": "admin", "text": "/enviar 1 OCA 4455"},
        {"from": "admin", "text": "/entregado 1"},
        {"from": "ana", "text": "/pedidos"},
    ])
    assert [row["done"] for row in rows if "done" in row] == list(range(1, 13))
    admin, ana = texts(rows, "admin"), texts(rows, "ana")
    assert "Nuevo pedido N° 1" in admin and "comprobante de transferencia del pedido N° 1" in admin
    assert any(row.get("to") == "admin" and row.get("file", "").endswith(".png") for row in rows)
    assert "Marqué entregado el pedido N° 1; ahora está completado" in admin
    for told in ("Confirmamos tu pago", "Tu factura", "en camino con OCA", "4455",
                 "figura como entregado", "No conozco el comando /pedidos"):
        assert told in ana, told
