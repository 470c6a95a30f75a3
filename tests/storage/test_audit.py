"""The staff audit log keeps JSON before/after, newest first, only when the change commits."""

from storage_samples import NOW

from domain.audit import AuditEntry


def entry(subject: str, after: dict) -> AuditEntry:
    return AuditEntry(at=NOW, channel="telegram", actor_id="123456789", action="stock.set",
                      subject=subject, actor_name="Marta Giménez", before={"on_hand": 3},
                      after=after)


def test_entries_come_back_as_written_newest_first(uow_factory):
    with uow_factory() as uow:
        uow.audit.add(entry("product:A", {"on_hand": 5, "note": "ñandú", "nested": [1, None]}))
        uow.audit.add(entry("product:B", {"on_hand": 9}))
        uow.commit()
    with uow_factory() as uow:
        newest, oldest = uow.audit.recent()
        [only_a] = uow.audit.recent(subject="product:A")
    assert newest.subject == "product:B" and oldest.id < newest.id
    assert only_a.after == {"on_hand": 5, "note": "ñandú", "nested": [1, None]}
    assert (only_a.at, only_a.actor_name, only_a.before) == (NOW, "Marta Giménez",
                                                             {"on_hand": 3})


def test_an_entry_of_a_transaction_rolled_back_is_not_kept(uow_factory):
    with uow_factory() as uow:
        uow.audit.add(entry("product:A", {"on_hand": 5}))
    with uow_factory() as uow:
        assert uow.audit.recent() == []
