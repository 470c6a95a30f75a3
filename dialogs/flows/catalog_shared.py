"""What the catalog, search, cart and quote flows share: categories named by index, products on
sale, product buttons, and a step's way out when the customer clearly wants something else."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from dialogs import router
from dialogs.context import Context
from dialogs.contract import Button
from dialogs.menus import main_menu_buttons
from domain.catalog import SKU_PATTERN, Product, fold
from domain.ports import UnitOfWork
from nlu import EntityType, Intent

ROOT = "top"  # "cat:top:p2": the top level of the catalog, page 2
SHORT_SKU = 40  # longer SKUs go in payloads as "~" and a hash, to keep them within 64 bytes
FOCUS = ("catalog", "product")  # a product was just shown or added: "3 de esos" means it
NAVIGATION = frozenset({
    Intent.GREET, Intent.HELP, Intent.BROWSE_CATALOG, Intent.VIEW_CART, Intent.REQUEST_QUOTE,
    Intent.ORDER_STATUS, Intent.SUPPORT_REQUEST, Intent.HUMAN_HANDOFF, Intent.REGISTER,
    Intent.UPDATE_PROFILE, Intent.PAYMENT_METHODS, Intent.CANCEL_ORDER,
})


@dataclass(frozen=True)
class Categories:
    """Every category path, sorted: a payload names a category by its place in this list
    (paths can be longer than a payload)."""

    paths: tuple[str, ...]

    @classmethod
    def of(cls, uow: UnitOfWork) -> Categories:
        return cls(tuple(sorted(category.path for category in uow.catalog.categories())))

    def at(self, arg: str) -> str | None:
        if arg.isdecimal() and len(arg) <= 6 and int(arg) < len(self.paths):
            return self.paths[int(arg)]
        return None

    def payload(self, path: str | None, page: int = 1) -> str:
        index = str(self.paths.index(path)) if path and path in self.paths else ROOT
        if page > 1:
            return f"cat:{index}:p{page}"
        return "cat" if index == ROOT else f"cat:{index}"


def sku_ref(sku: str) -> str:
    """How a payload names a product: its SKU, or "~" and a hash when the SKU is too long."""
    return sku if len(sku) <= SHORT_SKU else f"~{zlib.crc32(sku.encode()):08x}"


def last_shown_on_sale(ctx: Context) -> Product | None:
    """The product last shown, if still for sale; else the flow ends and says so."""
    product = on_sale(ctx, ctx.data.last_sku)
    if product is None:
        ctx.end_flow()
        ctx.say("catalog.unavailable", ctx.button("menu.catalog", "cat"))
    return product


def on_sale(ctx: Context, sku: str | None) -> Product | None:
    """The product a payload (SKU or sku_ref) or the NLU names, if it is still for sale."""
    if sku and sku.startswith("~"):  # a SKU too long for a button, by its checksum
        sku = next((s for s in ctx.uow.catalog.all_skus() if sku_ref(s) == sku), None)
    if not sku or not SKU_PATTERN.fullmatch(sku):
        return None
    product = ctx.uow.catalog.get(sku)
    return product if product is not None and product.active else None


def focus_on(ctx: Context, product: Product) -> None:
    ctx.data.last_sku = product.sku
    ctx.go(*FOCUS)


def by_name(products: list[Product]) -> list[Product]:
    return sorted(products, key=lambda product: (fold(product.name), product.sku))


def product_button(product: Product) -> Button:
    return Button(product.name, f"prod:{sku_ref(product.sku)}")


def category_label(path: str) -> str:
    return path.replace("/", " › ")


def step_text(ctx: Context, *buttons: Button) -> str | None:
    """The text a step asked for; None (and the customer told what is needed, with `buttons`
    to go on) otherwise."""
    text = (ctx.incoming.text or "").strip()
    if not text:
        ctx.say("errors.expected_text", *buttons)
        return None
    if len(text) > router.MAX_TEXT:
        ctx.say("errors.too_long", *buttons)
        return None
    return text


def wants_something_else(ctx: Context) -> bool:
    """A confident navigation intent, or something that is not text, leaves a step."""
    if not (ctx.incoming.text or "").strip():
        return False
    parse = ctx.parse()
    return not parse.uncertain and parse.intent in NAVIGATION


def names_products(ctx: Context) -> bool:
    """The text names products or categories: it is a wish of its own, not an answer."""
    if not (ctx.incoming.text or "").strip():
        return False
    parse = ctx.parse()
    return bool(parse.values(EntityType.PRODUCT) or parse.values(EntityType.CATEGORY))


def quotable(text: str, limit: int = 60) -> str:
    """What the customer typed, fit to be quoted back: printable and short."""
    return "".join(char for char in text if char.isprintable())[:limit]


def leave_step(ctx: Context) -> None:
    """Out of the step; the message is answered as if no step had been active."""
    ctx.end_flow()
    if (ctx.incoming.text or "").strip():
        router.understand(ctx)
    else:
        ctx.say("errors.unexpected_input", *main_menu_buttons(ctx))
