"""Where each chat stands, and updates seen once even when a platform delivers them twice."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from storage_samples import NOW, state

from domain.conversation import Conversation


def test_a_conversation_is_created_on_first_contact_and_keeps_its_data(uow_factory):
    with uow_factory() as uow:
        assert uow.conversations.lock("telegram", "42") is None
        uow.conversations.add(Conversation("telegram", "42", NOW, language="es"))
        uow.commit()
    with uow_factory() as uow:
        chat = uow.conversations.lock("telegram", "42")
        chat.go("checkout", "address")
        chat.data["cart"] = [{"sku": "CAF-GR-COL-500", "quantity": 2}]
        chat.updated_at = NOW + timedelta(minutes=1)
        uow.commit()
    with uow_factory() as uow:
        again = uow.conversations.lock("telegram", "42")
        assert uow.conversations.lock("whatsapp", "42") is None
    assert state(again) == state(chat)
    assert again.data == {"cart": [{"sku": "CAF-GR-COL-500", "quantity": 2}]}


def test_an_update_is_seen_first_only_once(uow_factory):
    with uow_factory() as uow:
        assert uow.conversations.first_seen("telegram", "1001", NOW) is True
        assert uow.conversations.first_seen("telegram", "1001", NOW) is False
        assert uow.conversations.first_seen("whatsapp", "1001", NOW) is True
        uow.commit()
    with uow_factory() as uow:
        assert uow.conversations.first_seen("telegram", "1001", NOW) is False


def test_an_update_seen_in_a_rolled_back_transaction_counts_as_new(uow_factory):
    with uow_factory() as uow:
        assert uow.conversations.first_seen("console", "7", NOW)
    with uow_factory() as uow:
        assert uow.conversations.first_seen("console", "7", NOW)


def test_a_retried_update_arriving_concurrently_is_handled_once(uow_factory):
    def handle():
        with uow_factory() as uow:
            first = uow.conversations.first_seen("whatsapp", "wamid.HBgL", NOW)
            uow.commit()
            return first

    with ThreadPoolExecutor(max_workers=6) as pool:
        firsts = list(pool.map(lambda _: handle(), range(6)))
    assert firsts.count(True) == 1
