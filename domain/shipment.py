"""Shipments: picking checked item by item, carrier and tracking, delivery."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.errors import InvalidTransition, InvalidValue
from domain.status import StatusMachine


class ShipmentStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    DISPATCHED = "dispatched"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    FAILED = "failed"
    RETURNED = "returned"


SHIPMENT_STATUS = StatusMachine("shipment", {
    ShipmentStatus.PENDING: frozenset({ShipmentStatus.READY}),
    ShipmentStatus.READY: frozenset({ShipmentStatus.DISPATCHED}),
    ShipmentStatus.DISPATCHED: frozenset({ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERED,
                                          ShipmentStatus.FAILED}),
    ShipmentStatus.IN_TRANSIT: frozenset({ShipmentStatus.DELIVERED, ShipmentStatus.FAILED}),
    ShipmentStatus.FAILED: frozenset({ShipmentStatus.DISPATCHED, ShipmentStatus.RETURNED}),
})


@dataclass(eq=False)
class Shipment:
    order_id: int
    address: str
    items: dict[str, int]
    checked: dict[str, int] = field(default_factory=dict)
    status: ShipmentStatus = ShipmentStatus.PENDING
    carrier: str | None = None
    tracking_number: str | None = None
    dispatched_at: datetime | None = None
    delivered_at: datetime | None = None
    id: int | None = None

    def check_item(self, sku: str, quantity: int) -> None:
        if self.status is not ShipmentStatus.PENDING:
            raise InvalidValue(f"shipment {self.id} is already {self.status.value}")
        if sku not in self.items:
            raise InvalidValue(f"{sku} is not in this order")
        if not 0 < quantity <= self.items[sku] - self.checked.get(sku, 0):
            raise InvalidValue(f"{sku}: {self.items[sku]} to pick, "
                               f"{self.checked.get(sku, 0)} already checked")
        self.checked = {**self.checked, sku: self.checked.get(sku, 0) + quantity}

    @property
    def missing(self) -> dict[str, int]:
        return {sku: qty - self.checked.get(sku, 0) for sku, qty in self.items.items()
                if self.checked.get(sku, 0) < qty}

    def mark_ready(self) -> None:
        if self.missing:
            raise InvalidValue(f"items not yet checked: {self.missing}")
        self.status = SHIPMENT_STATUS.check(self.status, ShipmentStatus.READY)

    def dispatch(self, carrier: str, tracking_number: str, now: datetime) -> None:
        carrier, tracking_number = carrier.strip(), tracking_number.strip()
        if not carrier or not tracking_number:
            raise InvalidValue("dispatch needs a carrier and a tracking number")
        self.status = SHIPMENT_STATUS.check(self.status, ShipmentStatus.DISPATCHED)
        self.carrier, self.tracking_number, self.dispatched_at = carrier, tracking_number, now

    def move(self, target: ShipmentStatus, now: datetime) -> None:
        """Carrier news: in transit, delivered, failed, returned."""
        if target in (ShipmentStatus.READY, ShipmentStatus.DISPATCHED):
            raise InvalidTransition(f"shipment {self.id} becomes {target.value} only through "
                                    "picking and dispatch")
        self.status = SHIPMENT_STATUS.check(self.status, target)
        if target is ShipmentStatus.DELIVERED:
            self.delivered_at = now
