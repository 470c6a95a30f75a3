from __future__ import annotations

import pytest

from dialogs.contract import Button, Document, Outgoing, Reply
from tests.channels.fake_graph import running_fake, with_adapter
from tests.channels.whatsapp_payloads import CUSTOMER

fake = pytest.fixture(scope="module")(running_fake)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj << >> endobj\n" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def sent_for(fake, tmp_path, reply, language="es", **kwargs):
    """What the fake accepted for one reply; it refused nothing."""
    before, refused = len(fake.sent()), len(fake.refused())
    outgoing = Outgoing("whatsapp", CUSTOMER, reply, {"language": language})
    with_adapter(fake, tmp_path, lambda adapter: adapter.send(outgoing), **kwargs)
    assert fake.refused()[refused:] == []
    return fake.sent()[before:]


def buttons(count, label="Opción {}"):
    return tuple(Button(label.format(i), f"pick:{i}") for i in range(1, count + 1))


def interactive(payload):
    assert payload["type"] == "interactive"
    return payload["interactive"]


def rows(payload):
    return [row for section in interactive(payload)["action"]["sections"]
            for row in section["rows"]]


def test_every_payload_is_addressed_to_the_chat(fake, tmp_path):
    [payload] = sent_for(fake, tmp_path, Reply("¡Hola! ¿Qué necesitás?"))
    assert payload == {"messaging_product": "whatsapp", "recipient_type": "individual",
                       "to": CUSTOMER, "type": "text",
                       "text": {"body": "¡Hola! ¿Qué necesitás?"}}


@pytest.mark.parametrize("count", [1, 3])
def test_up_to_three_buttons_are_reply_buttons(fake, tmp_path, count):
    [payload] = sent_for(fake, tmp_path, Reply("¿Confirmás?", buttons(count)))
    body = interactive(payload)
    assert body["type"] == "button" and body["body"] == {"text": "¿Confirmás?"}
    assert [b["reply"] for b in body["action"]["buttons"]] == [
        {"id": f"pick:{i}", "title": f"Opción {i}"} for i in range(1, count + 1)]


@pytest.mark.parametrize("count", [4, 10])
def test_four_to_ten_buttons_are_one_list(fake, tmp_path, count):
    [payload] = sent_for(fake, tmp_path, Reply("Elegí un producto", buttons(count)))
    body = interactive(payload)
    assert body["type"] == "list" and body["body"] == {"text": "Elegí un producto"}
    assert body["action"]["button"] == "Elegí una opción"
    assert [(r["id"], r["title"]) for r in rows(payload)] == [
        (f"pick:{i}", f"Opción {i}") for i in range(1, count + 1)]


@pytest.mark.parametrize(("count", "pages"), [(13, [10, 3]), (30, [10, 10, 10])])
def test_more_than_ten_buttons_are_several_lists(fake, tmp_path, count, pages):
    payloads = sent_for(fake, tmp_path, Reply("Catálogo", buttons(count)))
    assert [len(rows(p)) for p in payloads] == pages
    assert [interactive(p)["body"]["text"] for p in payloads] == \
        ["Catálogo"] + ["Más opciones"] * (len(pages) - 1)
    assert [r["id"] for p in payloads for r in rows(p)] == [f"pick:{i}"
                                                            for i in range(1, count + 1)]


def test_long_button_labels_are_cut_and_kept_apart(fake, tmp_path):
    reply = Reply("¿Cuál?", (Button("Yerba mate orgánica de 1 kg", "sku:1"),
                             Button("Yerba mate orgánica de 500 g", "sku:2"),
                             Button("Mate", "sku:3")))
    [payload] = sent_for(fake, tmp_path, reply)
    titles = [b["reply"]["title"] for b in interactive(payload)["action"]["buttons"]]
    assert titles[0] == "Yerba mate orgánica…"
    assert titles[1] != titles[0] and titles[1].startswith("Yerba mate")
    assert titles[2] == "Mate"


def test_a_cut_list_row_shows_the_whole_label_below(fake, tmp_path):
    long = "Kit de mate con bombilla de alpaca y yerbera"
    reply = Reply("Productos", (Button(long, "sku:kit"), *buttons(3)))
    [payload] = sent_for(fake, tmp_path, reply)
    first, second = rows(payload)[:2]
    assert first["title"] == "Kit de mate con bombill…"
    assert first["description"] == long
    assert "description" not in second


def test_repeated_payloads_are_offered_once(fake, tmp_path):
    reply = Reply("¿Seguro?", (Button("Sí", "yes"), Button("Dale", "yes"), Button("No", "no")))
    [payload] = sent_for(fake, tmp_path, reply)
    assert [b["reply"]["id"] for b in interactive(payload)["action"]["buttons"]] == ["yes", "no"]


def paragraphs(count, size=700):
    return "\n\n".join(f"{i:03d}" + " palabra" * (size // 8) for i in range(count))


def test_a_long_text_is_split_at_paragraphs(fake, tmp_path):
    text = paragraphs(14)
    payloads = sent_for(fake, tmp_path, Reply(text))
    bodies = [p["text"]["body"] for p in payloads]
    assert len(bodies) > 2 and all(len(b) <= 4096 for b in bodies)
    assert all(b.startswith(tuple(f"{i:03d} " for i in range(14))) for b in bodies)
    assert "\n\n".join(bodies).split() == text.split()


def test_text_too_long_for_the_buttons_goes_before_them(fake, tmp_path):
    text = paragraphs(2)
    text_message, choice = sent_for(fake, tmp_path, Reply(text, buttons(2)))
    assert text_message["text"]["body"] == text
    assert interactive(choice)["body"]["text"] == "Elegí una opción"


def test_a_location_request_follows_the_buttons(fake, tmp_path):
    choice, request = sent_for(fake, tmp_path,
                               Reply("¿Dónde entregamos?", buttons(2), request_location=True))
    assert interactive(choice)["body"]["text"] == "¿Dónde entregamos?"
    assert interactive(request) == {
        "type": "location_request_message",
        "body": {"text": "O mandá tu ubicación con el botón de abajo 👇"},
        "action": {"name": "send_location"}}


def test_a_location_request_alone_carries_the_text(fake, tmp_path):
    [request] = sent_for(fake, tmp_path, Reply("Mandanos tu ubicación", request_location=True))
    assert interactive(request)["body"]["text"] == "Mandanos tu ubicación"


def test_asking_for_the_contact_adds_nothing(fake, tmp_path):
    [payload] = sent_for(fake, tmp_path, Reply("¿Tu número?", request_contact=True))
    assert payload["type"] == "text"


def test_channel_texts_follow_the_replys_language(fake, tmp_path):
    first, more = sent_for(fake, tmp_path, Reply("Pick one", buttons(12)), language="en")
    assert interactive(first)["action"]["button"] == "Choose an option"
    assert interactive(more)["body"]["text"] == "More options"


def pdf_reply(tmp_path, text, **kwargs):
    path = tmp_path / "stored-quote.pdf"
    path.write_bytes(PDF)
    return Reply(text, document=Document("cotizacion-00042.pdf", "application/pdf",
                                         str(path)), **kwargs)


def test_a_document_is_uploaded_then_sent_with_the_text_as_caption(fake, tmp_path):
    [payload] = sent_for(fake, tmp_path, pdf_reply(tmp_path, "Tu cotización N.º 42"))
    document = payload["document"]
    assert document["filename"] == "cotizacion-00042.pdf"
    assert document["caption"] == "Tu cotización N.º 42"
    uploaded = fake.media(document["id"])
    assert (uploaded.content, uploaded.mime_type, uploaded.filename) == (
        PDF, "application/pdf", "cotizacion-00042.pdf")


def test_a_document_with_buttons_leaves_the_text_to_the_buttons(fake, tmp_path):
    document, choice = sent_for(fake, tmp_path,
                                pdf_reply(tmp_path, "¿La aceptás?", buttons=buttons(2)))
    assert "caption" not in document["document"]
    assert interactive(choice)["body"]["text"] == "¿La aceptás?"


def test_text_too_long_for_a_caption_goes_first(fake, tmp_path):
    text = paragraphs(3)
    text_message, document = sent_for(fake, tmp_path, pdf_reply(tmp_path, text))
    assert text_message["text"]["body"] == text and "caption" not in document["document"]


def test_an_image_on_the_web_is_sent_by_link(fake, tmp_path):
    url = "https://shop.example/img/mate.jpg"
    [payload] = sent_for(fake, tmp_path, Reply("Mate imperial", image=url))
    assert payload["image"] == {"link": url, "caption": "Mate imperial"}


def test_a_stored_image_is_uploaded_with_its_real_type(fake, tmp_path):
    path = tmp_path / "mate"
    path.write_bytes(JPEG)
    [payload] = sent_for(fake, tmp_path, Reply("", image=str(path)))
    assert "caption" not in payload["image"]
    assert fake.media(payload["image"]["id"]).mime_type == "image/jpeg"


def test_an_empty_reply_sends_nothing(fake, tmp_path):
    assert sent_for(fake, tmp_path, Reply("  ")) == []
