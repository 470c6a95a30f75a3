"""Staff look customers up, see sales and tickets, and hear of new tickets."""

from __future__ import annotations

from admin_helpers import ADMIN, AGENT, STAFF, placed

from domain.services.support import open_ticket


def test_customer_search_and_detail(chat):
    customer_id, order_id = placed(chat, "ana")
    placed(chat, "beto")
    found = chat.say(STAFF, "/clientes pérez")
    assert {f"ac:show:{customer_id}"} < set(chat.buttons(found).values())
    detail = chat.press(STAFF, f"ac:show:{customer_id}")
    assert "+54 9 11 2233-4455" in chat.texts(STAFF, detail)
    assert f"ao:show:{order_id}" in chat.buttons(detail).values()
    assert "No encontré clientes" in chat.texts(STAFF, chat.say(STAFF, "/customers zzzz"))
    assert "/clientes texto" in chat.texts(STAFF, chat.say(STAFF, "/clientes a"))
    assert "No existe el cliente 77" in chat.texts(STAFF, chat.say(STAFF, "/cliente 77"))
    assert "/clientes texto" not in chat.texts(STAFF, chat.press(STAFF, "ac:find:1:%"))


def test_sales_for_today_week_and_month_are_exact(chat):
    placed(chat, "ana")
    placed(chat, "beto")
    text = chat.texts(STAFF, chat.say(STAFF, "/ventas"))
    assert "Hoy: 2 pedidos · vendido $80.800,00 · cobrado $0,00" in text
    assert "Este mes: 2 pedidos" in text
    assert "Hoy:" not in chat.texts(STAFF, chat.say(STAFF, "/sales week"))
    assert "/ventas [hoy|semana|mes]" in chat.texts(STAFF, chat.say(STAFF, "/ventas año"))


def open_one(chat, customer_id: int) -> int:
    with chat.uow() as uow:
        ticket = open_ticket(uow, chat.app.shop, customer_id=customer_id,
                             description="El paquete llegó abierto")
        uow.commit()
        return ticket.id


def test_new_tickets_reach_staff_and_agents_and_are_listed(chat):
    customer_id, _ = placed(chat, "ana")
    ticket_id = open_one(chat, customer_id)
    replies = chat.say(AGENT, "/tickets")
    for who in (ADMIN, STAFF, AGENT):
        assert f"Nuevo ticket #{ticket_id} de Ana Pérez" in chat.texts(who, replies)
    assert "El paquete llegó abierto" in chat.texts(AGENT, chat.say(AGENT, "/tickets"))
    assert "El paquete llegó abierto" in chat.texts(AGENT, chat.press(AGENT, "at:all:1"))
    assert "/tickets [todos]" in chat.texts(AGENT, chat.say(AGENT, "/tickets viejos"))


def test_customers_do_not_hear_of_what_staff_hear(chat):
    customer_id, _ = placed(chat, "ana")
    open_one(chat, customer_id)
    replies = chat.say("ana", "hola")
    assert "Nuevo ticket" not in chat.texts("ana", replies)
