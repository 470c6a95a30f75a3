from __future__ import annotations

import pytest

from bot.whatsapp.signature import verification_challenge, verify_signature
from tests.channels.whatsapp_payloads import APP_SECRET, encoded, sign, text

BODY = encoded(text("hola", message_id="wamid.HBgNNTQ5MTEyMjMzNDQ1NRUCABIYFjNFQjBDMEE2"))


def test_a_body_signed_with_the_app_secret_is_authentic():
    assert verify_signature(APP_SECRET, BODY, sign(BODY))


def test_a_body_signed_with_another_secret_is_not():
    assert not verify_signature(APP_SECRET, BODY, sign(BODY, "another-secret"))


def test_a_body_changed_after_signing_is_not():
    assert not verify_signature(APP_SECRET, BODY.replace(b"hola", b"chau"), sign(BODY))


@pytest.mark.parametrize("header", [
    None, "", "sha256=", "sha1=" + "0" * 40, sign(BODY)[len("sha256="):], "sha256=zz",
    sign(BODY) + "00", "sha256=ñandú", "sha256=" + "0" * 64,
])
def test_a_missing_or_malformed_signature_is_not(header):
    assert not verify_signature(APP_SECRET, BODY, header)


def test_no_app_secret_authenticates_nothing():
    assert not verify_signature("", BODY, sign(BODY, ""))


SUBSCRIBE = {"hub.mode": "subscribe", "hub.verify_token": "s3cret", "hub.challenge": "1158201444"}


def test_the_handshake_echoes_the_challenge_for_our_verify_token():
    assert verification_challenge(SUBSCRIBE, "s3cret") == "1158201444"


@pytest.mark.parametrize("params", [
    {**SUBSCRIBE, "hub.verify_token": "guess"},
    {**SUBSCRIBE, "hub.mode": "unsubscribe"},
    {"hub.challenge": "1158201444"},
    {},
])
def test_the_handshake_refuses_anything_else(params):
    assert verification_challenge(params, "s3cret") is None


def test_an_empty_verify_token_verifies_nobody():
    assert verification_challenge({**SUBSCRIBE, "hub.verify_token": ""}, "") is None
