"""The handoff's details: leaving, files and places relayed, buttons while a person holds
the chat, the recent conversation attached, answering a relayed message, the audit log."""

from __future__ import annotations

import uuid
from dataclasses import replace

from admin_helpers import AGENT, audit_rows
from checkout_helpers import tiny_png
from engagement_helpers import customer, ticket

from bot.console import incoming_from
from domain.ticket import TicketStatus


def handed_over(chat, who: str = "ana", number: int = 1) -> None:
    chat.say(who, "/humano")
    chat.say(who, "necesito ayuda con un pedido")
    chat.say(AGENT, f"/tomar {number}")


def test_the_customer_leaves_with_salir_and_the_bot_answers_again(chat):
    customer(chat, "ana")
    handed_over(chat)
    assert chat.texts("ana", chat.say("ana", "/menu")) == ""  # relayed, the bot is silent
    left = chat.say("ana", "/salir")
    assert "volvés a hablar con el bot" in chat.texts("ana", left)
    assert "salió del chat" in chat.texts(AGENT, left)
    assert ticket(chat, 1).status is TicketStatus.RESOLVED
    assert "Ver productos" in chat.buttons(chat.say("ana", "/menu"))
    assert "ya está cerrada" in chat.texts(AGENT, chat.say(AGENT, "/r 1 hola"))


def test_files_go_both_ways_and_buttons_wait(chat, tmp_path):
    customer(chat, "ana")
    handed_over(chat)
    sent = chat.send("ana", file=str(tiny_png(tmp_path / "foto.png")))
    [to_agent] = [o for o in sent if o.chat_id == AGENT]
    assert "📎 Archivo (image/png)" in to_agent.reply.text
    assert to_agent.reply.document is not None
    back = chat.send(AGENT, file=str(tiny_png(tmp_path / "guia.png")))
    [to_ana] = [o for o in back if o.chat_id == "ana"]
    assert to_ana.reply.document.mime_type == "image/png"
    pressed = chat.press("ana", "cat")
    assert "Ahora estás hablando con Sofía Ramos" in chat.texts("ana", pressed)
    assert chat.texts(AGENT, pressed) == ""
    contact = chat.send("ana", contact={"phone": "+5491133334444", "name": "Mi hermana"})
    assert "👤 Contacto: Mi hermana +5491133334444" in chat.texts(AGENT, contact)


def test_two_misses_offer_a_person_and_the_ticket_keeps_what_was_said(chat):
    customer(chat, "ana")
    chat.say("ana", "qwzx plorf")
    offered = chat.say("ana", "blorp zzkq")
    assert "human" in chat.buttons(offered).values()  # offered; pressing it opens the ticket
    chat.press("ana", "human")
    noticed = chat.press("ana", "support:skip")
    said = [(m.author, m.text) for m in ticket(chat, 1).messages]
    assert ("customer", "qwzx plorf") in said and ("customer", "blorp zzkq") in said
    assert any(who == "bot" and "no te entendí" in text for who, text in said)
    assert "blorp zzkq" in chat.texts(AGENT, noticed)
    assert chat.buttons(noticed)["Tomarla"] == "ho:take:1"


def test_a_reply_to_a_relayed_message_goes_to_the_customer_who_wrote_last(chat):
    customer(chat, "ana")
    customer(chat, "beto", name="Beto Gómez", phone="+5491166660002")
    handed_over(chat, "ana", 1)
    handed_over(chat, "beto", 2)
    chat.say("beto", "¿hola?")
    chat.say("ana", "sigo acá")
    plain = chat.say(AGENT, "perdón la demora")
    assert "/r N texto" in chat.texts(AGENT, plain) and chat.texts("ana", plain) == ""
    answering = replace(incoming_from({"from": AGENT, "text": "ya te respondo"},
                                      uuid.uuid4().hex, chat.engine.deps.files),
                        reply_to="wamid.123")
    replied = chat.deliver(answering)
    assert chat.texts("ana", replied) == "👤 Sofía Ramos: ya te respondo"
    assert chat.texts("beto", replied) == ""
    mine = chat.texts(AGENT, chat.say(AGENT, "/mistickets"))
    assert "#1 · Ana Pérez" in mine and "#2 · Beto Gómez" in mine


def test_taking_and_closing_are_audited_and_checked(chat):
    customer(chat, "ana")
    handed_over(chat)
    assert "ya es tuya" in chat.texts(AGENT, chat.say(AGENT, "/take 1"))
    assert "la está atendiendo" in chat.texts("admin", chat.say("admin", "/tomar 1"))
    assert "Así se usa" in chat.texts(AGENT, chat.say(AGENT, "/tomar"))
    assert "Así se usa" in chat.texts(AGENT, chat.say(AGENT, "/r 1"))
    assert "No existe la consulta x" in chat.texts(AGENT, chat.say(AGENT, "/cerrar x"))
    chat.say(AGENT, "/close 1")
    actions = [(row.action, row.after["status"]) for row in audit_rows(chat, "ticket:1")]
    assert actions == [("ticket.close", "resolved"), ("ticket.take", "assigned")]
    customer(chat, "beto", name="Beto Gómez", phone="+5491166660002")
    assert "No conozco el comando /tomar" in chat.texts("beto", chat.say("beto", "/tomar 1"))
    assert "botón" in chat.texts("beto", chat.press("beto", "ho:take:1"))
    assert "No existe la consulta 2" not in chat.texts(AGENT, chat.say(AGENT, "/mistickets"))


def test_the_conversation_attached_names_the_buttons_pressed_by_their_labels(chat):
    customer(chat, "ana")
    chat.say("ana", "/menu")
    chat.press("ana", "cat")  # offered as «Ver productos»
    chat.press("ana", "gone:1")  # never offered: told as the payload it was
    notice = chat.say("ana", "/humano")
    notice += chat.say("ana", "necesito ayuda con un pedido")
    told = chat.texts(AGENT, notice)
    assert "(tocó «Ver productos»)" in told
    assert "(tocó un botón: gone:1)" in told
