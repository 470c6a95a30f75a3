"""MercadoPago through its official SDK: Checkout Pro links for orders, payments read back by
id, refunds."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import mercadopago
import phonenumbers
from mercadopago import MercadoPagoError
from mercadopago.config import RequestOptions

from bot.config.payments import MercadoPago as MercadoPagoSettings
from bot.payments.mercadopago_http import RootedHttpClient
from domain.customer import Customer
from domain.documents import DocumentLine, LineKind
from domain.money import Money, minor_unit
from domain.order import Order
from domain.payment_gateway import (
    GatewayPayment,
    GatewayRefund,
    GatewayStatus,
    PaymentGatewayError,
    PaymentLink,
)
from domain.ports import Clock

ORDER_TITLE = "Pedido N° {id}"  # the one item of a link whose lines cannot be itemised
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class LinkTerms:
    """When a link is issued and how long it lives. Times are rounded down to `reuse`, so
    asking again within that time yields the very same request body, hence the same key
    and the same preference; later, a fresh link with a full lifetime."""

    lifetime: timedelta
    reuse: timedelta

    def issued(self, now: datetime) -> datetime:
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
        return now - (now - EPOCH) % self.reuse


class MercadoPagoGateway:
    """The PaymentGateway port over the `mercadopago` SDK."""

    def __init__(self, access_token: str, *, clock: Clock,
                 api_base_url: str = "https://api.mercadopago.com",
                 notification_url: str | None = None,
                 back_urls: Mapping[str, str | None] | None = None,
                 expiration_hours: int = 48, statement_descriptor: str | None = None,
                 order_title: str = ORDER_TITLE, timeout_seconds: float = 10.0,
                 reuse_window: timedelta = timedelta(hours=1)) -> None:
        self._token = access_token
        self._timeout = float(timeout_seconds)
        self._sdk = mercadopago.SDK(access_token, http_client=RootedHttpClient(api_base_url),
                                    request_options=self._options())
        self._clock = clock
        self._notification_url = notification_url
        self._back_urls = {name: url for name, url in (back_urls or {}).items() if url}
        self._terms = LinkTerms(timedelta(hours=expiration_hours), reuse_window)
        self._statement_descriptor = statement_descriptor
        self._order_title = order_title

    @classmethod
    def from_config(cls, settings: MercadoPagoSettings, clock: Clock,
                    **kwargs: Any) -> MercadoPagoGateway:
        if settings.access_token is None:
            raise ValueError("MercadoPago has no access_token configured")
        return cls(settings.access_token.get_secret_value(), clock=clock,
                   api_base_url=settings.api_base_url,
                   notification_url=settings.notification_url,
                   back_urls=settings.back_urls.model_dump(),
                   expiration_hours=settings.expiration_hours, **kwargs)

    def _options(self, idempotency_key: str | None = None) -> RequestOptions:
        headers = {"x-idempotency-key": idempotency_key} if idempotency_key else None
        return RequestOptions(access_token=self._token, connection_timeout=self._timeout,
                              custom_headers=headers)

    # -- links --------------------------------------------------------------------------
    def create_link(self, order: Order, customer: Customer) -> PaymentLink:
        issued = self._terms.issued(self._clock.now())
        preference = self._preference(order, customer, issued)
        key = idempotency_key(order, preference)
        answer = _checked(lambda: self._sdk.preference().create(
            preference, request_options=self._options(key)))
        expires = answer.get("expiration_date_to") or preference["expiration_date_to"]
        return PaymentLink(answer["init_point"], str(answer["id"]),
                           datetime.fromisoformat(expires))

    def _preference(self, order: Order, customer: Customer,
                    issued: datetime) -> dict[str, Any]:
        """The Checkout Pro preference body for what the order still owes."""
        balance = order.balance.rounded()
        if balance.amount <= 0:
            raise PaymentGatewayError(f"order {order.id} owes nothing: its balance is {balance}")
        preference: dict[str, Any] = {
            **self._charges(order, balance),
            "payer": payer(customer),
            "external_reference": str(order.id),
            "expires": True,
            "expiration_date_from": _iso(issued),
            "expiration_date_to": _iso(issued + self._terms.lifetime),
        }
        if self._notification_url:
            preference["notification_url"] = self._notification_url
        if self._back_urls:
            preference["back_urls"] = dict(self._back_urls)
            if "success" in self._back_urls:
                preference["auto_return"] = "approved"
        if self._statement_descriptor:
            preference["statement_descriptor"] = self._statement_descriptor
        return preference

    def _charges(self, order: Order, balance: Money) -> dict[str, Any]:
        """Items (and shipping cost) adding up to the balance to the cent: one item per
        product line when nothing is paid yet and every line's amount splits evenly over
        its quantity; otherwise a single item for the balance."""
        products = [line for line in order.lines if line.kind is LineKind.PRODUCT]
        shipping = sum((line.gross.amount for line in order.lines
                        if line.kind is LineKind.SHIPPING), Decimal(0))
        itemised = [_item(line) for line in products if not line.gross.is_zero()]
        if balance == order.totals.total and itemised and all(itemised):
            charges: dict[str, Any] = {"items": itemised}
            if shipping:
                charges["shipments"] = {"mode": "not_specified", "cost": _number(shipping)}
            return charges
        return {"items": [{"id": f"order-{order.id}",
                           "title": self._order_title.format(id=order.id), "quantity": 1,
                           "unit_price": _number(balance.amount),
                           "currency_id": balance.currency}]}

    # -- payments -----------------------------------------------------------------------
    def payment(self, reference: str) -> GatewayPayment | None:
        if not str(reference).isdigit():  # MercadoPago payment ids are numbers
            return None
        try:
            answer = _checked(lambda: self._sdk.payment().get(reference))
        except _NotFound:
            return None
        return gateway_payment(answer)

    def refund(self, reference: str, amount: Money | None, key: str) -> GatewayRefund:
        paid = self.payment(reference)
        if paid is None:
            raise PaymentGatewayError(f"MercadoPago knows no payment {reference}")
        if amount is not None and amount.currency != paid.amount.currency:
            raise PaymentGatewayError(
                f"payment {reference} is in {paid.amount.currency}, not {amount.currency}")
        body = {} if amount is None else {"amount": _number(amount.rounded().amount)}
        answer = _checked(lambda: self._sdk.refund().create(
            reference, body, request_options=self._options(key)))
        return GatewayRefund(str(answer["id"]), _money(answer["amount"], paid.amount.currency))


def idempotency_key(order: Order, preference: dict[str, Any]) -> str:
    """The same for the same order, balance and preference (at most 64 characters): a
    retry is never a second link, and a changed preference (a new payer email, a later
    issue time) never collides with the key of the old one."""
    balance = order.balance.rounded()
    digest = hashlib.sha256(json.dumps(preference, sort_keys=True).encode()).hexdigest()
    return f"order-{order.id}-{balance.amount}{balance.currency}-{digest[:16]}"


def payer(customer: Customer) -> dict[str, Any]:
    person: dict[str, Any] = {"name": customer.name}
    if customer.email:
        person["email"] = customer.email
    if customer.phone:
        number = phonenumbers.parse(customer.phone, None)
        person["phone"] = {"area_code": str(number.country_code),
                           "number": str(number.national_number)}
    return person


def gateway_payment(answer: dict[str, Any]) -> GatewayPayment:
    currency = answer["currency_id"]
    try:
        status = GatewayStatus(answer["status"])
    except ValueError:
        raise PaymentGatewayError(f"unknown MercadoPago status {answer['status']!r}") from None
    refunded = answer.get("transaction_amount_refunded")
    reference = answer.get("external_reference")
    return GatewayPayment(
        reference=str(answer["id"]), status=status,
        amount=_money(answer["transaction_amount"], currency),
        order_reference=str(reference) if reference not in (None, "") else None,
        refunded=_money(refunded, currency) if refunded is not None else None,
        detail=answer.get("status_detail"))


def _item(line: DocumentLine) -> dict[str, Any] | None:
    """The line as a Checkout Pro item, or None when its amount does not split evenly
    into unit prices."""
    unit = line.gross.amount / line.quantity
    if line.gross.amount < 0 or unit != unit.quantize(minor_unit(line.gross.currency)):
        return None
    return {"id": line.sku, "title": line.name, "quantity": line.quantity,
            "unit_price": _number(unit), "currency_id": line.gross.currency}


def _number(amount: Decimal) -> int | float:
    """A JSON number for the SDK's encoder, which knows no Decimal: exact for amounts in
    minor units (the shortest float repr of 4999.99 is 4999.99)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _money(value: object, currency: str) -> Money:
    return Money(Decimal(str(value)), currency).rounded()


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class _NotFound(PaymentGatewayError):
    pass


def _checked(call: Callable[[], Mapping[str, Any]]) -> dict[str, Any]:
    """The body of a 2xx answer; PaymentGatewayError with MercadoPago's words otherwise."""
    try:
        result = call()
    except MercadoPagoError as error:
        raise PaymentGatewayError(f"MercadoPago could not be reached: {error}") from error
    status, body = result["status"], result.get("response")
    if 200 <= status < 300 and isinstance(body, dict):
        return body
    body = body if isinstance(body, dict) else {}
    error_class = _NotFound if status == 404 else PaymentGatewayError
    causes = "; ".join(str(cause.get("description") or cause.get("code"))
                       for cause in body.get("cause") or [] if isinstance(cause, dict))
    raise error_class(f"MercadoPago answered {status}: {body.get('message') or body.get('error')}"
                      + (f" ({causes})" if causes else ""))
