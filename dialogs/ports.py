"""What the dialogs need from the application around them, implemented in bot/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Protocol

from dialogs.i18n import Translator
from domain.customer import Customer
from domain.invoice import Invoice
from domain.order import Order
from domain.quote import Quote


class DocumentRenderer(Protocol):
    """PDFs in the translator's language."""

    def quote(self, quote: Quote, customer: Customer, t: Translator) -> bytes: ...
    def order(self, order: Order, customer: Customer, t: Translator) -> bytes: ...
    def invoice(self, invoice: Invoice, t: Translator, order: Order | None = None,
                credited: Invoice | None = None) -> bytes: ...


class FileStore(Protocol):
    def reserve(self, name: str) -> str:
        """A new path, derived from `name`, for a file written later."""

    def write(self, path: str, content: bytes) -> None: ...

    def save(self, name: str, content: bytes) -> str:
        """Keep `content` under a name derived from `name`; the path it is kept at."""


@dataclass(frozen=True)
class BotProfile:
    """The parts of config.yml the conversation shows or obeys."""

    business_name: str
    locale: str
    timezone: tzinfo
    default_language: str = "es"
    bank_transfer: tuple[tuple[str, str], ...] = ()  # (field, value): bank, holder, cbu…
    pickup_address: str | None = None
    confidence_threshold: float = 0.6
    page_size: int = 6
    staff: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    staff_names: dict[tuple[str, str], str] = field(default_factory=dict)  # (channel, id) → name
