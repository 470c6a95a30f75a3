"""Products (with volume tiers and stock) and the category tree they hang from."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import Session

from domain.catalog import Category, PriceTier, Product, normalize_category
from storage.identity_map import IdentityMap, Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    chunks,
    insert_or_ignore,
    money,
    rehydrate,
    values,
)
from storage.schema import categories, product_tiers, products

SAME_NAMED = ("sku", "name", "description", "tax_category", "image", "active", "stock_on_hand",
              "stock_reserved")


def dump(product: Product) -> Record:
    return Record(
        row={**attributes(product, SAME_NAMED), "category": product.category or None,
             "price": product.price.amount, "currency": product.price.currency,
             "features": dict(product.features)},
        children={"tiers": [{"min_quantity": tier.min_quantity, "unit_price": tier.unit_price}
                            for tier in product.tiers]},
    )


def load(row: RowMapping, children: Children) -> Product:
    return rehydrate(
        Product, **values(row, SAME_NAMED), category=row["category"] or "",
        price=money(row["price"], row["currency"]), features=dict(row["features"]),
        tiers=[PriceTier(r["min_quantity"], money(r["unit_price"], row["currency"]).amount)
               for r in children["tiers"]],
    )


def with_ancestors(paths: Iterable[str]) -> set[str]:
    found = set()
    for path in paths:
        category: str | None = path
        while category:
            found.add(category)
            category = Category(category).parent
    return found


class SqlCatalogRepository(SqlRepository[Product]):
    mapping = AggregateMapping(products, "sku", dump, load, {"tiers": product_tiers})

    def __init__(self, session: Session, identity_map: IdentityMap) -> None:
        super().__init__(session, identity_map)
        self._known_categories: set[str] = set()

    def get(self, sku: str) -> Product | None:
        return self._get(sku)

    def by_skus(self, skus: builtins.list[str]) -> dict[str, Product]:
        wanted = sorted(set(skus))
        found = self._fetch(*(self._select(products.c.sku.in_(some)) for some in chunks(wanted)))
        return {product.sku: product for product in found}

    def lock(self, skus: builtins.list[str]) -> dict[str, Product]:
        found = self._locked(products.c.sku.in_(sorted(set(skus))))
        return {product.sku: product for product in found}

    def list(self, category: str | None = None, active_only: bool = True
             ) -> builtins.list[Product]:
        """Products of a category and its subcategories (all when None), by category (none
        first), then name."""
        where: builtins.list[ColumnElement[bool]] = []
        if active_only:
            where.append(products.c.active.is_(True))
        if category:
            path = normalize_category(category)
            where.append(or_(products.c.category == path,
                             products.c.category.startswith(f"{path}/", autoescape=True)))
        order = (products.c.category.asc().nulls_first(), products.c.name, products.c.sku)
        return self._fetch(self._select(*where).order_by(*order))

    def categories(self) -> builtins.list[Category]:
        self._identity.flush()
        paths = self.session.scalars(select(categories.c.path).order_by(categories.c.path))
        return [Category(path) for path in paths]

    def all_skus(self) -> set[str]:
        """Every SKU in the catalog, without loading the products."""
        self._identity.flush()
        return set(self.session.scalars(select(products.c.sku)))

    def count(self) -> int:
        self._identity.flush()
        return self.session.scalar(select(func.count()).select_from(products)) or 0

    def _before_write(self, records: builtins.list[Record]) -> None:
        """Create missing categories (and their parents) before products point at them."""
        missing = with_ancestors(r.row["category"] for r in records if r.row["category"])
        missing -= self._known_categories
        if missing:  # sorted: a parent's path comes before its children's
            rows = [{"path": path, "parent": Category(path).parent} for path in sorted(missing)]
            self.session.execute(insert_or_ignore(self.session, categories), rows)
            self._known_categories |= missing
