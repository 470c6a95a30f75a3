"""Meta's webhook authentication: the X-Hub-Signature-256 header and the GET handshake."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

SIGNATURE_HEADER = "X-Hub-Signature-256"
_PREFIX = "sha256="


def signature_of(app_secret: str, body: bytes) -> str:
    """The header value Meta sends with `body`."""
    return _PREFIX + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(app_secret: str, body: bytes, header: str | None) -> bool:
    """Whether `header` is the HMAC-SHA256 of the raw body with the app secret."""
    if not app_secret or not header or not header.startswith(_PREFIX):
        return False
    expected = signature_of(app_secret, body).encode()
    return hmac.compare_digest(expected, header.strip().lower().encode("utf-8", "replace"))


def verification_challenge(params: Mapping[str, str], verify_token: str) -> str | None:
    """The hub.challenge to echo when Meta subscribes with our verify token, else None."""
    token = params.get("hub.verify_token") or ""
    if params.get("hub.mode") != "subscribe" or not verify_token:
        return None
    if not hmac.compare_digest(token.encode(), verify_token.encode()):
        return None
    return params.get("hub.challenge")
