"""Money: an exact Decimal amount in one ISO 4217 currency; rounding lives here only."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import get_currency_precision

from domain.errors import CurrencyMismatch, InvalidValue

MAX_AMOUNT = Decimal("1e12")  # the NUMERIC(18, 4) columns hold up to 1e14


def to_decimal(value: object) -> Decimal:
    """Accept Decimal, int or a numeric string; floats are refused because they are inexact."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidValue(f"amount must be exact, not {type(value).__name__}: {value!r}")
    try:
        result = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValue(f"not a number: {value!r}") from None
    if not result.is_finite():
        raise InvalidValue(f"not a finite number: {value!r}")
    if abs(result) >= MAX_AMOUNT:
        raise InvalidValue(f"amount out of range: {value!r}")
    return result


@lru_cache(maxsize=64)
def minor_unit(currency: str) -> Decimal:
    return Decimal(1).scaleb(-get_currency_precision(currency))


def _trusted(amount: Decimal, currency: str) -> Money:
    """Money from operands already validated: arithmetic needs no second check."""
    money = object.__new__(Money)
    object.__setattr__(money, "amount", amount)
    object.__setattr__(money, "currency", currency)
    return money


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not (len(self.currency) == 3 and self.currency.isalpha() and self.currency.isupper()):
            raise InvalidValue(f"not an ISO 4217 currency code: {self.currency!r}")
        object.__setattr__(self, "amount", to_decimal(self.amount))

    @classmethod
    def of(cls, amount: object, currency: str) -> Money:
        return cls(to_decimal(amount), currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def rounded(self) -> Money:
        """Half-up to the currency's minor unit (cents for ARS, units for CLP)."""
        quantum = minor_unit(self.currency)
        return _trusted(self.amount.quantize(quantum, rounding=ROUND_HALF_UP), self.currency)

    def _same(self, other: Money) -> None:
        if other.__class__ is not Money:
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return _trusted(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return _trusted(self.amount - other.amount, self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, Money):
            raise TypeError("cannot multiply Money by Money")
        return _trusted(self.amount * to_decimal(factor), self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return _trusted(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        self._same(other)
        return self.amount >= other.amount

    def in_minor_units(self) -> Money:
        """Itself, if it is a whole number of cents (of the currency's minor unit)."""
        if self.amount != self.rounded().amount:
            raise InvalidValue(f"{self.amount} has more decimals than {self.currency} allows")
        return self

    def is_zero(self) -> bool:
        return self.amount == 0

    def __str__(self) -> str:
        return f"{self.currency} {self.rounded().amount}"


def total(amounts: list[Money] | tuple[Money, ...], currency: str) -> Money:
    if any(amount.currency != currency for amount in amounts):
        raise CurrencyMismatch(f"cannot add amounts in another currency to {currency}")
    return _trusted(sum((amount.amount for amount in amounts), Decimal(0)), currency)


def allocate(amount: Money, weights: list[Money]) -> list[Money]:
    """Split `amount` in proportion to `weights`, in minor units, the shares summing exactly
    to `amount` (largest remainder goes first; ties to the earlier weight)."""
    if not weights:
        return []
    if amount.amount < 0:
        return [-share for share in allocate(-amount, weights)]
    unit = minor_unit(amount.currency)
    units = int((amount.rounded().amount / unit).to_integral_value())
    weight_units = [max(w.amount, Decimal(0)) for w in weights]
    whole = sum(weight_units)
    if whole == 0:
        weight_units, whole = [Decimal(1)] * len(weights), Decimal(len(weights))
    exact = [Decimal(units) * w / whole for w in weight_units]
    shares = [int(e) for e in exact]
    leftover = units - sum(shares)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:leftover]:
        shares[i] += 1
    return [_trusted(Decimal(s) * unit, amount.currency) for s in shares]
