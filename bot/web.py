"""The web server every platform calls: Telegram and WhatsApp webhooks, health, and the
payment and carrier webhooks that mount their own routes.

A webhook request is checked (secret token, HMAC signature), kept in the database and
acknowledged; handling it comes after (bot/ingest.py). Platforms retry what was not
acknowledged, so a failure to keep it answers 503 and nothing is lost."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.ingest import InboundStore
from bot.telegram.updates import telegram_chat_key
from bot.whatsapp.signature import verification_challenge, verify_signature
from bot.whatsapp.updates import whatsapp_chat_key
from storage.repositories.inbound import Inbound

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 1024 * 1024  # updates are a few KB; files are fetched separately
TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
WHATSAPP_SIGNATURE_HEADER = "X-Hub-Signature-256"


@dataclass(frozen=True)
class WebhookSecrets:
    """None for a platform that is not configured: its route answers 404."""

    telegram_secret: str | None = None
    whatsapp_app_secret: str | None = None
    whatsapp_verify_token: str | None = None


def web_app(store: InboundStore, secrets: WebhookSecrets,
            health: Callable[[], Awaitable[dict[str, Any]]],
            more_routes: Iterable[web.AbstractRouteDef] = ()) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    routes = web.RouteTableDef()

    @routes.get("/health")
    async def _health(_request: web.Request) -> web.Response:
        try:
            return web.json_response({"status": "ok", **await health()})
        except Exception as error:
            log.error("health check failed: %s", error)
            return web.json_response({"status": "unavailable"}, status=503)

    @routes.post("/telegram/webhook")
    async def _telegram(request: web.Request) -> web.Response:
        secret = secrets.telegram_secret
        if secret is None:
            raise web.HTTPNotFound()
        given = request.headers.get(TELEGRAM_SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            log.warning("Telegram webhook from %s refused: wrong secret token", request.remote)
            raise web.HTTPUnauthorized()
        update = _parsed(await request.read(), "Telegram")
        if not isinstance(update.get("update_id"), int):
            log.warning("Telegram webhook refused: no update_id")
            raise web.HTTPBadRequest(text="an update needs its update_id")
        return await _keep(store, Inbound("telegram", str(update["update_id"]),
                                          telegram_chat_key(update), update))

    @routes.get("/whatsapp/webhook")
    async def _whatsapp_verification(request: web.Request) -> web.Response:
        token = secrets.whatsapp_verify_token
        challenge = verification_challenge(request.query, token) if token else None
        if challenge is None:
            log.warning("WhatsApp webhook verification from %s refused", request.remote)
            raise web.HTTPForbidden()
        return web.Response(text=challenge)

    @routes.post("/whatsapp/webhook")
    async def _whatsapp(request: web.Request) -> web.Response:
        app_secret = secrets.whatsapp_app_secret
        if app_secret is None:
            raise web.HTTPNotFound()
        signature = request.headers.get(WHATSAPP_SIGNATURE_HEADER)
        if not signature:
            log.warning("WhatsApp webhook from %s refused: not signed", request.remote)
            raise web.HTTPUnauthorized()
        body = await request.read()
        if not verify_signature(app_secret, body, signature):
            log.warning("WhatsApp webhook from %s refused: wrong signature", request.remote)
            raise web.HTTPForbidden()
        update = _parsed(body, "WhatsApp")
        # Meta retries a body unchanged for hours: the same bytes are the same update.
        return await _keep(store, Inbound("whatsapp", hashlib.sha256(body).hexdigest(),
                                          whatsapp_chat_key(update), update))

    app.add_routes(routes)
    app.add_routes(list(more_routes))
    return app


def _parsed(body: bytes, platform: str) -> dict[str, Any]:
    try:
        update = json.loads(body)
    except ValueError:
        log.warning("%s webhook refused: the body is not JSON", platform)
        raise web.HTTPBadRequest(text="the body must be a JSON object") from None
    if not isinstance(update, dict):
        log.warning("%s webhook refused: the body is not a JSON object", platform)
        raise web.HTTPBadRequest(text="the body must be a JSON object")
    return update


async def _keep(store: InboundStore, update: Inbound) -> web.Response:
    try:
        await store.keep(update)
    except Exception:  # logged by the store; the platform sends it again
        raise web.HTTPServiceUnavailable() from None
    return web.Response(text="ok")
