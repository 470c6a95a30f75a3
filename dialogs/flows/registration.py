"""Registration: name → address → phone → email? → tax id? → summary → confirm.

Answers wait in `ctx.data.draft` (an optional field skipped is an empty answer); the step
asked is always the first field still unanswered, so an edit, a restart or a return after
leaving the flow all pick up where the customer stands. A flow that needs a registered
customer calls `start_registration(ctx, resume=<button payload>)` and gets the customer
back there once registered.
"""

from __future__ import annotations

from enum import StrEnum

from dialogs import registry
from dialogs.context import PHONE_IS_THE_SENDER, Context
from dialogs.flows.profile import show_profile
from dialogs.flows.registration_fields import (
    OPTIONAL,
    SHAPED,
    Field,
    clean,
    leaves_step,
    problem_text,
    prompt,
    read,
    tax_label,
    wants_to_skip,
)
from dialogs.menus import main_menu_buttons
from dialogs.registry import action, intent, step
from domain.customer import Customer, display_phone
from domain.errors import InvalidValue
from domain.services.customers import customer_by_phone, register_customer
from nlu import Intent

FLOW = "registration"
VERIFIED = "phone_verified"  # draft flag: the phone came from the channel, not typed


class Step(StrEnum):
    NAME = Field.NAME.value
    ADDRESS = Field.ADDRESS.value
    PHONE = Field.PHONE.value
    EMAIL = Field.EMAIL.value
    TAX_ID = Field.TAX_ID.value
    CONFIRM = "confirm"


ASKED = (Field.NAME, Field.ADDRESS, Field.PHONE, Field.EMAIL, Field.TAX_ID)


def start_registration(ctx: Context, resume: str | None = None) -> None:
    """Register this chat, then continue with the button payload `resume`, if any."""
    if ctx.customer is not None:
        if resume:
            _continue(ctx, resume)
        else:
            show_profile(ctx, "registration.already")
        return
    continuing = any(field in ctx.data.draft for field in ASKED)
    if not continuing:
        ctx.data.draft = {}
        ctx.data.resume = resume
    elif resume:
        ctx.data.resume = resume
    intro = "registration.resume" if continuing else \
        "registration.intro_first" if resume else "registration.intro"
    ctx.say(intro)
    _ask_next(ctx)


@action("register")
@intent("register")
def register(ctx: Context, args: list[str] | None = None) -> None:
    start_registration(ctx)


def _ask_next(ctx: Context, problem: str | None = None) -> None:
    missing = next((field for field in ASKED if field not in ctx.data.draft), None)
    if missing is None:
        ctx.go(FLOW, Step.CONFIRM)
        _summary(ctx)
        return
    ctx.go(FLOW, missing)
    text = problem or ctx.t.t(f"registration.ask.{missing}", tax_label=tax_label(ctx))
    buttons = [ctx.button("registration.skip", "registration:skip")] \
        if missing in OPTIONAL else []
    prompt(ctx, text, missing, *buttons, ctx.button("buttons.cancel", "cancel"))


@step(FLOW, *ASKED)
def answer(ctx: Context) -> None:
    field = Field(ctx.conversation.step)
    try:
        value = read(ctx, field)
    except InvalidValue as problem:
        if field in OPTIONAL and wants_to_skip(ctx):
            _save(ctx, field, "")
        elif not (field in SHAPED and leaves_step(ctx)):
            _ask_next(ctx, problem_text(ctx, field, problem))
        return
    if field is Field.PHONE:
        verified = _phone_verified(ctx, value)
        if not verified and _someone_else_has(ctx, value):
            _ask_next(ctx, ctx.t.t("registration.phone_taken"))
            return
        ctx.data.draft[VERIFIED] = "yes" if verified else ""
    _save(ctx, field, value)


def _save(ctx: Context, field: Field, value: str) -> None:
    ctx.data.draft[field] = value
    _ask_next(ctx)


def _phone_verified(ctx: Context, phone: str) -> bool:
    """A shared contact, or on WhatsApp the number the message came from."""
    incoming = ctx.incoming
    own_number = incoming.channel in PHONE_IS_THE_SENDER and \
        phone.lstrip("+") == incoming.sender_id.lstrip("+")
    return (incoming.contact is not None and incoming.contact.verified) or own_number


def _someone_else_has(ctx: Context, phone: str) -> bool:
    return customer_by_phone(ctx.uow, phone) is not None


def _summary(ctx: Context, key: str = "registration.summary") -> None:
    draft, none = ctx.data.draft, ctx.t.t("registration.none")
    ctx.say(key, ctx.button("buttons.confirm", "registration:confirm"),
            ctx.button("buttons.edit", "registration:edit"),
            ctx.button("buttons.cancel", "cancel"),
            name=draft[Field.NAME], address=draft[Field.ADDRESS],
            phone=display_phone(draft[Field.PHONE]), email=draft[Field.EMAIL] or none,
            tax_id=draft[Field.TAX_ID] or none,
            tax_label=tax_label(ctx))


@step(FLOW, Step.CONFIRM)
def confirm_by_text(ctx: Context) -> None:
    parse = ctx.parse()
    if ctx.incoming.text and not parse.uncertain:
        if parse.intent in (Intent.AFFIRM, Intent.CONFIRM_ORDER):
            return _complete(ctx)
        if parse.intent is Intent.DENY:
            return _choose_edit(ctx)
        if leaves_step(ctx):
            return None
    return _summary(ctx, "registration.confirm_hint")


@action("registration")
def registration_button(ctx: Context, args: list[str]) -> None:
    """skip | confirm | review | edit | edit:<field>: buttons of the registration steps."""
    step_now = ctx.conversation.step if ctx.conversation.flow == FLOW else None
    command, field = (args + ["", ""])[:2]
    if command == "skip" and step_now in OPTIONAL:
        _save(ctx, Field(step_now), "")
    elif command == "confirm" and step_now == Step.CONFIRM:
        _complete(ctx)
    elif command == "review" and step_now == Step.CONFIRM:
        _summary(ctx)
    elif command == "edit" and step_now == Step.CONFIRM and not field:
        _choose_edit(ctx)
    elif command == "edit" and step_now == Step.CONFIRM and field in ASKED:
        _edit(ctx, Field(field))
    elif ctx.customer is None and ctx.conversation.flow == FLOW:
        _ask_next(ctx)  # an old button of this registration: ask what is next
    else:
        ctx.say("errors.stale_button", *main_menu_buttons(ctx))


def _choose_edit(ctx: Context) -> None:
    label = tax_label(ctx)
    ctx.say("registration.edit_which", *(
        ctx.button(f"registration.field.{field}", f"registration:edit:{field}", tax_label=label)
        for field in ASKED), ctx.button("buttons.back", "registration:review"))


def _edit(ctx: Context, field: Field, problem: str | None = None) -> None:
    ctx.data.draft.pop(field, None)
    if field is Field.PHONE:
        ctx.data.draft.pop(VERIFIED, None)
    _ask_next(ctx, problem)


def _complete(ctx: Context) -> None:
    """Every answer checked again before anything changes; then register or link."""
    draft = ctx.data.draft
    for field in ASKED:
        given = draft.get(field, "")
        try:
            draft[field] = clean(field, given, ctx.shop.country) \
                if given or field not in OPTIONAL else ""
        except InvalidValue as problem:
            _edit(ctx, field, problem_text(ctx, field, problem))
            return
    existing = customer_by_phone(ctx.uow, draft[Field.PHONE])
    if existing is not None and not draft.get(VERIFIED):
        _edit(ctx, Field.PHONE, ctx.t.t("registration.phone_taken"))
        return
    ctx.customer = customer = _register(ctx)
    resume, ctx.data.resume, ctx.data.draft = ctx.data.resume, None, {}
    ctx.end_flow()
    _welcome(ctx, customer, linked=existing is not None, resuming=bool(resume))
    _continue(ctx, resume)


def _welcome(ctx: Context, customer: Customer, linked: bool, resuming: bool) -> None:
    """The menu only when nothing else follows."""
    key = "registration.linked" if linked else \
        "registration.done_resume" if resuming else "registration.done"
    ctx.say(key, *([] if resuming else main_menu_buttons(ctx)), name=customer.name.split()[0])


def _register(ctx: Context) -> Customer:
    """Optional answers skipped here keep what a linked customer already had."""
    draft = ctx.data.draft
    return register_customer(
        ctx.uow, ctx.shop, channel=ctx.incoming.channel, external_id=ctx.incoming.sender_id,
        name=draft[Field.NAME], phone=draft[Field.PHONE], address=draft[Field.ADDRESS],
        email=draft[Field.EMAIL] or None, tax_id=draft[Field.TAX_ID] or None,
        language=ctx.language, phone_verified=bool(draft.get(VERIFIED)))


def _continue(ctx: Context, resume: str | None) -> None:
    """Press the button the customer was about to press before registering."""
    if not resume:
        return
    name, _, rest = resume.partition(":")
    handler = registry.ACTIONS.get(name)
    if handler is None:
        ctx.say("menu.title", *main_menu_buttons(ctx))
        return
    handler(ctx, rest.split(":") if rest else [])
