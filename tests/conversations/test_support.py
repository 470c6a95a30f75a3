"""Support: tickets about the customer's own orders or in general; talking to a person."""

from __future__ import annotations

import pytest

from domain.pricing import CartItem
from domain.services.ordering import place_order
from domain.services.quoting import build_quote
from domain.ticket import Priority


def register(chat, who, phone):
    chat.press(who, "register")
    for answer in ("Ana Pérez", "Defensa 1020, San Telmo", phone, "no", "no"):
        chat.say(who, answer)
    chat.press(who, "registration:confirm")
    with chat.uow() as uow:
        return uow.customers.by_identity("console", who).id


def an_order_of(chat, customer_id):
    shop = chat.app.shop
    with chat.uow() as uow:
        quote = build_quote(uow, shop, customer_id=customer_id,
                            items=[CartItem("CAF-GR-COL-500", 1)])
        uow.flush()
        order = place_order(uow, shop, customer_id=customer_id, quote_id=quote.id,
                            payment_method="bank_transfer")
        uow.commit()
        return order.id


def tickets_of(chat, customer_id):
    with chat.uow() as uow:
        return uow.tickets.for_customer(customer_id)


def step_of(chat, who):
    with chat.uow() as uow:
        conversation = uow.conversations.lock("console", who)
        return conversation.flow, conversation.step


def test_a_ticket_about_one_of_the_customers_orders(chat):
    ana = register(chat, "ana", "11 2345-6789")
    order = an_order_of(chat, ana)
    offer = chat.press("ana", "support")
    assert chat.buttons(offer)[next(label for label in chat.buttons(offer)
                                    if f"N° {order}" in label)] == f"support:order:{order}"
    assert "Consulta general" in chat.buttons(offer)
    assert f"pedido N° {order}" in chat.texts("ana", chat.press("ana", f"support:order:{order}"))
    opened = chat.say("ana", "Me llegó el paquete abierto y falta un café.")
    assert f"abrí tu consulta N° {tickets_of(chat, ana)[0].id} sobre el pedido N° {order}" \
        in chat.texts("ana", opened)
    [ticket] = tickets_of(chat, ana)
    assert (ticket.order_id, ticket.priority) == (order, Priority.NORMAL)
    assert ticket.messages[0].text == "Me llegó el paquete abierto y falta un café."
    assert step_of(chat, "ana") == (None, None)


def test_the_order_can_be_named_in_words_in_english(chat):
    ana = register(chat, "ana", "11 2345-6789")
    order = an_order_of(chat, ana)
    chat.press("ana", "lang:en")
    asked = chat.say("ana", f"I have a problem with order #{order}")
    assert f"what happened with order no. {order}" in chat.texts("ana", asked)
    opened = chat.say("ana", "The bag was torn.")
    assert "Someone on our team will answer you in this chat by" in chat.texts("ana", opened)
    assert tickets_of(chat, ana)[0].order_id == order


def test_a_general_ticket_when_there_are_no_orders(chat):
    ana = register(chat, "ana", "11 2345-6789")
    assert "en qué te podemos ayudar" in chat.texts("ana", chat.say("ana", "tengo un problema"))
    chat.say("ana", "¿Hacen envíos a Rosario?")
    [ticket] = tickets_of(chat, ana)
    assert (ticket.order_id, ticket.subject) == (None, "¿Hacen envíos a Rosario?")


def test_a_forged_order_of_another_customer_opens_nothing(chat):
    ana = register(chat, "ana", "11 2345-6789")
    bob = register(chat, "bob", "11 5555-0000")
    bobs_order = an_order_of(chat, bob)
    an_order_of(chat, ana)
    chat.press("ana", "support")
    for forged in (f"support:order:{bobs_order}", "support:order:99999999999",
                   "support:order:-1", "support:order:"):
        refused = chat.press("ana", forged)
        assert "No encontré ese pedido entre los tuyos" in chat.texts("ana", refused)
        assert f"support:order:{bobs_order}" not in chat.buttons(refused).values()
    assert step_of(chat, "ana") == ("support", "choose")
    assert tickets_of(chat, ana) == [] and tickets_of(chat, bob) == []


def test_a_description_must_be_text_of_a_sensible_length(chat, tmp_path):
    ana = register(chat, "ana", "11 2345-6789")
    chat.press("ana", "support:general")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff")
    assert "por escrito" in chat.texts("ana", chat.send("ana", file=str(photo)))
    assert "más de detalle" in chat.texts("ana", chat.say("ana", "😡😡"))
    assert "menos de 4.000 caracteres" in chat.texts("ana", chat.say("ana", "a" * 10_000))
    assert tickets_of(chat, ana) == []
    assert step_of(chat, "ana") == ("support", "describe")


def test_asking_for_a_person_opens_a_high_priority_ticket_with_what_they_wrote(chat):
    ana = register(chat, "ana", "11 2345-6789")
    asked = chat.say("ana", "quiero hablar con una persona")
    assert "Omitir" in chat.buttons(asked)
    handed = chat.press("ana", "support:skip")
    assert "Una persona te va a escribir" in chat.texts("ana", handed)
    [ticket] = tickets_of(chat, ana)
    assert (ticket.priority, ticket.subject) == (Priority.HIGH, "quiero hablar con una persona")


def test_the_person_button_uses_a_standard_text_when_the_description_is_skipped(chat):
    ana = register(chat, "ana", "11 2345-6789")
    chat.press("ana", "lang:en")
    chat.press("ana", "human")
    assert "A person will write to you" in chat.texts("ana", chat.press("ana", "support:skip"))
    [ticket] = tickets_of(chat, ana)
    assert (ticket.priority, ticket.subject) == (Priority.HIGH,
                                                 "El cliente pidió hablar con una persona.")


def test_a_plain_no_skips_the_description_of_a_request_for_a_person(chat):
    ana = register(chat, "ana", "11 2345-6789")
    chat.press("ana", "human")
    assert "Una persona te va a escribir" in chat.texts("ana", chat.say("ana", "no"))
    assert tickets_of(chat, ana)[0].priority == Priority.HIGH


def test_skipping_the_description_of_an_ordinary_ticket_is_refused(chat):
    ana = register(chat, "ana", "11 2345-6789")
    chat.press("ana", "support:general")
    assert "botón" in chat.texts("ana", chat.press("ana", "support:skip"))
    assert tickets_of(chat, ana) == []


def test_a_chat_not_registered_registers_first_and_comes_back_to_support(chat):
    assert "Antes de seguir necesito registrarte" in chat.texts("ana", chat.press("ana",
                                                                                  "support"))
    for answer in ("Ana Pérez", "Defensa 1020, San Telmo", "11 2345-6789", "no", "no", "sí"):
        replies = chat.say("ana", answer)
    assert "en qué te podemos ayudar" in chat.texts("ana", replies)
    assert step_of(chat, "ana") == ("support", "describe")


@pytest.mark.parametrize("language, label", [("es", "Hablar con el equipo"),
                                             ("en", "Contact us")])
def test_the_main_menu_offers_to_contact_the_team(chat, language, label):
    chat.press("ana", f"lang:{language}")
    assert chat.buttons(chat.press("ana", "menu"))[label] == "support"
