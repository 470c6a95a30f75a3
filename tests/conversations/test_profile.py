"""The profile: every detail at a glance, each field changed with the checks of registration."""

from __future__ import annotations

import pytest


def register(chat, who, phone="11 2345-6789", email="ana@example.com"):
    chat.press(who, "register")
    for answer in ("Ana Pérez", "Defensa 1020, San Telmo", phone, email, "20123456786"):
        chat.say(who, answer)
    chat.press(who, "registration:confirm")


def customer_of(chat, who):
    with chat.uow() as uow:
        return uow.customers.by_identity("console", who)


def step_of(chat, who):
    with chat.uow() as uow:
        conversation = uow.conversations.lock("console", who)
        return conversation.flow, conversation.step


def test_the_profile_shows_every_detail_with_a_button_per_field(chat):
    register(chat, "ana")
    replies = chat.press("ana", "profile")
    text = chat.texts("ana", replies)
    for shown in ("Ana Pérez", "Teléfono: +54 11 2345-6789", "ana@example.com",
                  "CUIT: 20-12345678-6",
                  "• Defensa 1020, San Telmo", "Idioma: Español"):
        assert shown in text
    assert chat.buttons(replies)["Agregar dirección"] == "profile:edit:address"
    assert chat.buttons(replies)["Cambiar email"] == "profile:edit:email"


def test_the_profile_speaks_english_and_is_reached_by_free_text(chat):
    register(chat, "ana")
    chat.press("ana", "lang:en")
    text = chat.texts("ana", chat.say("ana", "I want to update my details"))
    assert "Name: Ana Pérez" in text
    assert "Language: English" in text


def test_a_chat_not_registered_is_offered_registration(chat):
    replies = chat.press("ana", "profile")
    assert "Todavía no tenés tus datos" in chat.texts("ana", replies)
    assert chat.buttons(replies)["Registrarme"] == "register"
    assert "Todavía no tenés" in chat.texts("ana", chat.press("ana", "profile:edit:name"))


def test_a_bad_email_is_explained_and_a_good_one_is_saved(chat):
    register(chat, "ana")
    chat.press("ana", "profile:edit:email")
    assert "Ese email no parece válido" in chat.texts("ana", chat.say("ana", "ana@"))
    assert step_of(chat, "ana") == ("profile", "email")
    saved = chat.say("ana", "ana.perez@example.com")
    assert "actualicé tus datos" in chat.texts("ana", saved)
    assert customer_of(chat, "ana").email == "ana.perez@example.com"
    assert step_of(chat, "ana") == (None, None)


@pytest.mark.parametrize("field, answer, check", [
    ("name", "Ana María Pérez", lambda c: c.name == "Ana María Pérez"),
    ("phone", "+54 9 11 4444-5555", lambda c: c.phone == "+5491144445555"),
    ("tax_id", "27-12345678-1", lambda c: c.tax_id is None),  # a wrong check digit
    ("address", "Perú 500, San Telmo", lambda c: c.addresses[-1] == "Perú 500, San Telmo"),
])
def test_each_field_is_changed_by_its_own_button(chat, field, answer, check):
    register(chat, "ana", email="no")
    chat.press("ana", "profile:clear:tax_id")
    chat.press("ana", f"profile:edit:{field}")
    chat.say("ana", answer)
    assert check(customer_of(chat, "ana"))


def test_optional_details_can_be_removed_and_addresses_pile_up(chat):
    register(chat, "ana")
    assert "Borrar" in chat.buttons(chat.press("ana", "profile:edit:tax_id"))
    assert "borré ese dato" in chat.texts("ana", chat.press("ana", "profile:clear:tax_id"))
    chat.press("ana", "profile:edit:address")
    chat.say("ana", "Perú 500, San Telmo")
    assert customer_of(chat, "ana").tax_id is None
    assert len(customer_of(chat, "ana").addresses) == 2


def test_the_phone_of_another_customer_is_refused(chat):
    register(chat, "ana")
    register(chat, "bob", phone="11 5555-0000")
    chat.press("bob", "profile:edit:phone")
    assert "ya está registrado en otra cuenta" in chat.texts("bob", chat.say("bob", "1123456789"))
    assert customer_of(chat, "bob").phone == "+541155550000"


def test_forged_profile_buttons_and_a_10000_character_name_change_nothing(chat):
    register(chat, "ana")
    assert "botón" in chat.texts("ana", chat.press("ana", "profile:edit:identities"))
    assert "botón" in chat.texts("ana", chat.press("ana", "profile:clear:name"))
    chat.press("ana", "profile:edit:name")
    assert "puede tener hasta 100" in chat.texts("ana", chat.say("ana", "A" * 10_000))
    assert customer_of(chat, "ana").name == "Ana Pérez"
