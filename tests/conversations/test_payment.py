"""Paying: bank transfer with a receipt that waits for staff, cash on delivery, and every
wrong thing a customer can send where the receipt is expected."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from checkout_helpers import (
    conversation,
    customer_with_quote,
    latest_order,
    place_by_chat,
    placed_order,
    tiny_png,
)

from domain.payment import PaymentMethod, PaymentStatus
from domain.services import ordering
from domain.services.invoicing import current_invoice


def payments_of(chat, order_id: int) -> list:
    with chat.uow() as uow:
        return uow.payments.for_order(order_id)


def transfer_ordered(chat, who: str = "ana") -> int:
    """The order id, with the chat waiting for the transfer receipt."""
    customer_id, quote_id = customer_with_quote(chat, who)
    place_by_chat(chat, who, quote_id, "bank_transfer")
    return latest_order(chat, customer_id).id


def test_a_receipt_photo_leaves_a_pending_payment_and_approval_sends_the_invoice(chat, tmp_path):
    order_id = transfer_ordered(chat)
    receipt = tiny_png(tmp_path / "comprobante.png")
    replies = chat.send("ana", file=str(receipt))
    assert "Recibí el comprobante por $40.400,00" in chat.texts("ana", replies)
    [payment] = payments_of(chat, order_id)
    assert payment.status is PaymentStatus.PENDING
    assert payment.method is PaymentMethod.BANK_TRANSFER
    kept = Path(payment.receipt_file)  # the shop's own copy, not the customer's file
    assert kept != receipt.resolve() and kept.read_bytes() == receipt.read_bytes()
    assert str(payment.amount.amount) == "40400.00"
    assert conversation(chat, "ana").flow is None

    with chat.uow() as uow:
        ordering.approve_order(uow, chat.app.shop, order_id)
        uow.commit()
    before = len(chat.sent)
    chat.dispatcher.run_once()
    [notice] = [o for o in chat.sent[before:] if o.chat_id == "ana"]
    assert notice.reply.document is not None
    with chat.uow() as uow:
        invoice = current_invoice(uow, uow.orders.get(order_id))
        assert invoice.totals.total == uow.orders.get(order_id).totals.total
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", notice.reply.document.path, "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "40.400,00" in text


@pytest.mark.parametrize("language, expected", [
    ("es", "necesito el comprobante como foto o PDF"),
    ("en", "I need the receipt as a photo or a PDF"),
])
def test_text_where_the_receipt_is_expected_asks_for_a_photo_or_pdf(chat, language, expected):
    chat.press("ana", f"lang:{language}")
    order_id = transfer_ordered(chat)
    for text in ("ok", "🙂", "x" * 10_000):
        assert expected in chat.texts("ana", chat.say("ana", text))
    assert payments_of(chat, order_id) == []
    assert conversation(chat, "ana").step == "receipt"


def test_a_receipt_of_another_type_or_too_big_is_refused_and_says_what_works(chat, tmp_path):
    order_id = transfer_ordered(chat)
    program = tmp_path / "comprobante.exe"
    program.write_bytes(b"MZ\x90\x00")
    refused = chat.send("ana", file=str(program))
    assert "como foto (JPG o PNG) o como PDF" in chat.texts("ana", refused)
    huge = tmp_path / "comprobante.pdf"
    with huge.open("wb") as file:
        file.write(b"%PDF-1.7\n")
        file.truncate(11 * 1024 * 1024)
    assert "más de 10 MB" in chat.texts("ana", chat.send("ana", file=str(huge)))
    assert payments_of(chat, order_id) == []
    contact = chat.send("ana", contact={"phone": "+5491122334455", "name": "Ana"})
    assert "comprobante" in chat.texts("ana", contact)


def test_cash_on_delivery_only_says_what_to_pay_on_arrival(chat):
    customer_id, quote_id = customer_with_quote(chat)
    replies = place_by_chat(chat, "ana", quote_id, "cash_on_delivery")
    order = latest_order(chat, customer_id)
    assert f"pagás $40.400,00 en efectivo cuando recibas el pedido N° {order.id}" \
        in chat.texts("ana", replies)
    assert conversation(chat, "ana").flow is None
    assert payments_of(chat, order.id) == []


def test_the_pay_button_is_checked_again_for_whose_order_and_its_state(chat, tmp_path):
    _, others = placed_order(chat, "beto")
    _, mine = placed_order(chat, "ana")
    for payload in ("pay:999999", f"pay:{others}", "pay:abc", "pay"):
        assert "No encuentro ese pedido" in chat.texts("ana", chat.press("ana", payload))
    assert payments_of(chat, others) == []
    assert "CBU" in chat.texts("ana", chat.press("ana", f"pay:{mine}"))
    chat.send("ana", file=str(tiny_png(tmp_path / "r.png")))
    assert "lo estamos revisando" in chat.texts("ana", chat.press("ana", f"pay:{mine}"))
    with chat.uow() as uow:
        ordering.cancel_order(uow, chat.app.shop, mine, "test")
        uow.commit()
    assert "está cancelado" in chat.texts("ana", chat.press("ana", f"pay:{mine}"))
    assert len(payments_of(chat, mine)) == 1


@pytest.mark.parametrize("language, text, shown", [
    ("es", "¿cómo puedo pagar?", "Transferencia bancaria: transferís"),
    ("en", "how can I pay?", "Bank transfer: you transfer"),
])
def test_asking_how_to_pay_lists_only_the_configured_methods(chat, language, text, shown):
    chat.press("ana", f"lang:{language}")
    answer = chat.texts("ana", chat.say("ana", text))
    assert shown in answer and "Mercado Pago" not in answer


def test_saying_i_want_to_pay_with_one_order_waiting_shows_the_bank_details(chat, tmp_path):
    _, order_id = placed_order(chat, "ana")
    replies = chat.say("ana", "quiero pagar")
    assert f"Para pagar el pedido N° {order_id}" in chat.texts("ana", replies)
    chat.send("ana", file=str(tiny_png(tmp_path / "r.png")))
    assert [p.status for p in payments_of(chat, order_id)] == [PaymentStatus.PENDING]


def test_a_receipt_sent_later_outside_any_step_pays_the_one_order_waiting(chat, tmp_path):
    order_id = transfer_ordered(chat)
    chat.press("ana", "menu")
    replies = chat.send("ana", file=str(tiny_png(tmp_path / "later.png")))
    assert "Recibí el comprobante" in chat.texts("ana", replies)
    assert [p.status for p in payments_of(chat, order_id)] == [PaymentStatus.PENDING]


def test_a_file_with_no_order_waiting_for_it_is_answered_without_changing_anything(
        chat, tmp_path):
    replies = chat.send("ana", file=str(tiny_png(tmp_path / "random.png")))
    assert "No esperaba eso" in chat.texts("ana", replies)


def test_a_second_receipt_while_one_is_under_review_records_nothing_and_offers_the_team(
        chat, tmp_path):
    order_id = transfer_ordered(chat)
    chat.send("ana", file=str(tiny_png(tmp_path / "first.png")))
    replies = chat.send("ana", file=str(tiny_png(tmp_path / "second.png")))
    text = chat.texts("ana", replies)
    assert f"Ya tenemos un comprobante del pedido N° {order_id} en revisión" in text
    assert "No esperaba eso" not in text
    assert chat.buttons(replies)["Hablar con el equipo"] == "support"
    assert len(payments_of(chat, order_id)) == 1


def test_the_bank_details_say_once_how_to_send_the_receipt(chat):
    customer_id, quote_id = customer_with_quote(chat)
    text = chat.texts("ana", place_by_chat(chat, "ana", quote_id, "bank_transfer"))
    assert "CBU: 0070096200000412345678" in text
    assert text.count("comprobante") == 1
    assert "Importante" not in text
