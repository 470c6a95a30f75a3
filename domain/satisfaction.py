"""How it went: 1–5 ratings of delivered orders and closed tickets, and their summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from domain.errors import InvalidValue

RATINGS = range(1, 6)
MAX_COMMENT = 1000


def check_rating(rating: object) -> int:
    if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATINGS:
        raise InvalidValue("a rating goes from 1 to 5")
    return rating


def clean_comment(comment: str | None) -> str | None:
    return " ".join((comment or "").split())[:MAX_COMMENT] or None


@dataclass(frozen=True, slots=True)
class OrderRating:
    order_id: int
    customer_id: int
    rating: int
    rated_at: datetime
    comment: str | None = None

    def __post_init__(self) -> None:
        check_rating(self.rating)


@dataclass(frozen=True, slots=True)
class Summary:
    """How many ratings of each value (1 to 5) there are."""

    counts: tuple[int, int, int, int, int]

    @classmethod
    def of(cls, ratings: dict[int, int]) -> Summary:
        return cls(tuple(ratings.get(value, 0) for value in RATINGS))  # type: ignore[arg-type]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> Decimal | None:
        if not self.total:
            return None
        points = sum(value * count for value, count in zip(RATINGS, self.counts))
        return (Decimal(points) / self.total).quantize(Decimal("0.01"), ROUND_HALF_UP)
