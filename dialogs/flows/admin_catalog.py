"""Staff and the catalog: stock seen and set, prices set, products switched on and off."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dialogs.context import Context
from dialogs.flows.admin_common import (
    RUNS_THE_SHOP,
    amount,
    audit,
    one_argument_command,
    pages,
    say_lines_page,
    sliced,
    usage,
    words,
)
from dialogs.registry import staff_action, staff_command
from domain.catalog import MAX_QUANTITY, SKU_PATTERN, Product


def product_state(product: Product) -> dict[str, Any]:
    return {"on_hand": product.stock_on_hand, "reserved": product.stock_reserved,
            "price": str(product.price.amount), "active": product.active}


def find_product(ctx: Context, raw: str) -> Product | None:
    product = ctx.uow.catalog.get(raw) if SKU_PATTERN.fullmatch(raw) else None
    if product is None:
        ctx.say("admin.catalog.not_found", sku=raw[:64])
    return product


@staff_command("/stock", roles=RUNS_THE_SHOP, help="admin.help.stock")
def stock_command(ctx: Context) -> None:
    args = words(ctx)
    quantity = args[1] if len(args) == 2 else None
    if not args:
        stock_list(ctx, 1)
    elif len(args) > 2 or (quantity is not None and not (
            quantity.isascii() and quantity.isdigit() and int(quantity) <= MAX_QUANTITY)):
        usage(ctx, "stock")
    elif (product := find_product(ctx, args[0])) is not None:
        if quantity is None:
            ctx.say("admin.catalog.product", **product_params(ctx, product))
        else:
            set_stock(ctx, product, int(quantity))


def product_params(ctx: Context, product: Product) -> dict[str, object]:
    return {"sku": product.sku, "product": product.name, "on_hand": product.stock_on_hand,
            "reserved": product.stock_reserved, "available": product.available,
            "price": ctx.t.money(product.price),
            "active": ctx.t.t("admin.catalog.active" if product.active
                              else "admin.catalog.inactive")}


def stock_list(ctx: Context, page: int) -> None:
    everything = ctx.uow.catalog.list(active_only=False)
    say_lines_page(ctx, "admin.catalog.stock_list", sliced(everything), page, "ak",
                   lambda product: ctx.t.t("admin.catalog.stock_line",
                                           **product_params(ctx, product)))


def set_stock(ctx: Context, product: Product, on_hand: int) -> None:
    if on_hand < product.stock_reserved:
        ctx.say("admin.catalog.below_reserved", sku=product.sku, reserved=product.stock_reserved)
        return
    change(ctx, product, "stock.set", lambda: product.set_stock(on_hand))


def change(ctx: Context, product: Product, action: str, apply: Callable[[], object]) -> None:
    """Apply one change to `product`, log it, and show the product as it is now."""
    before = product_state(product)
    apply()
    audit(ctx, action, f"product:{product.sku}", before, product_state(product))
    ctx.say("admin.catalog.changed", **product_params(ctx, product))


@staff_command("/precio", "/price", roles=RUNS_THE_SHOP, help="admin.help.price")
def price_command(ctx: Context) -> None:
    args = words(ctx)
    price = amount(args[1]) if len(args) == 2 else None
    if not price:
        usage(ctx, "price")
    elif (product := find_product(ctx, args[0])) is not None:
        change(ctx, product, "price.set", lambda: product.set_price(price))


def switch(active: bool, command: str) -> Callable[[Context, str], None]:
    def apply(ctx: Context, sku: str) -> None:
        product = find_product(ctx, sku)
        if product is not None:
            change(ctx, product, f"product.{command}", lambda: setattr(product, "active", active))
    return apply


one_argument_command("/activar", "/activate", "activate", switch(True, "activate"))
one_argument_command("/desactivar", "/deactivate", "deactivate", switch(False, "deactivate"))
staff_action("ak", roles=RUNS_THE_SHOP)(pages(stock_list))  # ak:page:<n>
