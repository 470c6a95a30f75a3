"""A quote as a chat message: the same figures as its PDF, in the customer's language."""

from __future__ import annotations

from decimal import Decimal

from dialogs.context import Context
from domain.money import Money
from domain.pricing import DeliveryMethod
from domain.quote import Quote


def quote_text(ctx: Context, quote: Quote) -> str:
    t = ctx.t
    totals = quote.totals
    several = len(quote.promotions) > 1  # then each line says what it got, and the sum
    lines = [t.t("quote.title", number=quote.id)]
    for line in quote.product_lines:
        lines.append(t.t("quote.line", quantity=t.number(line.quantity), product=line.name,
                         unit_price=t.money(line.unit_price), amount=t.money(line.list_amount)))
        if several and not line.discount.is_zero():
            lines.append(t.t("quote.line_discount", discount=t.money(-line.discount)))
    lines.append(t.t("quote.subtotal", amount=t.money(totals.subtotal)))
    lines += [t.t("quote.promotion", name=promotion.label, amount=t.money(-promotion.amount))
              for promotion in quote.promotions]
    promoted = sum((promotion.amount for promotion in quote.promotions),
                   Money.zero(quote.currency))
    if several or (not totals.discount.is_zero() and promoted != totals.discount):
        lines.append(t.t("quote.discounts", amount=t.money(-totals.discount)))
    lines.append(shipping_line(ctx, quote))
    taxes = [t.t("quote.tax", label=tax_label(ctx, part.rate), amount=t.money(part.tax))
             for part in totals.taxes if not part.tax.is_zero()]
    included = totals.subtotal - totals.discount + totals.shipping == totals.total
    if not included:
        lines += taxes
    lines.append(t.t("quote.total", amount=t.money(totals.total)))
    if included and taxes:
        lines.append(t.t("quote.taxes_included", taxes=" · ".join(taxes)))
    lines.append(t.t("quote.valid_until", date=t.date(quote.valid_until)))
    return "\n".join(lines)


def shipping_line(ctx: Context, quote: Quote) -> str:
    if quote.delivery is DeliveryMethod.PICKUP:
        return ctx.t.t("quote.pickup", address=pickup_address(ctx))
    shipping = quote.totals.shipping
    if shipping.is_zero():
        return ctx.t.t("quote.free_shipping")
    return ctx.t.t("quote.shipping", amount=ctx.t.money(shipping))


def pickup_address(ctx: Context) -> str:
    return ctx.shop.shipping.pickup_address or ctx.deps.profile.pickup_address or \
        ctx.shop.invoicing.seller.address


def tax_label(ctx: Context, rate: Decimal) -> str:
    """The shop's name for the tax at this rate ("IVA 21%"), else a generic one."""
    taxes = ctx.shop.taxes
    for category, category_rate in taxes.rates.items():
        if category_rate == rate and taxes.labels.get(category):
            return taxes.labels[category]
    return ctx.t.t("documents.tax_rate", rate=ctx.t.percent(rate))
