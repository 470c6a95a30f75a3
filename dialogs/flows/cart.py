"""The cart: add, change, remove, empty and view, from buttons and from text.

Payloads: "cart" (view), "cart:add:<SKU>:<qty>", "cart:set:<SKU>:<qty>", "cart:rm:<SKU>",
"cart:qty:<SKU>" (ask how many to add), "cart:edit:<SKU>" (one line's buttons),
"cart:newqty:<SKU>" (ask the new quantity), "cart:clear" and "cart:clear:yes".
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Reply
from dialogs.flows.cart_ops import (
    add_to_cart,
    quantity_buttons,
    set_quantity,
    show_cart,
    typed_quantity,
    whole_number,
)
from dialogs.flows.cart_text import add_from_text, remove_from_text
from dialogs.flows.catalog_shared import (
    leave_step,
    names_products,
    last_shown_on_sale,
    on_sale,
    sku_ref,
    step_text,
    wants_something_else,
)
from dialogs.registry import action, intent, last_chance, step
from domain.catalog import Product

FLOW = "cart"
QUICK_QUANTITIES = (2, 3, 5, 10)


class Step(StrEnum):
    ADD_QUANTITY = "add_quantity"  # how many more of ctx.data.last_sku
    SET_QUANTITY = "set_quantity"  # the new quantity of ctx.data.last_sku's line


@action("cart")
def cart_button(ctx: Context, args: list[str]) -> None:
    ctx.end_flow()
    if not args:
        show_cart(ctx)
        return
    name, rest = args[0], args[1:]
    if name == "clear":
        empty_cart(ctx, rest)
        return
    handler = PRODUCT_ACTIONS.get(name)
    product = on_sale(ctx, rest[0] if rest else None)
    if handler is None:
        ctx.say("errors.stale_button", ctx.button("cart.view", "cart"))
    elif product is None:
        ctx.say("catalog.unavailable", ctx.button("cart.view", "cart"),
                ctx.button("menu.catalog", "cat"))
    else:
        handler(ctx, product, rest[1:])


def _add(ctx: Context, product: Product, args: list[str]) -> None:
    add_to_cart(ctx, product, whole_number(args[0]) if args else None)


def _set(ctx: Context, product: Product, args: list[str]) -> None:
    set_quantity(ctx, product, whole_number(args[0]) if args else None)


def _remove(ctx: Context, product: Product, args: list[str]) -> None:
    if ctx.data.cart.pop(product.sku, None) is None:
        show_cart(ctx, "cart.not_in_cart", product=product.name)
    else:
        show_cart(ctx, "cart.removed", product=product.name)


def _ask_quantity(ctx: Context, product: Product, args: list[str]) -> None:
    if product.available <= 0:
        ctx.say("cart.out_of_stock", ctx.button("menu.catalog", "cat"), product=product.name)
        return
    ctx.data.last_sku = product.sku
    ctx.go(FLOW, Step.ADD_QUANTITY)
    ref = sku_ref(product.sku)
    quick = [ctx.button("cart.quick", f"cart:add:{ref}:{n}", count=ctx.t.number(n))
             for n in QUICK_QUANTITIES if n <= product.available]
    ctx.say("cart.ask_quantity", *quick, ctx.button("buttons.back", f"prod:{ref}"),
            product=product.name, available=ctx.t.number(product.available))


def _edit_line(ctx: Context, product: Product, args: list[str]) -> None:
    quantity = ctx.data.cart.get(product.sku)
    if quantity is None:
        show_cart(ctx, "cart.not_in_cart", product=product.name)
        return
    ctx.data.last_sku = product.sku  # a number typed now is the line's new quantity
    ctx.go(FLOW, Step.SET_QUANTITY)
    sku = sku_ref(product.sku)
    less = f"cart:set:{sku}:{quantity - 1}" if quantity > 1 else f"cart:rm:{sku}"
    buttons = [ctx.button("cart.less", less), ctx.button("cart.more", f"cart:set:{sku}:"
                                                         f"{quantity + 1}"),
               ctx.button("cart.other_quantity", f"cart:newqty:{sku}"),
               ctx.button("buttons.remove", f"cart:rm:{sku}"), ctx.button("cart.view", "cart")]
    ctx.send(Reply(ctx.t.t("cart.line_menu", product=product.name,
                           quantity=ctx.t.number(quantity)), tuple(buttons)))


def _ask_new_quantity(ctx: Context, product: Product, args: list[str]) -> None:
    if product.sku not in ctx.data.cart:
        show_cart(ctx, "cart.not_in_cart", product=product.name)
        return
    ctx.data.last_sku = product.sku
    ctx.go(FLOW, Step.SET_QUANTITY)
    ctx.say("cart.ask_new_quantity", ctx.button("cart.view", "cart"), product=product.name,
            available=ctx.t.number(product.available))


PRODUCT_ACTIONS: dict[str, Callable[[Context, Product, list[str]], None]] = {
    "add": _add, "set": _set, "rm": _remove, "qty": _ask_quantity, "edit": _edit_line,
    "newqty": _ask_new_quantity,
}


def empty_cart(ctx: Context, args: list[str]) -> None:
    if not ctx.data.cart:
        show_cart(ctx)
    elif args == ["yes"]:
        ctx.data.cart = {}
        ctx.say("cart.emptied", ctx.button("menu.catalog", "cat"))
    else:
        ctx.say("cart.confirm_empty", ctx.button("cart.empty_yes", "cart:clear:yes"),
                ctx.button("cart.empty_no", "cart"))


@step(FLOW, Step.ADD_QUANTITY, Step.SET_QUANTITY)
def quantity_typed(ctx: Context) -> None:
    if wants_something_else(ctx) or names_products(ctx):
        leave_step(ctx)
        return
    product = last_shown_on_sale(ctx)
    if product is None:
        return
    if step_text(ctx, *quantity_buttons(ctx, product)) is None:
        return
    if ctx.conversation.step == Step.SET_QUANTITY:
        if set_quantity(ctx, product, typed_quantity(ctx)):
            ctx.end_flow()
    else:
        add_to_cart(ctx, product, typed_quantity(ctx))  # on success the product is in focus


@last_chance
def number_alone(ctx: Context) -> bool:
    """'-1' or '1000000000' typed alone after a product was shown: a quantity for it, refused
    like any other bad quantity, rather than "not understood"."""
    if whole_number(ctx.incoming.text or "") is None or on_sale(ctx, ctx.data.last_sku) is None:
        return False
    add_from_text(ctx)
    return True


@intent("view_cart")
def view_cart(ctx: Context) -> None:
    ctx.end_flow()
    show_cart(ctx)


@intent("add_to_cart")
def add_by_text(ctx: Context) -> None:
    ctx.end_flow()
    add_from_text(ctx)


@intent("remove_from_cart")
def remove_by_text(ctx: Context) -> None:
    ctx.end_flow()
    remove_from_text(ctx)
