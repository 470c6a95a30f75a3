"""A cart filled in the platform's own catalog (a WhatsApp "order" message) becomes the
customer's cart here, under our prices and stock, and the conversation goes on at the quote.
Whatever differs from what the platform showed is said plainly."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import OrderedItem
from dialogs.flows.cart_ops import MAX_LINES
from dialogs.flows.quote import prepare_quote
from dialogs.menus import main_menu_buttons
from dialogs.registry import platform_cart
from domain.catalog import MAX_QUANTITY, Product
from domain.errors import DomainError
from domain.money import Money


@platform_cart
def cart_from_platform(ctx: Context) -> None:
    items = ctx.incoming.order[:MAX_LINES]
    products = ctx.uow.catalog.by_skus([item.sku for item in items])
    cart: dict[str, int] = {}
    notes: list[str] = []
    for item in items:
        product = products.get(item.sku)
        quantity = _quantity(ctx, item, product, notes)
        if product is not None and quantity:
            cart[product.sku] = cart.get(product.sku, 0) + quantity
            _compare_price(ctx, item, product, quantity, notes)
    if len(ctx.incoming.order) > MAX_LINES:
        notes.append(ctx.t.t("catalog_order.too_many_lines", max=MAX_LINES))
    ctx.end_flow()
    ctx.data.cart = cart
    if not cart:
        ctx.say("catalog_order.nothing_available", *main_menu_buttons(ctx),
                notes="\n".join(notes))
        return
    ctx.say("catalog_order.received_with_notes" if notes else "catalog_order.received",
            notes="\n".join(notes))
    prepare_quote(ctx)


def _quantity(ctx: Context, item: OrderedItem, product: Product | None,
              notes: list[str]) -> int:
    """As many as asked, as far as there are; 0 when none can be had."""
    if product is None or not product.active:
        notes.append(ctx.t.t("catalog_order.unknown", sku=item.sku[:64]))
        return 0
    if product.available <= 0:
        notes.append(ctx.t.t("catalog_order.out_of_stock", product=product.name))
        return 0
    wanted = min(max(item.quantity, 0), MAX_QUANTITY)
    if wanted > product.available:
        notes.append(ctx.t.t("catalog_order.only_left", product=product.name,
                             available=ctx.t.number(product.available),
                             wanted=ctx.t.number(wanted)))
        return product.available
    return wanted


def _compare_price(ctx: Context, item: OrderedItem, product: Product, quantity: int,
                   notes: list[str]) -> None:
    ours = product.unit_price_for(quantity)
    if item.unit_price is None or (item.currency in (None, ours.currency)
                                   and item.unit_price == ours.amount):
        return
    notes.append(ctx.t.t("catalog_order.price_differs", product=product.name,
                         ours=ctx.t.money(ours), shown=_shown(ctx, item, ours.currency)))


def _shown(ctx: Context, item: OrderedItem, currency: str) -> str:
    """The platform's price as the customer saw it; as given when it is no amount of money."""
    try:
        return ctx.t.money(Money.of(item.unit_price, item.currency or currency))
    except (DomainError, ValueError, ArithmeticError):
        return f"{item.unit_price} {item.currency or ''}".strip()
