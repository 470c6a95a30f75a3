"""Which quantity goes with which product: '2 cafés y una taza', 'cafés x 2', 'una docena de'."""

from __future__ import annotations

import re

from domain.catalog import fold
from nlu.result import Entity, Item
from nlu.vocabulary import EntityType

BEFORE_PRODUCT = re.compile(
    r"\s*(?:(?:de|del|of|x|unidad|unidades|units?|u|uds|pcs|el|la|los|las|the)\s+)*"
)
AFTER_PRODUCT = re.compile(r"\s*[x×*:(]?\s*")


def pair_items(
    text: str, products: list[Entity], quantities: list[Entity]
) -> tuple[list[Item], set[Entity]]:
    """Each product takes the quantity just before it, else the one just after it, else 1."""
    chosen: dict[Entity, Entity] = {}
    for product in products:
        before = _adjacent(text, quantities, product, BEFORE_PRODUCT, after=False)
        if before and before not in chosen.values():
            chosen[product] = before
    for product in products:
        after = _adjacent(text, quantities, product, AFTER_PRODUCT, after=True)
        if product not in chosen and after and after not in chosen.values():
            chosen[product] = after
    items = [_item(p, chosen.get(p)) for p in products if p.entity == EntityType.PRODUCT]
    return items, set(chosen.values())


def _adjacent(
    text: str, quantities: list[Entity], product: Entity, gap: re.Pattern[str], after: bool
) -> Entity | None:
    for quantity in quantities:
        start, end = (product.end, quantity.start) if after else (quantity.end, product.start)
        if start <= end and gap.fullmatch(fold(text[start:end])):
            return quantity
    return None


def _item(product: Entity, quantity: Entity | None) -> Item:
    """The quantity as said (see nlu.numbers): the dialogs refuse it if the domain does."""
    count = 1 if quantity is None or isinstance(quantity.value, str) else quantity.value
    return Item(str(product.value), count, quantity is not None, product.alternatives)
