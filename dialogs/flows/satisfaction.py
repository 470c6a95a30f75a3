"""How it went: 1–5 buttons after a delivery and after a ticket is closed, then an optional
comment; and the staff's /satisfaccion report. Payloads: rate:<order|ticket>:<id>:<1-5>,
rate:skip. Each is rated once; the rating is checked to be the customer's own."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import Button
from dialogs.flows.admin_common import RUNS_THE_SHOP
from dialogs.flows.checkout_common import as_id
from dialogs.i18n import Translator
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, staff_command, step
from domain.satisfaction import RATINGS, Summary
from domain.services import satisfaction

FLOW, COMMENT = "satisfaction", "comment"
KINDS = ("order", "ticket")


def rating_buttons(t: Translator, kind: str, subject_id: int) -> tuple[Button, ...]:
    return tuple(Button(t.t(f"satisfaction.stars.{value}"), f"rate:{kind}:{subject_id}:{value}")
                 for value in RATINGS)


@action("rate")
def rate_button(ctx: Context, args: list[str]) -> None:
    if args == ["skip"]:
        _done(ctx, "satisfaction.thanks")
        return
    customer = ctx.customer
    kind, raw_id, raw_rating = (args + ["", "", ""])[:3]
    subject_id, rating = as_id(raw_id), as_id(raw_rating)
    if customer is None or customer.id is None or kind not in KINDS or subject_id is None \
            or rating not in RATINGS or len(args) != 3:
        ctx.say("errors.stale_button", *main_menu_buttons(ctx))
        return
    if not _rate(ctx, kind, subject_id, customer.id, rating or 0):
        ctx.say("satisfaction.already", *main_menu_buttons(ctx))
        return
    ctx.data.rating_of = f"{kind}:{subject_id}"
    ctx.go(FLOW, COMMENT)
    ctx.say("satisfaction.ask_comment", ctx.button("satisfaction.no_comment", "rate:skip"))


def _rate(ctx: Context, kind: str, subject_id: int, customer_id: int, rating: int) -> bool:
    """False when it was rated before; a forged id of someone else's is not found."""
    if kind == "order":
        return satisfaction.rate_order(ctx.uow, ctx.shop, subject_id, customer_id, rating)
    return satisfaction.rate_ticket(ctx.uow, subject_id, customer_id, rating)


@step(FLOW, COMMENT)
def comment(ctx: Context) -> None:
    customer, text = ctx.customer, " ".join((ctx.incoming.text or "").split())
    kind, _, raw_id = (ctx.data.rating_of or "").partition(":")
    subject_id = as_id(raw_id)
    if customer is None or customer.id is None or subject_id is None or kind not in KINDS:
        _done(ctx, "satisfaction.thanks")
        return
    if not text:
        ctx.say("satisfaction.ask_comment", ctx.button("satisfaction.no_comment", "rate:skip"))
        return
    keep = satisfaction.comment_order if kind == "order" else satisfaction.comment_ticket
    keep(ctx.uow, subject_id, customer.id, text)
    _done(ctx, "satisfaction.comment_kept")


def _done(ctx: Context, key: str) -> None:
    ctx.data.rating_of = None
    ctx.end_flow()
    ctx.say(key, *main_menu_buttons(ctx))


@staff_command("/satisfaccion", "/satisfaction", roles=RUNS_THE_SHOP,
               help="admin.help.satisfaction")
def report(ctx: Context) -> None:
    uow = ctx.uow
    ctx.say("satisfaction.report", orders=_summary(ctx, Summary.of(uow.order_ratings.counts())),
            tickets=_summary(ctx, Summary.of(uow.tickets.rating_counts())))


def _summary(ctx: Context, summary: Summary) -> str:
    t = ctx.t
    if summary.average is None:
        return t.t("satisfaction.none")
    spread = " · ".join(t.t("satisfaction.count", stars=value, count=count)
                        for value, count in zip(RATINGS, summary.counts))
    return t.t("satisfaction.summary", average=t.number(summary.average),
               count=t.number(summary.total), spread=spread)
