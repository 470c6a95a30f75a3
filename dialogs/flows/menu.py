"""Welcome, main menu, help, cancel and language: reachable from anywhere."""

from __future__ import annotations

import re

from dialogs.context import Context
from dialogs.i18n import LANGUAGES
from dialogs.registry import action, command, intent, last_chance
from domain.catalog import fold
from dialogs.menus import main_menu_buttons


@command("/start", "/inicio")
@intent("greet")
def welcome(ctx: Context) -> None:
    ctx.end_flow()
    if ctx.customer is not None:
        ctx.say("greeting.known", name=ctx.customer.name.split()[0])
    else:
        ctx.say("greeting.new", business=ctx.deps.profile.business_name)
    show_menu(ctx)


@command("/menu")
@action("menu")
def show_menu(ctx: Context, args: list[str] | None = None) -> None:
    ctx.end_flow()
    ctx.say("menu.title", *main_menu_buttons(ctx))


@command("/help", "/ayuda")
@intent("help")
def show_help(ctx: Context) -> None:
    ctx.say("help", *main_menu_buttons(ctx))


@command("/cancel", "/cancelar")
@action("cancel")
def cancel(ctx: Context, args: list[str] | None = None) -> None:
    ctx.end_flow()
    ctx.data.draft = {}
    ctx.say("cancelled", *main_menu_buttons(ctx))


@command("/lang", "/idioma", "/language")
@action("lang")
def choose_language(ctx: Context, args: list[str] | None = None) -> None:
    chosen = (args or [""])[0]
    if chosen not in LANGUAGES:
        ctx.say("language.choose", *(ctx.button(f"language.{code}", f"lang:{code}")
                                     for code in LANGUAGES))
        return
    ctx.conversation.language = chosen
    ctx.t = ctx.t.for_language(chosen, ctx.deps.profile.locale, ctx.deps.profile.timezone)
    if ctx.customer is not None:
        ctx.customer.update(language=chosen)
    ctx.say("language.switched", *main_menu_buttons(ctx))


WORDS = re.compile(r"\w+")
LANGUAGE_NAMES = {"en": {"english", "ingles"}, "es": {"spanish", "espanol", "castellano"}}
SHORT_REQUEST = 6  # words: "hablame en inglés, por favor"


@last_chance
def language_by_name(ctx: Context) -> bool:
    """"english please", "en español": a short message naming a language switches to it."""
    words = set(WORDS.findall(fold(ctx.incoming.text or "")))
    named = [code for code, names in LANGUAGE_NAMES.items() if words & names]
    if len(named) != 1 or len(words) > SHORT_REQUEST:
        return False
    choose_language(ctx, named)
    return True


@intent("goodbye")
def goodbye(ctx: Context) -> None:
    ctx.say("goodbye")


@intent("thanks")
def thanks(ctx: Context) -> None:
    ctx.say("thanks", *main_menu_buttons(ctx))


@intent("affirm", "deny")
def nothing_to_confirm(ctx: Context) -> None:
    ctx.say("menu.title", *main_menu_buttons(ctx))
