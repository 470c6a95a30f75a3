"""Shipments (picking checklist, carrier, tracking) and support tickets (reopen, rating)."""

from copy import deepcopy
from datetime import timedelta

import pytest
from domain_strategies import NOW, PROPERTY, later
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidTransition, InvalidValue
from domain.shipment import Shipment, ShipmentStatus
from domain.ticket import MAX_MESSAGE, REOPEN_WINDOW, Priority, Ticket, TicketStatus

S, T = ShipmentStatus, TicketStatus


def make_shipment() -> Shipment:
    return Shipment(11, "Av. Corrientes 1234, CABA", {"CAFE-1": 2, "TE-1": 1}, id=4)


def picked() -> Shipment:
    shipment = make_shipment()
    shipment.check_item("CAFE-1", 2)
    shipment.check_item("TE-1", 1)
    return shipment


# shipments ------------------------------------------------------------------------------------

def test_a_shipment_is_ready_only_once_every_item_is_checked():
    shipment = make_shipment()
    shipment.check_item("CAFE-1", 1)
    assert shipment.missing == {"CAFE-1": 1, "TE-1": 1}
    with pytest.raises(InvalidValue, match="not yet checked"):
        shipment.mark_ready()
    assert shipment.status is S.PENDING
    shipment.check_item("CAFE-1", 1)
    shipment.check_item("TE-1", 1)
    assert shipment.missing == {}
    shipment.mark_ready()
    assert shipment.status is S.READY


@pytest.mark.parametrize("sku, quantity", [
    ("CAFE-1", 3), ("CAFE-1", 0), ("CAFE-1", -1), ("TE-1", 2), ("YERBA-1", 1),
])
def test_checking_an_item_that_is_not_left_to_pick_is_refused(sku, quantity):
    shipment = make_shipment()
    with pytest.raises(InvalidValue):
        shipment.check_item(sku, quantity)
    assert shipment.checked == {}


def test_items_cannot_be_checked_once_the_shipment_is_ready():
    shipment = picked()
    shipment.mark_ready()
    with pytest.raises(InvalidValue, match="already ready"):
        shipment.check_item("CAFE-1", 1)


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["CAFE-1", "TE-1", "OTRO"]), st.integers(-2, 3)),
                max_size=10))
def test_the_checklist_never_counts_more_than_was_ordered(checks):
    shipment = make_shipment()
    for sku, quantity in checks:
        left = shipment.items.get(sku, 0) - shipment.checked.get(sku, 0)
        if sku in shipment.items and 0 < quantity <= left:
            shipment.check_item(sku, quantity)
        else:
            with pytest.raises(InvalidValue):
                shipment.check_item(sku, quantity)
        for item, ordered in shipment.items.items():
            assert 0 <= shipment.checked.get(item, 0) <= ordered
            assert shipment.checked.get(item, 0) + shipment.missing.get(item, 0) == ordered


@pytest.mark.parametrize("carrier, tracking", [("", "AB123"), ("Andreani", "  "), (" ", "")])
def test_dispatch_needs_a_carrier_and_a_tracking_number(carrier, tracking):
    shipment = picked()
    shipment.mark_ready()
    with pytest.raises(InvalidValue, match="carrier and a tracking"):
        shipment.dispatch(carrier, tracking, NOW)
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == (S.READY, None, None)


def test_a_shipment_is_dispatched_delivered_and_remembers_when():
    shipment = picked()
    shipment.mark_ready()
    shipment.dispatch("  Andreani ", " AB123 ", NOW)
    assert (shipment.carrier, shipment.tracking_number, shipment.dispatched_at) == \
        ("Andreani", "AB123", NOW)
    shipment.move(S.IN_TRANSIT, later(hours=2))
    shipment.move(S.DELIVERED, later(days=1))
    assert (shipment.status, shipment.delivered_at) == (S.DELIVERED, later(days=1))


def test_a_failed_delivery_can_be_dispatched_again_with_a_new_tracking_number():
    shipment = picked()
    shipment.mark_ready()
    shipment.dispatch("Andreani", "AB1", NOW)
    shipment.move(S.FAILED, later(days=1))
    shipment.dispatch("OCA", "XY2", later(days=2))
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == \
        (S.DISPATCHED, "OCA", "XY2")


def test_an_unpicked_shipment_cannot_be_dispatched():
    shipment = make_shipment()
    with pytest.raises(InvalidTransition):
        shipment.dispatch("Andreani", "AB123", NOW)
    assert shipment.status is S.PENDING and shipment.carrier is None


def test_a_shipment_cannot_skip_the_picking_checklist_through_move():
    shipment = make_shipment()
    with pytest.raises(InvalidTransition):
        shipment.move(S.READY, NOW)
    assert shipment.status is S.PENDING


def test_a_shipment_cannot_be_dispatched_without_carrier_through_move():
    shipment = picked()
    shipment.mark_ready()
    with pytest.raises(InvalidTransition):
        shipment.move(S.DISPATCHED, NOW)
    assert shipment.status is S.READY


# tickets --------------------------------------------------------------------------------------

def make_ticket(priority: Priority = Priority.NORMAL) -> Ticket:
    return Ticket(7, "  mi pedido\nno llegó  ", NOW, order_id=11, priority=priority, id=3)


def resolved_ticket(assignee: str | None = "agente1") -> Ticket:
    ticket = make_ticket()
    if assignee:
        ticket.assign(assignee)
    ticket.resolve(NOW)
    return ticket


def test_a_ticket_needs_a_subject_which_is_tidied_and_cut():
    assert make_ticket().subject == "mi pedido no llegó"
    assert len(Ticket(1, "x" * 300, NOW).subject) == 200
    with pytest.raises(InvalidValue):
        Ticket(1, "  \n ", NOW)


@pytest.mark.parametrize("priority, first, resolution", [
    (Priority.URGENT, 1, 4), (Priority.HIGH, 4, 24), (Priority.NORMAL, 8, 48),
    (Priority.LOW, 24, 96),
])
def test_deadlines_follow_the_priority(priority, first, resolution):
    ticket = make_ticket(priority)
    assert ticket.first_response_due == later(hours=first)
    assert ticket.resolution_due == later(hours=resolution)


def test_the_first_response_is_the_first_agent_message():
    ticket = make_ticket()
    ticket.add_message("customer", "7", "hola?", later(minutes=1))
    assert ticket.first_response_at is None
    ticket.add_message("agent", "agente1", "ya lo vemos", later(minutes=5))
    ticket.add_message("agent", "agente1", "listo", later(minutes=9))
    assert ticket.first_response_at == later(minutes=5)
    assert [m.text for m in ticket.messages] == ["hola?", "ya lo vemos", "listo"]


def test_a_customer_reply_brings_a_waiting_ticket_back_to_its_agent():
    ticket = make_ticket()
    ticket.assign("agente1")
    ticket.wait_for_customer()
    ticket.add_message("customer", "7", "acá está la foto", later(hours=1))
    assert (ticket.status, ticket.assignee) == (T.ASSIGNED, "agente1")


@pytest.mark.parametrize("assignee, reopened_as", [("agente1", T.ASSIGNED), (None, T.OPEN)])
def test_a_reply_within_the_reopen_window_reopens_a_resolved_ticket(assignee, reopened_as):
    ticket = resolved_ticket(assignee)
    ticket.add_message("customer", "7", "sigue sin llegar", NOW + REOPEN_WINDOW)
    assert ticket.status is reopened_as


def test_a_reply_after_the_reopen_window_is_kept_but_does_not_reopen():
    ticket = resolved_ticket()
    ticket.add_message("customer", "7", "gracias!", NOW + REOPEN_WINDOW + timedelta(seconds=1))
    assert ticket.status is T.RESOLVED and ticket.messages[-1].text == "gracias!"


def test_an_agent_message_does_not_reopen_a_resolved_ticket():
    ticket = resolved_ticket()
    ticket.add_message("agent", "agente1", "¿algo más?", later(hours=1))
    assert ticket.status is T.RESOLVED


def test_a_closed_ticket_takes_no_more_messages():
    ticket = resolved_ticket()
    ticket.close()
    with pytest.raises(InvalidValue, match="closed"):
        ticket.add_message("customer", "7", "hola", later(hours=1))
    assert ticket.messages == []


def test_an_empty_message_is_refused_and_a_long_one_is_cut():
    ticket = make_ticket()
    with pytest.raises(InvalidValue):
        ticket.add_message("customer", "7", "   ", NOW)
    ticket.add_message("customer", "7", "a" * (MAX_MESSAGE + 50), NOW)
    assert len(ticket.messages[0].text) == MAX_MESSAGE


@PROPERTY
@given(st.one_of(st.integers(-5, 10), st.just(True), st.just(3.5), st.just("5"), st.none()),
       st.sampled_from([T.RESOLVED, T.CLOSED]))
def test_a_rating_is_a_whole_number_from_one_to_five(rating, status):
    ticket = make_ticket()
    ticket.status = status
    valid = type(rating) is int and 1 <= rating <= 5
    if valid:
        ticket.rate(rating, "  muy bien  ")
        assert (ticket.rating, ticket.rating_comment) == (rating, "muy bien")
    else:
        with pytest.raises(InvalidValue):
            ticket.rate(rating)
        assert ticket.rating is None


@pytest.mark.parametrize("status", [T.OPEN, T.ASSIGNED, T.WAITING_CUSTOMER])
def test_a_ticket_is_rated_only_once_resolved(status):
    ticket = make_ticket()
    ticket.status = status
    before = deepcopy(vars(ticket))
    with pytest.raises(InvalidValue):
        ticket.rate(5)
    assert vars(ticket) == before
