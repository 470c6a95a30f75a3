"""The web server: only authentic webhook requests are kept, each update is handled once,
oversized and malformed bodies are refused with the right status, and what is not a
message is recorded or ignored without a reply."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from bot.web import MAX_BODY_BYTES
from storage.schema import inbound_updates
from tests.channels import whatsapp_payloads as wa
from tests.channels.fake_graph import FakeGraph
from tests.channels.fake_telegram import FakeTelegram
from tests.channels.server_harness import (
    TELEGRAM_SECRET,
    VERIFY_TOKEN,
    RunningServer,
    config_with_channels,
    wait_for,
)
from tests.channels.telegram_updates import ANA, text_update


class Platforms:
    def __init__(self, server: RunningServer, graph: FakeGraph, telegram: FakeTelegram):
        self.server, self.graph, self.telegram = server, graph, telegram

    def whatsapp(self, body: dict | bytes, signature: str | None = "sign",
                 **headers: str) -> requests.Response:
        raw = body if isinstance(body, bytes) else wa.encoded(body)
        if signature == "sign":
            headers["X-Hub-Signature-256"] = wa.sign(raw)
        elif signature is not None:
            headers["X-Hub-Signature-256"] = signature
        return requests.post(f"{self.server.url}/whatsapp/webhook", data=raw,
                             headers={"Content-Type": "application/json", **headers}, timeout=30)

    def telegram_webhook(self, body: dict | bytes,
                         secret: str | None = TELEGRAM_SECRET) -> requests.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        kwargs = {"data": body} if isinstance(body, bytes) else {"json": body}
        return requests.post(f"{self.server.url}/telegram/webhook", headers=headers,
                             timeout=30, **kwargs)

    def kept(self) -> int:
        with self.server.app.uow() as uow:
            return uow.session.execute(select(func.count()).select_from(inbound_updates)
                                       ).scalar_one()

    def handled_all(self) -> bool:
        with self.server.app.uow() as uow:
            return uow.inbound.waiting() == 0


@pytest.fixture
def platforms(database_url: str, tmp_path: Path) -> Iterator[Platforms]:
    with FakeGraph() as graph, FakeTelegram() as telegram:
        config = config_with_channels(tmp_path, telegram.url, graph.url)
        with RunningServer(config, database_url, tmp_path / "files") as server:
            yield Platforms(server, graph, telegram)


def test_health_answers_while_the_server_runs(platforms):
    answer = requests.get(f"{platforms.server.url}/health", timeout=10)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "updates_waiting": 0}


def test_meta_verifies_the_webhook_with_our_token_only(platforms):
    url = f"{platforms.server.url}/whatsapp/webhook"
    good = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN,
            "hub.challenge": "1158201444"}
    assert requests.get(url, params=good, timeout=10).text == "1158201444"
    wrong = requests.get(url, params={**good, "hub.verify_token": "guess"}, timeout=10)
    assert wrong.status_code == 403


@pytest.mark.parametrize("signature, status", [
    (None, 401),
    ("sha256=" + "0" * 64, 403),
    ("sha1=abc", 403),
    (wa.sign(b"another body"), 403),
])
def test_unsigned_or_forged_whatsapp_posts_are_refused_and_nothing_kept(
        platforms, signature, status):
    answer = platforms.whatsapp(wa.text("hola"), signature=signature)
    assert answer.status_code == status
    assert platforms.kept() == 0


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_telegram_posts_without_our_secret_token_are_refused(platforms, secret):
    answer = platforms.telegram_webhook(text_update(1, "hola"), secret=secret)
    assert answer.status_code == 401
    assert platforms.kept() == 0


def test_an_oversized_body_is_refused_before_it_is_read(platforms):
    huge = wa.encoded(wa.text("x" * (MAX_BODY_BYTES + 10)))
    assert platforms.whatsapp(huge).status_code == 413
    assert platforms.telegram_webhook(huge).status_code == 413
    assert platforms.kept() == 0


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', "ñ".encode("latin-1")])
def test_malformed_bodies_are_bad_requests(platforms, body):
    assert platforms.whatsapp(body).status_code == 400
    assert platforms.telegram_webhook(body).status_code == 400
    assert platforms.telegram_webhook({"message": {"text": "no update id"}}).status_code == 400
    assert platforms.kept() == 0


def test_a_replayed_update_is_handled_once(platforms):
    body = wa.text("hola", message_id="wamid.REPLAYED1")
    for _ in range(3):
        assert platforms.whatsapp(body).status_code == 200
    # Meta's retry may come in another envelope: the message id still tells it apart.
    retry = wa.text("hola", message_id="wamid.REPLAYED1")
    retry["entry"][0]["changes"][0]["value"]["contacts"][0]["profile"]["name"] = "Ana G."
    assert platforms.whatsapp(retry).status_code == 200
    assert platforms.kept() == 2
    wait_for(platforms.handled_all, what="the updates to be handled")
    sent = wait_for(platforms.graph.sent, what="the welcome")
    assert len([m for m in sent if m["to"] == wa.CUSTOMER]) >= 1
    with platforms.server.app.uow() as uow:
        assert uow.conversations.last_message_at("whatsapp", wa.CUSTOMER) is not None
    first = len(platforms.graph.sent())
    platforms.whatsapp(body)
    wait_for(platforms.handled_all, what="the replay to be handled")
    assert len(platforms.graph.sent()) == first


def test_statuses_are_recorded_and_what_is_not_a_message_gets_no_reply(platforms):
    for body in (wa.status("delivered", "wamid.OURS1"), wa.status("read", "wamid.OURS1"),
                 wa.reaction("wamid.OURS1"), wa.unsupported(),
                 {"object": "page", "entry": []}, {"object": "whatsapp_business_account"}):
        assert platforms.whatsapp(body).status_code == 200
    wait_for(platforms.handled_all, what="the updates to be handled")
    with platforms.server.app.uow() as uow:
        assert sorted(uow.deliveries.of_message("whatsapp", "wamid.OURS1")) == [
            "delivered", "read"]
    assert platforms.graph.sent() == []


def test_a_telegram_webhook_update_is_answered_through_the_bot_api(platforms):
    assert platforms.telegram_webhook(text_update(7001, "/start")).status_code == 200
    assert platforms.telegram_webhook(text_update(7001, "/start")).status_code == 200
    welcome = wait_for(lambda: platforms.telegram.sent(ANA.id), what="the welcome")
    assert "Café del Sur" in welcome[0]["text"]
    wait_for(platforms.handled_all)
    assert platforms.kept() == 1


@pytest.fixture
def telegram_with_extras(database_url: str, tmp_path: Path, request) -> Iterator[Platforms]:
    with FakeGraph() as graph, FakeTelegram() as telegram:
        config = config_with_channels(tmp_path, telegram.url, graph.url,
                                      telegram=request.param)
        with RunningServer(config, database_url, tmp_path / "files") as server:
            yield Platforms(server, graph, telegram)


@pytest.mark.parametrize("telegram_with_extras", [
    {"webhook_url": "https://shop.example.com/telegram/webhook"}], indirect=True)
def test_serve_registers_the_webhook_with_its_secret(telegram_with_extras):
    telegram = telegram_with_extras.telegram
    [call] = wait_for(lambda: telegram.calls("setWebhook"), what="the webhook to be set")
    assert call.params["url"] == "https://shop.example.com/telegram/webhook"
    assert call.params["secret_token"] == TELEGRAM_SECRET


@pytest.mark.parametrize("telegram_with_extras", [{"blocked": [str(ANA.id)]}], indirect=True)
def test_messages_from_blocked_senders_are_acknowledged_and_dropped(telegram_with_extras,
                                                                    caplog):
    platforms = telegram_with_extras
    with caplog.at_level(logging.INFO, logger="bot.ingest"):
        assert platforms.telegram_webhook(text_update(7101, "/start")).status_code == 200
        wait_for(platforms.handled_all, what="the update to be handled")
    assert platforms.telegram.sent(ANA.id) == []
    assert "blocked sender" in caplog.text
