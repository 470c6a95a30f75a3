"""Buttons offered in many places."""

from __future__ import annotations

from dialogs.context import Context
from dialogs.contract import Button

MAIN_MENU = (("catalog", "cat"), ("search", "search"), ("cart", "cart"), ("orders", "orders"),
             ("profile", "profile"), ("support", "support"), ("language", "lang"))


def main_menu_buttons(ctx: Context) -> list[Button]:
    return [ctx.button(f"menu.{key}", payload) for key, payload in MAIN_MENU]
