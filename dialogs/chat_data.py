"""What a conversation gathers between messages, typed, stored as JSON with it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class ChatData:
    cart: dict[str, int] = field(default_factory=dict)  # SKU → quantity, in the order added
    draft: dict[str, str] = field(default_factory=dict)  # registration answers so far
    last_sku: str | None = None  # the product last shown, for "quiero 3 de esos"
    quote_id: int | None = None
    order_id: int | None = None
    delivery: str | None = None
    promo_code: str | None = None
    address: str | None = None
    payment_method: str | None = None
    resume: str | None = None  # the action to go back to once registered
    misses: int = 0
    recent: list[list[str]] = field(default_factory=list)  # [who, text]: for a person to read
    buttons: dict[str, str] = field(default_factory=dict)  # payload → label, last offered
    rating_of: str | None = None  # "order:12" / "ticket:5": what a comment now is about

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChatData:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
