"""The customer's profile: every detail at a glance, one field changed at a time.

Each field is validated exactly as at registration; an address given here is added to the
customer's addresses. A chat that is not registered yet is offered registration.
"""

from __future__ import annotations

from dialogs.context import Context
from dialogs.flows.registration_fields import (
    OPTIONAL,
    SHAPED,
    Field,
    leaves_step,
    problem_text,
    prompt,
    read,
    tax_label,
)
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, intent, step
from domain.customer import Customer, display_phone
from domain.errors import InvalidValue
from domain.services.customers import add_address, customer_by_phone, update_customer

FLOW = "profile"
EDITABLE = (Field.NAME, Field.PHONE, Field.EMAIL, Field.TAX_ID, Field.ADDRESS)


@intent("update_profile")
def update_profile(ctx: Context) -> None:
    show_profile(ctx)


def show_profile(ctx: Context, intro: str = "profile.title") -> None:
    """The profile with a button per field, or an offer to register."""
    ctx.end_flow()
    customer = ctx.customer
    if customer is None:
        ctx.say("profile.not_registered", ctx.button("profile.button.register", "register"),
                ctx.button("menu.main", "menu"))
        return
    label, none = tax_label(ctx), ctx.t.t("profile.none")
    addresses = "\n".join(ctx.t.t("profile.address_line", address=address)
                          for address in customer.addresses) or none
    buttons = [ctx.button(f"profile.button.{field}", f"profile:edit:{field}", tax_label=label)
               for field in EDITABLE]
    news = ctx.button("broadcast.button.stop", "news:off") if customer.marketing_opt_in \
        else ctx.button("broadcast.button.start", "news:on")
    ctx.say("profile.card", *buttons, news, ctx.button("menu.language", "lang"),
            ctx.button("menu.main", "menu"),
            intro=ctx.t.t(intro), name=customer.name,
            phone=display_phone(customer.phone) if customer.phone else none,
            email=customer.email or none, tax_label=label, tax_id=customer.tax_id or none,
            addresses=addresses, language=ctx.t.t(f"language.{customer.language}"))


@action("profile")
def profile_button(ctx: Context, args: list[str]) -> None:
    """profile | profile:edit:<field> | profile:clear:<email|tax_id>"""
    command, field = (args + ["", ""])[:2]
    customer = ctx.customer
    if not command or customer is None:
        show_profile(ctx)
    elif command == "edit" and field in EDITABLE:
        _ask(ctx, customer, Field(field))
    elif command == "clear" and field in OPTIONAL:
        _save(ctx, customer, Field(field), None)
    else:
        ctx.say("errors.stale_button", *main_menu_buttons(ctx))


def _ask(ctx: Context, customer: Customer, field: Field, problem: str | None = None) -> None:
    ctx.go(FLOW, field)
    text = problem or ctx.t.t(f"profile.ask.{field}", tax_label=tax_label(ctx))
    clear = [ctx.button("profile.button.clear", f"profile:clear:{field}")] \
        if field in OPTIONAL and getattr(customer, field.value) else []
    prompt(ctx, text, field, *clear, ctx.button("buttons.cancel", "profile"))


@step(FLOW, *EDITABLE)
def answer(ctx: Context) -> None:
    field, customer = Field(ctx.conversation.step), ctx.customer
    if customer is None:
        show_profile(ctx)
        return
    try:
        value = read(ctx, field)
    except InvalidValue as problem:
        if not (field in SHAPED and leaves_step(ctx)):
            _ask(ctx, customer, field, problem_text(ctx, field, problem))
        return
    if field is Field.PHONE and value != customer.phone \
            and customer_by_phone(ctx.uow, value) is not None:
        _ask(ctx, customer, field, ctx.t.t("profile.phone_taken"))
        return
    _save(ctx, customer, field, value)


def _save(ctx: Context, customer: Customer, field: Field, value: str | None) -> None:
    assert customer.id is not None
    if field is Field.ADDRESS:
        add_address(ctx.uow, customer.id, value or "")
        show_profile(ctx, "profile.address_added")
        return
    update_customer(ctx.uow, customer.id, **{field.value: value})
    show_profile(ctx, "profile.saved" if value else "profile.cleared")
