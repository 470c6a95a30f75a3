"""What staff commands share: their arguments, usage help, the audit log, pages of lists,
looking orders up, and telling a customer what staff did."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from dialogs.context import Context
from dialogs.contract import LANGUAGE, Button, Outgoing, Reply
from dialogs.flows.checkout_common import as_id, as_index
from dialogs.i18n import Translator, translator
from dialogs.registry import AGENT, STAFF, staff_command
from domain.audit import AuditEntry
from domain.customer import Customer
from domain.order import Order

T = TypeVar("T")
RUNS_THE_SHOP = (STAFF,)
SEES_TICKETS = (STAFF, AGENT)
MAX_PAGE = 9999
_AMOUNT = re.compile(r"\d{1,12}(?:[.,]\d{1,4})?")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def words(ctx: Context) -> list[str]:
    """The command's arguments: what follows its name, split on spaces."""
    return (ctx.incoming.text or "").split()[1:]


def usage(ctx: Context, command: str) -> None:
    """Bad arguments: show how the command is written."""
    ctx.say("admin.usage.intro", syntax=ctx.t.t(f"admin.usage.{command}"))


def one_argument_command(spanish: str, english: str, command: str,
                         then: Callable[[Context, str], None]) -> None:
    """A shop command of one argument (an order number, a SKU): anything else shows its
    syntax (`admin.usage.<command>`); /help shows `admin.help.<command>`."""
    def handler(ctx: Context) -> None:
        args = words(ctx)
        if len(args) != 1:
            usage(ctx, command)
        else:
            then(ctx, args[0])
    staff_command(spanish, english, roles=RUNS_THE_SHOP, help=f"admin.help.{command}")(handler)


def pages(show: Callable[[Context, int], None]) -> Callable[[Context, list[str]], None]:
    """The handler of a list's `<prefix>:page:<n>` buttons; any other payload is stale."""
    def handler(ctx: Context, args: list[str]) -> None:
        if len(args) == 2 and args[0] == "page":
            show(ctx, page_number(args[1]))
        else:
            ctx.say("admin.stale")
    return handler


def amount(raw: str) -> Decimal | None:
    """"5000", "1234.50" or "1234,50" → Decimal; None for anything else."""
    return Decimal(raw.replace(",", ".")) if _AMOUNT.fullmatch(raw) else None


def day(raw: str) -> date | None:
    """An ISO day, 2026-12-31; None when it is not one."""
    found = _DAY.fullmatch(raw)
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def page_number(raw: object) -> int:
    """A page from a payload: a forged one becomes page 1 or the last page allowed."""
    index = as_index(raw)
    return min(max(index or 1, 1), MAX_PAGE)


def one_page(ctx: Context, fetch: Callable[[int, int], Sequence[T]],
             page: int) -> tuple[Sequence[T], bool]:
    """The items of `page` (from 1) and whether another page follows."""
    size = max(ctx.deps.profile.page_size, 1)
    found = fetch((page - 1) * size, size + 1)
    return found[:size], len(found) > size


def page_buttons(ctx: Context, payload: Callable[[int], str], page: int,
                 more: bool) -> list[Button]:
    buttons = [ctx.button("buttons.previous", payload(page - 1))] if page > 1 else []
    return buttons + ([ctx.button("buttons.next", payload(page + 1))] if more else [])


def sliced(everything: Sequence[T]) -> Callable[[int, int], Sequence[T]]:
    """A list already loaded, fetched by (offset, limit) like a query."""
    return lambda offset, limit: everything[offset:offset + limit]


def say_lines_page(ctx: Context, key: str, fetch: Callable[[int, int], Sequence[T]],
                   page: int, prefix: str, line: Callable[[T], str]) -> None:
    """One page of a list shown as text lines, `<prefix>:page:<n>` buttons to move; the
    `<key>` text gets `lines` and `page`, `<key>_empty` says there is nothing."""
    shown, more = one_page(ctx, fetch, page)
    if not shown:
        ctx.say(f"{key}_empty")
        return
    ctx.say(key, *page_buttons(ctx, lambda n: f"{prefix}:page:{n}", page, more), page=page,
            lines="\n".join(line(item) for item in shown))


def find_order(ctx: Context, raw: object) -> Order | None:
    """The order `raw` names ("12" or "#12"), or None having said it does not exist."""
    text = str(raw or "").removeprefix("#")
    order_id = as_id(text)
    order = ctx.uow.orders.get(order_id) if order_id is not None else None
    if order is None:
        ctx.say("admin.order.not_found", number=text[:12] or "—")
    return order


def order_and_rest(ctx: Context, command: str, minimum: int) -> tuple[Order, list[str]] | None:
    """`N rest…`: order N and the other arguments; None having shown the syntax (fewer than
    `minimum` arguments) or said that N does not exist."""
    args = words(ctx)
    if len(args) < minimum:
        usage(ctx, command)
        return None
    order = find_order(ctx, args[0])
    return (order, args[1:]) if order is not None else None


def order_state(order: Order) -> dict[str, Any]:
    """The order's statuses and money, as the audit log keeps them."""
    return {"status": order.status.value, "payment": order.payment_state.value,
            "fulfillment": order.fulfillment.value, "paid": str(order.amount_paid)}


def audit(ctx: Context, action: str, subject: str, before: dict[str, Any] | None,
          after: dict[str, Any] | None) -> None:
    """Written in this message's transaction: the log never claims what did not happen."""
    incoming = ctx.incoming
    ctx.uow.audit.add(AuditEntry(
        at=ctx.shop.clock.now(), channel=incoming.channel, actor_id=incoming.sender_id,
        actor_name=ctx.deps.profile.staff_names.get((incoming.channel, incoming.sender_id)),
        action=action, subject=subject, before=before, after=after))


def tell_customer(ctx: Context, customer_id: int, key: str, **params: object) -> None:
    """A message to the customer, in their language, on the channel they last linked."""
    customer = ctx.uow.customers.get(customer_id)
    if customer is None or not customer.identities:
        return
    t = customer_translator(ctx, customer)
    identity = customer.identities[-1]
    ctx.out.append(Outgoing(identity.channel, identity.external_id,
                            Reply(t.t(key, **params)), {LANGUAGE: t.language}))


def customer_translator(ctx: Context, customer: Customer) -> Translator:
    profile = ctx.deps.profile
    return translator(customer.language, profile.locale, profile.timezone)
