"""Support tickets as staff and agents see them: those still open (or every one), newest
first. Taking and answering them is the human handoff's part."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.flows.handoff import agent_name
from dialogs.flows.admin_common import SEES_TICKETS, page_number, say_lines_page, usage, words
from dialogs.registry import staff_action, staff_command
from domain.ticket import Ticket, TicketStatus

OPEN = (TicketStatus.OPEN, TicketStatus.ASSIGNED, TicketStatus.WAITING_CUSTOMER)
EVERY = ("todos", "all")
SUBJECT_CHARS = 60


@staff_command("/tickets", "/reclamos", roles=SEES_TICKETS, help="admin.help.tickets")
def tickets_command(ctx: Context) -> None:
    args = [arg.lower() for arg in words(ctx)]
    if args and (len(args) > 1 or args[0] not in EVERY):
        usage(ctx, "tickets")
    else:
        tickets_list(ctx, "all" if args else "list", 1)


def tickets_list(ctx: Context, scope: str, page: int) -> None:
    statuses = [] if scope == "all" else [status.value for status in OPEN]
    say_lines_page(ctx, "admin.tickets.list", lambda offset, limit: ctx.uow.tickets.search(
        statuses, offset=offset, limit=limit), page, f"at:{scope}",
        lambda ticket: ticket_line(ctx, ticket))


def ticket_line(ctx: Context, ticket: Ticket) -> str:
    t = ctx.t
    customer = ctx.uow.customers.get(ticket.customer_id)
    subject = ticket.subject if len(ticket.subject) <= SUBJECT_CHARS \
        else ticket.subject[:SUBJECT_CHARS - 1] + "…"
    return t.t("admin.tickets.line", ticket=ticket.id, customer=customer.name if customer
               else "—", priority=t.t(f"admin.priority.{ticket.priority.value}"),
               status=t.t(f"admin.ticket_status.{ticket.status.value}"),
               assignee=agent_name(ctx, ticket.assignee, t) if ticket.assignee else "—",
               date=t.datetime(ticket.created_at),
               subject=subject, order=ticket.order_id or "—")


@staff_action("at", roles=SEES_TICKETS)
def tickets_button(ctx: Context, args: list[str]) -> None:
    """at:list|all:<page> (the page buttons say at:list:page:<n>, read the same way)"""
    match args:
        case ["list" | "all" as scope, page] | ["list" | "all" as scope, "page", page]:
            tickets_list(ctx, scope, page_number(page))
        case _:
            ctx.say("admin.stale")
