"""The staff audit log: appended to, read newest first."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from domain.audit import AuditEntry
from storage.schema import staff_audit

FIELDS = ("at", "channel", "actor_id", "actor_name", "action", "subject", "before", "after")


class SqlAuditLog:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, entry: AuditEntry) -> None:
        self.session.execute(insert(staff_audit).values(
            {name: getattr(entry, name) for name in FIELDS}))

    def recent(self, limit: int = 50, subject: str | None = None) -> list[AuditEntry]:
        """Newest first; only those about `subject` when given."""
        query = select(staff_audit).order_by(staff_audit.c.id.desc()).limit(limit)
        if subject is not None:
            query = query.where(staff_audit.c.subject == subject)
        return [AuditEntry(**row) for row in self.session.execute(query).mappings()]
