"""Paying an order: bank transfer (details, then the receipt as a photo or PDF, which waits
for staff to confirm it) and cash on delivery; and how each configured method works."""

from __future__ import annotations

from enum import StrEnum

from dialogs.context import Context
from dialogs.contract import Attachment, Button
from dialogs.flows.checkout_common import (
    awaits_payment,
    has_pending_payment,
    left_for,
    menu_button,
    not_found,
    order_label,
    order_number,
    own_order,
)
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, file_outside_steps, intent, step
from domain.order import Order
from domain.payment import PaymentMethod
from domain.services.gateway_payments import request_payment_link
from domain.services.payments import change_payment_method, record_payment

FLOW = "payment"
MAX_RECEIPT_MB = 10
RECEIPT_TYPES = ("image/", "application/pdf")
NOT_A_RECEIPT = ("image/svg",)  # an image that is a program
SAID_BY_THE_BOT = ("instructions",)  # "send the receipt here": payment.bank.details says it


class Step(StrEnum):
    RECEIPT = "receipt"


def instructions(ctx: Context, order: Order) -> None:
    """What the customer does next to pay `order`, by its payment method."""
    amount = ctx.t.money(order.balance)
    if order.payment_method == PaymentMethod.BANK_TRANSFER:
        ask_for_transfer(ctx, order)
    elif order.payment_method == PaymentMethod.MERCADOPAGO:
        request_payment_link(order, ctx.incoming.channel, ctx.incoming.chat_id)
        ctx.say("payment.mercadopago.coming", amount=amount, order=order.id)
    elif order.payment_method == PaymentMethod.CASH_ON_DELIVERY:
        ctx.say(f"payment.cash.{order.delivery.value}", *main_menu_buttons(ctx), amount=amount,
                order=order.id)
    else:
        ctx.say("payment.later", *main_menu_buttons(ctx), amount=amount, order=order.id,
                method=ctx.t.t(f"payment_methods.{order.payment_method}"))


def ask_for_transfer(ctx: Context, order: Order) -> None:
    details = "\n".join(ctx.t.t("payment.bank.line", label=ctx.t.t(f"payment.bank.{name}"),
                                value=value)
                        for name, value in ctx.deps.profile.bank_transfer
                        if name not in SAID_BY_THE_BOT)
    ctx.data.order_id = order.id
    ctx.go(FLOW, Step.RECEIPT)
    ctx.say("payment.bank.details", later_button(ctx), amount=ctx.t.money(order.balance),
            order=order.id, details=details)


def later_button(ctx: Context) -> Button:
    return ctx.button("payment.receipt.later", "menu")


def payable(ctx: Context, raw: object) -> Order | None:
    """The customer's order if it still takes a payment from the chat; else say why."""
    order = own_order(ctx, raw)
    if order is None:
        not_found(ctx)
    elif not awaits_payment(order):
        key = "payment.paid" if order.is_paid else "payment.cancelled"
        ctx.say(key, ctx.button("orders.see", f"orders:show:{order.id}"), menu_button(ctx),
                order=order.id)
    elif order.payment_method == PaymentMethod.BANK_TRANSFER and has_pending_payment(ctx, order):
        under_review(ctx, order)
    else:
        return order
    return None


def under_review(ctx: Context, order: Order) -> None:
    """A receipt of `order` is already being checked: nothing more is recorded."""
    key = "payment.pending" if ctx.incoming.attachment is None else "payment.pending_receipt"
    ctx.say(key, ctx.button("menu.support", "support"),
            ctx.button("orders.see", f"orders:show:{order.id}"), menu_button(ctx),
            order=order.id)


@action("pay")
def pay(ctx: Context, args: list[str]) -> None:
    order = payable(ctx, args[0] if args else None)
    if order is not None:
        instructions(ctx, order)


@action("paywith")
def pay_another_way(ctx: Context, args: list[str]) -> None:
    """paywith:<order> lists the other methods; paywith:<order>:<method> switches to it."""
    order = payable(ctx, args[0] if args else None)
    if order is None or ctx.customer is None:
        return
    method = args[1] if len(args) > 1 else ""
    offered = ctx.shop.payment_methods_for(order.balance)
    if method in offered and method != order.payment_method:
        change_payment_method(ctx.uow, ctx.shop, order.id, method, ctx.customer.id)
        instructions(ctx, order)
        return
    ctx.say("payment.choose_method", *(
        ctx.button(f"payment_methods.{other}", f"paywith:{order.id}:{other}")
        for other in offered if other != order.payment_method), menu_button(ctx), order=order.id)


@step(FLOW, Step.RECEIPT)
def receipt(ctx: Context) -> None:
    attachment = ctx.incoming.attachment
    if attachment is None:
        if not left_for(ctx):
            ctx.say("payment.receipt.expected", later_button(ctx))
        return
    problem = receipt_problem(attachment)
    if problem is not None:
        ctx.say(problem, later_button(ctx), limit=MAX_RECEIPT_MB)
        return
    order, customer = payable(ctx, ctx.data.order_id), ctx.customer
    ctx.end_flow()
    if order is None or customer is None:
        return
    amount = order.balance
    record_payment(ctx.uow, ctx.shop, order_id=order.id, method=PaymentMethod.BANK_TRANSFER,
                   amount=amount, receipt_file=attachment.file_ref, customer_id=customer.id)
    ctx.say("payment.receipt.received", *main_menu_buttons(ctx), order=order.id,
            amount=ctx.t.money(amount))


def receipt_problem(attachment: Attachment) -> str | None:
    mime = (attachment.mime_type or "").lower()
    if not mime.startswith(RECEIPT_TYPES) or mime.startswith(NOT_A_RECEIPT):
        return "payment.receipt.wrong_type"
    if attachment.size > MAX_RECEIPT_MB * 1024 * 1024:
        return "payment.receipt.too_big"
    return None


def waiting_for_payment(ctx: Context, pending: bool = False) -> list[Order]:
    """The customer's unpaid orders with no receipt under review (with `pending`, those
    with one)."""
    customer = ctx.customer
    orders = ctx.uow.orders.for_customer(customer.id) if customer is not None else []
    return [order for order in orders if awaits_payment(order)
            and has_pending_payment(ctx, order) is pending]


@file_outside_steps
def receipt_out_of_the_blue(ctx: Context) -> None:
    """A receipt sent later, without pressing "pay": fine when only one order waits for it."""
    customer = ctx.customer
    orders = ctx.uow.orders.for_customer(customer.id) if customer is not None else []
    unpaid = [order for order in orders if awaits_payment(order)
              and order.payment_method == PaymentMethod.BANK_TRANSFER]
    reviewed = [order for order in unpaid if has_pending_payment(ctx, order)]
    transfers = [order for order in unpaid if order not in reviewed]
    if not transfers and reviewed:
        under_review(ctx, reviewed[0])
    elif len(transfers) == 1:
        ctx.data.order_id = transfers[0].id
        receipt(ctx)
    elif transfers:
        ctx.say("payment.which", *(Button(order_label(ctx, order), f"pay:{order.id}")
                                   for order in transfers[:ctx.deps.profile.page_size]),
                menu_button(ctx))
    else:
        ctx.say("errors.unexpected_input", *main_menu_buttons(ctx))


@intent("pay")
def pay_by_text(ctx: Context) -> None:
    number = order_number(ctx)
    if number is not None:
        pay(ctx, [str(number)])
        return
    waiting = waiting_for_payment(ctx)
    if len(waiting) == 1:
        instructions(ctx, waiting[0])
    elif waiting:
        ctx.say("payment.which", *(Button(order_label(ctx, order), f"pay:{order.id}")
                                   for order in waiting[:ctx.deps.profile.page_size]),
                menu_button(ctx))
    else:
        payment_methods(ctx)


@intent("payment_methods")
def payment_methods(ctx: Context) -> None:
    methods = "\n".join(ctx.t.t("payment.method_line", name=ctx.t.t(f"payment_methods.{m}"),
                                how=ctx.t.t(f"payment.how.{m}"))
                        for m in ctx.shop.payment_methods)
    ctx.say("payment.methods", *main_menu_buttons(ctx), methods=methods)

