"""From an accepted quote to an order; approving and cancelling it."""

from __future__ import annotations

from domain.errors import InvalidValue, NotFound, PromotionNotApplicable
from domain.order import FulfillmentStatus, Order
from domain.payment import PaymentStatus
from domain.ports import UnitOfWork
from domain.pricing import DeliveryMethod
from domain.promotions import PromotionContext
from domain.quote import Quote
from domain.services import invoicing, lookup
from domain.services.quoting import promotion_context
from domain.shop import Shop


RESERVATION_EXPIRED = "reservation expired"


def place_order(
    uow: UnitOfWork, shop: Shop, *, customer_id: int, quote_id: int, payment_method: str,
    delivery_address: str | None = None,
) -> Order:
    """Accept the quote at its prices and reserve its stock, all or nothing."""
    customer = lookup.customer(uow, customer_id)
    quote = uow.quotes.lock(quote_id)
    if quote is None or quote.customer_id != customer_id:
        raise NotFound(f"quote {quote_id} does not exist", quote_id=quote_id)
    if payment_method not in shop.payment_methods_for(quote.totals.total):
        raise InvalidValue(f"payment method {payment_method!r} is not offered for this order")
    address = _address_for(quote, customer.addresses, delivery_address, shop)
    quote.accept(shop.clock.now())
    _reserve_stock(uow, quote)
    ctx = promotion_context(uow, shop, customer_id, quote.promo_code)
    order = Order(customer_id=customer_id, quote_id=quote_id, currency=quote.currency,
                  lines=list(quote.lines), payment_method=payment_method,
                  delivery=quote.delivery, delivery_address=address,
                  conditions=shop.conditions_of_sale, placed_at=shop.clock.now(),
                  promotions=list(quote.promotions))
    uow.orders.add(order)
    uow.flush()
    _redeem_promotions(uow, ctx, quote, order)
    order.record("order.placed", order_id=order.id, customer_id=customer_id)
    if shop.auto_approve:
        approve_order(uow, shop, order.id)
    return order


def _address_for(quote: Quote, addresses: list[str], chosen: str | None, shop: Shop) -> str:
    if quote.delivery is DeliveryMethod.PICKUP:
        return shop.shipping.pickup_address or shop.invoicing.seller.address
    if chosen is None and addresses:
        return addresses[0]
    if chosen not in addresses:
        raise InvalidValue("choose one of your delivery addresses")
    return chosen


def _reserve_stock(uow: UnitOfWork, quote: Quote) -> None:
    lines = quote.product_lines
    products = uow.catalog.lock(sorted(line.sku for line in lines))
    for line in lines:
        product = products.get(line.sku)
        if product is None:
            raise NotFound(f"{line.name} is no longer in the catalog", sku=line.sku)
        product.reserve(line.quantity)


def _redeem_promotions(uow: UnitOfWork, ctx: PromotionContext, quote: Quote,
                       order: Order) -> None:
    """Limits are checked again under lock: two buyers cannot both take the last use."""
    ids = sorted({applied.promotion_id for applied in quote.promotions})
    for promotion in uow.promotions.lock(ids):
        reason = promotion.refusal(ctx)
        if reason in ("exhausted", "customer_limit", "inactive", "first_order_only"):
            raise PromotionNotApplicable(
                f"the promotion {promotion.label} can no longer be used; ask for a new quote",
                reason=reason, code=promotion.code)
        promotion.record_use()
        uow.promotions.add_redemption(promotion.id, order.customer_id, order.id)


def approve_order(uow: UnitOfWork, shop: Shop, order_id: int) -> Order:
    order = lookup.order(uow, order_id)
    order.approve()
    if not shop.invoicing.issue_on_payment or order.is_paid:
        invoicing.issue_invoice(uow, shop, order, lookup.customer(uow, order.customer_id))
    return order


def cancel_order(uow: UnitOfWork, shop: Shop, order_id: int, reason: str,
                 customer_id: int | None = None) -> Order:
    """Release the stock, cancel pending payments, credit the invoice if there is one."""
    order = lookup.order(uow, order_id, customer_id)
    still_reserved = order.fulfillment in (FulfillmentStatus.UNFULFILLED,
                                           FulfillmentStatus.PREPARING)
    order.cancel(reason)
    if still_reserved:
        products = uow.catalog.lock(sorted(line.sku for line in order.product_lines))
        for line in order.product_lines:
            if line.sku in products:
                products[line.sku].release(line.quantity)
    for payment in uow.payments.for_order(order.id):
        if payment.status is PaymentStatus.PENDING:
            payment.cancel(shop.clock.now())
    invoice = invoicing.current_invoice(uow, order)
    if invoice is not None:  # what refunds have not credited yet
        invoicing.credit_amount(uow, shop, invoice, invoice.totals.total,
                                reason or "order cancelled")
    return order


def release_expired_reservations(uow: UnitOfWork, shop: Shop) -> list[int]:
    """Cancel orders nobody paid within the reservation time, so their stock is sold again.
    Cash on delivery is paid later by design, and a payment awaiting confirmation (a
    transfer receipt sent) keeps the order."""
    cutoff = shop.clock.now() - shop.reservation
    expired = []
    for order in uow.orders.unpaid_placed_before(cutoff):
        waiting = any(p.status is PaymentStatus.PENDING for p in uow.payments.for_order(order.id))
        if waiting:
            continue
        cancel_order(uow, shop, order.id, RESERVATION_EXPIRED)
        expired.append(order.id)
    return expired
