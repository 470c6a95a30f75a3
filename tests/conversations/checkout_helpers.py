"""Setting up what checkout, payment and my-orders conversations start from, through the
domain services: a registered customer, a quote, a placed order."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from domain.pricing import CartItem, DeliveryMethod
from domain.services import ordering
from domain.services.customers import register_customer
from domain.services.quoting import build_quote

PHONES = {"ana": "+54 9 11 2233-4455", "beto": "+54 9 11 5566-7788", "carla": "+54 9 351 555-1234"}


def customer_with_quote(chat, who: str = "ana", items: dict[str, int] | None = None,
                        delivery: DeliveryMethod = DeliveryMethod.DELIVERY,
                        language: str = "es") -> tuple[int, int]:
    """(customer id, quote id) for a chat registered on the console channel."""
    with chat.uow() as uow:
        customer = uow.customers.by_identity("console", who) or register_customer(
            uow, chat.app.shop, channel="console", external_id=who,
            name=f"{who.title()} Pérez", phone=PHONES[who], address="Av. Corrientes 1234, CABA",
            language=language)
        uow.flush()
        quote = build_quote(uow, chat.app.shop, customer_id=customer.id, delivery=delivery,
                            items=[CartItem(sku, qty) for sku, qty in
                                   (items or {"CAF-GR-COL-500": 2}).items()])
        uow.commit()
        return customer.id, quote.id


def place_by_chat(chat, who: str, quote_id: int, method: str, address: int | None = 0):
    """Go through the checkout with buttons; the replies of the confirmation."""
    chat.press(who, f"checkout:{quote_id}")
    if address is not None:
        chat.press(who, f"checkout:addr:{address}")
    chat.press(who, f"checkout:pay:{method}")
    return chat.press(who, f"checkout:confirm:{quote_id}")


def latest_order(chat, customer_id: int):
    with chat.uow() as uow:
        return uow.orders.for_customer(customer_id)[0]


def available(chat, sku: str) -> int:
    with chat.uow() as uow:
        return uow.catalog.get(sku).available


def tiny_png(path: Path) -> Path:
    """A real one-pixel PNG: what a phone's photo of a receipt is, in the smallest form."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
                     + chunk(b"IEND", b""))
    return path


def placed_order(chat, who: str = "ana", method: str = "bank_transfer",
                 items: dict[str, int] | None = None) -> tuple[int, int]:
    """(customer id, order id) of an order placed through the domain service."""
    customer_id, quote_id = customer_with_quote(chat, who, items)
    with chat.uow() as uow:
        order = ordering.place_order(uow, chat.app.shop, customer_id=customer_id,
                                     quote_id=quote_id, payment_method=method)
        uow.commit()
        return customer_id, order.id


def conversation(chat, who: str):
    with chat.uow() as uow:
        return uow.conversations.lock("console", who)
