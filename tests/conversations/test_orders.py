"""My orders: the list, an order's detail and tracking, cancelling, the invoice; only ever
the customer's own orders."""

from __future__ import annotations

import pytest
from checkout_helpers import available, conversation, placed_order, tiny_png

from domain.order import OrderStatus
from domain.payment import PaymentMethod
from domain.services import fulfillment, ordering, payments

COFFEE = "CAF-GR-COL-500"


def approve(chat, order_id: int) -> None:
    with chat.uow() as uow:
        ordering.approve_order(uow, chat.app.shop, order_id)
        uow.commit()


def status_of(chat, order_id: int) -> OrderStatus:
    with chat.uow() as uow:
        return uow.orders.get(order_id).status


def test_my_orders_are_listed_newest_first_a_page_at_a_time(chat):
    ids = [placed_order(chat, "ana", items={COFFEE: 1})[1] for _ in range(8)]
    first = chat.press("ana", "orders")
    shown = [p for p in chat.buttons(first).values() if p.startswith("orders:show:")]
    assert shown == [f"orders:show:{i}" for i in reversed(ids)][:6]
    assert "página 1 de 2" in chat.texts("ana", first)
    second = chat.press("ana", chat.buttons(first)["Siguiente"])
    shown = [p for p in chat.buttons(second).values() if p.startswith("orders:show:")]
    assert shown == [f"orders:show:{i}" for i in reversed(ids[:2])]
    assert "orders:page:1" in chat.buttons(second).values()


@pytest.mark.parametrize("language, texts", [
    ("es", ("Tus pedidos", "Estado: recibido, esperando aprobación", "Pago: pendiente",
            "Entrega: todavía sin preparar")),
    ("en", ("Your orders", "Status: received, waiting for approval", "Payment: pending",
            "Delivery: not prepared yet")),
])
def test_my_orders_and_an_orders_detail_in_each_language(chat, language, texts):
    chat.press("ana", f"lang:{language}")
    _, order_id = placed_order(chat, "ana")
    listed = chat.texts("ana", chat.press("ana", "orders"))
    detail = chat.press("ana", f"orders:show:{order_id}")
    text = chat.texts("ana", detail)
    assert texts[0] in listed
    for expected in texts[1:]:
        assert expected in text
    assert {f"pay:{order_id}", f"orders:cancel:{order_id}", f"orders:invoice:{order_id}"} \
        <= set(chat.buttons(detail).values())


def test_a_dispatched_order_shows_its_carrier_and_tracking_number(chat):
    _, order_id = placed_order(chat, "ana", method="cash_on_delivery", items={COFFEE: 1})
    approve(chat, order_id)
    with chat.uow() as uow:
        shop = chat.app.shop
        fulfillment.start_preparing(uow, shop, order_id)
        fulfillment.check_item(uow, order_id, COFFEE, 1)
        fulfillment.dispatch(uow, shop, order_id, "Andreani", "AND-123456")
        uow.commit()
    chat.press("ana", "lang:en")
    text = chat.texts("ana", chat.say("ana", f"where is my order {order_id}?"))
    assert "Carried by Andreani, tracking number AND-123456" in text
    assert "Delivery: on its way" in text


def test_an_order_number_in_a_message_shows_that_order(chat):
    _, order_id = placed_order(chat, "ana")
    text = chat.texts("ana", chat.say("ana", f"¿dónde está mi pedido {order_id}?"))
    assert f"Pedido N° {order_id}" in text


def test_cancelling_asks_first_then_releases_the_stock(chat):
    before = available(chat, COFFEE)
    _, order_id = placed_order(chat, "ana", items={COFFEE: 3})
    asked = chat.press("ana", f"orders:cancel:{order_id}")
    assert "¿Seguro que querés cancelar" in chat.texts("ana", asked)
    assert status_of(chat, order_id) is OrderStatus.PLACED
    kept = chat.say("ana", "no quiero cancelar")
    assert "sigue en pie" in chat.texts("ana", kept)
    assert status_of(chat, order_id) is OrderStatus.PLACED
    chat.say("ana", "quiero cancelar mi pedido")
    done = chat.say("ana", "sí")
    assert f"cancelé el pedido N° {order_id}" in chat.texts("ana", done)
    assert status_of(chat, order_id) is OrderStatus.CANCELLED
    assert available(chat, COFFEE) == before
    assert conversation(chat, "ana").flow is None


def test_an_approved_or_paid_order_cannot_be_cancelled_by_the_customer(chat):
    _, order_id = placed_order(chat, "ana")
    approve(chat, order_id)
    detail = chat.press("ana", f"orders:show:{order_id}")
    assert f"orders:cancel:{order_id}" not in chat.buttons(detail).values()
    refused = chat.press("ana", f"orders:cancel:{order_id}:yes")
    assert "ya no se puede cancelar" in chat.texts("ana", refused)
    assert status_of(chat, order_id) is OrderStatus.APPROVED


def test_someone_elses_order_cannot_be_seen_cancelled_paid_or_invoiced(chat):
    _, others = placed_order(chat, "beto")
    placed_order(chat, "ana")
    approve(chat, others)
    for payload in (f"orders:show:{others}", f"orders:cancel:{others}",
                    f"orders:cancel:{others}:yes", f"orders:invoice:{others}",
                    "orders:show:999999", "orders:show:1e9", "orders:nope:1"):
        replies = chat.press("ana", payload)
        assert not any(o.reply.document for o in replies if o.chat_id == "ana"), payload
        assert f"N° {others}" not in chat.texts("ana", replies), payload
    assert status_of(chat, others) is OrderStatus.APPROVED
    assert "No encuentro ese pedido" in chat.texts("ana", chat.say("ana", "¿dónde está mi pedido 999999?"))


def test_the_invoice_is_sent_once_issued_and_not_before(chat):
    _, order_id = placed_order(chat, "ana")
    early = chat.press("ana", f"orders:invoice:{order_id}")
    assert "todavía no está emitida" in chat.texts("ana", early)
    approve(chat, order_id)
    with chat.uow() as uow:
        order = uow.orders.get(order_id)
        payment = payments.record_payment(uow, chat.app.shop, order_id=order_id,
                                          method=PaymentMethod.BANK_TRANSFER,
                                          amount=order.balance)
        uow.flush()
        payments.confirm_payment(uow, chat.app.shop, payment.id)
        uow.commit()
    chat.press("ana", "lang:en")
    sent = chat.say("ana", "send me the invoice")
    [document] = [o.reply.document for o in sent if o.reply.document]
    assert document.filename == "invoice-B-0001-00000001.pdf"
    assert "Payment: paid" in chat.texts("ana", chat.press("ana", f"orders:show:{order_id}"))


def test_an_order_whose_transfer_receipt_is_under_review_cannot_be_cancelled(chat, tmp_path):
    _, order_id = placed_order(chat, "ana")
    chat.press("ana", f"pay:{order_id}")
    chat.send("ana", file=str(tiny_png(tmp_path / "receipt.png")))
    detail = chat.press("ana", f"orders:show:{order_id}")
    assert f"orders:cancel:{order_id}" not in chat.buttons(detail).values()
    for payload in (f"orders:cancel:{order_id}", f"orders:cancel:{order_id}:yes"):
        refused = chat.press("ana", payload)
        assert "comprobante de transferencia que estamos revisando" in chat.texts("ana", refused)
        assert "support" in chat.buttons(refused).values()
    assert "No tenés pedidos que se puedan cancelar" in \
        chat.texts("ana", chat.say("ana", "quiero cancelar mi pedido"))
    assert status_of(chat, order_id) is OrderStatus.PLACED
