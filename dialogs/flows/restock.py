"""Restock alerts: a customer asks to be told when a product out of stock is back; when it
can be bought again (stock set, an import, a cancellation releasing it) they are told once."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.context import Context, Dependencies
from dialogs.contract import LANGUAGE, Button, Outgoing, Reply
from dialogs.flows.catalog import show_card
from dialogs.flows.catalog_shared import on_sale, sku_ref
from dialogs.flows.registration import start_registration
from dialogs.i18n import Translator
from dialogs.menus import main_menu_buttons
from dialogs.registry import action
from domain.catalog import BACK_IN_STOCK
from domain.outbox import OutboxMessage
from domain.ports import UnitOfWork
from domain.services.engagement import ask_restock

TOPICS = frozenset({BACK_IN_STOCK})


@action("restock")
def restock_button(ctx: Context, args: list[str]) -> None:
    """restock:<sku ref>"""
    product = on_sale(ctx, args[0] if len(args) == 1 else None)
    customer = ctx.customer
    if product is None:
        ctx.say("catalog.unavailable", *main_menu_buttons(ctx))
    elif customer is None or customer.id is None:
        start_registration(ctx, resume=f"restock:{sku_ref(product.sku)}")
    elif product.available > 0:
        show_card(ctx, product)
    elif ask_restock(ctx.uow, ctx.shop, customer.id, product.sku):
        ctx.say("restock.asked", *main_menu_buttons(ctx), product=product.name)
    else:
        ctx.say("restock.already", *main_menu_buttons(ctx), product=product.name)


def back_in_stock(event: OutboxMessage, uow: UnitOfWork, deps: Dependencies,
                  translator: Callable[[str], Translator], renders: object) -> list[Outgoing]:
    """Each customer waiting for the product, told once, on their last linked chat."""
    product = uow.catalog.get(str(event.payload.get("sku") or ""))
    if product is None or not product.active or product.available <= 0:
        return []  # gone again before anyone was told: they keep waiting
    told = []
    for request in uow.restock.take_waiting(product.sku, deps.shop.clock.now()):
        customer = uow.customers.get(request.customer_id)
        if customer is None or not customer.identities:
            continue
        t = translator(customer.language)
        identity = customer.identities[-1]
        reply = Reply(t.t("restock.back", product=product.name),
                      (Button(t.t("restock.see"), f"prod:{sku_ref(product.sku)}"),))
        told.append(Outgoing(identity.channel, identity.external_id, reply,
                             {LANGUAGE: t.language}))
    return told
