"""The cart in ctx.data.cart {SKU: quantity}: quantities checked, stock respected, totals
estimated with the catalog's volume tiers. Every change is validated before it is made."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.catalog_shared import Categories, focus_on, sku_ref
from domain.catalog import MAX_QUANTITY, Product, check_quantity, fold
from domain.money import Money, total
from nlu import EntityType

MAX_LINES = 40  # different products in one cart
NUMBER = re.compile(r"([-+]?\d+)\s*(?:u|uds?|unidad|unidades|units?|x)?\.?")
TOO_MANY_DIGITS = 12


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int

    @property
    def unit_price(self) -> Money:
        return self.product.unit_price_for(self.quantity)

    @property
    def amount(self) -> Money:
        return (self.unit_price * self.quantity).rounded()


def whole_number(raw: str) -> int | None:
    """'3', '-5', '0' → the number; huge ones stay huge without converting every digit."""
    match = NUMBER.fullmatch(fold(raw.strip()))
    if match is None:
        return None
    digits = match.group(1)
    return int(digits) if len(digits.lstrip("+-")) <= TOO_MANY_DIGITS else 10 ** TOO_MANY_DIGITS


def counted(value: object) -> int | None:
    """A quantity the NLU heard as a whole number of units; 2.5 is not one."""
    if not isinstance(value, int | float | Decimal | str):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else None


def typed_quantity(ctx: Context) -> int | None:
    """A quantity the customer typed: digits, or one number in words ('tres', 'una docena')."""
    text = ctx.incoming.text or ""
    number = whole_number(text)
    if number is not None:
        return number
    said = ctx.parse().values(EntityType.QUANTITY)
    return counted(said[0]) if len(said) == 1 else None


def quantity_refused(ctx: Context, product: Product, wanted: int | None) -> bool:
    """Say why `wanted` units of `product` cannot be in the cart; False when they can."""
    if wanted is None or wanted < 1 or wanted > MAX_QUANTITY:
        say_bad_quantity(ctx, wanted, *quantity_buttons(ctx, product))
    elif product.available <= 0:
        ctx.say("cart.out_of_stock", ctx.button("menu.catalog", "cat"), product=product.name)
    elif wanted > product.available:
        say_only_left(ctx, product)
    else:
        check_quantity(wanted)  # the domain's own rule; the checks above already keep it
        return False
    return True


def quantity_refused_for_any(ctx: Context, wanted: object) -> bool:
    """Before a product is chosen: a quantity no product could have."""
    number = counted(wanted)
    if number is not None and 1 <= number <= MAX_QUANTITY:
        return False
    say_bad_quantity(ctx, number, ctx.button("cart.view", "cart"),
                     ctx.button("menu.catalog", "cat"))
    return True


def say_bad_quantity(ctx: Context, wanted: int | None, *buttons: Button) -> None:
    """Not a number, too small or too big: the same answer wherever it was typed."""
    if wanted is None:
        ctx.say("cart.quantity.not_a_number", *buttons)
    elif wanted < 1:
        ctx.say("cart.quantity.too_small", *buttons)
    else:
        ctx.say("cart.quantity.too_big", *buttons, max=ctx.t.number(MAX_QUANTITY))


def quantity_buttons(ctx: Context, product: Product) -> tuple[Button, ...]:
    """Ways on after a refused quantity: choose it again (the line's menu when it is in the
    cart) or look at the cart."""
    ref = sku_ref(product.sku)
    again = ctx.button("cart.edit_line", f"cart:edit:{ref}", product=product.name) \
        if product.sku in ctx.data.cart else \
        ctx.button("catalog.card.choose_quantity", f"cart:qty:{ref}")
    return again, ctx.button("cart.view", "cart")


def say_only_left(ctx: Context, product: Product) -> None:
    in_cart = ctx.data.cart.get(product.sku, 0)
    available = ctx.t.number(product.available)
    take_all = ctx.button("cart.take_all", f"cart:set:{sku_ref(product.sku)}:{product.available}",
                          count=available)
    ctx.say("cart.only_left_in_cart" if in_cart else "cart.only_left", take_all,
            product=product.name, available=available, in_cart=ctx.t.number(in_cart))


def full(ctx: Context, sku: str) -> bool:
    if sku not in ctx.data.cart and len(ctx.data.cart) >= MAX_LINES:
        ctx.say("cart.full", max=MAX_LINES)
        return True
    return False


def accepted(ctx: Context, product: Product, quantity: int | None) -> int | None:
    """The line's new quantity with `quantity` more units, or None after saying why not."""
    if quantity is not None and quantity > MAX_QUANTITY:
        quantity = MAX_QUANTITY + 1  # refused as "too many" rather than summed
    in_cart = ctx.data.cart.get(product.sku, 0)
    wanted = in_cart + quantity if quantity is not None and quantity >= 1 else quantity
    if full(ctx, product.sku) or quantity_refused(ctx, product, wanted):
        return None
    return wanted


def add_to_cart(ctx: Context, product: Product, quantity: int | None) -> bool:
    """`quantity` more units of `product`, if they can be had; says what happened."""
    wanted = accepted(ctx, product, quantity)
    if wanted is None or quantity is None:
        return False
    ctx.data.cart[product.sku] = wanted
    focus_on(ctx, product)
    say_added(ctx, [(product, quantity)])
    return True


def set_quantity(ctx: Context, product: Product, quantity: int | None) -> bool:
    if full(ctx, product.sku) or quantity_refused(ctx, product, quantity) or quantity is None:
        return False
    ctx.data.cart[product.sku] = quantity
    show_cart(ctx, "cart.updated", product=product.name, quantity=ctx.t.number(quantity))
    return True


def say_added(ctx: Context, added: list[tuple[Product, int]]) -> None:
    """What went in, the cart's size and estimated total, and where to go next."""
    t = ctx.t
    lines = [t.t("cart.added", quantity=t.number(quantity), product=product.name)
             for product, quantity in added]
    cart = cart_lines(ctx)
    lines.append(t.t("cart.status", count=t.number(sum(line.quantity for line in cart)),
                     total=t.money(estimate(ctx, cart))))
    last = added[-1][0]
    ctx.send(Reply("\n".join(lines), (
        ctx.button("cart.view", "cart"), ctx.button("cart.request_quote", "quote"),
        ctx.button("cart.keep_shopping", Categories.of(ctx.uow).payload(last.category)))))


def cart_lines(ctx: Context) -> list[CartLine]:
    """The cart's lines whose products are still for sale; the others leave the cart."""
    products = ctx.uow.catalog.by_skus(list(ctx.data.cart))
    lines = []
    for sku, quantity in list(ctx.data.cart.items()):
        product = products.get(sku)
        if product is None or not product.active or not isinstance(quantity, int) \
                or quantity < 1:
            del ctx.data.cart[sku]
            continue
        lines.append(CartLine(product, quantity))
    return lines


def estimate(ctx: Context, lines: list[CartLine]) -> Money:
    return total([line.amount for line in lines], ctx.shop.currency)


def show_cart(ctx: Context, intro: str | None = None, **params: object) -> None:
    """Every line with its unit price and amount, the estimated total, what to do next."""
    t = ctx.t
    before = len(ctx.data.cart)
    lines = cart_lines(ctx)
    text = [t.t(intro, **params)] if intro else []
    if len(lines) < before:
        text.append(t.t("cart.dropped"))
    if not lines:
        text.append(t.t("cart.empty"))
        ctx.send(Reply("\n".join(text), (ctx.button("menu.catalog", "cat"),
                                          ctx.button("menu.search", "search"))))
        return
    text.append(t.t("cart.title"))
    for line in lines:
        text.append(t.t("cart.line", quantity=t.number(line.quantity), product=line.product.name,
                        unit_price=t.money(line.unit_price), amount=t.money(line.amount)))
        if line.quantity > line.product.available:
            text.append(t.t("cart.line_short", available=t.number(max(line.product.available,
                                                                         0))))
    text.append(t.t("cart.estimated_total", total=t.money(estimate(ctx, lines))))
    buttons = [Button(t.t("cart.edit_line", product=line.product.name),
                      f"cart:edit:{sku_ref(line.product.sku)}") for line in lines]
    buttons += [ctx.button("cart.request_quote", "quote"), ctx.button("cart.keep_shopping", "cat"),
                ctx.button("cart.empty_cart", "cart:clear")]
    ctx.send(Reply("\n".join(text), tuple(buttons)))
