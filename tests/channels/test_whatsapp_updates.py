from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bot.channel import DeliveryStatus, Received
from bot.whatsapp.updates import whatsapp_chat_key
from dialogs.contract import Attachment, Contact, Location, OrderedItem
from tests.channels import whatsapp_payloads as wa
from tests.channels.fake_graph import CountingBucket, running_fake, with_adapter

fake = pytest.fixture(scope="module")(running_fake)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


def receive(fake, tmp_path, body, **kwargs) -> Received:
    return with_adapter(fake, tmp_path, lambda adapter: adapter.received(body), **kwargs)


def only_message(fake, tmp_path, body, **kwargs):
    received = receive(fake, tmp_path, body, **kwargs)
    assert len(received.messages) == 1 and received.statuses == []
    return received.messages[0]


def test_a_text_comes_from_the_senders_number(fake, tmp_path):
    body = wa.text("Hola, quiero 2 cajas", message_id="wamid.ABC123")
    message = only_message(fake, tmp_path, body)
    assert (message.channel, message.chat_id, message.sender_id) == (
        "whatsapp", wa.CUSTOMER, wa.CUSTOMER)
    assert message.message_id == "wamid.ABC123"
    assert message.text == "Hola, quiero 2 cajas"
    assert message.reply_to is None


def test_a_reply_names_the_message_it_answers(fake, tmp_path):
    body = wa.text("sí, ese", message_id="wamid.ANSWER")
    body["entry"][0]["changes"][0]["value"]["messages"][0]["context"] = {
        "from": wa.DISPLAY_NUMBER, "id": "wamid.RELAYED"}
    assert only_message(fake, tmp_path, body).reply_to == "wamid.RELAYED"


@pytest.mark.parametrize("body", [
    wa.button_reply("cart:checkout", "Pagar"),
    wa.list_reply("cart:checkout", "Pagar", "Ir a pagar"),
    wa.quick_reply("cart:checkout", "Pagar"),
], ids=["reply button", "list row", "template quick reply"])
def test_a_pressed_button_gives_its_payload(fake, tmp_path, body):
    message = only_message(fake, tmp_path, body)
    assert message.button == "cart:checkout" and message.text is None


def test_a_shared_location(fake, tmp_path):
    message = only_message(fake, tmp_path, wa.location(-34.6037, -58.3816))
    assert message.location == Location(-34.6037, -58.3816)


def test_a_shared_contact_gives_its_whatsapp_number(fake, tmp_path):
    message = only_message(fake, tmp_path,
                           wa.contacts("Bruno Díaz", "+54 9 11 5555-0000", wa_id="5491155550000"))
    assert message.contact == Contact("+5491155550000", "Bruno Díaz")


def test_a_contact_not_on_whatsapp_gives_the_number_as_written(fake, tmp_path):
    message = only_message(fake, tmp_path, wa.contacts("Bruno Díaz", "+54 11 4444-0000"))
    assert message.contact == Contact("+54 11 4444-0000", "Bruno Díaz")


def test_an_image_is_fetched_with_the_token_and_kept(fake, tmp_path):
    fake.add_media("770001", PNG, "image/png")
    message = only_message(fake, tmp_path,
                           wa.media("image", "770001", "image/png", caption="mi comprobante"))
    attachment = message.attachment
    assert Path(attachment.file_ref).read_bytes() == PNG
    assert Path(attachment.file_ref).is_relative_to(tmp_path)
    assert (attachment.mime_type, attachment.size, attachment.caption) == (
        "image/png", len(PNG), "mi comprobante")
    assert "770001" in fake.downloads()


def test_a_document_is_typed_by_its_bytes_not_by_what_it_claims(fake, tmp_path):
    fake.add_media("770002", PDF, "application/pdf")
    fake.add_media("770003", b"MZ\x90\x00 not a pdf", "application/pdf")
    pdf = only_message(fake, tmp_path, wa.media("document", "770002", "application/pdf",
                                                filename="transferencia.pdf"))
    fake_pdf = only_message(fake, tmp_path, wa.media("document", "770003", "application/pdf",
                                                     filename="factura.pdf"))
    assert pdf.attachment.mime_type == "application/pdf"
    assert pdf.attachment.file_ref.endswith("transferencia.pdf")
    assert fake_pdf.attachment.mime_type == "application/octet-stream"


def test_a_file_over_25_mb_is_left_on_metas_servers(fake, tmp_path):
    fake.add_media("770004", PDF, "application/pdf", declared_size=30 * 1024 * 1024)
    message = only_message(fake, tmp_path, wa.media("document", "770004", "application/pdf",
                                                    filename="big.pdf"))
    assert message.attachment == Attachment("whatsapp:770004", "application/octet-stream",
                                            30 * 1024 * 1024)
    assert "770004" not in fake.downloads()


def test_media_that_cannot_be_fetched_is_named_not_lost(fake, tmp_path):
    message = only_message(fake, tmp_path, wa.media("image", "404404", "image/jpeg"))
    assert message.attachment.file_ref == "whatsapp:404404"


def test_media_is_fetched_only_with_our_bearer_token(fake, tmp_path):
    fake.add_media("770005", PNG, "image/png")
    downloads = len(fake.downloads())
    refused = only_message(fake, tmp_path, wa.media("image", "770005", "image/png"),
                           access_token="somebody-elses-token")
    assert refused.attachment.file_ref == "whatsapp:770005"
    assert len(fake.downloads()) == downloads


@pytest.mark.parametrize(("kind", "mime", "extra"), [
    ("audio", "audio/ogg; codecs=opus", {"voice": True}),
    ("video", "video/mp4", {"caption": "mirá"}),
    ("sticker", "image/webp", {"animated": False}),
])
def test_sound_video_and_stickers_are_named_without_being_fetched(fake, tmp_path, kind, mime,
                                                                   extra):
    downloads = len(fake.downloads())
    message = only_message(fake, tmp_path, wa.media(kind, "880001", mime, **extra))
    assert message.attachment == Attachment("whatsapp:880001", mime, 0)
    assert len(fake.downloads()) == downloads


def test_a_catalog_order_gives_its_items_with_decimal_prices(fake, tmp_path):
    body = wa.order([("YER-500", 3, 2450.5, "ARS"), ("MATE-01", 1, 12000, "ARS")],
                    note="Entregar por la tarde")
    message = only_message(fake, tmp_path, body)
    assert message.order == (OrderedItem("YER-500", 3, Decimal("2450.5"), "ARS"),
                             OrderedItem("MATE-01", 1, Decimal("12000"), "ARS"))
    assert message.text == "Entregar por la tarde"


def test_an_order_without_a_note_has_no_text(fake, tmp_path):
    message = only_message(fake, tmp_path, wa.order([("YER-500", 1, 0.1, "ARS")]))
    assert message.text is None and message.order[0].unit_price == Decimal("0.1")


@pytest.mark.parametrize("body", [
    wa.reaction("wamid.XYZ"), wa.unsupported(), wa.incoming("system", {"body": "changed"}),
    wa.incoming("unknown", {}), wa.text("hola", phone_number_id="999999999999"),
], ids=["reaction", "unsupported", "system", "unknown", "another number"])
def test_what_the_dialogs_cannot_use_is_ignored(fake, tmp_path, body):
    assert receive(fake, tmp_path, body) == Received()


@pytest.mark.parametrize("state", ["sent", "delivered", "read"])
def test_delivery_statuses(fake, tmp_path, state):
    received = receive(fake, tmp_path, wa.status(state, "wamid.OUT1"))
    assert received.statuses == [DeliveryStatus(
        "whatsapp", wa.CUSTOMER, "wamid.OUT1", state,
        datetime(2024, 6, 3, 16, 0, tzinfo=UTC))]
    assert received.messages == []


def test_a_failed_status_says_why(fake, tmp_path):
    received = receive(fake, tmp_path, wa.status(
        "failed", "wamid.OUT2", error=(131047, "Re-engagement message")))
    assert received.statuses[0].status == "failed"
    assert received.statuses[0].error == "131047 Re-engagement message"


def mangled(path, value):
    body = wa.text("hola")
    target = body
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return body


MESSAGE = ("entry", 0, "changes", 0, "value", "messages", 0)
MALFORMED = [
    None, [], "texto", 42, {}, {"object": "page", "entry": []},
    {"object": "whatsapp_business_account", "entry": "x"},
    {"object": "whatsapp_business_account", "entry": [{"changes": [None, 3]}]},
    mangled(("entry", 0, "changes", 0, "value"), []),
    mangled(("entry", 0, "changes", 0, "value", "metadata"), "x"),
    mangled(("entry", 0, "changes", 0, "value", "messages"), {"a": 1}),
    mangled((*MESSAGE, "from"), None),
    mangled((*MESSAGE, "id"), 17),
    mangled((*MESSAGE, "type"), ["text"]),
    mangled((*MESSAGE, "text"), {"body": 5}),
    mangled((*MESSAGE, "text"), "hola"),
    wa.location("north", "west"), wa.location(123.0, 0.0),
    wa.contacts("Bruno", "", wa_id=None), wa.incoming("contacts", []),
    wa.order([("A", "2", 1.0, "ARS")]), wa.order([("A", 0, 1.0, "ARS")]),
    wa.order([("A", 1, "abc", "ARS")]), wa.order([("A", 1, float("nan"), "ARS")]),
    wa.order([]), wa.media("image", "../../etc/passwd", "image/png"),
    wa.media("image", None, "image/png"), wa.incoming("interactive", {"type": "button_reply"}),
    wa.status("sent", "wamid.X", timestamp="soon"),
    wa.status("sent", "wamid.X", timestamp=10 ** 20),
    wa.status("deleted", "wamid.X"), wa.status("sent", None),
]


@pytest.mark.parametrize("body", MALFORMED)
def test_a_malformed_body_gives_nothing_and_raises_nothing(fake, tmp_path, body):
    assert receive(fake, tmp_path, body) == Received()


def test_a_malformed_message_does_not_cost_its_neighbours(fake, tmp_path):
    body = wa.text("primero")
    messages = body["entry"][0]["changes"][0]["value"]["messages"]
    messages += [{"from": wa.CUSTOMER, "type": "text"}, wa.text("tercero")["entry"][0][
        "changes"][0]["value"]["messages"][0]]
    received = receive(fake, tmp_path, body)
    assert [m.text for m in received.messages] == ["primero", "tercero"]


def test_each_received_message_takes_a_throughput_token(fake, tmp_path):
    body = wa.text("uno")
    value = body["entry"][0]["changes"][0]["value"]
    value["messages"].append(wa.text("dos")["entry"][0]["changes"][0]["value"]["messages"][0])
    value["statuses"] = wa.status("read", "wamid.OUT3")["entry"][0]["changes"][0]["value"][
        "statuses"]
    bucket = CountingBucket()

    async def use(adapter):
        adapter.throughput = bucket
        return await adapter.received(body)

    received = with_adapter(fake, tmp_path, use)
    assert len(received.messages) == 2 and len(received.statuses) == 1
    assert bucket.taken == 2


def test_the_chat_of_a_body_is_read_before_validation_for_ordering():
    assert whatsapp_chat_key(wa.text("hola")) == f"whatsapp:{wa.CUSTOMER}"
    assert whatsapp_chat_key(wa.status("read", "wamid.X")) is None
    assert whatsapp_chat_key({"object": "whatsapp_business_account", "entry": "x"}) is None
