"""Updates kept from acknowledgement until handled; outbox messages claimed by one sender."""

from datetime import timedelta

from storage_samples import NOW

from domain.outbox import OutboxMessage
from storage.repositories.inbound import MAX_ATTEMPTS, Inbound

LATER = NOW + timedelta(minutes=1)
LEASE = NOW + timedelta(minutes=5)


def keep(uow_factory, *keys: str, channel: str = "telegram", chat: str | None = None) -> None:
    with uow_factory() as uow:
        uow.inbound.keep([Inbound(channel, key, chat, {"update_id": key}) for key in keys], NOW)
        uow.commit()


def claim(uow_factory, now=NOW, until=LEASE, limit=100):
    with uow_factory() as uow:
        claimed = uow.inbound.claim(limit, now, until)
        uow.commit()
    return claimed


def test_a_retried_update_is_kept_once_and_claimed_in_arrival_order(uow_factory):
    keep(uow_factory, "1", "2")
    keep(uow_factory, "2", "3")
    keep(uow_factory, "3", channel="whatsapp")
    claimed = claim(uow_factory)
    assert [(u.channel, u.payload["update_id"]) for u in claimed] == [
        ("telegram", "1"), ("telegram", "2"), ("telegram", "3"), ("whatsapp", "3")]


def test_claimed_updates_wait_for_their_claim_to_lapse(uow_factory):
    keep(uow_factory, "1", "2")
    assert len(claim(uow_factory, limit=1)) == 1
    assert [u.payload["update_id"] for u in claim(uow_factory)] == ["2"]
    assert claim(uow_factory) == []
    after_a_crash = claim(uow_factory, now=LEASE + timedelta(seconds=1))
    assert [u.payload["update_id"] for u in after_a_crash] == ["1", "2"]


def test_a_chat_being_handled_by_another_worker_waits_its_turn(uow_factory):
    keep(uow_factory, "a1", chat="telegram:1")
    keep(uow_factory, "b1", chat="telegram:2")
    keep(uow_factory, "a2", chat="telegram:1")
    keep(uow_factory, "s1")  # a status: no chat, no order to keep
    first_worker = claim(uow_factory, limit=1)
    second_worker = claim(uow_factory)
    assert [u.payload["update_id"] for u in first_worker] == ["a1"]
    assert [u.payload["update_id"] for u in second_worker] == ["b1", "s1"]
    with uow_factory() as uow:
        uow.inbound.handled([first_worker[0].id], LATER)
        uow.commit()
    assert [u.payload["update_id"] for u in claim(uow_factory)] == ["a2"]


def test_handled_updates_are_not_claimed_again(uow_factory):
    keep(uow_factory, "1", "2")
    first, second = claim(uow_factory)
    with uow_factory() as uow:
        uow.inbound.handled([first.id], LATER)
        uow.inbound.failed(second.id, "network down", LATER)
        assert uow.inbound.waiting() == 1
        uow.commit()
    again = claim(uow_factory)
    assert [(u.id, u.attempts) for u in again] == [(second.id, 1)]


def test_an_update_failing_every_time_is_put_aside(uow_factory):
    keep(uow_factory, "1")
    for _ in range(MAX_ATTEMPTS):
        (update,) = claim(uow_factory)
        with uow_factory() as uow:
            uow.inbound.failed(update.id, "boom", LATER)
            uow.commit()
    assert claim(uow_factory) == []


def test_delivery_statuses_are_recorded_once_each(uow_factory):
    status = {"channel": "whatsapp", "message_id": "wamid.1", "chat_id": "5491122334455",
              "at": NOW, "error": None}
    with uow_factory() as uow:
        uow.deliveries.record([{**status, "status": "sent"}, {**status, "status": "read"}])
        uow.deliveries.record([{**status, "status": "sent"}])
        uow.commit()
    with uow_factory() as uow:
        assert sorted(uow.deliveries.of_message("whatsapp", "wamid.1")) == ["read", "sent"]


def add_messages(uow_factory, *chats: str) -> None:
    with uow_factory() as uow:
        for chat in chats:
            uow.outbox.add(OutboxMessage("message", {"to": chat}, NOW, chat_key=chat))
        uow.commit()


def claim_messages(uow_factory, now=NOW):
    with uow_factory() as uow:
        claimed = uow.outbox.claim(100, ("message",), now, now + timedelta(minutes=5))
        uow.commit()
    return [message.payload["to"] for message in claimed]


def test_a_chat_being_sent_to_is_left_to_its_sender(uow_factory):
    add_messages(uow_factory, "ana", "ana", "beto")
    assert claim_messages(uow_factory) == ["ana", "ana", "beto"]
    add_messages(uow_factory, "ana", "carla")
    assert claim_messages(uow_factory) == ["carla"]  # ana's earlier messages are in flight
    lapsed = claim_messages(uow_factory, now=NOW + timedelta(minutes=6))
    assert lapsed == ["ana", "ana", "beto", "ana", "carla"]
