"""Whole purchases through the JSONL interface, in Spanish and in English: register →
browse → add → quote with a promo code → confirm → transfer receipt → invoice PDF."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from checkout_helpers import customer_with_quote, tiny_png

from bot.console import run_jsonl
from domain.invoice import DocumentKind
from domain.order import OrderStatus
from domain.payment import PaymentStatus
from domain.services import ordering


class Script:
    """Feeds JSONL lines to the console interface and keeps what came out."""

    def __init__(self, chat, who: str) -> None:
        self.chat, self.who, self.out = chat, who, []

    def send(self, **line) -> list[dict]:
        sink = io.StringIO()
        run_jsonl(self.chat.engine, io.StringIO(json.dumps({"from": self.who, **line}) + "\n"),
                  sink)
        self.out = [json.loads(row) for row in sink.getvalue().splitlines()]
        assert self.out[-1] == {"done": 1}
        return self.out

    def text(self) -> str:
        return "\n".join(row.get("text", "") for row in self.out if row.get("to") == self.who)

    def payload(self, prefix: str) -> str:
        return next(b["payload"] for row in self.out for b in row.get("buttons", ())
                    if b["payload"].startswith(prefix))

    def files(self) -> list[str]:
        return [row["file"] for row in self.out if "file" in row and row["to"] == self.who]


def pdf_text(path: str) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


LANGUAGES = {
    "es": dict(phrase="quiero 2 cafe colombia en grano", welcome="Ya tenés tu cuenta",
               total="$36.710,00", received="Recibí el comprobante", invoice="Tu factura B"),
    "en": dict(phrase="I want 2 colombia coffee beans", welcome="Your account is ready",
               total="ARS\xa036,710.00", received="receipt", invoice="Your invoice B"),
}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_whole_purchase_through_the_jsonl_interface(chat, tmp_path, language):
    words = LANGUAGES[language]
    ana = Script(chat, "ana")
    ana.send(text="/start")
    ana.send(button=f"lang:{language}")
    ana.send(button="cat")
    ana.send(button=ana.payload("cat:"))
    ana.send(text=words["phrase"])
    assert "CAF-GR-COL-500" in json.dumps(ana.out) or "2 ×" in ana.text()
    ana.send(button="quote")
    ana.send(text="Ana Pérez")
    ana.send(text="Av. Corrientes 1234, CABA")
    ana.send(contact={"phone": "+5491122334455", "name": "Ana"})
    ana.send(button="registration:skip")
    ana.send(button="registration:skip")
    ana.send(button="registration:confirm")
    assert words["welcome"] in ana.text()
    ana.send(button="quote:delivery")
    ana.send(text="BIENVENIDA")
    assert words["total"] in ana.text() and "BIENVENIDA" in ana.text()
    [quote_pdf] = ana.files()
    assert words["total"].split()[-1].lstrip("$") in pdf_text(quote_pdf).replace("\xa0", " ")
    ana.send(button=ana.payload("checkout:"))
    ana.send(button="checkout:addr:0")
    ana.send(button="checkout:pay:bank_transfer")
    ana.send(button=ana.payload("checkout:confirm:"))
    assert len(ana.files()) == 1  # the purchase order
    ana.send(file=str(tiny_png(tmp_path / "comprobante.png")))
    assert words["received"] in ana.text()

    with chat.uow() as uow:
        [order] = uow.orders.for_customer(uow.customers.by_identity("console", "ana").id)
        assert [p.status for p in uow.payments.for_order(order.id)] == [PaymentStatus.PENDING]
        ordering.approve_order(uow, chat.app.shop, order.id)
        uow.commit()
    ana.send(text="gracias" if language == "es" else "thanks")
    assert words["invoice"] in ana.text()
    [invoice_pdf] = ana.files()
    with chat.uow() as uow:
        [invoice] = uow.invoices.for_order(order.id)
        assert invoice.kind is DocumentKind.INVOICE
        assert invoice.totals.total == order.totals.total
        assert uow.orders.get(order.id).status is OrderStatus.APPROVED
    shown = pdf_text(invoice_pdf).replace("\xa0", " ")
    assert words["total"].split()[-1].lstrip("$") in shown


def test_two_customers_interleaved_keep_their_own_carts(chat):
    ana, beto = Script(chat, "ana"), Script(chat, "beto")
    ana.send(text="quiero 2 cafe colombia en grano")
    beto.send(text="quiero 1 prensa francesa")
    ana.send(button="cart")
    beto.send(button="cart")
    assert "Colombia" in ana.text() and "Prensa" not in ana.text()
    assert "Prensa" in beto.text() and "Colombia" not in beto.text()


def test_jumping_to_the_catalog_mid_checkout_and_coming_back(chat):
    ana = Script(chat, "ana")
    _, quote_id = customer_with_quote(chat, "ana")
    ana.send(button=f"checkout:{quote_id}")
    ana.send(button="cat")
    assert ana.payload("cat:")
    ana.send(button=f"checkout:{quote_id}")
    ana.send(button="checkout:addr:0")
    assert "checkout:pay:bank_transfer" in json.dumps(ana.out)


def test_the_orderbot_chat_command_speaks_jsonl_on_a_fresh_directory(tmp_path):
    env = {**os.environ, "ORDERBOT_FILES": str(tmp_path / "files")}
    env.pop("DATABASE_URL", None)
    env.pop("ORDERBOT_CONFIG", None)
    lines = '{"from": "ana", "text": "/start"}\nnot json\n{"from": "ana", "button": "cat"}\n'
    result = subprocess.run([sys.executable, "-m", "bot", "chat", "--jsonl"], input=lines,
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0, result.stderr
    assert {"done": 1} in rows and {"done": 2} in rows and {"done": 3} in rows
    assert any(row.get("line") == 2 and "error" in row for row in rows)
    assert any("Café del Sur" in row.get("text", "") for row in rows)
    assert Path(tmp_path / "orderbot.db").exists()
