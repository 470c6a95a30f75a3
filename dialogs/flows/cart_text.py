"""What a customer's sentence asks of the cart: "quiero 2 cafés colombianos y una taza",
"quiero 3 de esos", "sacá la taza". Ambiguous names are asked back with buttons."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.cart_ops import (
    accepted,
    add_to_cart,
    counted,
    quantity_refused_for_any,
    say_added,
    show_cart,
    typed_quantity,
    whole_number,
)
from dialogs.flows.catalog import show_card
from dialogs.flows.catalog_search import search
from dialogs.flows.catalog_shared import by_name, focus_on, on_sale, quotable, sku_ref
from domain.catalog import Category, Product, fold
from nlu import Entity, EntityType, Parse
from nlu.items import pair_items

MAX_CHOICES = 8
# Words that leave a bare product name bare: "el café etiopía", "the french press please".
FILLERS = frozenset({"el", "la", "los", "las", "lo", "del", "de", "the", "of", "some", "y",
                     "and", "o", "or", "porfa", "please", "pls"})
PUNCTUATION = ".,;:!?¿¡\"'()…"


@dataclass(frozen=True)
class Request:
    """One thing asked for: the products it may mean, how many, and the words used."""

    said: str
    candidates: list[Product]
    quantity: int | None  # None: a number that is not a quantity


def add_from_text(ctx: Context) -> None:
    requests = requested(ctx)
    if not requests:
        _add_more_of_the_last(ctx)
        return
    if only_names(ctx):  # "café etiopía": a product to look at, not yet to buy
        _show_named(ctx, requests)
        return
    added: list[tuple[Product, int]] = []
    for request in requests:
        if not request.candidates:
            ctx.say("cart.unknown_product", ctx.button("menu.search", "search"),
                    asked=request.said)
        elif len(request.candidates) > 1:
            if not quantity_refused_for_any(ctx, request.quantity):
                _ask_which(ctx, request)
        elif (total := accepted(ctx, request.candidates[0], request.quantity)) is not None:
            ctx.data.cart[request.candidates[0].sku] = total
            added.append((request.candidates[0], request.quantity))
    if added:
        focus_on(ctx, added[-1][0])
        say_added(ctx, added)


def requested(ctx: Context) -> list[Request]:
    """Products named (with their alternatives) and categories named, each with its quantity."""
    parse = ctx.parse()
    requests = []
    spans = {e.value: e for e in parse.entities if e.entity is EntityType.PRODUCT}
    for item in parse.items:
        skus = (item.sku, *item.alternatives)
        products = [p for p in (on_sale(ctx, sku) for sku in skus) if p is not None]
        span = spans.get(item.sku)
        said = quotable(parse.text[span.start:span.end]) if span else item.sku
        quantity = item.quantity if item.quantity_given or span is None \
            else _digits_before(parse, span, item.quantity)
        requests.append(Request(said, products, quantity))
    named = [e for e in parse.entities if e.entity is EntityType.CATEGORY]
    quantities = [e for e in parse.entities if e.entity is EntityType.QUANTITY]
    as_products = [dataclasses.replace(e, entity=EntityType.PRODUCT) for e in named]
    paired, _ = pair_items(parse.text, as_products, quantities)
    for entity, item in zip(named, paired, strict=True):
        requests.append(Request(quotable(parse.text[entity.start:entity.end]),
                                _in_category(ctx, str(entity.value)), item.quantity))
    return requests


def _digits_before(parse: Parse, product: Entity, assumed: int) -> int | None:
    """'quiero 1000000000 prensas': the NLU heard the digits as a phone number and assumed
    one unit; the number right before the product is the quantity (None: not a number)."""
    phones = [e for e in parse.entities if e.entity is EntityType.PHONE]
    if not phones or parse.values(EntityType.QUANTITY):
        return assumed
    before = [e for e in phones
              if e.end <= product.start and not parse.text[e.end:product.start].strip()]
    if not before:
        return None  # a long number elsewhere: ask how many rather than assume one
    raw = parse.text[before[-1].start:before[-1].end]
    return whole_number("".join(char for char in raw if char.isdigit()))


def only_names(ctx: Context) -> bool:
    """The message is product or category names and nothing else: no verb, no quantity."""
    parse = ctx.parse()
    named = [e for e in parse.entities if e.entity in (EntityType.PRODUCT, EntityType.CATEGORY)]
    if not named or len(named) != len(parse.entities):
        return False
    rest, last = [], 0
    for entity in sorted(named, key=lambda e: e.start):
        rest.append(parse.text[last:entity.start])
        last = entity.end
    rest.append(parse.text[last:])
    words = fold(" ".join(rest)).split()
    return all(word.strip(PUNCTUATION) in FILLERS or not word.strip(PUNCTUATION)
               for word in words)


def _show_named(ctx: Context, requests: list[Request]) -> None:
    if len(requests) == 1 and len(requests[0].candidates) == 1:
        show_card(ctx, requests[0].candidates[0])
    else:
        search(ctx, ctx.incoming.text or "")


def _in_category(ctx: Context, path: str) -> list[Product]:
    products = [p for p in ctx.uow.catalog.list(category=path) if p.available > 0]
    return by_name(products)[:MAX_CHOICES]


def _ask_which(ctx: Context, request: Request) -> None:
    buttons = tuple(Button(product.name, f"cart:add:{sku_ref(product.sku)}:{request.quantity}")
                    for product in request.candidates[:MAX_CHOICES])
    ctx.send(Reply(ctx.t.t("cart.which", asked=request.said,
                           quantity=ctx.t.number(request.quantity)), buttons))


def _add_more_of_the_last(ctx: Context) -> None:
    """'quiero 3 de esos': a quantity and no product means the product last shown."""
    said = ctx.parse().values(EntityType.QUANTITY)
    product = on_sale(ctx, ctx.data.last_sku)
    if product is not None and (said or whole_number(ctx.incoming.text or "") is not None):
        add_to_cart(ctx, product, typed_quantity(ctx))  # a bad quantity is explained
        return
    ctx.say("cart.what_to_add", ctx.button("menu.catalog", "cat"),
            ctx.button("menu.search", "search"))


def remove_from_text(ctx: Context) -> None:
    parse = ctx.parse()
    products = ctx.uow.catalog.by_skus(list(ctx.data.cart))
    named = _named(parse.entities)
    if not named:
        show_cart(ctx, "cart.which_to_remove")
        return
    in_cart = [products[sku] for sku in ctx.data.cart
               if sku in products and any(_means(name, products[sku]) for name in named)]
    if not in_cart:
        show_cart(ctx, "cart.named_not_in_cart")
    elif len(in_cart) == 1:
        _remove_some(ctx, in_cart[0], parse.values(EntityType.QUANTITY))
    else:
        ctx.send(Reply(ctx.t.t("cart.which_remove"), tuple(
            Button(ctx.t.t("cart.remove_product", product=p.name), f"cart:rm:{sku_ref(p.sku)}")
            for p in in_cart[:MAX_CHOICES])))


def _named(entities: tuple[Entity, ...]) -> list[Entity]:
    return [e for e in entities if e.entity in (EntityType.PRODUCT, EntityType.CATEGORY)]


def _means(entity: Entity, product: Product) -> bool:
    if entity.entity is EntityType.CATEGORY:
        return Category(str(entity.value)).contains(product.category)
    return product.sku in (entity.value, *entity.alternatives)


def _remove_some(ctx: Context, product: Product, quantities: list[str | int]) -> None:
    """'sacá 2 tazas' takes two away; 'sacá la taza' takes the whole line."""
    have = ctx.data.cart[product.sku]
    fewer = (counted(quantities[0]) or 0) if len(quantities) == 1 else have
    if 0 < fewer < have:
        ctx.data.cart[product.sku] = have - fewer
        show_cart(ctx, "cart.updated", product=product.name,
                  quantity=ctx.t.number(have - fewer))
        return
    del ctx.data.cart[product.sku]
    show_cart(ctx, "cart.removed", product=product.name)
