"""The console channel's side of the contract: files, channels, delivery."""

from __future__ import annotations

import pytest

from bot.console import CHANNELS, incoming_from
from bot.received import sniffed_type
from bot.dispatcher import MAX_ATTEMPTS, OutboxDispatcher


@pytest.mark.parametrize("content, mime", [
    (b"%PDF-1.7 ...", "application/pdf"), (b"\x89PNG\r\n\x1a\n....", "image/png"),
    (b"\xff\xd8\xff\xe0JFIF", "image/jpeg"), (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"MZ\x90\x00 a windows program", "application/octet-stream"),
])
def test_a_file_type_is_told_by_its_first_bytes_not_its_name(content, mime):
    assert sniffed_type(content) == mime


def test_a_program_renamed_pdf_is_not_taken_as_a_receipt(chat, tmp_path):
    fake = tmp_path / "comprobante.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    attachment = incoming_from({"from": "ana", "file": str(fake)}, "m1",
                               chat.engine.deps.files).attachment
    assert attachment.mime_type == "application/octet-stream"
    assert attachment.file_ref != str(fake)


def test_an_unknown_channel_is_an_input_error():
    with pytest.raises(ValueError, match="channel"):
        incoming_from({"from": "x", "text": "hola", "channel": "fax"}, "m1", None)
    assert "whatsapp" in CHANNELS


def test_a_chat_whose_messages_cannot_be_sent_does_not_hold_up_the_others(chat):
    def refuse(outgoing):
        if outgoing.chat_id == "blocked":
            raise ConnectionError("the platform said no")
        delivered.append(outgoing.chat_id)

    delivered: list[str] = []
    dispatcher = OutboxDispatcher(chat.engine, {"console": refuse})
    chat.engine.handle(incoming_from({"from": "blocked", "text": "/start"}, "b1", None))
    chat.engine.handle(incoming_from({"from": "zed", "text": "/start"}, "z1", None))
    for _ in range(MAX_ATTEMPTS):
        dispatcher.run_once()
    assert delivered.count("zed") == 2  # greeting and menu
    with chat.uow() as uow:  # the first one given up; the next waits its turn, in order
        left = uow.outbox.pending(10, topics=("message",))
        assert [(m.chat_key, m.attempts) for m in left] == [("console:blocked", 0)]


@pytest.mark.parametrize("line, problem", [
    ({"location": "x"}, "location"), ({"location": {"lat": "nan", "lon": 1}}, "Earth"),
    ({"contact": {}}, "contact"), ({"text": 5}, "text"), ({}, "exactly one"),
    ({"text": "sí", "reply_to": 12}, "reply_to"),
])
def test_malformed_input_lines_say_what_is_wrong(line, problem):
    with pytest.raises(ValueError, match=problem):
        incoming_from({"from": "ana", **line}, "m1", None)


def test_a_line_may_answer_an_earlier_message():
    assert incoming_from({"from": "agent", "text": "ya sale", "reply_to": "m7"}, "m8",
                         None).reply_to == "m7"


def test_control_characters_never_reach_the_bot():
    incoming = incoming_from({"from": "ana", "text": "Ana\x00 Pérez\x07\nde Palermo"}, "m", None)
    assert incoming.text == "Ana Pérez\nde Palermo"
