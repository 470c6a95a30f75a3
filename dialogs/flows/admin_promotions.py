"""Staff and promotions: the list, creating a code (percent or fixed, until a day, with a
minimum), and disabling one."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from dialogs.context import Context
from dialogs.flows.admin_common import (
    RUNS_THE_SHOP,
    amount,
    audit,
    day,
    pages,
    say_lines_page,
    sliced,
    usage,
    words,
)
from dialogs.registry import staff_action, staff_command
from domain.money import Money
from domain.promotions import Promotion, PromotionKind

CODE = re.compile(r"[A-Za-z0-9_-]{2,30}")
CREATE, DISABLE = ("crear", "create"), ("desactivar", "disable")
UNTIL, SINCE, MINIMUM = ("hasta", "until"), ("desde", "from"), ("min", "mín", "minimum")


@staff_command("/promos", "/promotions", roles=RUNS_THE_SHOP, help="admin.help.promos")
def promotions_command(ctx: Context) -> None:
    promotions_list(ctx, 1)


def promotions_list(ctx: Context, page: int) -> None:
    say_lines_page(ctx, "admin.promo.list", sliced(ctx.uow.promotions.all()), page, "am",
                   lambda promotion: promotion_line(ctx, promotion))


def promotion_line(ctx: Context, promotion: Promotion) -> str:
    t = ctx.t
    ends = t.date(promotion.ends_at - timedelta(seconds=1)) if promotion.ends_at else "—"
    minimum = t.money(Money(promotion.min_amount, ctx.shop.currency)) \
        if promotion.min_amount else "—"
    return t.t("admin.promo.line", label=promotion.label, value=value_text(ctx, promotion),
               ends=ends, minimum=minimum, uses=promotion.uses,
               state=t.t("admin.promo.active" if promotion.active else "admin.promo.inactive"))


def value_text(ctx: Context, promotion: Promotion) -> str:
    if promotion.kind is PromotionKind.PERCENT:
        return ctx.t.percent(promotion.value / 100)
    return ctx.t.money(Money(promotion.value, ctx.shop.currency))


@staff_command("/promo", roles=RUNS_THE_SHOP, help="admin.help.promo")
def promo_command(ctx: Context) -> None:
    args = words(ctx)
    verb = args[0].lower() if args else ""
    if verb in CREATE and len(args) >= 3:
        create(ctx, args[1:])
    elif verb in DISABLE and len(args) == 2:
        disable(ctx, args[1])
    else:
        usage(ctx, "promo")


def create(ctx: Context, args: list[str]) -> None:
    fields = promotion_fields(ctx, args)
    if fields is None:
        usage(ctx, "promo")
        return
    if ctx.uow.promotions.by_code(fields["code"]) is not None:
        ctx.say("admin.promo.exists", code=fields["code"].upper())
        return
    if fields.get("ends_at") and fields["ends_at"] <= ctx.shop.clock.now():
        ctx.say("admin.promo.past")
        return
    promotion = Promotion(name=fields["code"].upper(), **fields)
    ctx.uow.promotions.add(promotion)
    ctx.uow.flush()
    audit(ctx, "promo.create", f"promotion:{promotion.id}", None, promotion_state(promotion))
    ctx.say("admin.promo.created", line=promotion_line(ctx, promotion))


def promotion_fields(ctx: Context, args: list[str]) -> dict[str, Any] | None:
    """CODE 10%|500 [hasta DAY] [desde DAY] [min AMOUNT]; None when something is off."""
    code, raw_value, options = args[0], args[1], args[2:]
    percent = raw_value.endswith("%")
    value = amount(raw_value.removesuffix("%"))
    if not CODE.fullmatch(code) or not value or (percent and value > 100) \
            or len(options) % 2:
        return None
    fields: dict[str, Any] = {"code": code, "value": value,
                              "kind": PromotionKind.PERCENT if percent else PromotionKind.FIXED}
    for word, raw in zip(options[::2], options[1::2]):
        word, when = word.lower(), day(raw)
        if word in UNTIL and when:
            fields["ends_at"] = local_midnight(ctx, when + timedelta(days=1))
        elif word in SINCE and when:
            fields["starts_at"] = local_midnight(ctx, when)
        elif word in MINIMUM and amount(raw):
            fields["min_amount"] = amount(raw)
        else:
            return None
    if fields.get("starts_at") and fields.get("ends_at") \
            and fields["ends_at"] <= fields["starts_at"]:
        return None
    return fields


def local_midnight(ctx: Context, when: date) -> datetime:
    """The day's start in the business time zone (where "until the 31st" is meant)."""
    return datetime.combine(when, time(), ctx.deps.profile.timezone)


def promotion_state(promotion: Promotion) -> dict[str, Any]:
    return {"code": promotion.code, "kind": promotion.kind.value, "value": str(promotion.value),
            "min_amount": str(promotion.min_amount) if promotion.min_amount else None,
            "ends_at": promotion.ends_at.isoformat() if promotion.ends_at else None,
            "active": promotion.active}


def disable(ctx: Context, code: str) -> None:
    promotion = ctx.uow.promotions.by_code(code) if CODE.fullmatch(code) else None
    if promotion is None:
        ctx.say("admin.promo.not_found", code=code[:30])
        return
    if not promotion.active:
        ctx.say("admin.promo.already_disabled", code=promotion.label)
        return
    before = promotion_state(promotion)
    promotion.active = False
    audit(ctx, "promo.disable", f"promotion:{promotion.id}", before, promotion_state(promotion))
    ctx.say("admin.promo.disabled", code=promotion.label)


staff_action("am", roles=RUNS_THE_SHOP)(pages(promotions_list))  # am:page:<n>
