"""Orders: payment state, completion and cancellation. Payments: decisions and refunds."""

from copy import deepcopy
from decimal import Decimal

import pytest
from domain_strategies import NOW, PROPERTY, ars, price, product
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import CurrencyMismatch, DomainError, InvalidTransition, InvalidValue
from domain.money import Money
from domain.order import FulfillmentStatus, Order, OrderStatus, PaymentState
from domain.payment import Payment, PaymentMethod, PaymentStatus
from domain.pricing import DeliveryMethod
from domain.promotions import Promotion, PromotionKind

F = FulfillmentStatus
TO_DELIVERED = (F.PREPARING, F.DISPATCHED, F.DELIVERED)


def make_order(unit_price: str = "100", quantity: int = 2, promotions=()) -> Order:
    cart = price([("A", quantity)], [product("A", unit_price)], promotions,
                 delivery=DeliveryMethod.PICKUP)
    return Order(7, 3, "ARS", list(cart.lines), "bank_transfer", DeliveryMethod.PICKUP, "",
                 "contado", NOW, id=11)


def approved_order(**kwargs) -> Order:
    order = make_order(**kwargs)
    order.approve()
    return order


def deliver(order: Order) -> None:
    for status in TO_DELIVERED:
        order.set_fulfillment(status)


# payment state --------------------------------------------------------------------------------

@pytest.mark.parametrize("payments, refunds, state", [
    ([], [], PaymentState.UNPAID),
    (["50"], [], PaymentState.PARTIALLY_PAID),
    (["50", "149.99"], [], PaymentState.PARTIALLY_PAID),
    (["50", "150"], [], PaymentState.PAID),
    (["200"], [], PaymentState.PAID),
    (["200.01"], [], PaymentState.OVERPAID),
    (["200"], ["20"], PaymentState.PARTIALLY_REFUNDED),
    (["200"], ["200"], PaymentState.REFUNDED),
    (["120", "80"], ["80", "120"], PaymentState.REFUNDED),
])
def test_the_payment_state_follows_what_was_paid_and_refunded(payments, refunds, state):
    order = approved_order()
    for amount in payments:
        order.add_payment(ars(amount))
    for amount in refunds:
        order.add_refund(ars(amount))
    assert order.payment_state is state
    paid = sum(map(Decimal, payments), Decimal(0)) - sum(map(Decimal, refunds), Decimal(0))
    assert order.balance == ars(200) - ars(paid)


def test_a_refund_larger_than_what_was_paid_is_refused_and_changes_nothing():
    order = approved_order()
    order.add_payment(ars(100))
    before = deepcopy(vars(order))
    with pytest.raises(InvalidTransition, match="only 100"):
        order.add_refund(ars("100.01"))
    assert vars(order) == before


def test_a_payment_change_is_recorded_as_an_event():
    order = approved_order()
    order.drain_events()
    order.add_payment(ars(200))
    [event] = order.drain_events()
    assert (event.topic, event.payload["before"], event.payload["after"]) == \
        ("order.payment_changed", "unpaid", "paid")


@st.composite
def order_histories(draw):
    """Payments (some settling the balance exactly) mixed with fulfillment steps, no refunds."""
    steps = []
    for _ in range(draw(st.integers(0, 10))):
        steps.append(draw(st.one_of(
            st.just(("step", None)), st.just(("settle", None)),
            st.integers(1, 25_000).map(lambda cents: ("pay", Decimal(cents) / 100)),
        )))
    return steps


@PROPERTY
@given(order_histories())
def test_an_order_completes_exactly_when_it_is_both_paid_and_delivered(history):
    order = approved_order()
    due = order.totals.total.amount
    paid, moves = Decimal(0), list(TO_DELIVERED)
    for kind, amount in history:
        if kind == "step" and moves:
            order.set_fulfillment(moves.pop(0))
        elif kind in ("pay", "settle"):
            amount = amount if kind == "pay" else max(due - paid, Decimal("0.01"))
            order.add_payment(ars(amount))
            paid += amount
        expected_state = (PaymentState.UNPAID if paid == 0 else
                          PaymentState.PARTIALLY_PAID if paid < due else
                          PaymentState.PAID if paid == due else PaymentState.OVERPAID)
        assert order.payment_state is expected_state
        done = paid >= due and order.fulfillment is F.DELIVERED
        assert (order.status is OrderStatus.COMPLETED) == done


def test_a_delivered_order_waits_for_its_last_cent_to_complete():
    order = approved_order()
    deliver(order)
    order.add_payment(ars("199.99"))
    assert order.status is OrderStatus.APPROVED
    order.add_payment(ars("0.01"))
    assert order.status is OrderStatus.COMPLETED


def test_a_placed_order_that_is_paid_does_not_complete_until_approved_and_delivered():
    order = make_order()
    order.add_payment(ars(200))
    assert (order.status, order.payment_state) == (OrderStatus.PLACED, PaymentState.PAID)


def test_refunding_an_overpayment_leaves_the_order_paid_and_completable():
    order = approved_order()
    order.add_payment(ars(200))
    order.add_payment(ars(200))
    order.add_refund(ars(200))
    deliver(order)
    assert order.balance == ars(0)
    assert order.payment_state is PaymentState.PAID
    assert order.status is OrderStatus.COMPLETED


def test_an_order_with_nothing_to_pay_counts_as_paid_and_completes_on_delivery():
    free = Promotion("gratis", PromotionKind.PERCENT, Decimal(100), id=1)
    order = approved_order(promotions=[free])
    assert order.totals.total == ars(0)
    deliver(order)
    assert order.status is OrderStatus.COMPLETED


@pytest.mark.parametrize("operation", ["add_payment", "add_refund"])
def test_an_order_refuses_money_in_another_currency(operation):
    order = approved_order()
    order.add_payment(ars(50))
    with pytest.raises(CurrencyMismatch):
        getattr(order, operation)(Money.of(5, "USD"))


@pytest.mark.parametrize("operation, amount", [
    ("add_payment", "0"), ("add_payment", "-50"), ("add_refund", "-50"),
])
def test_an_order_refuses_a_payment_or_refund_that_is_not_positive(operation, amount):
    order = approved_order()
    order.add_payment(ars(50))
    with pytest.raises(InvalidValue):
        getattr(order, operation)(ars(amount))


# cancellation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("steps", [(), (F.PREPARING,), (F.PREPARING, F.UNFULFILLED)])
def test_an_order_can_be_cancelled_before_it_leaves_the_warehouse(steps):
    order = approved_order()
    for status in steps:
        order.set_fulfillment(status)
    order.cancel("  el cliente se arrepintió  ")
    assert (order.status, order.cancel_reason) == (OrderStatus.CANCELLED,
                                                   "el cliente se arrepintió")


@pytest.mark.parametrize("steps", [TO_DELIVERED[:2], TO_DELIVERED])
def test_an_order_cannot_be_cancelled_once_dispatched(steps):
    order = approved_order()
    for status in steps:
        order.set_fulfillment(status)
    before = deepcopy(vars(order))
    with pytest.raises(InvalidTransition, match="left the warehouse"):
        order.cancel("tarde")
    assert vars(order) == before


def test_a_completed_order_cannot_be_cancelled():
    order = approved_order()
    order.add_payment(ars(200))
    deliver(order)
    with pytest.raises(InvalidTransition):
        order.cancel("x")
    assert order.status is OrderStatus.COMPLETED


def test_a_cancelled_order_takes_no_payment_but_can_still_be_refunded():
    order = approved_order()
    order.add_payment(ars(200))
    order.cancel("sin stock")
    with pytest.raises(InvalidTransition, match="cancelled"):
        order.add_payment(ars(10))
    order.add_refund(ars(200))
    assert order.payment_state is PaymentState.REFUNDED and order.amount_paid == 200


def test_a_long_cancel_reason_is_cut_and_a_blank_one_is_none():
    order = make_order()
    order.cancel("x" * 600)
    assert order.cancel_reason == "x" * 500
    other = make_order()
    other.cancel("   ")
    assert other.cancel_reason is None


# payments -------------------------------------------------------------------------------------

def make_payment(amount: str = "100") -> Payment:
    return Payment(11, PaymentMethod.MERCADOPAGO, ars(amount), NOW, id=5)


@pytest.mark.parametrize("amount", ["0", "-1"])
def test_a_payment_must_be_greater_than_zero(amount):
    with pytest.raises(InvalidValue):
        make_payment(amount)


def test_a_partial_refund_keeps_the_payment_approved_and_the_last_cent_refunds_it():
    payment = make_payment()
    payment.approve(NOW)
    payment.refund(ars("30"), NOW)
    assert (payment.status, payment.refunded_amount) == (PaymentStatus.APPROVED, 30)
    payment.refund(ars("69.99"), NOW)
    assert payment.status is PaymentStatus.APPROVED
    payment.refund(ars("0.01"), NOW)
    assert (payment.status, payment.refunded_amount) == (PaymentStatus.REFUNDED, 100)
    assert [e.topic for e in payment.drain_events()] == ["payment.approved", "payment.refunded"]


@pytest.mark.parametrize("amount", ["0", "-1", "100.01"])
def test_a_refund_outside_what_is_left_is_refused_and_changes_nothing(amount):
    payment = make_payment()
    payment.approve(NOW)
    before = deepcopy(vars(payment))
    with pytest.raises(InvalidValue):
        payment.refund(ars(amount), NOW)
    assert vars(payment) == before


@PROPERTY
@given(st.integers(1, 10**7), st.lists(st.integers(1, 10**7), max_size=8))
def test_refunds_never_exceed_the_payment(amount_cents, refund_cents):
    payment = make_payment(str(Decimal(amount_cents) / 100))
    payment.approve(NOW)
    for cents in refund_cents:
        refund = ars(Decimal(cents) / 100)
        left = payment.amount.amount - payment.refunded_amount
        if payment.status is PaymentStatus.APPROVED and refund.amount <= left:
            payment.refund(refund, NOW)
        else:
            with pytest.raises(DomainError):
                payment.refund(refund, NOW)
        assert 0 <= payment.refunded_amount <= payment.amount.amount
        assert (payment.status is PaymentStatus.REFUNDED) == \
            (payment.refunded_amount == payment.amount.amount)


def test_a_rejection_keeps_its_reason_and_when_it_was_decided():
    payment = make_payment()
    payment.reject(NOW, "comprobante ilegible")
    assert (payment.status, payment.note, payment.decided_at) == \
        (PaymentStatus.REJECTED, "comprobante ilegible", NOW)


@pytest.mark.parametrize("status", [PaymentStatus.PENDING, PaymentStatus.REJECTED,
                                    PaymentStatus.CANCELLED, PaymentStatus.REFUNDED])
def test_refunding_a_payment_that_is_not_approved_is_an_invalid_transition(status):
    payment = make_payment()
    payment.status = status
    with pytest.raises(InvalidTransition):
        payment.refund(ars(10), NOW)


def test_a_payment_refuses_a_refund_in_another_currency():
    payment = make_payment()
    payment.approve(NOW)
    with pytest.raises(CurrencyMismatch):
        payment.refund(Money.of(10, "USD"), NOW)
