"""Replies become Bot API calls Telegram accepts, shown the way a person should see them."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiogram.exceptions import TelegramRetryAfter, TelegramUnauthorizedError

from bot.channel import Undeliverable
from dialogs.contract import Button, Document, Outgoing, Reply
from dialogs.i18n import Translator
from tests.channels.fake_telegram import FakeTelegram, telegram_fixture  # noqa: F401
from tests.channels.telegram_harness import with_adapter
from tests.channels.telegram_updates import ANA

CHAT = str(ANA.id)
PDF = b"%PDF-1.7\n" + b"0" * 2048
MENU = (Button("Ver catálogo", "menu:catalog"), Button("Mi carrito", "menu:cart"))


def send(telegram: FakeTelegram, files: Path, reply: Reply, language: str = "es") -> None:
    outgoing = Outgoing("telegram", CHAT, reply, {"language": language})
    with_adapter(telegram, files, lambda adapter: adapter.send(outgoing))


def inline(*buttons: Button) -> dict:
    return {"inline_keyboard": [[{"text": b.label, "callback_data": b.payload}]
                                for b in buttons]}


def test_a_text_with_buttons_is_one_message_with_an_inline_keyboard(telegram, tmp_path):
    send(telegram, tmp_path, Reply("¿Qué querés hacer?", MENU))

    [message] = telegram.sent(CHAT)
    assert message["text"] == "¿Qué querés hacer?"
    assert message["reply_markup"] == inline(*MENU)


def test_a_text_over_the_limit_is_split_at_paragraphs_in_order(telegram, tmp_path):
    paragraphs = [f"{n}. " + "café " * 700 for n in range(1, 4)]  # ~3,500 characters each

    send(telegram, tmp_path, Reply("\n\n".join(paragraphs), MENU))

    sent = telegram.sent(CHAT)
    assert [m["text"] for m in sent] == [p.strip() for p in paragraphs]
    assert ["reply_markup" in m for m in sent] == [False, False, True]


def test_a_single_huge_line_is_cut_between_words(telegram, tmp_path):
    text = " ".join(f"palabra{n}" for n in range(1000))  # ~9,000 characters, no newline

    send(telegram, tmp_path, Reply(text))

    sent = [m["text"] for m in telegram.sent(CHAT)]
    assert len(sent) == 3
    assert " ".join(sent) == text


def test_a_document_goes_with_the_text_as_its_caption(telegram, tmp_path):
    pdf = tmp_path / "a1b2-quote.pdf"
    pdf.write_bytes(PDF)
    document = Document("Presupuesto-0007.pdf", "application/pdf", str(pdf))

    send(telegram, tmp_path, Reply("Tu presupuesto 👇", MENU[:1], document=document))

    [call] = [c for c in telegram.calls("sendDocument") if c.error is None]
    assert call.upload("document").filename == "Presupuesto-0007.pdf"
    assert call.upload("document").content == PDF
    [message] = telegram.sent(CHAT)
    assert message["caption"] == "Tu presupuesto 👇"
    assert message["document"]["file_name"] == "Presupuesto-0007.pdf"
    assert message["reply_markup"] == inline(MENU[0])


def test_a_text_too_long_for_a_caption_goes_before_the_document(telegram, tmp_path):
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(PDF)
    text = "Detalle de la factura:\n" + "línea del detalle\n" * 80  # ~1,400 characters

    send(telegram, tmp_path, Reply(text, document=Document("Factura.pdf", "application/pdf",
                                                           str(pdf))))

    first, second = telegram.sent(CHAT)
    assert first["text"] == text.strip()
    assert "document" in second and "caption" not in second


def test_an_image_by_url_is_sent_as_a_photo_with_caption(telegram, tmp_path):
    url = "https://tienda.example/fotos/cafe-colombiano.jpg"

    send(telegram, tmp_path, Reply("Café colombiano 500 g", image=url))

    [call] = telegram.calls("sendPhoto")
    assert (call.params["photo"], call.params["caption"]) == (url, "Café colombiano 500 g")
    assert call.uploads == {}


def test_an_image_on_disk_is_uploaded(telegram, tmp_path):
    photo = tmp_path / "producto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"1" * 500)

    send(telegram, tmp_path, Reply("", image=str(photo)))

    [call] = telegram.calls("sendPhoto")
    assert call.upload("photo").content == photo.read_bytes()
    assert "caption" not in call.params and telegram.sent(CHAT)[0]["photo"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_asking_for_the_number_shows_a_share_contact_keyboard(telegram, tmp_path, language):
    t = Translator.for_language(language)

    send(telegram, tmp_path, Reply("¿Cuál es tu teléfono?", request_contact=True), language)

    [call] = telegram.calls("sendMessage")
    assert call.params["text"] == "¿Cuál es tu teléfono?"
    assert call.params["reply_markup"] == {
        "keyboard": [[{"text": t.t("channels.share_contact"), "request_contact": True}]],
        "one_time_keyboard": True, "resize_keyboard": True}


def test_asking_for_the_number_with_buttons_adds_a_message_for_the_keyboard(telegram, tmp_path):
    t = Translator.for_language("en")
    skip = Button("Skip", "reg:skip_phone")

    send(telegram, tmp_path, Reply("Your phone number?", (skip,), request_contact=True), "en")

    question, prompt = telegram.calls("sendMessage")
    assert question.params["reply_markup"] == inline(skip)
    assert prompt.params["text"] == t.t("channels.share_contact_prompt")
    assert prompt.params["reply_markup"]["keyboard"][0][0]["request_contact"] is True


def test_asking_for_the_location_in_an_unknown_language_labels_it_in_spanish(telegram,
                                                                             tmp_path):
    t = Translator.for_language("es")

    send(telegram, tmp_path, Reply("¿Dónde entregamos?", request_location=True), "pt")

    [call] = telegram.calls("sendMessage")
    [[button]] = call.params["reply_markup"]["keyboard"]
    assert button == {"text": t.t("channels.share_location"), "request_location": True}


def test_buttons_without_text_hang_on_a_choose_message(telegram, tmp_path):
    send(telegram, tmp_path, Reply("", MENU))

    [message] = telegram.sent(CHAT)
    assert message["text"] == Translator.for_language("es").t("channels.choose")
    assert message["reply_markup"] == inline(*MENU)


def test_too_many_requests_is_waited_out_and_the_message_sent(telegram, tmp_path):
    telegram.throttle(1, retry_after=1)

    send(telegram, tmp_path, Reply("Pedido confirmado"))

    first, second = telegram.calls("sendMessage")
    assert first.error == "Too Many Requests: retry after 1"
    assert second.error is None
    assert [m["text"] for m in telegram.sent(CHAT)] == ["Pedido confirmado"]


def test_a_person_who_blocked_the_bot_is_undeliverable(telegram, tmp_path):
    telegram.block(CHAT)

    with pytest.raises(Undeliverable, match="blocked by the user"):
        send(telegram, tmp_path, Reply("Tu pedido salió"))
    assert len(telegram.calls("sendMessage")) == 1


def test_a_chat_telegram_does_not_know_is_undeliverable(telegram, tmp_path):
    telegram.forget(CHAT)

    with pytest.raises(Undeliverable, match="chat not found"):
        send(telegram, tmp_path, Reply("Hola"))


def test_a_wrong_token_is_an_error_and_nothing_is_sent(telegram, tmp_path):
    outgoing = Outgoing("telegram", CHAT, Reply("Hola"), {"language": "es"})

    with pytest.raises(TelegramUnauthorizedError):
        with_adapter(telegram, tmp_path, lambda adapter: adapter.send(outgoing),
                     token="123456789:wrong-token")
    assert telegram.sent() == []


def test_a_text_full_of_emoji_is_split_within_the_limit_however_telegram_counts(telegram,
                                                                              tmp_path):
    text = "☕🥐 " * 1500  # 4,500 characters; 6,000 UTF-16 code units

    send(telegram, tmp_path, Reply(text))

    sent = [m["text"] for m in telegram.sent(CHAT)]
    assert len(sent) == 2
    assert all(len(piece.encode("utf-16-le")) // 2 <= 4096 for piece in sent)
    assert " ".join(sent) == text.strip()


def test_a_wait_of_minutes_is_left_to_the_outbox(telegram, tmp_path):
    telegram.throttle(1, retry_after=300)

    with pytest.raises(TelegramRetryAfter):
        send(telegram, tmp_path, Reply("Pedido confirmado"))
    assert len(telegram.calls("sendMessage")) == 1
