"""Broadcasts go to the customers who asked for news, one message per chat, through the
outbox; a blocked chat is given up and counted; staff read the progress. Restock alerts
are told once."""

from __future__ import annotations

from admin_helpers import ADMIN, STAFF
from engagement_helpers import customer
from sqlalchemy import select

from bot.channel import Undeliverable
from bot.console import CHANNEL, incoming_from
from bot.dispatcher import OutboxDispatcher
from storage.schema import outbox

SKU = "CAF-GR-COL-500"
BLOCKED = "5491177770004"


def blocking(chat, blocked: str) -> None:
    """The platform refuses one chat for good (the bot was blocked there)."""
    def send(outgoing):
        if outgoing.chat_id == blocked:
            raise Undeliverable("Forbidden: bot was blocked by the user")
        chat.sent.append(outgoing)
    chat.dispatcher = OutboxDispatcher(chat.engine, dict.fromkeys(
        (CHANNEL, "telegram", "whatsapp"), send))


def progress(chat, number: int):
    with chat.uow() as uow:
        return uow.broadcasts.progress(number)


def test_a_broadcast_reaches_those_who_opted_in_and_counts_a_blocked_chat(chat):
    customer(chat, "ana", news=True)
    customer(chat, "555", "telegram", "Beto Gómez", "+5491166660002", news=True)
    customer(chat, "carla", name="Carla Díaz", phone="+5491188880003")
    customer(chat, BLOCKED, "whatsapp", "Dani Ruiz", "+5491177770004", news=True)
    blocking(chat, BLOCKED)
    queued = chat.say(ADMIN, "/difundir ¡Llegó el café de Etiopía!")
    assert "Difusión N° 1: 3 mensajes en camino a 3 clientes" in chat.texts(ADMIN, queued)
    told = {(o.channel, o.chat_id) for o in queued if "Etiopía" in o.reply.text}
    assert told == {("console", "ana"), ("telegram", "555")}
    assert chat.buttons(queued)["No recibir novedades"] == "news:off"
    assert (progress(chat, 1).sent, progress(chat, 1).pending, progress(chat, 1).failed) == (
        2, 0, 1)
    status = chat.texts(ADMIN, chat.say(ADMIN, "/difusion 1"))
    assert "de 3 mensajes, 2 enviados, 0 pendientes y 1 que no se pudieron entregar" in status
    with chat.uow() as uow:
        [(error, sent_at)] = uow.session.execute(
            select(outbox.c.last_error, outbox.c.dispatched_at)
            .where(outbox.c.chat_key == f"whatsapp:{BLOCKED}")).all()
    assert "blocked" in error and sent_at is not None  # given up, not retried


def test_progress_counts_what_is_still_waiting(chat):
    customer(chat, "ana", news=True)
    chat.engine.handle(incoming_from({"from": ADMIN, "text": "/broadcast Hello"}, "m1",
                                     chat.engine.deps.files))
    assert (progress(chat, 1).sent, progress(chat, 1).pending) == (0, 1)
    chat.dispatcher.run_once()
    assert (progress(chat, 1).sent, progress(chat, 1).pending) == (1, 0)


def test_customers_opt_in_and_out(chat):
    ana = customer(chat, "ana")
    offer = chat.say("ana", "/novedades")
    assert "No recibís nuestras novedades" in chat.texts("ana", offer)
    assert chat.buttons(offer)["Recibir novedades"] == "news:on"
    assert "Recibir novedades" in chat.buttons(chat.press("ana", "profile"))
    assert "Te vamos a contar" in chat.texts("ana", chat.press("ana", "news:on"))
    assert "Etiopía" in chat.texts("ana", chat.say(STAFF, "/difundir Etiopía"))
    chat.press("ana", "news:off")
    assert chat.texts("ana", chat.say(STAFF, "/difundir Kenia")) == ""
    with chat.uow() as uow:
        assert uow.customers.get(ana).marketing_opt_in is False
    assert "botón" in chat.texts("ana", chat.press("ana", "news:maybe"))


def test_bad_broadcast_commands(chat):
    customer(chat, "ana", news=True)
    assert "Así se usa" in chat.texts(ADMIN, chat.say(ADMIN, "/difundir   "))
    assert "No existe la difusión 7" in chat.texts(ADMIN, chat.say(ADMIN, "/difusion 7"))
    assert "Así se usa" in chat.texts(ADMIN, chat.say(ADMIN, "/difusion siete"))
    forged = chat.say("ana", "/difundir compren todo")
    assert "No conozco el comando /difundir" in chat.texts("ana", forged)
    assert "No conozco el comando /difundir" in chat.texts("agent", chat.say(
        "agent", "/difundir hola"))
    with chat.uow() as uow:
        assert uow.broadcasts.get(1) is None


def test_a_customer_is_told_once_when_a_product_is_back(chat):
    customer(chat, "ana")
    customer(chat, "beto", name="Beto Gómez", phone="+5491166660002")
    chat.say(STAFF, f"/stock {SKU} 0")
    card = chat.press("ana", f"prod:{SKU}")
    assert chat.buttons(card)["Avisame cuando vuelva"] == f"restock:{SKU}"
    assert "te aviso cuando vuelva" in chat.texts("ana", chat.press("ana", f"restock:{SKU}"))
    assert "Ya te anoté" in chat.texts("ana", chat.press("ana", f"restock:{SKU}"))
    chat.press("beto", f"restock:{SKU}")
    back = chat.say(STAFF, f"/stock {SKU} 10")
    assert "¡Volvió" in chat.texts("ana", back) and "¡Volvió" in chat.texts("beto", back)
    assert chat.buttons(back)["Ver producto"] == f"prod:{SKU}"
    chat.say(STAFF, f"/stock {SKU} 0")
    assert chat.texts("ana", chat.say(STAFF, f"/stock {SKU} 5")) == ""  # told once
    in_stock = chat.press("ana", f"restock:{SKU}")  # back already: the card, nothing asked
    assert "Avisame cuando vuelva" not in chat.buttons(in_stock)
    with chat.uow() as uow:
        requests = uow.restock.for_customer(1)
    assert len(requests) == 1 and requests[0].notified_at is not None
    assert "necesito registrarte" in chat.texts("zoe", chat.press("zoe", f"restock:{SKU}"))
