"""Promotions and who redeemed them on which order."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.engine import RowMapping

from domain.promotions import Promotion, PromotionKind, PromotionScope, normalize_code
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.schema import promotion_redemptions, promotions

SAME_NAMED = ("id", "name", "value", "target", "code", "starts_at", "ends_at", "min_amount",
              "min_quantity", "first_order_only", "max_uses", "max_uses_per_customer",
              "stackable", "active", "uses")


def dump(promotion: Promotion) -> Record:
    return Record({**attributes(promotion, SAME_NAMED), "kind": promotion.kind.value,
                   "scope": promotion.scope.value})


def load(row: RowMapping, _children: Children) -> Promotion:
    return rehydrate(Promotion, **values(row, SAME_NAMED),
                     kind=PromotionKind(row["kind"]), scope=PromotionScope(row["scope"]))


class SqlPromotionRepository(SqlRepository[Promotion]):
    mapping = AggregateMapping(promotions, "id", dump, load)

    def get(self, promotion_id: int) -> Promotion | None:
        return self._get(promotion_id)

    def by_code(self, code: str) -> Promotion | None:
        return self._first(self._select(promotions.c.code == normalize_code(code)))

    def all(self) -> list[Promotion]:
        return self._fetch(self._select().order_by(promotions.c.id))

    def lock(self, promotion_ids: list[int]) -> list[Promotion]:
        return self._locked(promotions.c.id.in_(sorted(set(promotion_ids))))

    def uses_by_customer(self, customer_id: int) -> dict[int, int]:
        """Promotion id → how many of this customer's orders used it."""
        self._identity.flush()
        counts = self.session.execute(
            select(promotion_redemptions.c.promotion_id, func.count())
            .where(promotion_redemptions.c.customer_id == customer_id)
            .group_by(promotion_redemptions.c.promotion_id)
        )
        return {promotion_id: count for promotion_id, count in counts}

    def add_redemption(self, promotion_id: int, customer_id: int, order_id: int) -> None:
        self.session.execute(insert(promotion_redemptions).values(
            promotion_id=promotion_id, customer_id=customer_id, order_id=order_id))
