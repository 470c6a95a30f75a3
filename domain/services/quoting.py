"""Building a quote from a cart."""

from __future__ import annotations

from domain.errors import PromotionNotApplicable
from domain.ports import UnitOfWork
from domain.pricing import CartItem, DeliveryMethod, merge_items, price_cart
from domain.promotions import PromotionContext, normalize_code
from domain.quote import Quote
from domain.services import lookup
from domain.shop import Shop

CODE_REFUSALS = {
    "unknown": "there is no promotion with code {code}",
    "inactive": "the promotion {code} is no longer active",
    "not_started": "the promotion {code} has not started yet",
    "expired": "the promotion {code} has expired",
    "first_order_only": "the promotion {code} is for a first order only",
    "exhausted": "the promotion {code} has been used up",
    "customer_limit": "you have already used the promotion {code}",
    "no_matching_products": "the promotion {code} does not apply to the products in your cart",
    "min_amount": "the cart does not reach the minimum amount of the promotion {code}",
    "min_quantity": "the cart does not reach the minimum quantity of the promotion {code}",
    "not_best": "a better promotion already applies; {code} does not add to it",
}


def promotion_context(uow: UnitOfWork, shop: Shop, customer_id: int,
                      code: str | None) -> PromotionContext:
    return PromotionContext(
        now=shop.clock.now(),
        code=normalize_code(code) if code else None,
        is_first_order=uow.orders.count_for_customer(customer_id) == 0,
        uses_by_customer=uow.promotions.uses_by_customer(customer_id),
    )


def build_quote(
    uow: UnitOfWork, shop: Shop, *, customer_id: int, items: list[CartItem],
    code: str | None = None, delivery: DeliveryMethod = DeliveryMethod.DELIVERY,
) -> Quote:
    """Price the cart now; a promo code that gives nothing is refused with the reason why."""
    lookup.customer(uow, customer_id)
    items = merge_items(items)
    catalog = uow.catalog.by_skus([item.sku for item in items])
    ctx = promotion_context(uow, shop, customer_id, code)
    priced = price_cart(items, catalog, uow.promotions.all(), ctx, shop.taxes, shop.shipping,
                        delivery)
    if priced.code_refusal:
        raise PromotionNotApplicable(
            CODE_REFUSALS[priced.code_refusal].format(code=ctx.code),
            reason=priced.code_refusal, code=ctx.code,
        )
    for earlier in uow.quotes.open_for_customer(customer_id):
        earlier.reject()  # the newest quote replaces them: only one can become an order
    now = shop.clock.now()
    quote = Quote(customer_id=customer_id, currency=shop.currency, lines=list(priced.lines),
                  created_at=now, valid_until=now + shop.quote_validity, delivery=delivery,
                  promotions=list(priced.promotions), promo_code=ctx.code)
    uow.quotes.add(quote)
    return quote
