"""Broadcasts: staff send an announcement to every customer who asked for the shop's news.

`/difundir texto` puts one outbox message per chat of each customer who opted in; the
outbox and the channels pace them to the platforms' limits and give up on blocked chats,
which `/difusion N` counts. Customers opt in or out with /novedades or from their profile.
"""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import LANGUAGE, Button, Outgoing, Reply
from dialogs.flows.admin_common import RUNS_THE_SHOP, audit, customer_translator, usage, words
from dialogs.flows.checkout_common import as_id
from dialogs.flows.profile import show_profile
from dialogs.menus import main_menu_buttons
from dialogs.outbox_codec import encode
from dialogs.registry import action, command, staff_command
from domain.customer import Customer
from domain.engagement import Broadcast, clean_broadcast
from domain.errors import InvalidValue
from domain.outbox import OutboxMessage
from domain.services.engagement import set_news


@staff_command("/difundir", "/broadcast", roles=RUNS_THE_SHOP, help="admin.help.broadcast")
def broadcast(ctx: Context) -> None:
    parts = (ctx.incoming.text or "").strip().split(maxsplit=1)
    try:
        text = clean_broadcast(parts[1] if len(parts) == 2 else "")
    except InvalidValue:
        usage(ctx, "broadcast")
        return
    from dialogs.engine import MESSAGE_TOPIC  # the engine imports every flow first

    now = ctx.shop.clock.now()
    customers = ctx.uow.customers.opted_in()
    messages = [OutboxMessage(MESSAGE_TOPIC, encode(outgoing), now,
                              chat_key=f"{outgoing.channel}:{outgoing.chat_id}")
                for customer in customers for outgoing in _announcement(ctx, customer, text)]
    for message in messages:
        ctx.uow.outbox.add(message)
    ctx.uow.flush()
    author = ctx.deps.profile.staff_names.get(
        (ctx.incoming.channel, ctx.incoming.sender_id)) or ctx.incoming.sender_id
    broadcast_id = ctx.uow.broadcasts.add(Broadcast(text, author, now, len(messages)),
                                          [message.id or 0 for message in messages])
    audit(ctx, "broadcast.send", f"broadcast:{broadcast_id}", None,
          {"recipients": len(messages), "customers": len(customers)})
    ctx.say("broadcast.queued", number=broadcast_id, messages=len(messages),
            customers=len(customers))


def _announcement(ctx: Context, customer: Customer, text: str) -> list[Outgoing]:
    t = customer_translator(ctx, customer)
    reply = Reply(t.t("broadcast.message", business=ctx.deps.profile.business_name, text=text),
                  (Button(t.t("broadcast.button.stop"), "news:off"),))
    return [Outgoing(identity.channel, identity.external_id, reply, {LANGUAGE: t.language})
            for identity in customer.identities]


@staff_command("/difusion", "/broadcaststatus", roles=RUNS_THE_SHOP,
               help="admin.help.broadcast_status")
def broadcast_status(ctx: Context) -> None:
    args = words(ctx)
    broadcast_id = as_id(args[0].removeprefix("#")) if len(args) == 1 else None
    if broadcast_id is None:
        usage(ctx, "broadcast_status")
        return
    found = ctx.uow.broadcasts.get(broadcast_id)
    if found is None:
        ctx.say("broadcast.not_found", number=args[0][:12])
        return
    progress = ctx.uow.broadcasts.progress(broadcast_id)
    ctx.say("broadcast.status", number=broadcast_id, author=found.author,
            date=ctx.t.datetime(found.created_at), total=found.recipients, sent=progress.sent,
            pending=progress.pending, failed=progress.failed)


@command("/novedades", "/news")
def news_command(ctx: Context) -> None:
    customer = ctx.customer
    if customer is None:
        show_profile(ctx)
        return
    now_on = customer.marketing_opt_in
    ctx.say("broadcast.news_on" if now_on else "broadcast.news_off",
            ctx.button("broadcast.button.stop" if now_on else "broadcast.button.start",
                       "news:off" if now_on else "news:on"), ctx.button("menu.main", "menu"))


@action("news")
def news_button(ctx: Context, args: list[str]) -> None:
    """news:on | news:off"""
    customer = ctx.customer
    if customer is None or customer.id is None:
        show_profile(ctx)
    elif args in (["on"], ["off"]):
        set_news(ctx.uow, customer.id, args == ["on"])
        ctx.say("broadcast.subscribed" if args == ["on"] else "broadcast.unsubscribed",
                *main_menu_buttons(ctx))
    else:
        ctx.say("errors.stale_button", *main_menu_buttons(ctx))
