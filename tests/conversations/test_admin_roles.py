"""Staff commands answer only the roles config.yml gives; anyone else is told the command is
unknown, and nothing changes."""

from __future__ import annotations

import pytest
from admin_helpers import ADMIN, AGENT, STAFF, audit_rows, order_of, placed


from dialogs import registry
from dialogs.contract import MAX_PAYLOAD_BYTES
from domain.order import OrderStatus


@pytest.mark.parametrize("who", ["ana", AGENT])
def test_someone_without_the_role_typing_approve_is_told_it_is_an_unknown_command(chat, who):
    _, order_id = placed(chat, "ana")
    replies = chat.say(who, f"/aprobar {order_id}")
    assert "No conozco el comando /aprobar" in chat.texts(who, replies)
    assert order_of(chat, order_id).status is OrderStatus.PLACED
    assert audit_rows(chat) == []


def test_a_customer_forging_a_staff_button_gets_the_stale_button_answer(chat):
    _, order_id = placed(chat, "ana")
    replies = chat.press("ana", f"ao:approve:{order_id}")
    assert "Ese botón ya no sirve" in chat.texts("ana", replies)
    assert order_of(chat, order_id).status is OrderStatus.PLACED


def test_the_same_identity_on_another_channel_is_not_staff(chat):
    _, order_id = placed(chat, "ana")
    chat.send(ADMIN, text=f"/approve {order_id}", channel="telegram")
    assert order_of(chat, order_id).status is OrderStatus.PLACED


def test_staff_help_lists_the_commands_of_their_roles(chat):
    staff_help = chat.texts(STAFF, chat.say(STAFF, "/help"))
    agent_help = chat.texts(AGENT, chat.say(AGENT, "/ayuda"))
    assert "/aprobar N" in staff_help and "/tickets" in staff_help
    assert "/tickets" in agent_help and "/aprobar" not in agent_help


def test_customers_keep_their_own_help(chat):
    text = chat.texts("ana", chat.say("ana", "/help"))
    assert "Comandos del equipo" not in text and "/menu" in text


def test_an_agent_sees_tickets_and_admin_does_everything(chat):
    assert "No hay tickets" in chat.texts(AGENT, chat.say(AGENT, "/tickets"))
    assert "Stock (página 1)" in chat.texts(ADMIN, chat.say(ADMIN, "/stock"))


def test_every_staff_command_has_an_english_and_a_spanish_name():
    handlers = {}
    for name, restricted in registry.STAFF_COMMANDS.items():
        handlers.setdefault(restricted.handler, []).append(name)
    one_name_fits_both = {"/stock", "/promo", "/tickets"}
    assert all(len(names) == 2 or set(names) <= one_name_fits_both
               for names in handlers.values()), handlers


def test_staff_button_payloads_fit_the_limit_with_the_largest_ids():
    from dialogs.flows.admin_orders import Filters
    from datetime import date
    payload = Filters(OrderStatus.CANCELLED, 2**31 - 1, date(2026, 12, 31)).payload(9999)
    assert len(payload.encode()) <= MAX_PAYLOAD_BYTES
