"""The checkout's checks and texts that take some assembling: the stock check before
confirming, the summary with the conditions of sale, which payment method a typed answer
names."""

from __future__ import annotations

from collections.abc import Iterable

from dialogs.context import Context
from dialogs.contract import Button, Reply
from domain.catalog import fold
from domain.order import Order
from domain.payment import PaymentMethod
from domain.pricing import DeliveryMethod
from domain.quote import Quote


def summary(ctx: Context, quote: Quote, method: str, address: str,
            buttons: Iterable[Button]) -> Reply:
    t = ctx.t
    text = t.t("checkout.summary.text", lines=_lines(ctx, quote), totals=totals_text(ctx, quote),
               payment=t.t(f"payment_methods.{method}"),
               delivery=t.t(f"delivery_methods.{quote.delivery.value}"), address=address,
               conditions=_conditions(ctx, quote, method))
    return Reply(text, tuple(buttons))


def _lines(ctx: Context, quote: Quote) -> str:
    t = ctx.t
    return "\n".join(t.t("checkout.summary.line", quantity=t.number(line.quantity),
                         product=line.name, amount=t.money(line.list_amount))
                     for line in quote.product_lines)


def totals_text(ctx: Context, document: Quote | Order) -> str:
    """Discounts, shipping, taxes and total under lines shown at their list amounts, so the
    figures add up: lines − discounts + shipping (+ taxes) = total."""
    t, totals = ctx.t, document.totals
    parts = []
    if not totals.discount.is_zero():
        parts.append(t.t("checkout.summary.discount", amount=t.money(-totals.discount)))
    if document.delivery is DeliveryMethod.DELIVERY:
        parts.append(t.t("checkout.summary.free_shipping") if totals.shipping.is_zero()
                     else t.t("checkout.summary.shipping", amount=t.money(totals.shipping)))
    if not ctx.shop.taxes.prices_include_tax:
        parts.append(t.t("checkout.summary.taxes", amount=t.money(totals.tax)))
    parts.append(t.t("checkout.summary.total", amount=t.money(totals.total)))
    return "\n".join(parts)


def _conditions(ctx: Context, quote: Quote, method: str) -> str:
    t = ctx.t
    hours = int(ctx.shop.reservation.total_seconds() // 3600)
    parts = [
        t.t("checkout.conditions.prices", quote=quote.id, date=t.datetime(quote.valid_until)),
        t.t("checkout.conditions.reservation") if method == "cash_on_delivery"
        else t.t("checkout.conditions.reservation_hours", hours=hours),
        t.t(f"checkout.conditions.pay.{method}.{quote.delivery.value}"),
        t.t("checkout.conditions.approval_automatic" if ctx.shop.auto_approve
            else "checkout.conditions.approval_staff"),
    ]
    if ctx.shop.conditions_of_sale.strip():
        parts.append(ctx.shop.conditions_of_sale.strip())
    return "\n".join(t.t("checkout.conditions.item", text=part) for part in parts)


def _words(text: str) -> set[str]:
    return set("".join(ch if ch.isalnum() else " " for ch in fold(text)).split())


def payment_method_named(ctx: Context, text: str) -> str | None:
    """The configured method a typed answer names: its number in the list, or a word of it
    ("transferencia", "efectivo", "cash"); None when it names none or more than one."""
    methods = ctx.shop.payment_methods
    typed = text.strip()
    if typed.isascii() and typed.isdigit() and len(typed) <= 2:
        position = int(typed) - 1
        return methods[position] if 0 <= position < len(methods) else None
    said = _words(typed[:200])
    named = [method for method in methods
             if said & _words(ctx.t.t(f"checkout.payment.words.{method}"))]
    return named[0] if len(named) == 1 else None


def names_other_method(ctx: Context, text: str) -> bool:
    """The typed answer names a way to pay this shop does not take here ("bitcoin", "cheque",
    a method it has not configured) or a number off the list."""
    typed = text.strip()
    if typed.isascii() and typed.isdigit():
        return True
    others = [f"checkout.payment.words.{method}" for method in PaymentMethod
              if method not in ctx.shop.payment_methods] + ["checkout.payment.words.other"]
    said = _words(typed[:200])
    return any(said & _words(ctx.t.t(key)) for key in others)


def in_stock(ctx: Context, quote: Quote) -> bool:
    """Checked under lock before anything changes, so a refusal leaves nothing half done."""
    products = ctx.uow.catalog.lock([line.sku for line in quote.product_lines])
    short_lines = []
    for line in quote.product_lines:
        product = products.get(line.sku)
        available = max(product.available, 0) if product and product.active else 0
        if available < line.quantity:
            short_lines.append(ctx.t.t("checkout.short_line", product=line.name,
                                       available=ctx.t.number(available),
                                       quantity=ctx.t.number(line.quantity)))
    if short_lines:
        ctx.say("checkout.out_of_stock", new_quote_button(ctx), ctx.button("menu.cart", "cart"),
                lines="\n".join(short_lines))
    return not short_lines


def new_quote_button(ctx: Context) -> Button:
    return ctx.button("checkout.new_quote", "quote")
