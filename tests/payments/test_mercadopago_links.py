"""Checkout Pro links made by the real SDK against the fake MercadoPago API."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import mercadopago
import pytest
from mercadopago.config import RequestOptions

from bot.config.payments import MercadoPago as MercadoPagoSettings
from bot.payments.mercadopago import MercadoPagoGateway
from bot.payments.mercadopago_http import RootedHttpClient
from domain.catalog import Product
from domain.customer import Customer
from domain.money import Money
from domain.order import Order
from domain.payment_gateway import PaymentGatewayError, PaymentLink
from domain.pricing import CartItem, DeliveryMethod, ShippingRule, price_cart
from domain.promotions import Promotion, PromotionContext, PromotionKind
from domain.taxes import TaxPolicy
from tests.payments.fake_mercadopago import FakeMercadoPago, preference_total, running_fake

fake = pytest.fixture(running_fake)
NOW = datetime(2026, 12, 1, 15, 20, tzinfo=timezone(timedelta(hours=-3)))
NOTIFY = "https://shop.example.com/payments/mercadopago"
BACK = {"success": "https://shop.example.com/paid", "failure": "https://shop.example.com/failed",
        "pending": None}
CATALOG = {p.sku: p for p in [
    Product("CAF-500", "Café Colombia 500 g", Money.of("12500.00", "ARS"), "iva105",
            stock_on_hand=100),
    Product("TAZA", "Taza grande", Money.of("4999.99", "ARS"), "iva21", stock_on_hand=100),
    Product("MOL", "Molinillo manual", Money.of("1234.56", "ARS"), "iva21", stock_on_hand=100),
    Product("FILTRO", "Filtros x100", Money.of("100.00", "ARS"), "iva21", stock_on_hand=100),
]}
TEN_OFF = Promotion("Diez", PromotionKind.PERCENT, Decimal("10"))
FIXED_OFF = Promotion("Diez pesos", PromotionKind.FIXED, Decimal("10"))
DELIVERY_FEE = ShippingRule(Decimal("3500.00"), None, "iva21")


class Clock:
    def __init__(self) -> None:
        self.current = NOW

    def now(self) -> datetime:
        return self.current


def make_order(items: list[tuple[str, int]], promotions: list[Promotion] = (),
               included: bool = True, shipping: ShippingRule | None = None,
               order_id: int = 1042) -> Order:
    delivery = DeliveryMethod.DELIVERY if shipping else DeliveryMethod.PICKUP
    cart = price_cart([CartItem(sku, qty) for sku, qty in items], CATALOG, list(promotions),
                      PromotionContext(NOW), TaxPolicy({"iva21": Decimal("0.21"),
                                                        "iva105": Decimal("0.105")}, included),
                      shipping or DELIVERY_FEE, delivery)
    return Order(7, 3, "ARS", list(cart.lines), "mercadopago", delivery, "Defensa 1020", "",
                 NOW, id=order_id)


CUSTOMER = Customer("Ana Pérez", "AR", phone="+5491122334455", email="ana@example.com")


def gateway_for(fake: FakeMercadoPago, clock: Clock | None = None,
                **kwargs) -> MercadoPagoGateway:
    kwargs.setdefault("notification_url", NOTIFY)
    kwargs.setdefault("back_urls", BACK)
    return MercadoPagoGateway(kwargs.pop("access_token", fake.token), clock=clock or Clock(),
                              api_base_url=fake.url, expiration_hours=48, **kwargs)


def sent_preferences(fake: FakeMercadoPago) -> list[dict]:
    return [r.body for r in fake.requests("POST", "/checkout/preferences")]


def test_a_link_is_a_checkout_pro_preference_with_the_order_lines_and_the_payer(fake):
    order = make_order([("CAF-500", 2), ("TAZA", 1)])
    link = gateway_for(fake).create_link(order, CUSTOMER)

    [body] = sent_preferences(fake)
    assert [(i["title"], i["quantity"], i["unit_price"], i["currency_id"])
            for i in body["items"]] == [("Café Colombia 500 g", 2, Decimal("12500"), "ARS"),
                                        ("Taza grande", 1, Decimal("4999.99"), "ARS")]
    assert body["payer"] == {"name": "Ana Pérez", "email": "ana@example.com",
                             "phone": {"area_code": "54", "number": "91122334455"}}
    assert body["external_reference"] == "1042"
    assert body["notification_url"] == NOTIFY
    assert body["back_urls"] == {"success": BACK["success"], "failure": BACK["failure"]}
    assert body["auto_return"] == "approved"
    assert body["expires"] is True
    issued = datetime.fromisoformat(body["expiration_date_from"])
    assert issued <= NOW < issued + timedelta(hours=1) and issued.utcoffset() is not None
    assert datetime.fromisoformat(body["expiration_date_to"]) == issued + timedelta(hours=48)
    [stored] = fake.preferences()
    assert link.url == stored["init_point"] and link.reference == stored["id"]
    assert link.expires_at == issued + timedelta(hours=48)


@pytest.mark.parametrize("order", [
    make_order([("CAF-500", 2), ("TAZA", 1)]),
    make_order([("TAZA", 3)], [TEN_OFF]),
    make_order([("FILTRO", 3)], [FIXED_OFF]),
    make_order([("MOL", 3), ("TAZA", 2)], included=False),
    make_order([("CAF-500", 1), ("MOL", 7)], [TEN_OFF], included=False, shipping=DELIVERY_FEE),
    make_order([("TAZA", 1)], shipping=DELIVERY_FEE),
], ids=["plain", "percent-off", "fixed-off", "tax-added", "all-of-it", "shipping"])
def test_the_link_charges_the_order_balance_to_the_cent(fake, order):
    gateway_for(fake).create_link(order, CUSTOMER)
    [preference] = fake.preferences()
    assert preference_total(preference) == order.balance.amount


def test_lines_that_do_not_split_evenly_into_unit_prices_become_one_item_for_the_order(fake):
    order = make_order([("FILTRO", 3)], [FIXED_OFF])  # 290.00 over 3 units
    gateway_for(fake).create_link(order, CUSTOMER)
    [body] = sent_preferences(fake)
    assert [(i["title"], i["quantity"], i["unit_price"]) for i in body["items"]] == [
        ("Pedido N° 1042", 1, Decimal("290"))]


def test_shipping_goes_as_the_shipments_cost(fake):
    order = make_order([("TAZA", 1)], shipping=DELIVERY_FEE)
    gateway_for(fake).create_link(order, CUSTOMER)
    [body] = sent_preferences(fake)
    assert [i["title"] for i in body["items"]] == ["Taza grande"]
    assert body["shipments"] == {"mode": "not_specified", "cost": Decimal("3500")}


def test_a_partly_paid_order_is_charged_only_what_it_still_owes(fake):
    order = make_order([("CAF-500", 2), ("TAZA", 1)])
    order.add_payment(Money.of("10000.00", "ARS"))
    gateway_for(fake).create_link(order, CUSTOMER)
    [body] = sent_preferences(fake)
    assert [(i["quantity"], i["unit_price"]) for i in body["items"]] == [
        (1, Decimal("19999.99"))]


def links_apart(fake: FakeMercadoPago, later: timedelta) -> tuple[PaymentLink, PaymentLink]:
    """Two links for the same order, asked for `later` apart (by two gateways: a restart)."""
    clock = Clock()
    order = make_order([("CAF-500", 2)])
    first = gateway_for(fake, clock).create_link(order, CUSTOMER)
    clock.current += later
    return first, gateway_for(fake, clock).create_link(order, CUSTOMER)


def test_asking_again_for_the_same_order_and_amount_gives_the_same_link(fake):
    first, again = links_apart(fake, timedelta(minutes=5))
    assert again == first
    assert len(fake.preferences()) == 1
    [key] = {r.headers["X-Idempotency-Key"] for r in fake.requests("POST")}
    assert key.startswith("order-1042-25000.00ARS-") and len(key) <= 64


def test_another_amount_gets_another_key_and_another_link(fake):
    gateway = gateway_for(fake)
    order = make_order([("CAF-500", 2)])
    first = gateway.create_link(order, CUSTOMER)
    order.add_payment(Money.of("5000.00", "ARS"))
    second = gateway.create_link(order, CUSTOMER)

    assert second.reference != first.reference
    keys = [r.headers["X-Idempotency-Key"] for r in fake.requests("POST")]
    assert len(set(keys)) == 2 and "20000.00ARS" in keys[1]


def test_a_link_asked_for_later_is_a_fresh_one_with_a_full_lifetime(fake):
    first, later = links_apart(fake, timedelta(hours=3))
    assert later.reference != first.reference
    assert later.expires_at - (NOW + timedelta(hours=3)) > timedelta(hours=47)


def test_a_changed_payer_gets_a_new_link_instead_of_a_clash_of_keys(fake):
    order = make_order([("CAF-500", 2)])
    first = gateway_for(fake).create_link(order, CUSTOMER)
    other = gateway_for(fake).create_link(order, Customer("Ana Pérez", "AR"))
    assert other.reference != first.reference


def test_the_fake_refuses_a_reused_key_with_another_body_like_mercadopago(fake):
    sdk = mercadopago.SDK(fake.token, http_client=RootedHttpClient(fake.url))
    options = RequestOptions(custom_headers={"x-idempotency-key": "order-1-same"})
    body = {"items": [{"title": "Taza", "quantity": 1, "unit_price": 10, "currency_id": "ARS"}],
            "external_reference": "1"}
    first = sdk.preference().create(body, request_options=options)
    again = sdk.preference().create(body, request_options=options)
    assert again["response"]["id"] == first["response"]["id"]
    answer = sdk.preference().create({**body, "external_reference": "2"},
                                     request_options=options)
    assert answer["status"] == 409
    assert answer["response"]["error"] == "idempotency_key_already_used"


def test_without_a_success_url_there_is_no_auto_return(fake):
    gateway_for(fake, back_urls={"failure": BACK["failure"]}).create_link(
        make_order([("TAZA", 1)]), Customer("Ana Pérez", "AR"))
    [body] = sent_preferences(fake)
    assert "auto_return" not in body and body["payer"] == {"name": "Ana Pérez"}


def test_a_bad_token_is_a_gateway_error_with_mercadopagos_words(fake):
    with pytest.raises(PaymentGatewayError, match="401.*invalid_token"):
        gateway_for(fake, access_token="APP_USR-wrong").create_link(
            make_order([("TAZA", 1)]), CUSTOMER)


def test_an_unreachable_api_is_a_gateway_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gateway = MercadoPagoGateway("APP_USR-x", clock=Clock(),
                                 api_base_url=f"http://127.0.0.1:{port}")
    with pytest.raises(PaymentGatewayError, match="could not be reached"):
        gateway.create_link(make_order([("TAZA", 1)]), CUSTOMER)


def test_an_order_that_owes_nothing_gets_no_link(fake):
    order = make_order([("TAZA", 1)])
    order.add_payment(Money.of("4999.99", "ARS"))
    with pytest.raises(PaymentGatewayError, match="owes nothing"):
        gateway_for(fake).create_link(order, CUSTOMER)
    assert fake.requests() == []


def test_the_gateway_is_built_from_the_mercadopago_settings(fake):
    settings = MercadoPagoSettings(access_token=fake.token, api_base_url=fake.url,
                                   notification_url=NOTIFY, back_urls={"success": BACK["success"]},
                                   expiration_hours=2)
    MercadoPagoGateway.from_config(settings, Clock()).create_link(
        make_order([("TAZA", 1)]), CUSTOMER)
    [body] = sent_preferences(fake)
    assert body["notification_url"] == NOTIFY and body["back_urls"] == {
        "success": BACK["success"]}
    span = (datetime.fromisoformat(body["expiration_date_to"])
            - datetime.fromisoformat(body["expiration_date_from"]))
    assert span == timedelta(hours=2)


def test_a_preference_mercadopago_refuses_is_a_gateway_error_with_its_message():
    with FakeMercadoPago(currency="CLP") as chilean:
        with pytest.raises(PaymentGatewayError, match="400: currency_id invalid"):
            gateway_for(chilean).create_link(make_order([("TAZA", 1)]), CUSTOMER)


ITEM = {"title": "Taza", "quantity": 1, "unit_price": 10, "currency_id": "ARS"}


@pytest.mark.parametrize("change, message", [
    ({"items": []}, "items needed"),
    ({"items": [{**ITEM, "title": " "}]}, "title needed"),
    ({"items": [{**ITEM, "quantity": 0}]}, "quantity invalid"),
    ({"items": [{**ITEM, "quantity": 1.5}]}, "quantity invalid"),
    ({"items": [{**ITEM, "unit_price": 0}]}, "unit_price invalid"),
    ({"items": [{**ITEM, "unit_price": 10.005}]}, "unit_price invalid"),
    ({"items": [{**ITEM, "unit_price": "10"}]}, "unit_price invalid"),
    ({"external_reference": ""}, "external_reference invalid"),
    ({"auto_return": "approved", "back_urls": {"failure": BACK["failure"]}},
     "back_url.success must be defined"),
    ({"expires": True, "expiration_date_from": "2026-12-01T10:00:00",
      "expiration_date_to": "2026-12-02T10:00:00"}, "time zone"),
])
def test_the_fake_refuses_preferences_like_mercadopago(fake, change, message):
    sdk = mercadopago.SDK(fake.token, http_client=RootedHttpClient(fake.url))
    answer = sdk.preference().create({"items": [ITEM], "external_reference": "1", **change})
    assert answer["status"] == 400
    assert message in answer["response"]["message"]
    assert answer["response"]["status"] == 400 and answer["response"]["cause"] == []
