"""Every status machine allows exactly its legal moves and refuses every other with
InvalidTransition, changing nothing."""

from copy import deepcopy
from datetime import timedelta
from itertools import product as pairs

import pytest
from domain_strategies import NOW, PROPERTY, ars, later, price, product
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidTransition, QuoteExpired
from domain.invoice import INVOICE_STATUS, DocumentKind, Invoice, InvoiceStatus, Party
from domain.order import (
    FULFILLMENT_STATUS, ORDER_STATUS, FulfillmentStatus, Order, OrderStatus,
)
from domain.payment import PAYMENT_STATUS, Payment, PaymentMethod, PaymentStatus
from domain.pricing import DeliveryMethod
from domain.quote import QUOTE_STATUS, Quote, QuoteStatus
from domain.shipment import SHIPMENT_STATUS, Shipment, ShipmentStatus
from domain.ticket import TICKET_STATUS, Ticket, TicketStatus

Q, OS, F, P = QuoteStatus, OrderStatus, FulfillmentStatus, PaymentStatus
S, T, IS = ShipmentStatus, TicketStatus, InvoiceStatus

# The legal moves, written out from DESIGN.md on their own so a change to a table shows up here.
LEGAL = {
    "quote": (QUOTE_STATUS, Q, {
        Q.DRAFT: {Q.SENT, Q.ACCEPTED, Q.REJECTED, Q.EXPIRED},
        Q.SENT: {Q.ACCEPTED, Q.REJECTED, Q.EXPIRED},
    }),
    "order": (ORDER_STATUS, OS, {
        OS.PLACED: {OS.APPROVED, OS.CANCELLED},
        OS.APPROVED: {OS.COMPLETED, OS.CANCELLED},
    }),
    "fulfillment": (FULFILLMENT_STATUS, F, {
        F.UNFULFILLED: {F.PREPARING},
        F.PREPARING: {F.DISPATCHED, F.UNFULFILLED},
        F.DISPATCHED: {F.DELIVERED, F.FAILED},
        F.FAILED: {F.DISPATCHED, F.RETURNED},
    }),
    "payment": (PAYMENT_STATUS, P, {
        P.PENDING: {P.APPROVED, P.REJECTED, P.CANCELLED},
        P.APPROVED: {P.REFUNDED},
    }),
    "shipment": (SHIPMENT_STATUS, S, {
        S.PENDING: {S.READY},
        S.READY: {S.DISPATCHED},
        S.DISPATCHED: {S.IN_TRANSIT, S.DELIVERED, S.FAILED},
        S.IN_TRANSIT: {S.DELIVERED, S.FAILED},
        S.FAILED: {S.DISPATCHED, S.RETURNED},
    }),
    "ticket": (TICKET_STATUS, T, {
        T.OPEN: {T.ASSIGNED, T.RESOLVED},
        T.ASSIGNED: {T.WAITING_CUSTOMER, T.RESOLVED, T.OPEN},
        T.WAITING_CUSTOMER: {T.ASSIGNED, T.RESOLVED},
        T.RESOLVED: {T.CLOSED, T.ASSIGNED, T.OPEN},
    }),
    "invoice": (INVOICE_STATUS, IS, {
        IS.ISSUED: {IS.PAID, IS.CREDITED},
        IS.PAID: {IS.CREDITED},
    }),
}


def is_legal(name, current, target) -> bool:
    return target in LEGAL[name][2].get(current, set())


ALL_PAIRS = [(name, current, target) for name, (_, enum, _) in LEGAL.items()
             for current, target in pairs(enum, enum)]
ILLEGAL = [case for case in ALL_PAIRS if not is_legal(*case)]
ALLOWED = [case for case in ALL_PAIRS if is_legal(*case)]


def case_id(case) -> str:
    name, current, target = case
    return f"{name}:{current.value}->{target.value}"


@pytest.mark.parametrize("case", ILLEGAL, ids=case_id)
def test_every_status_machine_refuses_every_illegal_transition(case):
    name, current, target = case
    machine = LEGAL[name][0]
    assert not machine.allows(current, target)
    with pytest.raises(InvalidTransition) as refused:
        machine.check(current, target)
    assert refused.value.details == {"subject": machine.subject, "current": current.value,
                                     "target": target.value}
    assert current.value in refused.value.message and target.value in refused.value.message


@pytest.mark.parametrize("case", ALLOWED, ids=case_id)
def test_every_status_machine_allows_every_legal_transition(case):
    name, current, target = case
    assert LEGAL[name][0].check(current, target) is target


@pytest.mark.parametrize("name", sorted(LEGAL))
def test_no_status_may_stay_where_it_is_or_leave_a_final_status(name):
    machine, enum, legal = LEGAL[name]
    for status in enum:
        assert not machine.allows(status, status)
        if status not in legal:
            assert not any(machine.allows(status, target) for target in enum)


# The same rules seen through the aggregates' own methods, in random walks -----------------------

def make_quote():
    return Quote(1, "ARS", [], NOW, later(days=7))


def make_order():
    lines = list(price([("A", 2)], [product("A", "100")]).lines)
    return Order(1, 1, "ARS", lines, "mercadopago", DeliveryMethod.DELIVERY, "Calle 1", "", NOW)


def make_payment():
    return Payment(1, PaymentMethod.BANK_TRANSFER, ars(100), NOW)


def make_shipment():
    return Shipment(1, "Calle 1", {"A": 1}, checked={"A": 1})


def make_ticket():
    return Ticket(1, "no llegó mi pedido", NOW)


def make_invoice():
    party = Party("x", None, "y")
    return Invoice(DocumentKind.INVOICE, "B", 1, 1, 1, 1, party, party, "ARS", [], NOW)


# name → (builder, status attribute, machine name, {action: (target, call)})
WALKS = {
    "quote": (make_quote, "status", "quote", {
        "send": (Q.SENT, lambda q: q.send()),
        "accept": (Q.ACCEPTED, lambda q: q.accept(NOW)),
        "reject": (Q.REJECTED, lambda q: q.reject()),
        "expire": (Q.EXPIRED, lambda q: q.expire()),
    }),
    "order": (make_order, "status", "order", {
        "approve": (OS.APPROVED, lambda o: o.approve()),
        "cancel": (OS.CANCELLED, lambda o: o.cancel("no lo quiero")),
    }),
    "fulfillment": (make_order, "fulfillment", "fulfillment", {
        status.value: (status, lambda o, s=status: o.set_fulfillment(s)) for status in F
    }),
    "payment": (make_payment, "status", "payment", {
        "approve": (P.APPROVED, lambda p: p.approve(NOW)),
        "reject": (P.REJECTED, lambda p: p.reject(NOW, "ilegible")),
        "cancel": (P.CANCELLED, lambda p: p.cancel(NOW)),
    }),
    "shipment": (make_shipment, "status", "shipment", {
        "ready": (S.READY, lambda s: s.mark_ready()),
        "dispatch": (S.DISPATCHED, lambda s: s.dispatch("OCA", "OCA-1", NOW)),
        **{status.value: (status, lambda s, t=status: s.move(t, NOW))
           for status in (S.IN_TRANSIT, S.DELIVERED, S.FAILED, S.RETURNED)},
    }),
    "ticket": (make_ticket, "status", "ticket", {
        "assign": (T.ASSIGNED, lambda t: t.assign("agente1")),
        "wait": (T.WAITING_CUSTOMER, lambda t: t.wait_for_customer()),
        "resolve": (T.RESOLVED, lambda t: t.resolve(NOW)),
        "close": (T.CLOSED, lambda t: t.close()),
    }),
    "invoice": (make_invoice, "status", "invoice", {
        "pay": (IS.PAID, lambda i: i.mark_paid()),
        "credit": (IS.CREDITED, lambda i: i.mark_credited()),
    }),
}

# Assigning an assigned ticket to someone else is a handover, not a move.
NO_MOVE = {("ticket", "assign"): {T.ASSIGNED}}


def prepared(name, status=None):
    build, attribute, _, _ = WALKS[name]
    subject = build()
    if name == "fulfillment":
        subject.approve()
    if status is not None:
        setattr(subject, attribute, status)
    return subject


def may(name, action, current, target) -> bool:
    return is_legal(WALKS[name][2], current, target) or current in NO_MOVE.get((name, action), ())


AGGREGATE_CASES = [(name, status, action) for name, (_, _, machine, actions) in WALKS.items()
                   for status in LEGAL[machine][1] for action in sorted(actions)]


@pytest.mark.parametrize("name, current, action", AGGREGATE_CASES,
                         ids=[f"{n}:{c.value}:{a}" for n, c, a in AGGREGATE_CASES])
def test_each_aggregate_method_refuses_every_illegal_transition_from_every_status(
        name, current, action):
    subject = prepared(name, current)
    attribute, (target, call) = WALKS[name][1], WALKS[name][3][action]
    before = deepcopy(vars(subject))
    if may(name, action, current, target):
        call(subject)
        assert getattr(subject, attribute) is target
    else:
        with pytest.raises(InvalidTransition):
            call(subject)
        assert vars(subject) == before


@PROPERTY
@given(st.sampled_from(sorted(WALKS)), st.data())
def test_aggregates_move_only_along_their_tables_and_a_refusal_changes_nothing(name, data):
    _, attribute, _, actions = WALKS[name]
    subject = prepared(name)
    for action in data.draw(st.lists(st.sampled_from(sorted(actions)), max_size=12)):
        target, call = actions[action]
        before = deepcopy(vars(subject))
        if may(name, action, getattr(subject, attribute), target):
            call(subject)
            assert getattr(subject, attribute) is target
        else:
            with pytest.raises(InvalidTransition):
                call(subject)
            assert vars(subject) == before


@pytest.mark.parametrize("status", list(T))
def test_assigning_a_ticket_moves_it_to_assigned_unless_it_is_closed(status):
    ticket = make_ticket()
    ticket.status = status
    if status is T.CLOSED:
        with pytest.raises(InvalidTransition):
            ticket.assign("agente1")
        assert ticket.assignee is None
    else:
        ticket.assign("agente1")
        assert (ticket.status, ticket.assignee) == (T.ASSIGNED, "agente1")


def test_a_status_change_of_an_order_is_recorded_as_an_event_and_a_refusal_records_nothing():
    order = make_order()
    order.approve()
    [event] = order.drain_events()
    assert event.topic == "order.status_changed"
    assert (event.payload["before"], event.payload["after"]) == ("placed", "approved")
    with pytest.raises(InvalidTransition):
        order.approve()
    assert order.drain_events() == []


def test_fulfillment_cannot_move_before_the_order_is_approved():
    order = make_order()
    with pytest.raises(InvalidTransition, match="not approved"):
        order.set_fulfillment(F.PREPARING)
    assert order.fulfillment is F.UNFULFILLED


def test_an_expired_quote_cannot_be_accepted_and_stays_as_it_was():
    for now in (later(days=7), later(days=8)):
        quote = make_quote()
        with pytest.raises(QuoteExpired):
            quote.accept(now)
        assert quote.status is Q.DRAFT
    quote = make_quote()
    quote.send()
    quote.accept(later(days=7) - timedelta(seconds=1))
    assert quote.status is Q.ACCEPTED


def test_a_quote_accepted_twice_is_refused_the_second_time():
    quote = make_quote()
    quote.accept(NOW)
    quote.drain_events()
    with pytest.raises(InvalidTransition):
        quote.accept(NOW)
    assert quote.status is Q.ACCEPTED and quote.drain_events() == []
