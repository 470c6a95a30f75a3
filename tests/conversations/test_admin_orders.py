"""Staff and orders: lists with filters and pages, detail, approving, rejecting, cancelling."""

from __future__ import annotations

from admin_helpers import ADMIN, STAFF, audit_rows, order_of, placed
from checkout_helpers import available

from domain.invoice import DocumentKind
from domain.order import OrderStatus


def test_the_orders_list_pages_and_filters(chat):
    numbers = [placed(chat, "ana")[1] for _ in range(7)]
    first = chat.say(STAFF, "/pedidos")
    buttons = chat.buttons(first)
    assert f"ao:show:{numbers[-1]}" in buttons.values()
    next_page = buttons["Siguiente"]
    second = chat.press(STAFF, next_page)
    assert f"ao:show:{numbers[0]}" in chat.buttons(second).values()
    assert "página 2" in chat.texts(STAFF, second)
    none = chat.say(STAFF, "/orders approved")
    assert "No hay pedidos" in chat.texts(STAFF, none)


def test_orders_by_customer_and_by_day(chat):
    ana, ana_order = placed(chat, "ana")
    beto, beto_order = placed(chat, "beto")
    shown = chat.buttons(chat.say(STAFF, f"/pedidos pendientes cliente {beto}")).values()
    assert f"ao:show:{beto_order}" in shown and f"ao:show:{ana_order}" not in shown
    today = order_of(chat, ana_order).placed_at.astimezone(
        chat.engine.deps.profile.timezone).date()
    shown = chat.buttons(chat.say(STAFF, f"/orders date {today.isoformat()}")).values()
    assert f"ao:show:{ana_order}" in shown
    assert "No hay pedidos" in chat.texts(STAFF, chat.say(STAFF, "/pedidos 2001-01-01"))


def test_bad_filters_and_forged_list_payloads_show_the_syntax(chat):
    assert "Así se usa:\n/pedidos [estado]" in chat.texts(STAFF, chat.say(STAFF, "/pedidos x"))
    assert "Ese botón ya no sirve" in chat.texts(STAFF, chat.press(STAFF, "ao:list:1:zzz:-:-"))
    assert "Ese botón ya no sirve" in chat.texts(STAFF, chat.press(STAFF, "ao:bogus"))


def test_the_order_detail_shows_customer_lines_and_what_to_do(chat):
    _, order_id = placed(chat, "ana")
    replies = chat.say(STAFF, f"/pedido #{order_id}")
    text = chat.texts(STAFF, replies)
    assert "Ana Pérez" in text and "Café en grano Colombia" in text
    assert {"Aprobar", "Rechazar"} <= chat.buttons(replies).keys()
    assert "No existe el pedido 999" in chat.texts(STAFF, chat.say(STAFF, "/order 999"))
    assert "/pedido N" in chat.texts(STAFF, chat.say(STAFF, "/pedido"))


def test_approving_writes_the_audit_log_and_a_second_approval_changes_nothing(chat):
    _, order_id = placed(chat, "ana")
    replies = chat.say(STAFF, f"/approve {order_id}")
    assert f"Aprobé el pedido N° {order_id}" in chat.texts(STAFF, replies)
    assert "factura" in chat.texts("ana", replies).lower()
    [row] = audit_rows(chat, f"order:{order_id}")
    assert (row.action, row.actor_id, row.actor_name) == ("order.approve", STAFF,
                                                         "Julián Pereyra")
    assert (row.before["status"], row.after["status"]) == ("placed", "approved")
    again = chat.say(STAFF, f"/aprobar {order_id}")
    assert "no espera aprobación" in chat.texts(STAFF, again)
    assert len(audit_rows(chat)) == 1
    assert "No existe el pedido abc" in chat.texts(STAFF, chat.say(STAFF, "/aprobar abc"))
    assert "/aprobar N" in chat.texts(STAFF, chat.say(STAFF, "/aprobar 1 2"))


def test_rejecting_releases_the_stock_and_tells_the_customer(chat):
    before = available(chat, "CAF-GR-COL-500")
    _, order_id = placed(chat, "ana")
    replies = chat.say(ADMIN, f"/rechazar {order_id} sin stock del color")
    assert order_of(chat, order_id).status is OrderStatus.CANCELLED
    assert available(chat, "CAF-GR-COL-500") == before
    assert "sin stock del color" in chat.texts("ana", replies)
    assert audit_rows(chat)[0].action == "order.reject"


def test_cancelling_an_invoiced_order_needs_a_reason_and_issues_a_credit_note(chat):
    _, order_id = placed(chat, "ana")
    chat.say(ADMIN, f"/aprobar {order_id}")
    assert "/anular N motivo" in chat.texts(ADMIN, chat.say(ADMIN, f"/anular {order_id}"))
    replies = chat.say(ADMIN, f"/cancelorder {order_id} customer changed their mind")
    assert "Cancelé el pedido" in chat.texts(ADMIN, replies)
    with chat.uow() as uow:
        kinds = [invoice.kind for invoice in uow.invoices.for_order(order_id)]
    assert kinds == [DocumentKind.INVOICE, DocumentKind.CREDIT_NOTE]
    again = chat.say(ADMIN, f"/anular {order_id} otra vez")
    assert "ya no se puede cancelar" in chat.texts(ADMIN, again)
