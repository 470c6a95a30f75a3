"""Staff and payments: a transfer receipt reaches staff with the file, is confirmed or
rejected once; cash collected on delivery is recorded and confirmed."""

from __future__ import annotations

from pathlib import Path

from admin_helpers import ADMIN, STAFF, audit_rows, order_of, placed
from checkout_helpers import tiny_png

from domain.order import PaymentState
from domain.payment import PaymentStatus


def send_receipt(chat, tmp_path, order_id: int):
    chat.press("ana", f"pay:{order_id}")
    return chat.send("ana", file=str(tiny_png(tmp_path / "receipt.png")))


def test_staff_get_the_receipt_with_buttons_to_confirm_or_reject(chat, tmp_path):
    _, order_id = placed(chat)
    replies = send_receipt(chat, tmp_path, order_id)
    for who in (ADMIN, STAFF):
        [notice] = [r for r in replies if r.chat_id == who]
        assert f"comprobante de transferencia del pedido N° {order_id}" in notice.reply.text
        assert notice.reply.document.mime_type == "image/png"
        assert Path(notice.reply.document.path).read_bytes().startswith(b"\x89PNG")
        assert [b.payload.split(":")[1] for b in notice.reply.buttons] == ["confirm", "reject"]
    shown = chat.say(STAFF, f"/pago {order_id}")
    assert shown[0].reply.document is not None


def test_confirming_twice_confirms_once(chat, tmp_path):
    _, order_id = placed(chat)
    replies = send_receipt(chat, tmp_path, order_id)
    confirm = next(b.payload for r in replies for b in r.reply.buttons
                   if b.payload.startswith("ap:confirm:"))
    done = chat.press(STAFF, confirm)
    assert "Confirmamos tu pago" in chat.texts("ana", done)
    assert order_of(chat, order_id).payment_state is PaymentState.PAID
    assert "ya fue confirmado o rechazado" in chat.texts(STAFF, chat.press(STAFF, confirm))
    assert "no tiene pagos para revisar" in chat.texts(
        STAFF, chat.say(STAFF, f"/confirmar {order_id}"))
    assert [row.action for row in audit_rows(chat)] == ["payment.confirm"]


def test_rejecting_a_receipt_asks_the_customer_for_another(chat, tmp_path):
    _, order_id = placed(chat)
    send_receipt(chat, tmp_path, order_id)
    replies = chat.say(ADMIN, f"/rechazarpago {order_id} el monto no coincide")
    assert "No pudimos confirmar el pago" in chat.texts("ana", replies)
    with chat.uow() as uow:
        [payment] = uow.payments.for_order(order_id)
    assert payment.status is PaymentStatus.REJECTED and payment.note == "el monto no coincide"
    assert order_of(chat, order_id).payment_state is PaymentState.UNPAID


def test_the_payments_list_and_bad_arguments(chat, tmp_path):
    assert "No hay pagos para revisar" in chat.texts(STAFF, chat.say(STAFF, "/pagos"))
    _, order_id = placed(chat)
    send_receipt(chat, tmp_path, order_id)
    assert f"ap:show:{order_id}" in chat.buttons(chat.say(STAFF, "/payments")).values()
    assert "/confirmar N" in chat.texts(STAFF, chat.say(STAFF, "/confirmar"))
    assert "No existe el pedido 4242" in chat.texts(STAFF, chat.say(STAFF, "/confirm 4242"))
    assert "Ese botón ya no sirve" in chat.texts(STAFF, chat.press(STAFF, "ap:confirm"))
    assert "ya fue confirmado" in chat.texts(STAFF, chat.press(STAFF, "ap:confirm:99999"))


def test_cash_collected_on_delivery_is_recorded_and_confirmed(chat):
    _, order_id = placed(chat, method="cash_on_delivery")
    assert "/efectivo N [monto]" in chat.texts(STAFF, chat.say(STAFF, f"/efectivo {order_id} x"))
    assert "no tiene ese saldo" in chat.texts(
        STAFF, chat.say(STAFF, f"/efectivo {order_id} 99999999"))
    replies = chat.say(STAFF, f"/cash {order_id}")
    assert "Confirmé" in chat.texts(STAFF, replies)
    order = order_of(chat, order_id)
    assert order.payment_state is PaymentState.PAID and order.balance.is_zero()
    with chat.uow() as uow:
        [payment] = uow.payments.for_order(order_id)
    assert payment.method.value == "cash_on_delivery"
    assert "no tiene ese saldo" in chat.texts(STAFF, chat.say(STAFF, f"/efectivo {order_id}"))
