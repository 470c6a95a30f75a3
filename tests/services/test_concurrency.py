"""Many buyers and approvers at once, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from domain.catalog import Product
from domain.errors import InvalidTransition, OutOfStock
from domain.invoice import DocumentKind
from domain.pricing import CartItem
from domain.payment import PaymentMethod
from domain.services import ordering, payments, quoting
from domain.services.customers import register_customer
from tests.services.conftest import ars


def make_buyers(uow_factory, shop, count, stock):
    with uow_factory() as uow:
        uow.catalog.add(Product("LAST", "Edición limitada", ars("9000.00"), "iva21",
                                "Café", stock_on_hand=stock))
        buyers = [register_customer(uow, shop, channel="console", external_id=f"buyer{i}",
                                    name=f"Comprador {i}", phone=f"11 4000-{1000 + i}",
                                    address="Av. de Mayo 500, CABA") for i in range(count)]
        uow.commit()
        buyer_ids = [buyer.id for buyer in buyers]
    quotes = []
    for buyer_id in buyer_ids:
        with uow_factory() as uow:
            quotes.append((buyer_id, quoting.build_quote(
                uow, shop, customer_id=buyer_id, items=[CartItem("LAST", 1)]).id))
            uow.commit()
    return quotes


def test_twenty_buyers_of_the_last_five_units_make_exactly_five_orders(uow_factory, shop):
    quotes = make_buyers(uow_factory, shop, 20, stock=5)

    def buy(buyer_and_quote):
        buyer_id, quote_id = buyer_and_quote
        try:
            with uow_factory() as uow:
                ordering.place_order(uow, shop, customer_id=buyer_id, quote_id=quote_id,
                                     payment_method="bank_transfer")
                uow.commit()
                return "ordered"
        except OutOfStock:
            return "out of stock"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(buy, quotes))

    assert outcomes.count("ordered") == 5
    assert outcomes.count("out of stock") == 15
    with uow_factory() as uow:
        product = uow.catalog.get("LAST")
        assert (product.stock_on_hand, product.stock_reserved, product.available) == (5, 5, 0)


def test_fifty_concurrent_approvals_number_invoices_one_to_fifty(uow_factory, shop):
    order_ids = []
    for buyer_id, quote_id in make_buyers(uow_factory, shop, 50, stock=50):
        with uow_factory() as uow:
            order_ids.append(ordering.place_order(
                uow, shop, customer_id=buyer_id, quote_id=quote_id,
                payment_method="bank_transfer").id)
            uow.commit()

    def approve(order_id):
        with uow_factory() as uow:
            ordering.approve_order(uow, shop, order_id)
            uow.commit()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(approve, order_ids))

    with uow_factory() as uow:
        invoices = [doc for order_id in order_ids for doc in uow.invoices.for_order(order_id)]
    assert all(doc.kind is DocumentKind.INVOICE and doc.letter == "B" for doc in invoices)
    assert sorted(doc.number for doc in invoices) == list(range(1, 51))
    assert len({doc.order_id for doc in invoices}) == 50


def test_one_quote_confirmed_five_times_at_once_makes_one_order(uow_factory, shop):
    [(buyer_id, quote_id)] = make_buyers(uow_factory, shop, 1, stock=10)

    def confirm(_):
        try:
            with uow_factory() as uow:
                order = ordering.place_order(uow, shop, customer_id=buyer_id,
                                             quote_id=quote_id, payment_method="bank_transfer")
                uow.commit()
                return order.id
        except InvalidTransition:
            return None

    with ThreadPoolExecutor(max_workers=5) as pool:
        outcomes = list(pool.map(confirm, range(5)))
    assert len([o for o in outcomes if o is not None]) == 1
    with uow_factory() as uow:
        assert uow.catalog.get("LAST").stock_reserved == 1


def test_one_payment_notification_delivered_five_times_at_once_is_recorded_once(
        uow_factory, shop):
    [(buyer_id, quote_id)] = make_buyers(uow_factory, shop, 1, stock=10)
    with uow_factory() as uow:
        order_id = ordering.place_order(uow, shop, customer_id=buyer_id, quote_id=quote_id,
                                        payment_method="bank_transfer").id
        uow.commit()

    def notify(_):
        with uow_factory() as uow:
            payment = payments.record_payment(uow, shop, order_id=order_id,
                                              method=PaymentMethod.MERCADOPAGO,
                                              amount=ars("100.00"), provider_reference="mp-1")
            uow.commit()
            return payment.id

    with ThreadPoolExecutor(max_workers=5) as pool:
        ids = set(pool.map(notify, range(5)))
    assert len(ids) == 1
    with uow_factory() as uow:
        assert len(uow.payments.for_order(order_id)) == 1
