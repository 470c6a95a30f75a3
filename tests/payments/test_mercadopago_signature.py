"""The x-signature check of MercadoPago webhook notifications."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from bot.channel import Unauthentic
from bot.payments.mercadopago_signature import signature_for, verified_data_id

SECRET = "f3b1c8a2d94e4c0b8e7a6d5c4b3a2918"
REQUEST_ID = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e"
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
TS_MS = int(NOW.timestamp() * 1000)


def notification(data_id: str = "1319876543", ts: int = TS_MS, secret: str = SECRET,
                 request_id: str = REQUEST_ID) -> tuple[dict[str, str], dict[str, str]]:
    headers = {"x-signature": signature_for(secret, data_id, request_id, ts),
               "x-request-id": request_id, "content-type": "application/json"}
    return headers, {"data.id": data_id, "type": "payment"}


def check(headers: dict[str, str], query: dict[str, str], now: datetime = NOW) -> str:
    return verified_data_id(SECRET, headers, query, now)


@pytest.mark.parametrize("ts", [TS_MS, TS_MS // 1000], ids=["milliseconds", "seconds"])
def test_a_signed_notification_gives_its_data_id(ts):
    assert check(*notification(ts=ts)) == "1319876543"


def test_header_names_are_read_in_any_case():
    headers, query = notification()
    assert check({name.title(): value for name, value in headers.items()}, query)


def test_an_alphanumeric_id_is_signed_lower_cased_and_given_back_as_sent():
    headers, query = notification("ORD01JQ4S4KY8HWQ6NA5PXB65B3D3")
    assert signature_for(SECRET, "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3", REQUEST_ID, TS_MS) \
        == signature_for(SECRET, "ord01jq4s4ky8hwq6na5pxb65b3d3", REQUEST_ID, TS_MS)
    assert check(headers, query) == "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3"


def test_the_documented_manifest_is_what_is_signed():
    manifest = f"id:123;request-id:{REQUEST_ID};ts:{TS_MS};"
    digest = hmac.new(SECRET.encode(), manifest.encode(), hashlib.sha256).hexdigest()
    assert signature_for(SECRET, "123", REQUEST_ID, TS_MS) == f"ts={TS_MS},v1={digest}"


def test_another_secret_is_refused():
    with pytest.raises(Unauthentic, match="SignatureMismatch"):
        check(*notification(secret="someone-else"))


@pytest.mark.parametrize("tamper", [
    lambda headers, query: query.update({"data.id": "1319876544"}),
    lambda headers, query: headers.update({"x-request-id": "another-request"}),
    lambda headers, query: headers.update(
        {"x-signature": headers["x-signature"].replace(f"ts={TS_MS}", f"ts={TS_MS + 1}")}),
], ids=["data-id", "request-id", "ts"])
def test_a_tampered_notification_is_refused(tamper):
    headers, query = notification()
    tamper(headers, query)
    with pytest.raises(Unauthentic, match="SignatureMismatch"):
        check(headers, query)


@pytest.mark.parametrize("signed_at, word", [
    (NOW - timedelta(minutes=6), "stale"), (NOW + timedelta(minutes=6), "in the future"),
    (NOW - timedelta(days=3), "stale"),
])
def test_a_notification_signed_too_long_ago_or_ahead_is_refused(signed_at, word):
    headers, query = notification(ts=int(signed_at.timestamp() * 1000))
    with pytest.raises(Unauthentic, match=word):
        check(headers, query)


def test_a_notification_within_the_tolerance_passes():
    headers, query = notification(ts=int((NOW - timedelta(minutes=4)).timestamp()))
    assert check(headers, query) == "1319876543"


@pytest.mark.parametrize("drop, reason", [
    ("x-signature", "no x-signature"), ("x-request-id", "no x-request-id"),
    ("data.id", "no data.id"),
])
def test_a_notification_missing_a_part_is_refused(drop, reason):
    headers, query = notification()
    headers.pop(drop, None)
    query.pop(drop, None)
    with pytest.raises(Unauthentic, match=reason):
        check(headers, query)


@pytest.mark.parametrize("header, reason", [
    ("garbage", "MalformedSignatureHeader"), ("v1=abc", "MissingTimestamp"),
    (f"ts={TS_MS}", "MissingHash"), ("ts=yesterday,v1=abc", "MalformedSignatureHeader"),
    ("   ", "no x-signature"),
])
def test_a_malformed_signature_header_is_refused(header, reason):
    headers, query = notification()
    headers["x-signature"] = header
    with pytest.raises(Unauthentic, match=reason):
        check(headers, query)
