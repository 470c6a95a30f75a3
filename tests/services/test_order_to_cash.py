"""The whole process through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from domain.errors import (
    InvalidTransition, InvalidValue, NotFound, OutOfStock, PromotionNotApplicable, QuoteExpired,
)
from domain.invoice import DocumentKind, InvoiceStatus
from domain.order import FulfillmentStatus, OrderStatus, PaymentState
from domain.payment import PaymentMethod, PaymentStatus
from domain.pricing import CartItem, DeliveryMethod
from domain.services import fulfillment, ordering, payments, quoting
from tests.services.conftest import ars


def quote(uow_factory, shop, customer_id, items, code=None, delivery=DeliveryMethod.DELIVERY):
    with uow_factory() as uow:
        built = quoting.build_quote(uow, shop, customer_id=customer_id, items=items, code=code,
                                    delivery=delivery)
        uow.commit()
        return built.id


def place(uow_factory, shop, customer_id, quote_id, method="bank_transfer"):
    with uow_factory() as uow:
        order = ordering.place_order(uow, shop, customer_id=customer_id, quote_id=quote_id,
                                     payment_method=method)
        uow.commit()
        return order.id


def test_a_paid_and_delivered_order_is_completed_with_its_invoice(uow_factory, shop, seeded):
    quote_id = quote(uow_factory, shop, seeded,
                     [CartItem("CAF-COL-500", 2), CartItem("TAZA-GR", 1)], code="bienvenida")
    order_id = place(uow_factory, shop, seeded, quote_id)
    with uow_factory() as uow:
        order = ordering.approve_order(uow, shop, order_id)
        total = order.totals.total
        uow.commit()
    with uow_factory() as uow:
        payment = payments.record_payment(uow, shop, order_id=order_id,
                                          method=PaymentMethod.BANK_TRANSFER, amount=total,
                                          receipt_file="receipts/1.jpg")
        payments.confirm_payment(uow, shop, payment.id)
        fulfillment.start_preparing(uow, shop, order_id)
        fulfillment.check_item(uow, order_id, "CAF-COL-500", 2)
        fulfillment.check_item(uow, order_id, "TAZA-GR", 1)
        fulfillment.dispatch(uow, shop, order_id, "Andreani", "AND-123")
        fulfillment.deliver(uow, shop, order_id)
        uow.commit()
    with uow_factory() as uow:
        order = uow.orders.get(order_id)
        assert order.status is OrderStatus.COMPLETED
        assert order.payment_state is PaymentState.PAID
        assert order.fulfillment is FulfillmentStatus.DELIVERED
        [invoice] = uow.invoices.for_order(order_id)
        assert invoice.kind is DocumentKind.INVOICE and invoice.status is InvoiceStatus.PAID
        assert invoice.display_number == "B 0001-00000001"
        assert invoice.totals.total == order.totals.total == total
        assert order.totals.discount == ars("3000.00")  # 10% of 25000 + 4999.99, rounded
        coffee = uow.catalog.get("CAF-COL-500")
        assert (coffee.stock_on_hand, coffee.stock_reserved) == (38, 0)
        topics = [m.topic for m in uow.outbox.pending(500)]
        assert {"order.placed", "invoice.issued", "payment.approved",
                "order.dispatched"} <= set(topics)


def test_placing_an_order_reserves_stock_and_cancelling_releases_it(uow_factory, shop, seeded):
    order_id = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("MOL-MAN", 3)]))
    with uow_factory() as uow:
        assert uow.catalog.get("MOL-MAN").available == 0
    with uow_factory() as uow:
        ordering.cancel_order(uow, shop, order_id, "changed my mind", customer_id=seeded)
        uow.commit()
    with uow_factory() as uow:
        assert uow.catalog.get("MOL-MAN").available == 3
        assert uow.orders.get(order_id).status is OrderStatus.CANCELLED


def test_cancelling_an_invoiced_order_issues_a_credit_note_for_all_of_it(
        uow_factory, auto_shop, seeded):
    order_id = place(uow_factory, auto_shop, seeded,
                     quote(uow_factory, auto_shop, seeded, [CartItem("TAZA-GR", 2)]))
    with uow_factory() as uow:
        ordering.cancel_order(uow, auto_shop, order_id, "sin stock en depósito")
        uow.commit()
    with uow_factory() as uow:
        note, invoice = sorted(uow.invoices.for_order(order_id), key=lambda d: d.kind)
        assert invoice.status is InvoiceStatus.CREDITED
        assert note.kind is DocumentKind.CREDIT_NOTE and note.credited_invoice_id == invoice.id
        assert note.totals.total == invoice.totals.total
        assert note.display_number == "B 0001-00000001"


def test_a_partial_refund_issues_a_credit_note_for_exactly_that_amount(
        uow_factory, auto_shop, seeded):
    order_id = place(uow_factory, auto_shop, seeded,
                     quote(uow_factory, auto_shop, seeded,
                           [CartItem("CAF-COL-500", 1), CartItem("TAZA-GR", 1)]),
                     method="mercadopago")
    with uow_factory() as uow:
        total = uow.orders.get(order_id).totals.total
        payment = payments.record_payment(uow, auto_shop, order_id=order_id,
                                          method=PaymentMethod.MERCADOPAGO, amount=total,
                                          provider_reference="mp-991")
        payments.confirm_payment(uow, auto_shop, payment.id)
        payments.refund_payment(uow, auto_shop, payment.id, ars("1000.01"), "taza rota")
        uow.commit()
    with uow_factory() as uow:
        order = uow.orders.get(order_id)
        assert order.payment_state is PaymentState.PARTIALLY_REFUNDED
        note = next(d for d in uow.invoices.for_order(order_id)
                    if d.kind is DocumentKind.CREDIT_NOTE)
        assert note.totals.total == ars("1000.01")
        assert note.totals.net + note.totals.tax == ars("1000.01")


def test_recording_the_same_provider_payment_twice_keeps_one(uow_factory, shop, seeded):
    order_id = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)]), "mercadopago")
    for _ in range(2):
        with uow_factory() as uow:
            payments.record_payment(uow, shop, order_id=order_id,
                                    method=PaymentMethod.MERCADOPAGO, amount=ars("100.00"),
                                    provider_reference="mp-1")
            uow.commit()
    with uow_factory() as uow:
        assert len(uow.payments.for_order(order_id)) == 1


def test_a_double_confirmation_is_refused_and_changes_nothing(uow_factory, shop, seeded):
    order_id = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)]))
    with uow_factory() as uow:
        payment = payments.record_payment(uow, shop, order_id=order_id,
                                          method=PaymentMethod.BANK_TRANSFER,
                                          amount=ars("2000.00"))
        payments.confirm_payment(uow, shop, payment.id)
        uow.commit()
        payment_id = payment.id
    with uow_factory() as uow, pytest.raises(InvalidTransition):
        payments.confirm_payment(uow, shop, payment_id)
    with uow_factory() as uow:
        order = uow.orders.get(order_id)
        assert order.amount_paid == 2000
        assert order.payment_state is PaymentState.PARTIALLY_PAID
        assert uow.payments.get(payment_id).status is PaymentStatus.APPROVED


def test_an_expired_quote_cannot_become_an_order(uow_factory, shop, clock, seeded):
    quote_id = quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)])
    clock.advance(days=8)
    with uow_factory() as uow, pytest.raises(QuoteExpired):
        ordering.place_order(uow, shop, customer_id=seeded, quote_id=quote_id,
                             payment_method="bank_transfer")
    with uow_factory() as uow:
        assert uow.catalog.get("TAZA-GR").available == 5


@pytest.mark.parametrize("items, error", [
    ([CartItem("TAZA-GR", 0)], InvalidValue),
    ([CartItem("TAZA-GR", -3)], InvalidValue),
    ([CartItem("TAZA-GR", 10**9)], InvalidValue),
    ([CartItem("NOPE", 1)], NotFound),
    ([CartItem("TAZA-GR", 6)], OutOfStock),
    ([], InvalidValue),
])
def test_bad_carts_are_refused_with_a_domain_error(uow_factory, shop, seeded, items, error):
    with uow_factory() as uow, pytest.raises(error):
        quoting.build_quote(uow, shop, customer_id=seeded, items=items)


def test_a_first_order_code_is_refused_on_the_second_order(uow_factory, shop, seeded):
    place(uow_factory, shop, seeded,
          quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)], code="BIENVENIDA"))
    with uow_factory() as uow, pytest.raises(PromotionNotApplicable) as refused:
        quoting.build_quote(uow, shop, customer_id=seeded, items=[CartItem("TAZA-GR", 1)],
                            code="BIENVENIDA")
    assert refused.value.details["reason"] == "first_order_only"


def test_an_unpaid_transfer_order_cannot_be_dispatched_but_cash_on_delivery_can(
        uow_factory, auto_shop, seeded):
    for method, allowed in (("bank_transfer", False), ("cash_on_delivery", True)):
        order_id = place(uow_factory, auto_shop, seeded,
                         quote(uow_factory, auto_shop, seeded, [CartItem("TAZA-GR", 1)]), method)
        with uow_factory() as uow:
            fulfillment.start_preparing(uow, auto_shop, order_id)
            fulfillment.check_item(uow, order_id, "TAZA-GR", 1)
            if allowed:
                fulfillment.dispatch(uow, auto_shop, order_id, "OCA", "OCA-9")
            else:
                with pytest.raises(InvalidTransition):
                    fulfillment.dispatch(uow, auto_shop, order_id, "OCA", "OCA-9")
            uow.commit()


def test_someone_elses_order_is_not_found(uow_factory, shop, seeded):
    order_id = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)]))
    with uow_factory() as uow, pytest.raises(NotFound):
        ordering.cancel_order(uow, shop, order_id, "x", customer_id=seeded + 1)


def test_pickup_orders_pay_no_shipping_and_go_to_the_shop(uow_factory, shop, seeded):
    quote_id = quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)],
                     delivery=DeliveryMethod.PICKUP)
    order_id = place(uow_factory, shop, seeded, quote_id)
    with uow_factory() as uow:
        order = uow.orders.get(order_id)
        assert order.totals.shipping == ars("0")
        assert order.delivery_address == "Defensa 1020, CABA"


def test_unpaid_orders_release_their_stock_when_the_reservation_expires(
        uow_factory, shop, clock, seeded):
    transfer = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("MOL-MAN", 1)]))
    cash = place(uow_factory, shop, seeded,
                 quote(uow_factory, shop, seeded, [CartItem("MOL-MAN", 1)]), "cash_on_delivery")
    with_receipt = place(uow_factory, shop, seeded,
                         quote(uow_factory, shop, seeded, [CartItem("MOL-MAN", 1)]))
    with uow_factory() as uow:
        payments.record_payment(uow, shop, order_id=with_receipt,
                                method=PaymentMethod.BANK_TRANSFER, amount=ars("10.00"),
                                receipt_file="r.jpg")
        uow.commit()
    clock.advance(hours=47)
    with uow_factory() as uow:
        assert ordering.release_expired_reservations(uow, shop) == []
    clock.advance(hours=2)
    with uow_factory() as uow:
        assert ordering.release_expired_reservations(uow, shop) == [transfer]
        uow.commit()
    with uow_factory() as uow:
        assert uow.orders.get(transfer).status is OrderStatus.CANCELLED
        assert uow.orders.get(cash).status is OrderStatus.PLACED
        assert uow.catalog.get("MOL-MAN").stock_reserved == 2


def test_a_mobile_typed_without_the_nine_links_to_the_same_customer(uow_factory, shop, seeded):
    from domain.services.customers import register_customer
    with uow_factory() as uow:
        same = register_customer(uow, shop, channel="whatsapp", external_id="5491122334455",
                                 name="Ana Pérez", phone="+54 9 11 2233-4455",
                                 address="Av. Corrientes 1234, CABA", phone_verified=True)
        uow.commit()
        assert same.id == seeded
        assert {i.channel for i in same.identities} == {"console", "whatsapp"}


def test_cash_on_delivery_is_refused_above_its_limit(uow_factory, shop, seeded):
    from dataclasses import replace
    from decimal import Decimal
    limited = replace(shop, cash_on_delivery_limit=Decimal("40000"))
    quote_id = quote(uow_factory, limited, seeded, [CartItem("MOL-MAN", 2)])
    with uow_factory() as uow, pytest.raises(InvalidValue):
        ordering.place_order(uow, limited, customer_id=seeded, quote_id=quote_id,
                             payment_method="cash_on_delivery")
    assert "cash_on_delivery" not in limited.payment_methods_for(ars("40000.01"))
    assert "cash_on_delivery" in limited.payment_methods_for(ars("40000.00"))


def test_a_typed_phone_of_another_customer_does_not_open_their_account(uow_factory, shop, seeded):
    from domain.services.customers import register_customer
    with uow_factory() as uow, pytest.raises(InvalidValue) as refused:
        register_customer(uow, shop, channel="telegram", external_id="999", name="Intruso",
                          phone="11 2233-4455", address="Calle Falsa 123, CABA")
    assert refused.value.details["field"] == "phone"
    with uow_factory() as uow:
        assert uow.customers.get(seeded).name == "Ana Pérez"
        assert uow.customers.by_identity("telegram", "999") is None


def test_linking_a_verified_phone_keeps_the_name_and_data_the_customer_gave(
        uow_factory, shop, seeded):
    from domain.services.customers import register_customer
    with uow_factory() as uow:
        register_customer(uow, shop, channel="telegram", external_id="7", name="Anita",
                          phone="+5491122334455", address="Otra calle 55, CABA",
                          email="ana@example.com", phone_verified=True)
        uow.commit()
    with uow_factory() as uow:
        customer = uow.customers.get(seeded)
        assert customer.name == "Ana Pérez" and customer.email == "ana@example.com"
        assert customer.addresses == ["Av. Corrientes 1234, CABA", "Otra calle 55, CABA"]


def test_cancelling_after_a_partial_refund_credits_only_what_is_left(
        uow_factory, auto_shop, seeded):
    order_id = place(uow_factory, auto_shop, seeded,
                     quote(uow_factory, auto_shop, seeded, [CartItem("TAZA-GR", 1)]))
    with uow_factory() as uow:
        total = uow.orders.get(order_id).totals.total
        payment = payments.record_payment(uow, auto_shop, order_id=order_id,
                                          method=PaymentMethod.BANK_TRANSFER, amount=total)
        payments.confirm_payment(uow, auto_shop, payment.id)
        payments.refund_payment(uow, auto_shop, payment.id, ars("1000.00"), "rota")
        ordering.cancel_order(uow, auto_shop, order_id, "no la quiere")
        uow.commit()
    with uow_factory() as uow:
        docs = uow.invoices.for_order(order_id)
        [invoice] = [d for d in docs if d.kind is DocumentKind.INVOICE]
        notes = [d.totals.total for d in docs if d.kind is DocumentKind.CREDIT_NOTE]
        assert sum(notes, ars("0")) == invoice.totals.total
        assert invoice.status is InvoiceStatus.CREDITED


def test_a_returned_order_cancelled_does_not_release_other_reservations(
        uow_factory, auto_shop, seeded):
    order_id = place(uow_factory, auto_shop, seeded,
                     quote(uow_factory, auto_shop, seeded, [CartItem("MOL-MAN", 1)]),
                     "cash_on_delivery")
    with uow_factory() as uow:
        fulfillment.start_preparing(uow, auto_shop, order_id)
        fulfillment.check_item(uow, order_id, "MOL-MAN", 1)
        fulfillment.dispatch(uow, auto_shop, order_id, "OCA", "OCA-1")
        fulfillment.fail_delivery(uow, auto_shop, order_id, returned=True)
        uow.commit()
    other = place(uow_factory, auto_shop, seeded,
                  quote(uow_factory, auto_shop, seeded, [CartItem("MOL-MAN", 2)]),
                  "cash_on_delivery")
    with uow_factory() as uow:
        ordering.cancel_order(uow, auto_shop, order_id, "devuelto")
        uow.commit()
    with uow_factory() as uow:
        product = uow.catalog.get("MOL-MAN")
        assert (product.stock_on_hand, product.stock_reserved) == (3, 2)
        assert uow.orders.get(other).status is OrderStatus.APPROVED


@pytest.mark.parametrize("amount", ["0.001", "100.005", "0.00001"])
def test_amounts_finer_than_a_cent_are_refused(uow_factory, shop, seeded, amount):
    order_id = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)]))
    with uow_factory() as uow, pytest.raises(InvalidValue):
        payments.record_payment(uow, shop, order_id=order_id,
                                method=PaymentMethod.BANK_TRANSFER, amount=ars(amount))


def test_a_provider_reference_of_another_order_is_refused(uow_factory, shop, seeded):
    first, second = (place(uow_factory, shop, seeded,
                           quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)]))
                     for _ in range(2))
    with uow_factory() as uow:
        payments.record_payment(uow, shop, order_id=first, method=PaymentMethod.MERCADOPAGO,
                                amount=ars("10.00"), provider_reference="mp-7")
        uow.commit()
    with uow_factory() as uow, pytest.raises(InvalidValue):
        payments.record_payment(uow, shop, order_id=second, method=PaymentMethod.MERCADOPAGO,
                                amount=ars("10.00"), provider_reference="mp-7")


def test_a_new_quote_replaces_the_earlier_ones_which_can_no_longer_become_orders(
        uow_factory, shop, seeded):
    from domain.quote import QuoteStatus
    first = quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)])
    second = quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 2)])
    with uow_factory() as uow:
        assert uow.quotes.get(first).status is QuoteStatus.REJECTED
    with uow_factory() as uow, pytest.raises(InvalidTransition):
        ordering.place_order(uow, shop, customer_id=seeded, quote_id=first,
                             payment_method="bank_transfer")
    assert place(uow_factory, shop, seeded, second)


def test_a_rejected_transfer_leaves_the_order_unpaid(uow_factory, shop, seeded):
    order_id = place(uow_factory, shop, seeded,
                     quote(uow_factory, shop, seeded, [CartItem("TAZA-GR", 1)]))
    with uow_factory() as uow:
        payment = payments.record_payment(uow, shop, order_id=order_id,
                                          method=PaymentMethod.BANK_TRANSFER,
                                          amount=ars("8499.99"), receipt_file="r.jpg")
        payments.reject_payment(uow, shop, payment.id, "illegible")
        uow.commit()
    with uow_factory() as uow:
        [payment] = uow.payments.for_order(order_id)
        assert (payment.status, payment.note) == (PaymentStatus.REJECTED, "illegible")
        assert uow.orders.get(order_id).payment_state is PaymentState.UNPAID


def test_a_ticket_is_assigned_answered_resolved_and_rated(uow_factory, shop, clock, seeded):
    from domain.services import support
    from domain.ticket import TicketStatus
    with uow_factory() as uow:
        ticket_id = support.open_ticket(uow, shop, customer_id=seeded,
                                        description="No llegó mi pedido").id
        support.assign_ticket(uow, ticket_id, "sofia")
        clock.advance(minutes=5)
        support.reply(uow, shop, ticket_id, "agent", "sofia", "Ya lo reviso")
        support.resolve_ticket(uow, shop, ticket_id)
        support.rate_ticket(uow, ticket_id, seeded, 5, "¡Gracias!")
        uow.commit()
    with uow_factory() as uow:
        ticket = uow.tickets.get(ticket_id)
        assert (ticket.status, ticket.assignee, ticket.rating) == (TicketStatus.RESOLVED,
                                                                   "sofia", 5)
        assert ticket.first_response_at == clock.now()
        assert [m.author for m in ticket.messages] == ["customer", "agent"]
    with uow_factory() as uow, pytest.raises(NotFound):
        support.rate_ticket(uow, ticket_id, seeded + 1, 1)
