"""Registration: each answer checked as it comes, in the customer's language; the same phone
on another channel is the same customer; a customer sent here by another flow goes back."""

from __future__ import annotations

import pytest

from dialogs import registry
from dialogs.contract import Reply
from dialogs.flows.registration import start_registration

A_PHONE = "11 2345-6789"
THE_PHONE = "+541123456789"
A_CUIT = "20123456786"


def customer_of(chat, who, channel="console"):
    with chat.uow() as uow:
        return uow.customers.by_identity(channel, who)


def conversation_of(chat, who, channel="console"):
    with chat.uow() as uow:
        conversation = uow.conversations.lock(channel, who)
        return conversation.flow, conversation.step, dict(conversation.data.get("draft", {}))


def answer_until(chat, who, step, **line):
    """Start registering and answer every step before `step` with a good answer."""
    good = [("name", {"text": "Ana Pérez"}), ("address", {"text": "Defensa 1020, San Telmo"}),
            ("phone", {"text": A_PHONE}), ("email", {"button": "registration:skip"}),
            ("tax_id", {"button": "registration:skip"})]
    chat.send(who, button="register", **line)
    for name, answer in good:
        if name == step:
            return
        chat.send(who, **answer, **line)


def test_a_customer_registers_in_spanish_typing_every_answer(chat):
    assert "¿Cómo te llamás?" in chat.texts("ana", chat.say("ana", "quiero registrarme"))
    assert "dirección" in chat.texts("ana", chat.say("ana", "Ana  Pérez"))
    phone_prompt = chat.say("ana", "Defensa 1020, San Telmo")
    assert "teléfono" in chat.texts("ana", phone_prompt)
    assert phone_prompt[-1].reply.request_contact
    assert "email" in chat.texts("ana", chat.say("ana", A_PHONE))
    assert "CUIT" in chat.texts("ana", chat.say("ana", "Ana@Example.com"))
    summary = chat.say("ana", A_CUIT)
    assert "Nombre: Ana Pérez" in chat.texts("ana", summary)
    assert "CUIT: 20-12345678-6" in chat.texts("ana", summary)
    assert "Teléfono: +54 11 2345-6789" in chat.texts("ana", summary)  # readable, not E.164
    assert "¡Listo, Ana!" in chat.texts("ana", chat.say("ana", "sí"))
    customer = customer_of(chat, "ana")
    assert (customer.name, customer.phone, customer.email, customer.tax_id, customer.addresses) \
        == ("Ana Pérez", THE_PHONE, "Ana@example.com", "20-12345678-6",
            ["Defensa 1020, San Telmo"])
    assert conversation_of(chat, "ana") == (None, None, {})


def test_a_customer_registers_in_english_sharing_the_contact_and_skipping_the_rest(chat):
    chat.press("bob", "lang:en")
    assert "What's your name?" in chat.texts("bob", chat.press("bob", "register"))
    chat.say("bob", "Bob Smith")
    chat.say("bob", "Av. Santa Fe 1234, CABA")
    email_prompt = chat.send("bob", contact={"phone": "+54 9 11 5555-0000", "name": "Bob"})
    assert "email" in chat.texts("bob", email_prompt)
    assert "Skip" in chat.buttons(email_prompt)
    chat.press("bob", "registration:skip")
    summary = chat.say("bob", "skip")
    assert "Email: —" in chat.texts("bob", summary)
    assert "Is everything correct?" in chat.texts("bob", summary)
    assert "All set, Bob!" in chat.texts("bob", chat.press("bob", "registration:confirm"))
    customer = customer_of(chat, "bob")
    assert (customer.phone, customer.email, customer.tax_id, customer.language) \
        == ("+5491155550000", None, None, "en")


@pytest.mark.parametrize("step, bad, says", [
    ("name", {"text": "A"}, "al menos 2 caracteres"),
    ("name", {"text": "😀🎉🔥"}, "escrito con letras"),
    ("name", {"text": "Ana " * 40}, "tu nombre puede tener hasta 100"),
    ("name", {"file": "FILE"}, "necesito que me escribas tu nombre"),
    ("address", {"text": "x" * 10_000}, "Me mandaste 10.000 caracteres y tu dirección"),
    ("address", {"text": "Av."}, "muy corta"),
    ("address", {"location": {"lat": -34.6, "lon": -58.4}}, "me escribas tu dirección"),
    ("phone", {"text": "123"}, "Ese número no parece válido"),
    ("phone", {"text": "mi teléfono es el de siempre"}, "Ese número no parece válido"),
    ("email", {"text": "ana@@example"}, "Ese email no parece válido"),
    ("tax_id", {"text": "20-12345678-9"}, "Ese CUIT no es válido"),
    ("tax_id", {"file": "FILE"}, "necesito que me escribas tu CUIT"),
])
def test_a_bad_answer_gets_a_specific_message_and_the_step_repeats(chat, tmp_path, step, bad,
                                                                   says):
    if "file" in bad:
        (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff not really a photo")
        bad = {"file": str(tmp_path / "photo.jpg")}
    answer_until(chat, "ana", step)
    assert says in chat.texts("ana", chat.send("ana", **bad))
    assert conversation_of(chat, "ana")[:2] == ("registration", step)
    assert customer_of(chat, "ana") is None


def test_bad_answers_are_explained_in_english_too(chat):
    chat.press("bob", "lang:en")
    answer_until(chat, "bob", "phone")
    assert "That number doesn't look valid" in chat.texts("bob", chat.say("bob", "12"))
    chat.say("bob", A_PHONE)
    assert "That email doesn't look valid" in chat.texts("bob", chat.say("bob", "bob@"))


def test_cancel_mid_registration_leaves_it_and_forgets_the_answers(chat):
    answer_until(chat, "ana", "phone")
    assert "lo dejamos acá" in chat.texts("ana", chat.say("ana", "/cancel"))
    assert conversation_of(chat, "ana") == (None, None, {})
    assert customer_of(chat, "ana") is None
    assert "¿Cómo te llamás?" in chat.texts("ana", chat.press("ana", "register"))


def test_a_restart_mid_registration_resumes_at_the_same_step(chat):
    answer_until(chat, "ana", "phone")
    chat.restart()
    assert "email" in chat.texts("ana", chat.say("ana", A_PHONE))
    assert conversation_of(chat, "ana")[:2] == ("registration", "email")


def test_a_confident_request_for_something_else_leaves_a_shaped_step_and_keeps_the_answers(
        chat):
    answer_until(chat, "ana", "phone")
    left = chat.say("ana", "necesito ayuda")
    assert "Podés elegir una opción del menú" in chat.texts("ana", left)
    assert conversation_of(chat, "ana")[:2] == (None, None)
    back = chat.press("ana", "register")
    assert "Sigamos con tu registro" in chat.texts("ana", back)
    assert "teléfono" in chat.texts("ana", back)


def test_an_answer_can_be_changed_from_the_summary(chat):
    answer_until(chat, "ana", "confirm")
    choices = chat.buttons(chat.press("ana", "registration:edit"))
    assert choices["Dirección"] == "registration:edit:address"
    chat.press("ana", "registration:edit:address")
    summary = chat.say("ana", "Perú 500, San Telmo")
    assert "Dirección: Perú 500, San Telmo" in chat.texts("ana", summary)
    chat.press("ana", "registration:confirm")
    assert customer_of(chat, "ana").addresses == ["Perú 500, San Telmo"]


def test_forged_or_stale_registration_buttons_change_nothing(chat):
    assert "botón" in chat.texts("ana", chat.press("ana", "registration:confirm"))
    answer_until(chat, "ana", "address")
    replies = chat.press("ana", "registration:edit:banana")
    assert "dirección" in chat.texts("ana", replies)
    assert conversation_of(chat, "ana")[:2] == ("registration", "address")
    assert customer_of(chat, "ana") is None


def test_the_same_shared_phone_on_another_channel_is_the_same_customer(chat):
    answer_until(chat, "ana", "email")
    chat.say("ana", "ana@example.com")
    chat.press("ana", "registration:skip")
    chat.press("ana", "registration:confirm")
    line = {"channel": "telegram"}
    chat.send("ana-tg", button="register", **line)
    chat.send("ana-tg", text="Ana P.", **line)
    chat.send("ana-tg", text="Av. Rivadavia 5000, Caballito", **line)
    chat.send("ana-tg", contact={"phone": "+54 11 2345 6789"}, **line)
    chat.send("ana-tg", button="registration:skip", **line)
    chat.send("ana-tg", button="registration:skip", **line)
    done = chat.send("ana-tg", button="registration:confirm", **line)
    assert "vinculé este chat" in chat.texts("ana-tg", done)
    on_console, on_telegram = customer_of(chat, "ana"), customer_of(chat, "ana-tg", "telegram")
    assert on_console.id == on_telegram.id
    assert on_telegram.email == "ana@example.com"
    assert on_telegram.addresses == ["Defensa 1020, San Telmo", "Av. Rivadavia 5000, Caballito"]


def test_a_typed_phone_of_another_customer_links_only_once_the_contact_is_shared(chat):
    answer_until(chat, "ana", "email")
    chat.press("ana", "registration:skip")
    chat.press("ana", "registration:skip")
    chat.press("ana", "registration:confirm")
    answer_until(chat, "eve", "phone")
    refused = chat.say("eve", A_PHONE)
    assert "Ese número ya está registrado" in chat.texts("eve", refused)
    assert refused[-1].reply.request_contact
    assert conversation_of(chat, "eve")[:2] == ("registration", "phone")
    assert "email" in chat.texts("eve", chat.send("eve", contact={"phone": A_PHONE}))


def test_a_registered_customer_who_asks_to_register_sees_the_profile(chat):
    answer_until(chat, "ana", "confirm")
    chat.press("ana", "registration:confirm")
    replies = chat.say("ana", "quiero registrarme")
    assert "Ya tenés tu cuenta" in chat.texts("ana", replies)
    assert "Nombre: Ana Pérez" in chat.texts("ana", replies)


def test_after_registering_the_customer_lands_where_another_flow_sent_them(chat):
    before = chat.press("ana", "profile:edit:email")
    assert "Registrarme" in chat.buttons(before)
    chat.press("ana", "human")
    for answer in ("Ana Pérez", "Defensa 1020, San Telmo", A_PHONE, "no", "no"):
        chat.say("ana", answer)
    landed = chat.press("ana", "registration:confirm")
    assert "¡Listo, Ana!" in chat.texts("ana", landed)
    assert "Te paso con una persona" in chat.texts("ana", landed)
    assert conversation_of(chat, "ana")[:2] == ("support", "describe")


PROBE = "probe_needs_a_customer"


def probe(ctx, args):
    """A flow of some other module that needs a registered customer first."""
    if ctx.customer is None:
        start_registration(ctx, resume=f"{PROBE}:7:x")
    else:
        ctx.send(Reply(f"probe reached with {args}"))


if PROBE not in registry.ACTIONS:
    registry.action(PROBE)(probe)


def test_start_registration_resumes_the_payload_with_its_arguments(chat):
    assert "Antes de seguir" in chat.texts("ana", chat.press("ana", PROBE))
    for answer in ("Ana Pérez", "Defensa 1020, San Telmo", A_PHONE, "omitir", "no", "sí"):
        replies = chat.say("ana", answer)
    assert "probe reached with ['7', 'x']" in chat.texts("ana", replies)


def test_on_whatsapp_the_number_the_chat_comes_from_needs_no_contact_to_link(chat):
    answer_until(chat, "ana", "email")
    chat.press("ana", "registration:skip")
    chat.press("ana", "registration:skip")
    chat.press("ana", "registration:confirm")
    line = {"channel": "whatsapp"}
    answer_until(chat, "541123456789", "email", **line)
    chat.send("541123456789", button="registration:skip", **line)
    chat.send("541123456789", button="registration:skip", **line)
    chat.send("541123456789", button="registration:confirm", **line)
    assert customer_of(chat, "541123456789", "whatsapp").id == customer_of(chat, "ana").id
