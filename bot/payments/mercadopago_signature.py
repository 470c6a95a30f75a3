"""Is a webhook request really from MercadoPago? The `x-signature` header carries `ts` and
`v1`, the HMAC-SHA256 (with the application's secret) of the manifest
`id:{data.id};request-id:{x-request-id};ts:{ts};`."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from mercadopago.webhook import InvalidWebhookSignatureError, WebhookSignatureValidator

from bot.channel import Unauthentic

MILLISECONDS_FROM = 10**11  # a ts this large is in ms (as seconds it would be year 5138)


def verified_data_id(secret: str, headers: Mapping[str, str], query: Mapping[str, str],
                     now: datetime, tolerance: timedelta = timedelta(minutes=5)) -> str:
    """The `data.id` of a notification whose signature checks out and whose timestamp is
    within `tolerance` of `now`; Unauthentic, saying why, otherwise."""
    lowered = {name.lower(): value for name, value in headers.items()}
    signature, request_id = lowered.get("x-signature"), lowered.get("x-request-id")
    data_id = (query.get("data.id") or "").strip()
    if not signature or not signature.strip():
        raise Unauthentic("mercadopago: no x-signature header")
    if not request_id or not request_id.strip():
        raise Unauthentic("mercadopago: no x-request-id header")
    if not data_id:
        raise Unauthentic("mercadopago: no data.id in the query string")
    try:
        WebhookSignatureValidator.validate(signature, request_id, _manifest_id(data_id), secret)
    except InvalidWebhookSignatureError as error:
        raise Unauthentic(f"mercadopago: {error.reason.value} "
                          f"(x-request-id {request_id})") from None
    _check_fresh(_timestamp(signature), now, tolerance, request_id)
    return data_id


def signature_for(secret: str, data_id: str | None, request_id: str | None, ts: int) -> str:
    """The x-signature header MercadoPago would send (for tests and local trials)."""
    parts = []
    if data_id:
        parts.append(f"id:{_manifest_id(data_id)}")
    if request_id:
        parts.append(f"request-id:{request_id}")
    manifest = ";".join([*parts, f"ts:{ts}"]) + ";"
    digest = hmac.new(secret.encode(), manifest.encode(), hashlib.sha256).hexdigest()
    return f"ts={ts},v1={digest}"


def _manifest_id(data_id: str) -> str:
    """MercadoPago signs alphanumeric ids lower-cased."""
    return data_id.lower() if data_id.isalnum() else data_id


def _timestamp(signature: str) -> datetime:
    """`ts` of a header the validator accepted; seconds in MercadoPago's documentation,
    milliseconds in the notifications it sends: told apart by size."""
    pairs = {key.strip().lower(): value
             for key, _, value in (part.partition("=") for part in signature.split(","))}
    ts = int(pairs["ts"])
    seconds = ts / 1000 if ts >= MILLISECONDS_FROM else ts
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise Unauthentic(f"mercadopago: ts {ts} is no moment") from None


def _check_fresh(signed_at: datetime, now: datetime, tolerance: timedelta,
                 request_id: str) -> None:
    drift = now - signed_at
    if abs(drift) > tolerance:
        when = "stale" if drift > tolerance else "in the future"
        raise Unauthentic(f"mercadopago: the signature's ts {signed_at.isoformat()} is "
                          f"{when} (x-request-id {request_id})")
