from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from bot.channel import Undeliverable
from bot.config.channels import WhatsAppTemplate
from bot.whatsapp.graph import GraphError
from dialogs.contract import Button, Outgoing, Reply
from tests.channels.fake_graph import TEMPLATE, CountingBucket, running_fake, with_adapter
from tests.channels.whatsapp_payloads import CUSTOMER

fake = pytest.fixture(scope="module")(running_fake)
NOW = datetime(2024, 6, 3, 16, 0, tzinfo=UTC)
REPLY = Reply("Tu pedido N.º 42\n\nsalió hoy\tpor Andreani", (Button("Ver pedido", "order:42"),))


def send(fake, tmp_path, reply=REPLY, **kwargs):
    """The payloads the fake accepted for the reply."""
    before = len(fake.sent())
    outgoing = Outgoing("whatsapp", CUSTOMER, reply, {"language": "es"})
    with_adapter(fake, tmp_path, lambda adapter: adapter.send(outgoing), clock=lambda: NOW,
                 **kwargs)
    return fake.sent()[before:]


def wrote(ago):
    return lambda chat_id: None if ago is None else NOW - ago


def test_within_24_hours_the_reply_goes_as_it_is(fake, tmp_path):
    asked = []
    [payload] = send(fake, tmp_path, last_inbound=lambda chat: asked.append(chat) or
                     NOW - timedelta(hours=23, minutes=59))
    assert payload["type"] == "interactive" and asked == [CUSTOMER]


def test_a_naive_last_message_time_is_utc(fake, tmp_path):
    [payload] = send(fake, tmp_path, last_inbound=lambda chat: datetime(2024, 6, 3, 15, 0))
    assert payload["type"] == "interactive"


@pytest.mark.parametrize("ago", [timedelta(hours=24, seconds=1), timedelta(days=30), None])
def test_outside_24_hours_the_template_goes_instead(fake, tmp_path, ago):
    [payload] = send(fake, tmp_path, last_inbound=wrote(ago))
    assert payload["type"] == "template"
    assert payload["template"] == {
        "name": TEMPLATE, "language": {"code": "es_AR"},
        "components": [{"type": "body", "parameters": [
            {"type": "text", "text": "Tu pedido N.º 42 salió hoy por Andreani"}]}]}


def test_a_long_reply_is_cut_to_fit_the_template(fake, tmp_path):
    [payload] = send(fake, tmp_path, Reply("palabra\n" * 400), last_inbound=wrote(None))
    text = payload["template"]["components"][0]["parameters"][0]["text"]
    assert len(text) == 1024 and text.endswith("…") and "\n" not in text


def test_outside_24_hours_without_a_template_the_message_is_given_up(fake, tmp_path):
    with pytest.raises(Undeliverable):
        send(fake, tmp_path, last_inbound=wrote(timedelta(days=2)), outside_24h_template=None)


def test_a_template_meta_does_not_know_is_given_up(fake, tmp_path):
    unknown = WhatsAppTemplate(name="not_approved_yet", language="es_AR")
    with pytest.raises(Undeliverable, match="132001"):
        send(fake, tmp_path, last_inbound=wrote(None), outside_24h_template=unknown)


def test_when_meta_says_the_window_closed_the_template_goes(fake, tmp_path):
    fake.fail_next(131047)
    [payload] = send(fake, tmp_path)
    assert payload["type"] == "template"
    assert fake.refused()[-1][1] == 131047


@pytest.mark.parametrize("code", [130429, 131056, 80007, 4])
def test_a_throttled_send_is_tried_again_and_delivered(fake, tmp_path, code):
    refused = len(fake.refused())
    fake.fail_next(code, times=2)
    [payload] = send(fake, tmp_path)
    assert payload["type"] == "interactive"
    assert [c for _, c in fake.refused()[refused:]] == [code, code]


def test_throttling_that_does_not_stop_is_left_to_the_dispatcher(fake, tmp_path):
    fake.fail_next(130429, times=4)
    with pytest.raises(GraphError) as raised:
        send(fake, tmp_path)
    assert raised.value.code == 130429 and not isinstance(raised.value, Undeliverable)


@pytest.mark.parametrize("code", [131026, 131051, 131052, 131008, 131009, 100])
def test_a_refused_message_is_undeliverable_and_logged(fake, tmp_path, caplog, code):
    fake.fail_next(code)
    with caplog.at_level(logging.WARNING, "bot.whatsapp.adapter"), \
            pytest.raises(Undeliverable):
        send(fake, tmp_path)
    assert str(code) in caplog.text


def test_a_wrong_access_token_is_tried_again_once_fixed_not_given_up(fake, tmp_path, caplog):
    with caplog.at_level(logging.ERROR, "bot.whatsapp.adapter"), \
            pytest.raises(GraphError) as raised:
        send(fake, tmp_path, access_token="expired")
    assert raised.value.code == 190 and not isinstance(raised.value, Undeliverable)
    assert "credentials" in caplog.text


@pytest.mark.parametrize("code", [131000, 131016])
def test_a_server_error_is_left_to_the_dispatcher(fake, tmp_path, code):
    fake.fail_next(code)
    with pytest.raises(GraphError) as raised:
        send(fake, tmp_path)
    assert raised.value.status >= 500


def test_a_network_error_is_left_to_the_dispatcher(tmp_path):
    from tests.channels.fake_graph import FakeGraph
    with FakeGraph() as stopped:
        pass  # its port is closed now
    with pytest.raises(aiohttp.ClientError):
        send(stopped, tmp_path)


def test_each_post_takes_a_throughput_token(fake, tmp_path):
    bucket = CountingBucket()
    reply = Reply("Elegí", tuple(Button(f"Opción {i}", f"p:{i}") for i in range(12)))

    async def use(adapter):
        adapter.throughput = bucket
        await adapter.send(Outgoing("whatsapp", CUSTOMER, reply))

    before = len(fake.sent())
    with_adapter(fake, tmp_path, use)
    assert bucket.taken == len(fake.sent()) - before == 2
