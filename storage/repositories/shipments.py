"""Shipments and the items picked for them."""

from __future__ import annotations

from sqlalchemy.engine import RowMapping

from domain.shipment import Shipment, ShipmentStatus
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.schema import shipment_items, shipments

SAME_NAMED = ("id", "order_id", "address", "carrier", "tracking_number", "dispatched_at",
              "delivered_at")


def dump(shipment: Shipment) -> Record:
    unknown = set(shipment.checked) - set(shipment.items)
    if unknown:
        raise ValueError(f"shipment {shipment.id} has checked items it does not carry: {unknown}")
    items = [{"sku": sku, "quantity": quantity, "checked": shipment.checked.get(sku, 0)}
             for sku, quantity in shipment.items.items()]
    return Record({**attributes(shipment, SAME_NAMED), "status": shipment.status.value},
                  {"items": items})


def load(row: RowMapping, children: Children) -> Shipment:
    items = children["items"]
    return rehydrate(
        Shipment, **values(row, SAME_NAMED), status=ShipmentStatus(row["status"]),
        items={item["sku"]: item["quantity"] for item in items},
        checked={item["sku"]: item["checked"] for item in items if item["checked"]},
    )


class SqlShipmentRepository(SqlRepository[Shipment]):
    mapping = AggregateMapping(shipments, "id", dump, load, {"items": shipment_items})

    def for_order(self, order_id: int) -> Shipment | None:
        """The order's latest shipment."""
        return self._first(
            self._select(shipments.c.order_id == order_id).order_by(shipments.c.id.desc()))
