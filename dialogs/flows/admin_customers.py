"""Staff and customers: searching by name, phone or email, and a customer's detail with
their latest orders."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.admin_common import (
    RUNS_THE_SHOP,
    one_argument_command,
    one_page,
    page_buttons,
    page_number,
    usage,
    words,
)
from dialogs.flows.admin_orders import order_label
from dialogs.flows.checkout_common import as_id, short
from dialogs.registry import staff_action, staff_command
from domain.customer import Customer, display_phone

MIN_SEARCH, MAX_SEARCH_BYTES = 2, 40  # the text rides in the page buttons' payload


def search_text(raw: str) -> str | None:
    """What to look for, fit for a payload (no ':'); None when too short or too long."""
    text = " ".join(raw.replace(":", " ").split())
    return text if MIN_SEARCH <= len(text) and len(text.encode()) <= MAX_SEARCH_BYTES else None


@staff_command("/clientes", "/customers", roles=RUNS_THE_SHOP, help="admin.help.customers")
def customers_command(ctx: Context) -> None:
    text = search_text(" ".join(words(ctx)))
    if text is None:
        usage(ctx, "customers")
    else:
        search(ctx, text, 1)


def search(ctx: Context, text: str, page: int) -> None:
    found, more = one_page(ctx, lambda offset, limit: ctx.uow.customers.search(
        text, offset=offset, limit=limit), page)
    if not found:
        ctx.say("admin.customer.none", text=text)
        return
    buttons = [Button(short(ctx.t.t("admin.customer.label", customer=customer.id,
                                    name=customer.name, phone=phone(customer))),
                      f"ac:show:{customer.id}") for customer in found]
    ctx.say("admin.customer.found", *buttons,
            *page_buttons(ctx, lambda n: f"ac:find:{n}:{text}", page, more),
            text=text, page=page)


def phone(customer: Customer) -> str:
    return display_phone(customer.phone) if customer.phone else "—"


def show(ctx: Context, raw: str) -> None:
    customer_id = as_id(raw.removeprefix("#"))
    customer = ctx.uow.customers.get(customer_id) if customer_id else None
    if customer is None:
        ctx.say("admin.customer.not_found", number=raw[:12])
        return
    assert customer.id is not None
    orders = ctx.uow.orders.for_customer(customer.id)
    t = ctx.t
    text = t.t("admin.customer.detail", customer=customer.id, name=customer.name,
               phone=phone(customer), email=customer.email or "—", tax_id=customer.tax_id or "—",
               language=t.t(f"language.{customer.language}"),
               addresses="; ".join(customer.addresses) or "—",
               channels=", ".join(f"{i.channel}:{i.external_id}" for i in customer.identities),
               orders=len(orders))
    buttons = [Button(short(order_label(ctx, order)), f"ao:show:{order.id}")
               for order in orders[:ctx.deps.profile.page_size]]
    ctx.send(Reply(text, tuple(buttons)))


one_argument_command("/cliente", "/customer", "customer", show)


@staff_action("ac", roles=RUNS_THE_SHOP)
def customers_button(ctx: Context, args: list[str]) -> None:
    """ac:find:<page>:<text> | ac:show:<customer>"""
    match args:
        case ["find", page, raw]:
            text = search_text(raw)
            if text is None:
                ctx.say("admin.stale")
            else:
                search(ctx, text, page_number(page))
        case ["show", customer_id]:
            show(ctx, customer_id)
        case _:
            ctx.say("admin.stale")
