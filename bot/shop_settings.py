"""config.yml → the domain's view of the shop."""

from __future__ import annotations

from datetime import timedelta

from bot.config import Settings
from domain.customer import clean_tax_id
from domain.invoice import DocumentType, InvoicingPolicy, Party
from domain.ports import Clock, SystemClock
from domain.pricing import ShippingRule
from domain.shop import Shop
from domain.taxes import TaxPolicy


def seller_of(settings: Settings) -> Party:
    business = settings.business
    return Party(business.legal_name, business.tax_id, business.address, business.tax_condition)


def invoicing_policy(settings: Settings) -> InvoicingPolicy:
    invoicing = settings.invoicing
    return InvoicingPolicy(
        point_of_sale=invoicing.point_of_sale,
        document_types=tuple(DocumentType(letter, doc.buyer_tax_id_required)
                             for letter, doc in invoicing.document_types.items()),
        default_letter=invoicing.default_document_type,
        issue_on_payment=invoicing.issue_on == "payment",
        seller=seller_of(settings),
    )


def shop_from(settings: Settings, clock: Clock | None = None) -> Shop:
    taxes = settings.taxes
    shipping = settings.shipping
    credit = settings.payments.credit_terms
    country = settings.business.country
    return Shop(
        currency=settings.business.currency,
        country=country,
        taxes=TaxPolicy({key: c.rate for key, c in taxes.categories.items()},
                        taxes.prices_include_tax,
                        {key: c.label for key, c in taxes.categories.items()}),
        shipping=ShippingRule(shipping.flat_fee, shipping.free_above, taxes.shipping_category,
                              shipping.pickup.enabled, shipping.pickup.address),
        invoicing=invoicing_policy(settings),
        payment_methods=tuple(settings.available_payment_methods),
        quote_validity=timedelta(days=settings.quotes.validity_days),
        reservation=timedelta(hours=settings.orders.reservation_hours),
        auto_approve=settings.orders.approval == "automatic",
        credit_tax_ids=frozenset(clean_tax_id(t, country) for t in credit.customers)
        if credit else frozenset(),
        cash_on_delivery_limit=settings.payments.cash_on_delivery.max_amount,
        clock=clock or SystemClock(),
    )
