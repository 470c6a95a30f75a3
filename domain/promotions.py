"""Promotions: automatic or by code, percent or fixed, on a product, a category or the order.

A promotion's discount is computed on the amount of the lines it matches (its base): a percent
of the base, or a fixed amount off the base once, never more than the base. Levels apply in
order product → category → order, each on what the previous left. Within a level a line gets
the best non-stackable promotion that matches it, plus every stackable one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from domain.catalog import normalize_category
from domain.errors import InvalidValue
from domain.money import Money, allocate, to_decimal, total


class PromotionKind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


class PromotionScope(StrEnum):
    PRODUCT = "product"
    CATEGORY = "category"
    ORDER = "order"


LEVELS = (PromotionScope.PRODUCT, PromotionScope.CATEGORY, PromotionScope.ORDER)


@dataclass(frozen=True, slots=True)
class PromotionContext:
    """What the customer brings: the moment, the code typed, their history."""

    now: datetime
    code: str | None = None
    is_first_order: bool = True
    uses_by_customer: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LineBase:
    sku: str
    category: str
    quantity: int
    amount: Money


@dataclass(frozen=True, slots=True)
class AppliedPromotion:
    promotion_id: int
    label: str
    amount: Money


@dataclass(eq=False)
class Promotion:
    name: str
    kind: PromotionKind
    value: Decimal
    scope: PromotionScope = PromotionScope.ORDER
    target: str | None = None
    code: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    min_amount: Decimal | None = None
    min_quantity: int | None = None
    first_order_only: bool = False
    max_uses: int | None = None
    max_uses_per_customer: int | None = None
    stackable: bool = False
    active: bool = True
    uses: int = 0
    id: int | None = None

    def __post_init__(self) -> None:
        self.value = to_decimal(self.value)
        if self.value <= 0 or (self.kind is PromotionKind.PERCENT and self.value > 100):
            raise InvalidValue(f"promotion value out of range: {self.value}")
        if self.code is not None:
            self.code = normalize_code(self.code)
        if self.scope is PromotionScope.ORDER:
            self.target = None
        elif not self.target:
            raise InvalidValue(f"a {self.scope.value} promotion needs a target")
        elif self.scope is PromotionScope.CATEGORY:
            self.target = normalize_category(self.target)
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise InvalidValue("a promotion must end after it starts")

    @property
    def label(self) -> str:
        return self.code or self.name

    def refusal(self, ctx: PromotionContext) -> str | None:
        """Why this promotion cannot apply to this customer now, or None."""
        checks = (
            (not self.active, "inactive"),
            (self.code is not None and self.code != normalize_code(ctx.code or ""), "code"),
            (self.starts_at is not None and ctx.now < self.starts_at, "not_started"),
            (self.ends_at is not None and ctx.now >= self.ends_at, "expired"),
            (self.first_order_only and not ctx.is_first_order, "first_order_only"),
            (self.max_uses is not None and self.uses >= self.max_uses, "exhausted"),
            (self.max_uses_per_customer is not None and self.id is not None
             and ctx.uses_by_customer.get(self.id, 0) >= self.max_uses_per_customer,
             "customer_limit"),
        )
        return next((reason for failed, reason in checks if failed), None)

    def matches(self, line: LineBase) -> bool:
        if self.scope is PromotionScope.PRODUCT:
            return line.sku == self.target
        if self.scope is PromotionScope.CATEGORY:
            return line.category == self.target or line.category.startswith(f"{self.target}/")
        return True

    def unmet_condition(self, base: Money, quantity: int) -> str | None:
        if self.min_amount is not None and base.amount < self.min_amount:
            return "min_amount"
        if self.min_quantity is not None and quantity < self.min_quantity:
            return "min_quantity"
        return None

    def discount_on(self, base: Money) -> Money:
        if self.kind is PromotionKind.PERCENT:
            return (base * (self.value / 100)).rounded()
        return min(Money(self.value, base.currency), base)

    def record_use(self) -> None:
        if self.max_uses is not None and self.uses >= self.max_uses:
            raise InvalidValue(f"promotion {self.label} has no uses left")
        self.uses += 1


def normalize_code(code: str) -> str:
    return code.strip().upper()


@dataclass
class PromotionResult:
    discounts: list[Money]
    applied: list[AppliedPromotion]
    code_refusal: str | None = None


def apply_promotions(
    lines: list[LineBase], promotions: list[Promotion], ctx: PromotionContext, currency: str
) -> PromotionResult:
    remaining = [line.amount for line in lines]
    result = PromotionResult([Money.zero(currency) for _ in lines], [])
    candidates = [p for p in promotions if p.refusal(ctx) is None]
    for level in LEVELS:
        at_level = [p for p in candidates if p.scope is level]
        for promotion, shares in _offers_at_level(lines, remaining, at_level):
            applied = []
            for i, share in shares.items():
                share = min(share, remaining[i])
                remaining[i] -= share
                result.discounts[i] += share
                applied.append(share)
            amount = total(applied, currency)
            if not amount.is_zero():
                result.applied.append(AppliedPromotion(promotion.id or 0, promotion.label, amount))
    result.code_refusal = _code_refusal(lines, remaining, promotions, ctx, result)
    return result


Offer = tuple[Promotion, dict[int, Money]]


def _offer(promotion: Promotion, lines: list[LineBase], remaining: list[Money],
           allowed: set[int]) -> Offer | None:
    """What `promotion` gives on the allowed lines it matches, or None if nothing."""
    matched = [i for i in sorted(allowed) if promotion.matches(lines[i])]
    if not matched:
        return None
    base = total([remaining[i] for i in matched], remaining[0].currency)
    quantity = sum(lines[i].quantity for i in matched)
    if base.is_zero() or promotion.unmet_condition(base, quantity):
        return None
    shares = allocate(promotion.discount_on(base), [remaining[i] for i in matched])
    return promotion, dict(zip(matched, shares))


def _worth(offer: Offer) -> tuple[Decimal, int]:
    return -sum(share.amount for share in offer[1].values()), offer[0].id or 0


def _offers_at_level(
    lines: list[LineBase], remaining: list[Money], promotions: list[Promotion]
) -> list[Offer]:
    """Greedy best per line: the richest exclusive offer takes its lines, the others are
    offered again on the lines still free; stackable offers take every line they match."""
    everything = set(range(len(lines)))
    exclusive = [p for p in promotions if not p.stackable]
    chosen, free = [], set(everything)
    while free and exclusive:
        offers = [o for p in exclusive if (o := _offer(p, lines, remaining, free))]
        if not offers:
            break
        best = min(offers, key=_worth)
        chosen.append(best)
        free -= best[1].keys()
        exclusive.remove(best[0])
    stacked = [o for p in promotions if p.stackable
               and (o := _offer(p, lines, remaining, everything))]
    return chosen + stacked


def _code_refusal(
    lines: list[LineBase], remaining: list[Money], promotions: list[Promotion],
    ctx: PromotionContext, result: PromotionResult,
) -> str | None:
    """Why the code the customer typed gave nothing: unknown, a failed condition, or beaten."""
    if not ctx.code:
        return None
    coded = [p for p in promotions if p.code == normalize_code(ctx.code)]
    if not coded:
        return "unknown"
    if any(applied.promotion_id == (p.id or 0) for p in coded for applied in result.applied):
        return None
    promotion = coded[0]
    reason = promotion.refusal(ctx)
    if reason:
        return reason
    matched = [i for i, line in enumerate(lines) if promotion.matches(line)]
    if not matched:
        return "no_matching_products"
    base = total([remaining[i] for i in matched], remaining[0].currency)
    quantity = sum(lines[i].quantity for i in matched)
    return promotion.unmet_condition(base, quantity) or "not_best"
