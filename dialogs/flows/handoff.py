"""The human handoff: an agent takes a ticket and talks with the customer through the bot.

While a person holds a customer's ticket, everything the customer sends goes to that agent
(prefixed with the ticket number, kept in the ticket) and the bot stays silent; /salir
(/exit) lets the customer go back to the bot. The agent answers with `/r N text`; a plain
message (or one answering a relayed message) goes to the agent's only conversation, or,
holding several, to the one whose customer wrote last only when it answers a message —
otherwise the agent is asked which. /cerrar N ends it and asks the customer for a rating.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dialogs import router
from dialogs.context import Context
from dialogs.contract import LANGUAGE, Outgoing, Reply
from dialogs.flows.admin_common import SEES_TICKETS, audit, customer_translator, usage, words
from dialogs.flows.checkout_common import as_id
from dialogs.flows.handoff_text import described, forwarded, team_translator, transcript
from dialogs.flows.satisfaction import rating_buttons
from dialogs.i18n import Translator
from dialogs.registry import ADMIN, first, staff_action, staff_command
from domain.services import handoff
from domain.ticket import Ticket

LEAVE = ("/salir", "/exit")
_ANSWER = re.compile(r"\S+\s+\S+\s+(.+)", re.DOTALL)  # "/r 12 the text…"
ANSWERS_TICKETS = frozenset({*SEES_TICKETS, ADMIN})


def me(ctx: Context) -> str:
    return handoff.address(ctx.incoming.channel, ctx.incoming.chat_id)


def agent_name(ctx: Context, agent: str | None, t: Translator) -> str:
    where = handoff.split_address(agent or "")
    found = ctx.deps.profile.staff_names.get(where) if where else None
    return found or t.t("handoff.names.agent")


def customer_name(ctx: Context, ticket: Ticket) -> str:
    customer = ctx.uow.customers.get(ticket.customer_id)
    return customer.name if customer else "—"


# The customer's side ----------------------------------------------------------------------

@first
def relay(ctx: Context) -> bool:
    """A person holds the conversation: the message is theirs, not the bot's."""
    if router.roles(ctx) & ANSWERS_TICKETS:
        return _agent_wrote(ctx)
    ticket = ctx.uow.tickets.held_for_chat(ctx.incoming.channel, ctx.incoming.sender_id)
    if ticket is None:
        return False
    text = (ctx.incoming.text or "").strip()
    if text and text.split()[0].split("@")[0].lower() in LEAVE:
        _end(ctx, ticket, "handoff.agent.customer_left", "handoff.customer.left")
    elif ctx.incoming.button is not None:  # the bot's menus wait until the person is done
        ctx.say("handoff.customer.holding", agent=agent_name(ctx, ticket.assignee, ctx.t))
    else:
        _to_agent(ctx, ticket)
    return True


def _to_agent(ctx: Context, ticket: Ticket) -> None:
    t = team_translator(ctx)
    text = described(ctx.incoming, t, ctx.data.buttons)
    handoff.customer_says(ctx.shop, ticket, me(ctx), text)
    tell_agent(ctx, ticket, Reply(t.t("handoff.agent.relayed", ticket=ticket.id,
                                      customer=customer_name(ctx, ticket), text=text),
                                  document=forwarded(ctx.incoming)), t)


def tell_agent(ctx: Context, ticket: Ticket, reply: Reply, t: Translator) -> None:
    where = handoff.split_address(ticket.assignee or "")
    if where is not None:
        ctx.out.append(Outgoing(*where, reply, {LANGUAGE: t.language}))


def tell_customer(ctx: Context, ticket: Ticket,
                  reply: Callable[[Translator], Reply]) -> None:
    """On the chat the customer last wrote from about it (else their last linked one)."""
    customer = ctx.uow.customers.get(ticket.customer_id)
    if customer is None:
        return
    t = customer_translator(ctx, customer)
    where = handoff.customer_chat(ticket) or next(
        ((i.channel, i.external_id) for i in reversed(customer.identities)), None)
    if where is not None:
        ctx.out.append(Outgoing(*where, reply(t), {LANGUAGE: t.language}))


# The agent's side -------------------------------------------------------------------------

def _agent_wrote(ctx: Context) -> bool:
    incoming = ctx.incoming
    if (incoming.text or "").lstrip().startswith("/") or incoming.button is not None:
        return False
    held = ctx.uow.tickets.held_by(me(ctx))
    if not held:
        return False
    if len(held) == 1 or incoming.reply_to:
        _answer(ctx, max(held, key=handoff.last_heard), described(incoming, ctx.t))
    else:
        ctx.say("handoff.agent.which", tickets=_held_lines(ctx, held))
    return True


def _answer(ctx: Context, ticket: Ticket, text: str) -> None:
    handoff.agent_says(ctx.shop, ticket, me(ctx), text)
    document = forwarded(ctx.incoming)
    tell_customer(ctx, ticket, lambda t: Reply(t.t(
        "handoff.customer.from_agent", agent=agent_name(ctx, me(ctx), t), text=text),
        document=document))


def _ticket_for(ctx: Context, raw: str, taking: bool = False) -> Ticket | None:
    """The ticket `raw` names, if this agent may act on it; else None having said why."""
    number = raw.removeprefix("#")
    ticket_id = as_id(number)
    ticket = ctx.uow.tickets.lock(ticket_id) if ticket_id is not None else None
    why = handoff.refusal(ticket, me(ctx), taking)
    if why is None:
        return ticket
    holder = ticket.assignee if ticket is not None else None
    ctx.say(f"handoff.refused.{why}", ticket=number[:12] or "—",
            agent=agent_name(ctx, holder, ctx.t))
    return None


def _state(ticket: Ticket) -> dict[str, str | None]:
    return {"status": ticket.status.value, "assignee": ticket.assignee}


def take(ctx: Context, raw: str) -> None:
    ticket = _ticket_for(ctx, raw, taking=True)
    if ticket is None:
        return
    before = _state(ticket)
    handoff.take(ticket, me(ctx))
    audit(ctx, "ticket.take", f"ticket:{ticket.id}", before, _state(ticket))
    name = customer_name(ctx, ticket)
    ctx.say("handoff.agent.taken", ctx.button("handoff.button.close", f"ho:close:{ticket.id}"),
            ticket=ticket.id, customer=name, transcript=transcript(ctx.t, ticket, name))
    tell_customer(ctx, ticket, lambda t: Reply(t.t(
        "handoff.customer.taken", agent=agent_name(ctx, me(ctx), t), ticket=ticket.id)))


def close(ctx: Context, raw: str) -> None:
    ticket = _ticket_for(ctx, raw)
    if ticket is None:
        return
    before = _state(ticket)
    _end(ctx, ticket, "handoff.agent.closed", "handoff.customer.closed")
    audit(ctx, "ticket.close", f"ticket:{ticket.id}", before, _state(ticket))


def _end(ctx: Context, ticket: Ticket, agent_key: str, customer_key: str) -> None:
    """The ticket is resolved; the customer is back with the bot and asked how it went."""
    handoff.close(ctx.shop, ticket)
    team = team_translator(ctx)
    tell_agent(ctx, ticket, Reply(team.t(agent_key, ticket=ticket.id,
                                         customer=customer_name(ctx, ticket))), team)
    tell_customer(ctx, ticket, lambda t: Reply(
        t.t(customer_key, ticket=ticket.id, agent=agent_name(ctx, ticket.assignee, t)),
        rating_buttons(t, "ticket", ticket.id or 0)))


@staff_command("/tomar", "/take", roles=SEES_TICKETS, help="admin.help.take")
def take_command(ctx: Context) -> None:
    args = words(ctx)
    take(ctx, args[0]) if len(args) == 1 else usage(ctx, "take")


@staff_command("/cerrar", "/close", roles=SEES_TICKETS, help="admin.help.close")
def close_command(ctx: Context) -> None:
    args = words(ctx)
    close(ctx, args[0]) if len(args) == 1 else usage(ctx, "close")


@staff_command("/r", "/responder", roles=SEES_TICKETS, help="admin.help.answer")
def answer_command(ctx: Context) -> None:
    found = _ANSWER.fullmatch((ctx.incoming.text or "").strip())
    if found is None:
        usage(ctx, "answer")
        return
    ticket = _ticket_for(ctx, words(ctx)[0])
    if ticket is not None:
        _answer(ctx, ticket, found.group(1).strip())


@staff_command("/mistickets", "/mytickets", roles=SEES_TICKETS, help="admin.help.mine")
def my_tickets(ctx: Context) -> None:
    held = ctx.uow.tickets.held_by(me(ctx))
    if held:
        ctx.say("handoff.agent.mine", tickets=_held_lines(ctx, held))
    else:
        ctx.say("handoff.agent.none")


def _held_lines(ctx: Context, held: list[Ticket]) -> str:
    return "\n".join(ctx.t.t("handoff.agent.held_line", ticket=ticket.id,
                             customer=customer_name(ctx, ticket),
                             last=ticket.messages[-1].text[:60] if ticket.messages else "")
                     for ticket in held)


@staff_action("ho", roles=SEES_TICKETS)
def handoff_button(ctx: Context, args: list[str]) -> None:
    """ho:take:<ticket> | ho:close:<ticket>"""
    match args:
        case ["take", number]:
            take(ctx, number)
        case ["close", number]:
            close(ctx, number)
        case _:
            ctx.say("admin.stale")
