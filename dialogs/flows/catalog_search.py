"""Search: what the NLU recognizes in the live catalog first (names, SKUs, categories, typos,
plurals, accents), then close words in names, categories, descriptions and features.

Payload "search" asks what to look for (step search/query); intent search_product searches
the sentence at once.
"""

from __future__ import annotations

import difflib
from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.catalog_shared import (
    Categories,
    by_name,
    category_label,
    leave_step,
    on_sale,
    product_button,
    quotable,
    step_text,
    wants_something_else,
)
from dialogs.registry import action, intent, step
from domain.catalog import Category, Product
from nlu import EntityType
from nlu.text import stems

FLOW = "search"
MAX_RESULTS = 8
MIN_WORD = 4  # shorter words ("de", "con", "una") say nothing about a product
CLOSE_ENOUGH = 0.8


class Step(StrEnum):
    QUERY = "query"


@action("search")
def ask_what(ctx: Context, args: list[str]) -> None:
    ctx.go(FLOW, Step.QUERY)
    ctx.say("search.ask", ctx.button("menu.catalog", "cat"))


@step(FLOW, Step.QUERY)
def query_typed(ctx: Context) -> None:
    if wants_something_else(ctx):
        leave_step(ctx)
        return
    text = step_text(ctx)
    if text is not None:
        ctx.end_flow()
        search(ctx, text)


@intent("search_product")
def search_by_text(ctx: Context) -> None:
    ctx.end_flow()
    search(ctx, ctx.incoming.text or "")


def search(ctx: Context, text: str) -> None:
    categories = Categories.of(ctx.uow)
    found, category = recognized(ctx, categories)
    if not found:
        found = close_words(ctx.uow.catalog.list(), text)
    if not found:
        ctx.say("search.nothing", *top_category_buttons(ctx, categories), query=quotable(text))
        return
    shown = found[:MAX_RESULTS]
    lines = [ctx.t.t("search.found", count=ctx.t.number(len(found)))]
    lines += [ctx.t.t("catalog.product_line", name=p.name, price=ctx.t.money(p.price))
              for p in shown]
    if len(found) > len(shown):
        lines.append(ctx.t.t("search.more", count=ctx.t.number(len(found) - len(shown))))
    buttons = [product_button(p) for p in shown]
    if category:
        buttons.append(ctx.button("search.whole_category", categories.payload(category),
                                  category=category_label(category)))
    buttons.append(ctx.button("search.again", "search"))
    ctx.send(Reply("\n".join(lines), tuple(buttons)))


def recognized(ctx: Context, categories: Categories) -> tuple[list[Product], str | None]:
    """Products and categories the NLU found in the message, best match first."""
    parse = ctx.parse()
    found: dict[str, Product] = {}
    for entity in parse.entities:
        if entity.entity is EntityType.PRODUCT:
            for sku in (str(entity.value), *entity.alternatives):
                product = on_sale(ctx, sku)
                if product is not None:
                    found.setdefault(product.sku, product)
    category = parse.first(EntityType.CATEGORY)
    path = str(category) if category is not None and str(category) in categories.paths \
        else None
    if path:
        for product in by_name(ctx.uow.catalog.list(category=path)):
            found.setdefault(product.sku, product)
    return list(found.values()), path


def close_words(products: list[Product], text: str) -> list[Product]:
    """Products with the most query words (or words close to them) among their own words."""
    asked = {word for word in stems(text[:200]) if len(word) >= MIN_WORD}
    scored = []
    for product in by_name(products):
        own = set(stems(" ".join([product.name, product.category, product.description,
                                  *product.features.values()])))
        hits = sum(1 for word in asked if word in own or
                   difflib.get_close_matches(word, own, n=1, cutoff=CLOSE_ENOUGH))
        if hits:
            scored.append((hits, product))
    return [product for _, product in sorted(scored, key=lambda pair: -pair[0])]


def top_category_buttons(ctx: Context, categories: Categories) -> list[Button]:
    tops = [path for path in categories.paths if Category(path).parent is None]
    return [Button(path, categories.payload(path)) for path in tops] + \
        [ctx.button("search.again", "search")]
