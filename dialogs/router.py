"""Which handler answers a message: a person holding the conversation (human handoff) →
command → button action → the flow's step → intent."""

from __future__ import annotations

import logging

from dialogs import registry
from dialogs.context import Context
from dialogs.menus import main_menu_buttons
from domain.errors import DomainError

log = logging.getLogger(__name__)
MAX_TEXT = 2000  # longer free text is cut before it is searched or parsed
MISSES_BEFORE_A_PERSON = 2


def route(ctx: Context) -> None:
    if any(handler(ctx) for handler in registry.FIRST):
        return
    _route(ctx)
    for handler in registry.AFTERWARDS:
        handler(ctx)


def _route(ctx: Context) -> None:
    incoming = ctx.incoming
    text = (incoming.text or "").strip()
    if text.startswith("/"):
        return _command(ctx, text)
    if incoming.button is not None:
        return _button(ctx, incoming.button)
    if incoming.order and "any" in registry.PLATFORM_CARTS:
        return registry.PLATFORM_CARTS["any"](ctx)
    flow, step = ctx.conversation.flow, ctx.conversation.step
    if flow and step and (flow, step) in registry.STEPS:
        return registry.STEPS[(flow, step)](ctx)
    if text:
        return understand(ctx)
    if incoming.attachment is not None and "any" in registry.FILES:
        return registry.FILES["any"](ctx)
    ctx.say("errors.unexpected_input", *main_menu_buttons(ctx))


def roles(ctx: Context) -> frozenset[str]:
    """What config.yml lets the sender do on this channel; nothing for customers."""
    incoming = ctx.incoming
    return ctx.deps.profile.staff.get((incoming.channel, incoming.sender_id), frozenset())


def _command(ctx: Context, text: str) -> None:
    name = text.split()[0].split("@")[0].lower()
    restricted = registry.STAFF_COMMANDS.get(name)
    if restricted is not None and restricted.allows(roles(ctx)):
        restricted.handler(ctx)
        return
    handler = registry.COMMANDS.get(name)
    if handler is None:
        ctx.say("unknown_command", *main_menu_buttons(ctx), command=name[:40])
        return
    handler(ctx)


def _button(ctx: Context, payload: str) -> None:
    name, _, rest = payload.partition(":")
    args = rest.split(":") if rest else []
    restricted = registry.STAFF_ACTIONS.get(name)
    if restricted is not None and restricted.allows(roles(ctx)):
        restricted.handler(ctx, args)
        return
    handler = registry.ACTIONS.get(name)
    if handler is None:
        log.info("stale or forged button %r from %s", payload[:64], ctx.incoming.chat_id)
        ctx.say("errors.stale_button", *main_menu_buttons(ctx))
        return
    handler(ctx, args)


def understand(ctx: Context) -> None:
    """Free text outside a flow step: what does the customer want?"""
    parse = ctx.parse()
    handler = registry.INTENTS.get(parse.intent.value)
    if parse.uncertain or handler is None:
        if not any(chance(ctx) for chance in registry.UNDERSTOOD_ANYWAY):
            missed(ctx)
        return
    ctx.data.misses = 0
    handler(ctx)


def missed(ctx: Context) -> None:
    ctx.data.misses += 1
    if ctx.data.misses >= MISSES_BEFORE_A_PERSON:
        ctx.data.misses = 0
        ctx.say("offer_human", ctx.button("menu.human", "human"),
                ctx.button("menu.main", "menu"))
        return
    ctx.say("not_understood", *main_menu_buttons(ctx))


def refused(ctx: Context, refusal: DomainError) -> None:
    """The domain said no: nothing was changed; say why in the customer's words."""
    ctx.say(f"errors.{refusal.code}", *main_menu_buttons(ctx))


def failed(ctx: Context) -> None:
    ctx.say("errors.unexpected", *main_menu_buttons(ctx))
