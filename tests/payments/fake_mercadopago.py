"""A MercadoPago API on 127.0.0.1 for tests: Checkout Pro preferences, payments and refunds.

It checks what MercadoPago checks — the bearer token, the preference body, idempotency keys,
refundable amounts — and answers with MercadoPago's shapes. It runs in a thread of its own,
so tests drive it with plain calls."""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from aiohttp import web
from multidict import CIMultiDict

from domain.money import minor_unit

ACCESS_TOKEN = "APP_USR-1234567890123456-120115-0123456789abcdef0123456789abcdef-987654321"
COLLECTOR_ID = 987654321
CLIENT_ID = "1234567890123456"
ART = timezone(timedelta(hours=-3))
BACK_URLS = ("success", "failure", "pending")
BODY = web.RequestKey("body", object)  # the JSON body, numbers as Decimal


class Refused(Exception):
    """An answer MercadoPago gives instead of doing what was asked."""

    def __init__(self, status: int, message: str, error: str) -> None:
        super().__init__(message)
        self.status, self.message, self.error = status, message, error

    def body(self) -> dict[str, Any]:
        return {"message": self.message, "error": self.error, "status": self.status,
                "cause": []}


def _invalid(message: str, error: str = "bad_request") -> Refused:
    return Refused(400, message, error)


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _places_within(amount: int | Decimal, currency: str) -> bool:
    return amount == Decimal(amount).quantize(minor_unit(currency))


@dataclass(frozen=True)
class PreferenceRules:
    """The checks of POST /checkout/preferences, on the JSON body (numbers as Decimal)."""

    currency: str

    def check(self, body: object) -> None:
        if not isinstance(body, dict):
            raise _invalid("the body must be a JSON object")
        items = body.get("items")
        if not isinstance(items, list) or not items:
            raise _invalid("items needed", "invalid_items")
        for item in items:
            self._item(item)
        if not isinstance(body.get("external_reference"), str) \
                or not body["external_reference"]:
            raise _invalid("external_reference invalid", "invalid_external_reference")
        self._back_urls(body)
        self._shipments(body.get("shipments"))
        self._expiration(body)

    def _item(self, item: object) -> None:
        if not isinstance(item, dict):
            raise _invalid("items must be objects", "invalid_items")
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            raise _invalid("title needed", "invalid_items")
        quantity = item.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise _invalid("quantity invalid", "invalid_items")
        if item.get("currency_id") != self.currency:
            raise _invalid("currency_id invalid", "invalid_items")
        price = item.get("unit_price")
        if not _is_number(price) or price <= 0 or not _places_within(price, self.currency):
            raise _invalid("unit_price invalid", "invalid_items")

    def _back_urls(self, body: dict[str, Any]) -> None:
        urls = body.get("back_urls") or {}
        if not isinstance(urls, dict) or any(
                name not in BACK_URLS or not str(url).startswith(("https://", "http://"))
                for name, url in urls.items()):
            raise _invalid("back_urls invalid", "invalid_back_urls")
        if "auto_return" in body:
            if body["auto_return"] not in ("approved", "all"):
                raise _invalid("auto_return invalid", "invalid_auto_return")
            if not urls.get("success"):
                raise _invalid("auto_return invalid. back_url.success must be defined",
                               "invalid_auto_return")

    def _shipments(self, shipments: object) -> None:
        if shipments is None:
            return
        cost = shipments.get("cost", 0) if isinstance(shipments, dict) else None
        if not _is_number(cost) or cost < 0 or not _places_within(cost, self.currency):
            raise _invalid("shipments.cost invalid", "invalid_shipments")

    def _expiration(self, body: dict[str, Any]) -> None:
        try:
            start, end = (datetime.fromisoformat(body[name]) if body.get(name) else None
                          for name in ("expiration_date_from", "expiration_date_to"))
        except (TypeError, ValueError):
            raise _invalid("expiration dates must be ISO 8601", "invalid_expiration") from None
        if any(moment is not None and moment.tzinfo is None for moment in (start, end)):
            raise _invalid("expiration dates need a time zone offset", "invalid_expiration")
        if start and end and end <= start:
            raise _invalid("expiration_date_to must be after expiration_date_from",
                           "invalid_expiration")


def preference_total(preference: dict[str, Any]) -> Decimal:
    """What a buyer pays through the preference: its items and its shipping cost."""
    items = sum((Decimal(str(item["unit_price"])) * item["quantity"]
                 for item in preference["items"]), Decimal(0))
    return items + Decimal(str((preference.get("shipments") or {}).get("cost", 0)))


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: CIMultiDict[str]  # names in any case, as HTTP has them
    body: Any


def _as_json(value: Any) -> Any:
    """Decimals back to JSON numbers, as MercadoPago writes them."""
    return json.loads(json.dumps(value, default=float))


def _now() -> str:
    return datetime.now(ART).isoformat(timespec="milliseconds")


class FakeMercadoPago:
    def __init__(self, token: str = ACCESS_TOKEN, currency: str = "ARS") -> None:
        self.token = token
        self.rules = PreferenceRules(currency)
        self._lock = threading.Lock()
        self._requests: list[Recorded] = []
        self._answered: dict[tuple[str, str], tuple[str, int, dict[str, Any]]] = {}
        self._preferences: dict[str, dict[str, Any]] = {}
        self._payments: dict[str, dict[str, Any]] = {}
        self._refund_ids = itertools.count(1_000_000_001)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.url = ""

    def __enter__(self) -> FakeMercadoPago:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    # -- what a test tells it -----------------------------------------------------------
    def add_payment(self, payment_id: int | str, status: str, amount: str | Decimal,
                    currency: str = "ARS", external_reference: str | None = None,
                    status_detail: str | None = None) -> None:
        with self._lock:
            self._payments[str(payment_id)] = {
                "id": int(payment_id), "status": status,
                "status_detail": status_detail or _DETAILS.get(status, status),
                "transaction_amount": Decimal(str(amount)),
                "transaction_amount_refunded": Decimal(0), "currency_id": currency,
                "external_reference": external_reference, "date_created": _now(),
                "date_approved": _now() if status == "approved" else None,
                "payment_method_id": "visa", "payment_type_id": "credit_card",
                "collector_id": COLLECTOR_ID, "live_mode": False, "refunds": []}

    def set_status(self, payment_id: int | str, status: str,
                   status_detail: str | None = None) -> None:
        with self._lock:
            payment = self._payments[str(payment_id)]
            payment["status"] = status
            payment["status_detail"] = status_detail or _DETAILS.get(status, status)

    # -- what a test reads --------------------------------------------------------------
    def requests(self, method: str | None = None, path: str | None = None) -> list[Recorded]:
        with self._lock:
            return [r for r in self._requests if (method is None or r.method == method)
                    and (path is None or r.path.startswith(path))]

    def preferences(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._preferences.values())

    def payment(self, payment_id: int | str) -> dict[str, Any]:
        with self._lock:
            return _as_json(self._payments[str(payment_id)])

    # -- the server ---------------------------------------------------------------------
    async def _serve(self) -> None:
        app = web.Application(middlewares=[self._record_and_authorize])
        app.router.add_post("/checkout/preferences", self._create_preference)
        app.router.add_get("/checkout/preferences/{id}", self._get_preference)
        app.router.add_get("/v1/payments/{id}", self._get_payment)
        app.router.add_post("/v1/payments/{id}/refunds", self._create_refund)
        self._runner = web.AppRunner(app, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    @web.middleware
    async def _record_and_authorize(self, request: web.Request,
                                    handler: Any) -> web.StreamResponse:
        text = await request.text()
        try:
            body = json.loads(text, parse_float=Decimal) if text else None
        except ValueError:
            body = text
        with self._lock:
            self._requests.append(Recorded(request.method, request.path,
                                           request.headers.copy(), body))
        try:
            if request.headers.get("Authorization") != f"Bearer {self.token}":
                raise Refused(401, "invalid_token", "unauthorized")
            request[BODY] = body
            return await self._once(request, handler)
        except Refused as refusal:
            return web.json_response(refusal.body(), status=refusal.status)

    async def _once(self, request: web.Request, handler: Any) -> web.Response:
        """POSTs with an X-Idempotency-Key: the first answer again for the same body,
        409 for another body under the same key."""
        key = request.headers.get("X-Idempotency-Key")
        if request.method != "POST" or not key:
            return await handler(request)
        fingerprint = json.dumps(_as_json(request[BODY]), sort_keys=True)
        slot = (request.path, key)
        with self._lock:
            earlier = self._answered.get(slot)
        if earlier is not None:
            if earlier[0] != fingerprint:
                raise Refused(409, "the idempotency key was already used with another "
                              "request body", "idempotency_key_already_used")
            return web.json_response(earlier[2], status=earlier[1])
        answer = await handler(request)
        if answer.status < 300:
            with self._lock:
                self._answered[slot] = (fingerprint, answer.status, json.loads(answer.text))
        return answer

    async def _create_preference(self, request: web.Request) -> web.Response:
        body = request[BODY]
        self.rules.check(body)
        preference_id = f"{COLLECTOR_ID}-{uuid.uuid4()}"
        preference = _as_json({
            **body, "id": preference_id, "collector_id": COLLECTOR_ID, "client_id": CLIENT_ID,
            "operation_type": "regular_payment", "date_created": _now(),
            "items": [{"description": "", "picture_url": "", "category_id": "", **item}
                      for item in body["items"]],
            "init_point": "https://www.mercadopago.com.ar/checkout/v1/redirect"
                          f"?pref_id={preference_id}",
            "sandbox_init_point": "https://sandbox.mercadopago.com.ar/checkout/v1/redirect"
                                  f"?pref_id={preference_id}"})
        with self._lock:
            self._preferences[preference_id] = preference
        return web.json_response(preference, status=201)

    async def _get_preference(self, request: web.Request) -> web.Response:
        with self._lock:
            preference = self._preferences.get(request.match_info["id"])
        if preference is None:
            raise Refused(404, "Preference not found", "not_found")
        return web.json_response(preference)

    def _known_payment(self, request: web.Request) -> dict[str, Any]:
        payment = self._payments.get(request.match_info["id"])
        if payment is None:
            raise Refused(404, "Payment not found", "not_found")
        return payment

    async def _get_payment(self, request: web.Request) -> web.Response:
        with self._lock:
            return web.json_response(_as_json(self._known_payment(request)))

    async def _create_refund(self, request: web.Request) -> web.Response:
        with self._lock:
            payment = self._known_payment(request)
            if payment["status"] != "approved":
                raise _invalid(f"Payment with status {payment['status']} cannot be refunded",
                               "invalid_payment_status")
            left = payment["transaction_amount"] - payment["transaction_amount_refunded"]
            body = request[BODY] or {}
            amount = body.get("amount", left) if isinstance(body, dict) else None
            if not _is_number(amount) or not 0 < amount <= left:
                raise _invalid("Invalid refund amount", "invalid_amount")
            refund = {"id": next(self._refund_ids), "payment_id": payment["id"],
                      "amount": amount, "metadata": {}, "source": {
                          "id": str(COLLECTOR_ID), "name": "Orderbot", "type": "collector"},
                      "date_created": _now(), "unique_sequence_number": None,
                      "refund_mode": "standard", "adjustment_amount": 0,
                      "status": "approved", "reason": None, "labels": [],
                      "amount_refunded_to_payer": amount, "partition_details": []}
            payment["refunds"].append(refund)
            payment["transaction_amount_refunded"] += amount
            whole = payment["transaction_amount_refunded"] == payment["transaction_amount"]
            payment["status"] = "refunded" if whole else "approved"
            payment["status_detail"] = "refunded" if whole else "partially_refunded"
            return web.json_response(_as_json(refund), status=201)


_DETAILS = {"approved": "accredited", "pending": "pending_waiting_payment",
            "in_process": "pending_contingency", "rejected": "cc_rejected_other_reason",
            "cancelled": "expired", "refunded": "refunded", "charged_back": "settled",
            "authorized": "pending_capture", "in_mediation": "in_mediation"}


def running_fake() -> Iterator[FakeMercadoPago]:
    """For `pytest.fixture(running_fake)`."""
    with FakeMercadoPago() as fake:
        yield fake
