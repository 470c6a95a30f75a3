"""Staff reports: sales today, this week and this month, in the business time zone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dialogs.context import Context
from dialogs.flows.admin_common import RUNS_THE_SHOP, usage, words
from dialogs.registry import staff_command
from domain.money import Money, total
from domain.order import OrderStatus

PERIODS = {"hoy": "today", "today": "today", "semana": "week", "week": "week",
           "mes": "month", "month": "month"}


def period_start(today: date, period: str) -> date:
    if period == "week":  # since Monday
        return today - timedelta(days=today.weekday())
    return today.replace(day=1) if period == "month" else today


@staff_command("/ventas", "/sales", roles=RUNS_THE_SHOP, help="admin.help.sales")
def sales_command(ctx: Context) -> None:
    args = [arg.lower() for arg in words(ctx)]
    if len(args) > 1 or (args and args[0] not in PERIODS):
        usage(ctx, "sales")
        return
    periods = [PERIODS[args[0]]] if args else ["today", "week", "month"]
    ctx.say("admin.sales.title", lines="\n".join(sales_line(ctx, period) for period in periods))


def sales_line(ctx: Context, period: str) -> str:
    """Orders placed in the period (cancelled ones aside): how many, sold and collected."""
    zone = ctx.deps.profile.timezone
    today = ctx.shop.clock.now().astimezone(zone).date()
    since = datetime.combine(period_start(today, period), time(), zone)
    orders = [order for order in ctx.uow.orders.search(since=since, limit=None)
              if order.status is not OrderStatus.CANCELLED]
    currency = ctx.shop.currency
    sold = total([order.totals.total for order in orders], currency)
    collected = total([Money(order.amount_paid - order.amount_refunded, order.currency)
                       for order in orders], currency)
    return ctx.t.t("admin.sales.line", period=ctx.t.t(f"admin.sales.{period}"),
                   orders=len(orders), sold=ctx.t.money(sold), collected=ctx.t.money(collected))
