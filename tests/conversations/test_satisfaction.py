"""How it went: a delivered order and a closed ticket are rated 1–5 with an optional
comment, once, by their own customer; staff read the averages."""

from __future__ import annotations

from admin_helpers import ADMIN, AGENT, STAFF, placed
from engagement_helpers import customer, ticket

from domain.satisfaction import OrderRating


def delivered_order(chat) -> tuple[int, int]:
    customer_id, order_id = placed(chat, method="cash_on_delivery")
    chat.say(STAFF, f"/aprobar {order_id}")
    checklist = chat.say(STAFF, f"/preparar {order_id}")
    chat.press(STAFF, next(b.payload for o in checklist for b in o.reply.buttons
                           if b.payload.startswith("af:check:")))
    chat.say(STAFF, f"/ship {order_id} Andreani 99")
    return customer_id, order_id


def rating_of(chat, order_id: int) -> OrderRating | None:
    with chat.uow() as uow:
        return uow.order_ratings.get(order_id)


def test_delivery_asks_for_a_rating_and_keeps_it_with_a_comment(chat):
    customer_id, order_id = delivered_order(chat)
    told = chat.say(STAFF, f"/entregado {order_id}")
    assert "Calificá tu compra de 1 a 5" in chat.texts("ana", told)
    assert chat.buttons(told)["4 ⭐"] == f"rate:order:{order_id}:4"
    asked = chat.press("ana", f"rate:order:{order_id}:4")
    assert "contanos algo más" in chat.texts("ana", asked)
    assert "Guardamos tu comentario" in chat.texts("ana", chat.say("ana", "Llegó rapidísimo"))
    kept = rating_of(chat, order_id)
    assert (kept.customer_id, kept.rating, kept.comment) == (customer_id, 4, "Llegó rapidísimo")
    again = chat.press("ana", f"rate:order:{order_id}:1")
    assert "Ya lo habías calificado" in chat.texts("ana", again)
    assert rating_of(chat, order_id).rating == 4


def test_the_comment_is_optional(chat):
    _, order_id = delivered_order(chat)
    chat.say(STAFF, f"/entregado {order_id}")
    chat.press("ana", f"rate:order:{order_id}:5")
    assert "Gracias por contarnos" in chat.texts("ana", chat.press("ana", "rate:skip"))
    assert (rating_of(chat, order_id).rating, rating_of(chat, order_id).comment) == (5, None)
    assert "Ver productos" in chat.buttons(chat.say("ana", "/menu"))  # back to the bot


def test_an_order_not_delivered_or_of_someone_else_is_not_rated(chat):
    _, order_id = delivered_order(chat)  # dispatched, not delivered yet
    assert "no es válido" in chat.texts("ana", chat.press("ana", f"rate:order:{order_id}:5"))
    assert rating_of(chat, order_id) is None
    chat.say(STAFF, f"/entregado {order_id}")
    customer(chat, "beto", name="Beto Gómez", phone="+5491166660002")
    refused = chat.press("beto", f"rate:order:{order_id}:1")
    assert "No encontré lo que buscás" in chat.texts("beto", refused)
    assert rating_of(chat, order_id) is None
    for forged in (f"rate:order:{order_id}:9", f"rate:order:{order_id}:0", "rate:order:x:1",
                   "rate:invoice:1:5", "rate"):
        assert "botón" in chat.texts("ana", chat.press("ana", forged)), forged
    assert rating_of(chat, order_id) is None


def test_a_closed_ticket_is_rated_and_staff_read_the_averages(chat):
    customer(chat, "ana")
    chat.say("ana", "/humano")
    chat.say("ana", "no me llegó la factura")
    chat.say(AGENT, "/tomar 1")
    closed = chat.say(AGENT, "/cerrar 1")
    assert chat.buttons(closed)["2 ⭐"] == "rate:ticket:1:2"
    chat.press("ana", "rate:ticket:1:2")
    chat.press("ana", "rate:skip")
    assert (ticket(chat, 1).rating, ticket(chat, 1).rating_comment) == (2, None)
    _, order_id = delivered_order(chat)
    chat.say(STAFF, f"/entregado {order_id}")
    chat.press("ana", f"rate:order:{order_id}:5")
    report = chat.texts(ADMIN, chat.say(ADMIN, "/satisfaccion"))
    assert "Pedidos: promedio 5 de 5 en 1 calificaciones (1⭐ 0 · 2⭐ 0 · 3⭐ 0 · 4⭐ 0 · 5⭐ 1)" \
        in report
    assert "Consultas: promedio 2 de 5 en 1 calificaciones" in report
    assert "No conozco el comando /satisfaccion" in chat.texts("ana",
                                                              chat.say("ana", "/satisfaccion"))
