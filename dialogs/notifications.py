"""Domain events people hear about in their chat: customers (their invoice, payment
confirmed or rejected, dispatch, delivery) and staff (dialogs/flows/admin_notices.py)."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.context import Dependencies
from dialogs.contract import LANGUAGE, Document, Outgoing, Reply
from dialogs.flows import admin_notices, restock
from dialogs.flows.satisfaction import rating_buttons
from dialogs.i18n import Translator
from dialogs.payment_links import rejected_reply
from domain.customer import Customer
from domain.invoice import DocumentKind, Invoice
from domain.order import FulfillmentStatus, OrderStatus
from domain.outbox import OutboxMessage
from domain.payment import PaymentMethod
from domain.ports import UnitOfWork
from domain.services import invoicing

Render = tuple[str, Callable[[], bytes]]
Translators = Callable[[str], Translator]
DELIVERED = "notices.customer.delivered"
Notice = Callable[[OutboxMessage, UnitOfWork, Dependencies, Translators, list[Render]],
                  list[Outgoing]]


def messages_for(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
                 translator: Translators, renders: list[Render]) -> list[Outgoing]:
    """The messages `event` sends; the PDFs they carry are added to `renders`, to be
    drawn once the messages are committed."""
    customer_notice = CUSTOMER_NOTICES.get(event.topic)
    told = customer_notice(event, uow, deps, translator, renders) if customer_notice else []
    return told + admin_notices.staff_messages(event, uow, deps, translator)


def to_customer(customer: Customer, t: Translator, reply: Reply) -> Outgoing | None:
    """Addressed to the customer's first identity, the channel they came by."""
    if not customer.identities:
        return None
    identity = customer.identities[0]
    return Outgoing(identity.channel, identity.external_id, reply, {LANGUAGE: t.language})


def _document(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
              translator: Translators, renders: list[Render]) -> list[Outgoing]:
    invoice = uow.invoices.get(int(event.payload["invoice_id"]))
    customer = uow.customers.get(invoice.customer_id) if invoice else None
    if invoice is None or customer is None:
        return []
    t = translator(customer.language)
    told = to_customer(customer, t, _document_reply(invoice, uow, deps, t, renders))
    return [told] if told else []


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


def _order_news(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
                translator: Translators, renders: list[Render]) -> list[Outgoing]:
    """Approval (when no invoice says it), payment, dispatch and delivery of an order."""
    order = uow.orders.get(int(event.payload.get("order_id") or 0))
    customer = uow.customers.get(order.customer_id) if order else None
    key = _news_key(event, uow) if order is not None else None
    if order is None or customer is None or key is None:
        return []
    t = translator(customer.language)
    text = t.t(key, order=order.id, carrier=event.payload.get("carrier", ""),
               tracking=event.payload.get("tracking_number", ""),
               total=t.money(order.totals.total))
    delivered = key == DELIVERED  # how did it go?
    told = to_customer(customer, t, Reply(
        f"{text}\n\n{t.t('satisfaction.ask_order')}" if delivered else text,
        rating_buttons(t, "order", order.id or 0) if delivered else ()))
    return [told] if told else []


def _news_key(event: OutboxMessage, uow: UnitOfWork) -> str | None:
    after = event.payload.get("after")
    if event.topic == "order.status_changed" and after == OrderStatus.APPROVED.value:
        order = uow.orders.get(int(event.payload["order_id"]))
        invoiced = order is not None and invoicing.current_invoice(uow, order) is not None
        return None if invoiced else "notices.customer.approved"
    if event.topic == "order.fulfillment_changed" and after == FulfillmentStatus.DELIVERED.value:
        return DELIVERED
    return {"order.dispatched": "notices.customer.dispatched",
            "payment.approved": "notices.customer.payment_confirmed",
            "payment.rejected": "notices.customer.payment_rejected"}.get(event.topic)


def _payment_rejected(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
                      translator: Translators, renders: list[Render]) -> list[Outgoing]:
    """A declined card may try again with the same link, or pay another way; a rejected
    transfer receipt is asked for again."""
    payment = uow.payments.get(int(event.payload.get("payment_id") or 0))
    if payment is None or payment.method is not PaymentMethod.MERCADOPAGO:
        return _order_news(event, uow, deps, translator, renders)
    order = uow.orders.get(payment.order_id)
    customer = uow.customers.get(order.customer_id) if order else None
    if order is None or customer is None or not order.balance.amount > 0:
        return []
    t = translator(customer.language)
    told = to_customer(customer, t, rejected_reply(t, order.id or 0))
    return [told] if told else []


CUSTOMER_NOTICES: dict[str, Notice] = {
    "invoice.issued": _document, "credit_note.issued": _document,
    "order.status_changed": _order_news, "order.fulfillment_changed": _order_news,
    "order.dispatched": _order_news, "payment.approved": _order_news,
    "payment.rejected": _payment_rejected,
    **dict.fromkeys(restock.TOPICS, restock.back_in_stock),
}
NOTIFIED_TOPICS = tuple(sorted(CUSTOMER_NOTICES.keys() | admin_notices.STAFF_TOPICS))
