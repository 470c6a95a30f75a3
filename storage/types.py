"""Column types that keep Decimals and UTC datetimes exact on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine


class ExactDecimal(TypeDecorator[Decimal]):
    """NUMERIC(precision, scale) on PostgreSQL; on SQLite, whose NUMERIC goes through float,
    an integer scaled by 10**scale, so sums and comparisons still work in SQL.

    A value with more decimals or digits than the column holds is refused, never rounded.
    Values come back in their shortest exact form (12345.67, 0.105, 100), the same on both
    databases, whatever scale the column pads them to."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 18, scale: int = 4) -> None:
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.precision, self.scale = precision, scale

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        scaled = self._checked(value).scaleb(self.scale)
        return int(scaled) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return shortest(Decimal(int(value)).scaleb(-self.scale))
        return shortest(Decimal(value))

    def _checked(self, value: Any) -> Decimal:
        if isinstance(value, (float, bool)) or not isinstance(value, (Decimal, int)):
            raise TypeError(f"an exact decimal column takes Decimal or int, not {value!r}")
        value = Decimal(value)
        scaled = value.scaleb(self.scale)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals")
        if abs(value) >= Decimal(10) ** (self.precision - self.scale):
            raise ValueError(f"{value} does not fit in NUMERIC({self.precision}, {self.scale})")
        return value


def shortest(value: Decimal) -> Decimal:
    """Without trailing zeros, and without an exponent: 100.0000 → 100, not 1E+2."""
    trimmed = value.normalize()
    exponent = trimmed.as_tuple().exponent
    return trimmed.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else trimmed


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes in, UTC datetimes out; naive datetimes are refused because
    nobody can tell which zone they meant. SQLite stores the UTC wall time."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise ValueError(f"a timestamp must be a timezone-aware datetime, not {value!r}")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
