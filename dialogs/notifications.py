"""Domain events that a customer hears about in their chat."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.context import Dependencies
from dialogs.contract import LANGUAGE, Document, Outgoing, Reply
from dialogs.i18n import Translator
from domain.invoice import DocumentKind, Invoice
from domain.outbox import OutboxMessage
from domain.ports import UnitOfWork

NOTIFIED_TOPICS = ("invoice.issued", "credit_note.issued")


Render = tuple[str, Callable[[], bytes]]


def messages_for(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
                 translator: Callable[[str], Translator], renders: list[Render]
                 ) -> list[Outgoing]:
    """The messages `event` sends; the PDFs they carry are added to `renders`, to be
    drawn once the messages are committed."""
    invoice = uow.invoices.get(int(event.payload["invoice_id"]))
    customer = uow.customers.get(invoice.customer_id) if invoice else None
    if invoice is None or customer is None or not customer.identities:
        return []
    t = translator(customer.language)
    identity = customer.identities[0]
    reply = _document_reply(invoice, uow, deps, t, renders)
    return [Outgoing(identity.channel, identity.external_id, reply, {LANGUAGE: t.language})]


def _document_reply(invoice: Invoice, uow: UnitOfWork, deps: Dependencies,
                    t: Translator, renders: list[Render]) -> Reply:
    credited = uow.invoices.get(invoice.credited_invoice_id) \
        if invoice.credited_invoice_id else None
    order = uow.orders.get(invoice.order_id)
    key = "invoice" if invoice.kind is DocumentKind.INVOICE else "credit_note"
    filename = f"{key}-{invoice.display_number.replace(' ', '-')}.pdf"
    path = deps.files.reserve(filename)
    renders.append((path, lambda: deps.renderer.invoice(invoice, t, order=order,
                                                        credited=credited)))
    text = t.t(f"notifications.{key}_issued", number=invoice.display_number,
               order=invoice.order_id, total=t.money(invoice.totals.total))
    return Reply(text, document=Document(filename, "application/pdf", path))
