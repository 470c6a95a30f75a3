"""A whole order driven to completed by staff commands, and the warehouse's bad input."""

from __future__ import annotations

from admin_helpers import ADMIN, STAFF, audit_rows, order_of, placed
from checkout_helpers import customer_with_quote, place_by_chat, tiny_png

from domain.order import FulfillmentStatus, OrderStatus


def payload(replies, prefix: str) -> str:
    return next(b.payload for r in replies for b in r.reply.buttons
                if b.payload.startswith(prefix))


def test_staff_drive_a_transfer_order_to_completed_and_the_customer_hears_each_step(
        chat, tmp_path):
    customer_id, quote_id = customer_with_quote(chat, "ana", {"CAF-GR-COL-500": 2,
                                                              "ACC-FIL-100": 1})
    placed_replies = place_by_chat(chat, "ana", quote_id, "bank_transfer")
    order_id = order_of_customer(chat, customer_id)
    assert f"Nuevo pedido N° {order_id}" in chat.texts(STAFF, placed_replies)
    received = chat.send("ana", file=str(tiny_png(tmp_path / "receipt.png")))
    assert "comprobante de transferencia" in chat.texts(ADMIN, received)
    confirmed = chat.press(ADMIN, payload(received, "ap:confirm:"))
    assert "Confirmamos tu pago" in chat.texts("ana", confirmed)
    approved = chat.press(ADMIN, payload(confirmed, "ao:approve:"))
    assert "factura" in chat.texts("ana", approved).lower()
    checklist = chat.press(STAFF, payload(approved, "af:prepare:"))
    assert "⬜ 0/2" in chat.texts(STAFF, checklist)
    first = chat.press(STAFF, payload(checklist, "af:check:"))
    assert "✅" in chat.texts(STAFF, first)
    done = chat.press(STAFF, payload(first, "af:check:"))
    assert "todo controlado" in chat.texts(STAFF, done)
    shipped = chat.say(STAFF, f"/enviar {order_id} Correo Argentino CA123456789AR")
    assert "con Correo Argentino. Número de seguimiento: CA123456789AR" in chat.texts(
        "ana", shipped)
    delivered = chat.press(STAFF, payload(shipped, "af:deliver:"))
    assert "entregado" in chat.texts("ana", delivered)
    order = order_of(chat, order_id)
    assert order.status is OrderStatus.COMPLETED
    assert [row.action for row in reversed(audit_rows(chat))] == [
        "payment.confirm", "order.approve", "order.prepare", "order.check_item",
        "order.check_item", "order.ship", "order.deliver"]


def order_of_customer(chat, customer_id: int) -> int:
    with chat.uow() as uow:
        return uow.orders.for_customer(customer_id)[0].id


def test_the_warehouse_refuses_steps_out_of_order(chat):
    _, order_id = placed(chat, method="cash_on_delivery")
    assert "no se puede preparar" in chat.texts(STAFF, chat.say(STAFF, f"/preparar {order_id}"))
    chat.say(STAFF, f"/aprobar {order_id}")
    assert "no está en preparación" in chat.texts(
        STAFF, chat.say(STAFF, f"/ship {order_id} Andreani 123"))
    chat.say(STAFF, f"/prepare {order_id}")
    assert "faltan ítems" in chat.texts(STAFF, chat.say(STAFF, f"/enviar {order_id} Andreani 1"))
    assert "no está en camino" in chat.texts(STAFF, chat.say(STAFF, f"/entregado {order_id}"))
    assert "/enviar N transportista" in chat.texts(STAFF, chat.say(STAFF, f"/enviar {order_id}"))
    assert order_of(chat, order_id).fulfillment is FulfillmentStatus.PREPARING


def test_forged_checklist_buttons_check_nothing(chat):
    _, order_id = placed(chat, method="cash_on_delivery")
    chat.say(STAFF, f"/aprobar {order_id}")
    chat.say(STAFF, f"/preparar {order_id}")
    for forged in (f"af:check:{order_id}:7", f"af:check:{order_id}:x", "af:check:999:0"):
        replies = chat.press(STAFF, forged)
        assert "No queda ese ítem" in chat.texts(STAFF, replies) or \
            "No existe el pedido" in chat.texts(STAFF, replies)
    with chat.uow() as uow:
        assert uow.shipments.for_order(order_id).checked == {}


def test_cash_on_delivery_ships_unpaid_and_completes_once_cash_is_collected(chat):
    _, order_id = placed(chat, method="cash_on_delivery")
    chat.say(STAFF, f"/aprobar {order_id}")
    checklist = chat.say(STAFF, f"/preparar {order_id}")
    chat.press(STAFF, payload(checklist, "af:check:"))
    chat.say(STAFF, f"/ship {order_id} Andreani 99")
    chat.say(STAFF, f"/delivered {order_id}")
    assert order_of(chat, order_id).status is OrderStatus.APPROVED
    chat.say(STAFF, f"/efectivo {order_id}")
    assert order_of(chat, order_id).status is OrderStatus.COMPLETED
