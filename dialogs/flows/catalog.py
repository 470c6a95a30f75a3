"""Browsing the catalog: categories, products page by page, and the product card.

Payloads: "cat" (top level), "cat:<index>" and "cat:<index>:p<page>" (a category by its place
in the sorted category list, "top" for the top level), "prod:<SKU>" (the card). While a card is
shown, a bare quantity ("3", "tres", "3 de esos") adds that many of the product.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.cart_ops import add_to_cart, typed_quantity
from dialogs.flows.catalog_shared import (
    FOCUS,
    ROOT,
    Categories,
    by_name,
    category_label,
    focus_on,
    leave_step,
    names_products,
    last_shown_on_sale,
    on_sale,
    product_button,
    sku_ref,
)
from dialogs.registry import action, intent, step
from domain.catalog import Product, fold
from nlu import EntityType, Intent

FLOW, PRODUCT_STEP = FOCUS
FEW_LEFT = 5  # from this many units down, the card says how many are left
QUANTITY_ONLY_INTENTS = frozenset({Intent.ADD_TO_CART, Intent.AFFIRM, Intent.OUT_OF_SCOPE})


@dataclass(frozen=True)
class Entry:
    """One row of a catalog page: a subcategory or a product."""

    line: str
    button: Button


@action("cat")
def browse(ctx: Context, args: list[str]) -> None:
    ctx.end_flow()
    categories = Categories.of(ctx.uow)
    target = args[0] if args else ROOT
    page = _page_number(args[1] if len(args) > 1 else "p1")
    if target in ("", ROOT):
        show_category(ctx, categories, None, page)
        return
    path = categories.at(target)
    if path is None:
        ctx.say("catalog.category_gone")
        page, path = 1, None
    show_category(ctx, categories, path, page)


@intent("browse_catalog")
def browse_by_text(ctx: Context) -> None:
    """'mostrame los molinillos' opens that category; 'mostrame la prensa' its card."""
    ctx.end_flow()
    parse = ctx.parse()
    product = on_sale(ctx, str(parse.first(EntityType.PRODUCT) or ""))
    if product is not None and parse.first(EntityType.CATEGORY) is None:
        show_card(ctx, product)
        return
    categories = Categories.of(ctx.uow)
    named = parse.first(EntityType.CATEGORY)
    path = str(named) if named is not None and str(named) in categories.paths else None
    show_category(ctx, categories, path, 1)


def show_category(ctx: Context, categories: Categories, path: str | None, page: int) -> None:
    """Subcategories first, then products, `page_size` rows a page."""
    entries = _entries(ctx, categories, path)
    size = max(ctx.deps.profile.page_size, 1)
    pages = max((len(entries) + size - 1) // size, 1)
    page = min(max(page, 1), pages)
    shown = entries[(page - 1) * size: page * size]
    title = ctx.t.t("catalog.category", name=category_label(path)) if path else \
        ctx.t.t("catalog.top")
    lines = [title]
    if pages > 1:
        lines.append(ctx.t.t("catalog.page", page=page, pages=pages))
    lines += [entry.line for entry in shown] or [ctx.t.t("catalog.empty")]
    buttons = [entry.button for entry in shown]
    if page > 1:
        buttons.append(ctx.button("buttons.previous", categories.payload(path, page - 1)))
    if page < pages:
        buttons.append(ctx.button("buttons.next", categories.payload(path, page + 1)))
    if path:
        parent = path.rsplit("/", 1)[0] if "/" in path else None
        buttons.append(ctx.button("buttons.back", categories.payload(parent)))
    buttons.append(ctx.button("menu.cart", "cart"))
    ctx.send(Reply("\n".join(lines), tuple(buttons)))


def _entries(ctx: Context, categories: Categories, path: str | None) -> list[Entry]:
    products = ctx.uow.catalog.list(category=path)
    depth = path.count("/") + 1 if path else 0
    children: dict[str, int] = {}
    direct = []
    for product in products:
        parts = product.category.split("/") if product.category else []
        if len(parts) > depth:
            child = "/".join(parts[: depth + 1])
            children[child] = children.get(child, 0) + 1
        else:
            direct.append(product)
    entries = [Entry(ctx.t.t("catalog.subcategory", name=child.rsplit("/", 1)[-1],
                             count=count),
                     Button(child.rsplit("/", 1)[-1], categories.payload(child)))
               for child, count in sorted(children.items(), key=lambda pair: fold(pair[0]))]
    return entries + [Entry(ctx.t.t("catalog.product_line", name=product.name,
                                    price=ctx.t.money(product.price)), product_button(product))
                      for product in by_name(direct)]


def _page_number(arg: str) -> int:
    digits = arg[1:] if arg.startswith("p") else ""
    return int(digits) if digits.isdecimal() and len(digits) <= 6 else 1


@action("prod")
def product_card(ctx: Context, args: list[str]) -> None:
    product = on_sale(ctx, args[0] if args else None)
    if product is None:
        ctx.end_flow()
        ctx.say("catalog.unavailable", ctx.button("menu.catalog", "cat"),
                ctx.button("menu.search", "search"))
        return
    show_card(ctx, product)


def show_card(ctx: Context, product: Product) -> None:
    focus_on(ctx, product)
    buttons = []
    if product.available > 0:
        ref = sku_ref(product.sku)
        buttons += [ctx.button("catalog.card.add_one", f"cart:add:{ref}:1"),
                    ctx.button("catalog.card.choose_quantity", f"cart:qty:{ref}")]
    else:
        buttons.append(ctx.button("restock.button", f"restock:{sku_ref(product.sku)}"))
    buttons += [ctx.button("buttons.back", Categories.of(ctx.uow).payload(product.category)),
                ctx.button("menu.cart", "cart")]
    ctx.send(Reply(card_text(ctx, product), tuple(buttons), image=product.image or None))


def card_text(ctx: Context, product: Product) -> str:
    t = ctx.t
    lines = [product.name]
    if product.description:
        lines.append(product.description)
    lines += [t.t("catalog.card.feature", name=name[:1].upper() + name[1:], value=value)
              for name, value in product.features.items()]
    lines.append(t.t("catalog.card.price", price=t.money(product.price)))
    lines += [t.t("catalog.card.tier", quantity=t.number(tier.min_quantity),
                  price=t.money(product.unit_price_for(tier.min_quantity)))
              for tier in product.tiers if tier.unit_price < product.price.amount]
    lines.append(availability(ctx, product))
    return "\n".join(lines)


def availability(ctx: Context, product: Product) -> str:
    if product.available <= 0:
        return ctx.t.t("catalog.card.out_of_stock")
    if product.available <= FEW_LEFT:
        return ctx.t.t("catalog.card.few_left", count=ctx.t.number(product.available))
    return ctx.t.t("catalog.card.in_stock")


@step(FLOW, PRODUCT_STEP)
def product_in_focus(ctx: Context) -> None:
    """'3', 'tres', '3 de esos' right after a card; anything else as if no step were active."""
    parse = ctx.parse()
    quantity = typed_quantity(ctx) if (ctx.incoming.text or "").strip() else None
    if quantity is None or names_products(ctx) or not (
            parse.uncertain or parse.intent in QUANTITY_ONLY_INTENTS):
        leave_step(ctx)
        return
    product = last_shown_on_sale(ctx)
    if product is None:
        return
    add_to_cart(ctx, product, quantity)
