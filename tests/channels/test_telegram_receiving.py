"""Telegram updates, as the Bot API sends them, become what the dialogs read."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from bot.channel import Received
from bot.telegram.updates import telegram_chat_key
from dialogs.contract import Attachment, Contact, Incoming, Location
from tests.channels.fake_telegram import FakeTelegram, telegram_fixture  # noqa: F401
from tests.channels.telegram_harness import with_adapter
from tests.channels.telegram_updates import (
    ANA,
    DATE,
    GROUP,
    JOHN,
    callback_update,
    chat_member_update,
    contact_update,
    document_update,
    edited_text_update,
    location_update,
    photo_update,
    sticker_update,
    text_update,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 300
PDF = b"%PDF-1.7\n" + b"\x00" * 100
MB = 1024 * 1024


def received(telegram: FakeTelegram, files: Path, update: dict[str, Any]) -> Received:
    telegram.push_update(update)  # as Telegram knows it, for answerCallbackQuery
    return with_adapter(telegram, files, lambda adapter: adapter.received(update))


def only_message(result: Received) -> Incoming:
    assert result.statuses == []
    assert len(result.messages) == 1
    return result.messages[0]


def test_a_text_message_is_text_from_the_person_in_their_chat(telegram, tmp_path):
    message = only_message(received(telegram, tmp_path, text_update(700001, "hola, quiero café")))

    assert message == Incoming("telegram", str(ANA.id), str(ANA.id), "700001",
                               text="hola, quiero café", language_hint="es")


def test_a_reply_names_the_message_it_answers(telegram, tmp_path):
    update = text_update(700021, "dale, gracias")
    update["message"]["reply_to_message"] = {
        "message_id": 1001, "from": {"id": 123456789, "is_bot": True, "first_name": "Orderbot"},
        "chat": ANA.chat(), "date": 1_717_171_700, "text": "#12 · Ana: ¿llega hoy?"}
    assert only_message(received(telegram, tmp_path, update)).reply_to == "1001"


def test_a_command_keeps_its_slash_and_the_language_of_the_app(telegram, tmp_path):
    message = only_message(received(telegram, tmp_path, text_update(700002, "/start", JOHN)))

    assert (message.text, message.sender_id, message.language_hint) == ("/start", str(JOHN.id),
                                                                          "en")


def test_a_button_press_is_its_payload_and_stops_the_spinner(telegram, tmp_path):
    update = callback_update(700003, "cat:12", query_id="4382bfdwdsb323b2d9")

    message = only_message(received(telegram, tmp_path, update))

    assert (message.button, message.text, message.chat_id) == ("cat:12", None, str(ANA.id))
    assert message.message_id == "700003"
    [answer] = telegram.calls("answerCallbackQuery")
    assert answer.params["callback_query_id"] == "4382bfdwdsb323b2d9"
    assert answer.error is None


def test_a_press_answered_before_still_counts(telegram, tmp_path):
    update = callback_update(700004, "cart:view")
    received(telegram, tmp_path, update)

    again = only_message(with_adapter(telegram, tmp_path, lambda a: a.received(update)))

    assert again.button == "cart:view"
    assert telegram.calls("answerCallbackQuery")[-1].error is not None


@pytest.mark.parametrize("phone", ["5491122334455", "+5491122334455"])
def test_a_shared_contact_has_an_international_number_and_the_full_name(telegram, tmp_path,
                                                                        phone):
    message = only_message(received(telegram, tmp_path, contact_update(700005, phone)))

    assert message.contact == Contact("+5491122334455", "Ana García", verified=True)


def test_a_forwarded_card_of_someone_else_does_not_vouch_for_the_number(telegram, tmp_path):
    update = contact_update(700015, "5491166667777")
    update["message"]["contact"]["user_id"] = 777  # another person's card
    message = only_message(received(telegram, tmp_path, update))

    assert message.contact == Contact("+5491166667777", "Ana García", verified=False)


def test_a_shared_location_is_latitude_and_longitude(telegram, tmp_path):
    update = location_update(700006, -34.603722, -58.381592)

    message = only_message(received(telegram, tmp_path, update))

    assert message.location == Location(-34.603722, -58.381592)


def test_a_photo_is_downloaded_in_its_largest_size_and_kept(telegram, tmp_path):
    telegram.add_file("AgACAgEAAxkBAAIBbig", JPEG, file_path="photos/file_7.jpg")
    update = photo_update(700007, "AgACAgEAAxkBAAIBbig", len(JPEG), caption="comprobante")

    attachment = only_message(received(telegram, tmp_path, update)).attachment

    assert attachment is not None
    assert (attachment.mime_type, attachment.size, attachment.caption) == (
        "image/jpeg", len(JPEG), "comprobante")
    assert Path(attachment.file_ref).read_bytes() == JPEG
    assert Path(attachment.file_ref).is_relative_to(tmp_path)
    assert [c.params["file_id"] for c in telegram.calls("getFile")] == ["AgACAgEAAxkBAAIBbig"]


def test_a_document_is_typed_by_its_bytes_not_by_what_it_claims(telegram, tmp_path):
    telegram.add_file("BQACAgEAAxkBAAIBdoc", PNG)
    update = document_update(700008, "BQACAgEAAxkBAAIBdoc", "transferencia.pdf",
                             "application/pdf", len(PNG))

    attachment = only_message(received(telegram, tmp_path, update)).attachment

    assert attachment is not None
    assert attachment.mime_type == "image/png"
    assert Path(attachment.file_ref).name.endswith("transferencia.pdf")
    assert Path(attachment.file_ref).read_bytes() == PNG


def test_a_pdf_document_keeps_its_caption(telegram, tmp_path):
    telegram.add_file("BQACAgEAAxkBAAIBpdf", PDF)
    update = document_update(700009, "BQACAgEAAxkBAAIBpdf", "recibo.pdf", "application/pdf",
                             len(PDF), caption="pago del pedido 12")

    attachment = only_message(received(telegram, tmp_path, update)).attachment

    assert attachment is not None
    assert (attachment.mime_type, attachment.caption) == ("application/pdf", "pago del pedido 12")


def test_a_file_over_the_download_limit_is_named_not_downloaded(telegram, tmp_path):
    telegram.add_file("BQACAgEAAxkBAAIBbig", b"", size=25 * MB)
    update = document_update(700010, "BQACAgEAAxkBAAIBbig", "video.mp4", "video/mp4", 25 * MB)

    attachment = only_message(received(telegram, tmp_path, update)).attachment

    assert attachment == Attachment("telegram:BQACAgEAAxkBAAIBbig", "application/octet-stream",
                                    25 * MB)
    assert telegram.calls("getFile") == []
    assert list(tmp_path.rglob("*")) == []


def test_a_file_of_unknown_size_that_telegram_will_not_hand_over_is_too_big(telegram, tmp_path):
    telegram.add_file("BQACAgEAAxkBAAIBhuge", b"", size=30 * MB)
    update = document_update(700011, "BQACAgEAAxkBAAIBhuge", "backup.zip", "application/zip",
                             None)

    attachment = only_message(received(telegram, tmp_path, update)).attachment

    assert attachment is not None
    assert attachment.file_ref == "telegram:BQACAgEAAxkBAAIBhuge"
    assert attachment.size > 20 * MB


@pytest.mark.parametrize(("new", "status"), [("kicked", "blocked"), ("member", "unblocked")])
def test_blocking_and_unblocking_the_bot_is_a_chat_status(telegram, tmp_path, new, status):
    old = "member" if new == "kicked" else "kicked"

    result = received(telegram, tmp_path, chat_member_update(700012, old, new))

    assert result.messages == []
    [change] = result.statuses
    assert (change.channel, change.chat_id, change.status) == ("telegram", str(ANA.id), status)
    assert change.at == datetime.fromtimestamp(DATE, timezone.utc)


@pytest.mark.parametrize("update", [
    edited_text_update(700013, "hola (editado)"),
    sticker_update(700014),
    text_update(700015, "hola a todos", chat=GROUP),
    {"update_id": 700016, "channel_post": {"message_id": 5, "date": DATE, "text": "novedades",
                                           "chat": {"id": -100123, "type": "channel",
                                                    "title": "Novedades"}}},
    {"update_id": 700017, "message_reaction_count": {"chat": ANA.chat(), "message_id": 5,
                                                     "date": DATE, "reactions": []}},
    {"update_id": 700018, "some_future_kind": {"id": 1}},
], ids=["edited", "sticker", "group", "channel post", "unknown kind", "future kind"])
def test_what_the_dialogs_cannot_read_is_left_out(telegram, tmp_path, update):
    assert received(telegram, tmp_path, update) == Received()


@pytest.mark.parametrize("payload", [
    {},
    {"update_id": "not a number", "message": {}},
    {"update_id": 700019, "message": {"message_id": 1, "text": "no chat, no date"}},
    {"update_id": 700020, "callback_query": {"id": "1", "data": "x"}},
], ids=["empty", "bad id", "message without chat", "query without sender"])
def test_a_malformed_payload_is_left_out_with_a_warning(telegram, tmp_path, payload, caplog):
    assert received(telegram, tmp_path, payload) == Received()
    assert "malformed Telegram update" in caplog.text


def test_the_chat_of_an_update_is_read_before_validation_for_ordering():
    assert telegram_chat_key(text_update(1, "hola")) == f"telegram:{ANA.id}"
    assert telegram_chat_key(callback_update(2, "cat")) == f"telegram:{ANA.id}"
    assert telegram_chat_key({"update_id": 3, "inline_query": {"id": "1"}}) is None
    assert telegram_chat_key({"update_id": 4, "message": "not an object"}) is None
