"""Staff and payments: transfer receipts to check (the receipt is shown), confirming or
rejecting them, and cash collected on delivery."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import Button, Reply
from dialogs.flows.admin_common import (
    RUNS_THE_SHOP,
    amount,
    audit,
    find_order,
    one_argument_command,
    order_state,
    usage,
    words,
)
from dialogs.flows.admin_notices import receipt_document
from dialogs.flows.checkout_common import as_id, short
from dialogs.registry import staff_action, staff_command
from domain.money import Money
from domain.order import Order, OrderStatus
from domain.payment import Payment, PaymentMethod, PaymentStatus
from domain.services.gateway_payments import refundable_through_gateway, request_refund
from domain.services.payments import confirm_payment, record_payment, reject_payment


@staff_command("/pagos", "/payments", roles=RUNS_THE_SHOP, help="admin.help.payments")
def payments_command(ctx: Context) -> None:
    waiting = ctx.uow.payments.pending(limit=ctx.deps.profile.page_size)
    if not waiting:
        ctx.say("admin.payment.none")
        return
    ctx.say("admin.payment.list", *(Button(short(ctx.t.t(
        "admin.payment.label", order=payment.order_id, amount=ctx.t.money(payment.amount),
        method=ctx.t.t(f"payment_methods.{payment.method.value}"))),
        f"ap:show:{payment.order_id}") for payment in waiting))


def show(ctx: Context, raw: object) -> None:
    """The order's payment awaiting a decision, with its receipt attached."""
    payment = pending_of(ctx, raw)
    if payment is None:
        return
    ctx.send(Reply(
        ctx.t.t("admin.payment.detail", payment=payment.id, order=payment.order_id,
                amount=ctx.t.money(payment.amount), date=ctx.t.datetime(payment.created_at),
                method=ctx.t.t(f"payment_methods.{payment.method.value}")),
        (ctx.button("admin.payment.confirm", f"ap:confirm:{payment.id}"),
         ctx.button("admin.payment.reject", f"ap:reject:{payment.id}")),
        document=receipt_document(payment.receipt_file)))


def pending_of(ctx: Context, raw: object) -> Payment | None:
    """The oldest payment of the order awaiting a decision; None having said why."""
    order = find_order(ctx, raw)
    if order is None:
        return None
    pending = [payment for payment in ctx.uow.payments.for_order(order.id)
               if payment.status is PaymentStatus.PENDING]
    if not pending:
        ctx.say("admin.payment.none_pending", order=order.id)
        return None
    return pending[0]


def confirm_order(ctx: Context, raw: str) -> None:
    payment = pending_of(ctx, raw)
    if payment is not None:
        confirm(ctx, payment)


def confirm(ctx: Context, payment: Payment) -> None:
    order = ctx.uow.orders.get(payment.order_id)
    assert order is not None and payment.id is not None
    before = {"payment_status": payment.status.value, **order_state(order)}
    confirm_payment(ctx.uow, ctx.shop, payment.id)
    audit(ctx, "payment.confirm", f"payment:{payment.id}", before,
          {"payment_status": payment.status.value, **order_state(order)})
    ctx.say("admin.payment.confirmed", *next_steps(ctx, order), order=order.id,
            amount=ctx.t.money(payment.amount),
            state=ctx.t.t(f"orders.payment.{order.payment_state.value}"))


def next_steps(ctx: Context, order: Order) -> list[Button]:
    if order.status is OrderStatus.PLACED:
        return [ctx.button("admin.order.approve", f"ao:approve:{order.id}")]
    return [ctx.button("admin.order.see", f"ao:show:{order.id}")]


@staff_command("/rechazarpago", "/rejectpayment", roles=RUNS_THE_SHOP,
               help="admin.help.reject_payment")
def reject_command(ctx: Context) -> None:
    args = words(ctx)
    payment = pending_of(ctx, args[0]) if args else None
    if not args:
        usage(ctx, "reject_payment")
    elif payment is not None:
        reject(ctx, payment, " ".join(args[1:]))


def reject(ctx: Context, payment: Payment, reason: str) -> None:
    assert payment.id is not None
    before = {"payment_status": payment.status.value}
    reject_payment(ctx.uow, ctx.shop, payment.id, reason or None)
    audit(ctx, "payment.reject", f"payment:{payment.id}", before,
          {"payment_status": payment.status.value, "reason": reason})
    ctx.say("admin.payment.rejected", order=payment.order_id)


@staff_command("/efectivo", "/cash", roles=RUNS_THE_SHOP, help="admin.help.cash")
def cash_command(ctx: Context) -> None:
    args = words(ctx)
    given = amount(args[1]) if len(args) == 2 else None
    if len(args) not in (1, 2) or (len(args) == 2 and not given):
        usage(ctx, "cash")
        return
    order = find_order(ctx, args[0])
    if order is None:
        return
    due = order.balance
    collected = Money(given, order.currency) if given else due
    if order.status is OrderStatus.CANCELLED or due.amount <= 0 or collected > due:
        ctx.say("admin.payment.nothing_due", order=order.id, due=ctx.t.money(due))
        return
    payment = record_payment(ctx.uow, ctx.shop, order_id=order.id,
                             method=PaymentMethod.CASH_ON_DELIVERY, amount=collected)
    confirm(ctx, payment)


@staff_command("/reembolsar", "/refund", roles=RUNS_THE_SHOP, help="admin.help.refund")
def refund_command(ctx: Context) -> None:
    """/reembolsar N [monto] [motivo…]: through the platform the money came by; the
    platform's job makes it and tells this chat (a credit note follows)."""
    args = words(ctx)
    given = amount(args[1]) if len(args) > 1 else None
    if not args:
        usage(ctx, "refund")
        return
    order = find_order(ctx, args[0])
    if order is None:
        return
    refundable = refundable_through_gateway(ctx.uow, order)
    wanted = Money(given, order.currency) if given else None
    if refundable.amount <= 0 or (wanted is not None and wanted > refundable):
        ctx.say("admin.refund.too_much", order=order.id, refundable=ctx.t.money(refundable))
        return
    reason = " ".join(args[2:] if given else args[1:])[:200] or ctx.t.t("admin.refund.reason")
    request_refund(order, wanted, reason, ctx.incoming.channel, ctx.incoming.chat_id)
    audit(ctx, "payment.refund_requested", f"order:{order.id}", order_state(order),
          {"refund": str(wanted.amount) if wanted else "all", "reason": reason})
    ctx.say("admin.refund.requested", order=order.id,
            amount=ctx.t.money(wanted or refundable))


one_argument_command("/pago", "/payment", "payment", show)
one_argument_command("/confirmar", "/confirm", "confirm", confirm_order)


@staff_action("ap", roles=RUNS_THE_SHOP)
def payments_button(ctx: Context, args: list[str]) -> None:
    """ap:show:<order> | ap:confirm|reject:<payment>"""
    match args:
        case ["show", order_id]:
            show(ctx, order_id)
        case ["confirm" | "reject" as verb, payment_id]:
            payment_id_number = as_id(payment_id)
            payment = ctx.uow.payments.get(payment_id_number) if payment_id_number else None
            if payment is None or payment.status is not PaymentStatus.PENDING:
                ctx.say("admin.payment.already_decided")
            elif verb == "confirm":
                confirm(ctx, payment)
            else:
                reject(ctx, payment, "")
        case _:
            ctx.say("admin.stale")
