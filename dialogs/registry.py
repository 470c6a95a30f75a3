"""Where flows declare what they answer: commands, button actions, flow steps and intents.

A flow module decorates its handlers; the router looks them up. Button payloads are
`action:arg:arg…` (≤ 64 bytes) and are never trusted: every action re-checks what it names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from dialogs.context import Context

Handler = Callable[["Context"], None]
ActionHandler = Callable[["Context", list[str]], None]

COMMANDS: dict[str, Handler] = {}
ACTIONS: dict[str, ActionHandler] = {}
STEPS: dict[tuple[str, str], Handler] = {}
INTENTS: dict[str, Handler] = {}
FILES: dict[str, Handler] = {}  # "any": a file sent outside any step
PLATFORM_CARTS: dict[str, Handler] = {}  # "any": a cart filled on the platform (WhatsApp)
H = TypeVar("H", Handler, ActionHandler)
ADMIN, STAFF, AGENT = "admin", "staff", "agent"  # roles in config.yml; admin may do anything


@dataclass(frozen=True)
class Restricted(Generic[H]):
    """A staff command or button: only senders with one of `roles` (or admin) reach it."""

    handler: H
    roles: frozenset[str]
    help: str  # the catalog key of its line in the staff /help

    def allows(self, roles: frozenset[str]) -> bool:
        return ADMIN in roles or bool(self.roles & roles)


STAFF_COMMANDS: dict[str, Restricted[Handler]] = {}
STAFF_ACTIONS: dict[str, Restricted[ActionHandler]] = {}
# Last chances for text the NLU did not understand: each returns True if it handled it.
UNDERSTOOD_ANYWAY: list[Callable[["Context"], bool]] = []
# Before anything else (a person holds the conversation): each returns True if it handled it.
FIRST: list[Callable[["Context"], bool]] = []
# After a message was answered the usual way.
AFTERWARDS: list[Handler] = []


def _register(table: dict, keys: tuple, handler: Callable) -> Callable:
    for key in keys:
        if key in table:
            raise ValueError(f"{key!r} is handled twice")
        table[key] = handler
    return handler


def command(*names: str) -> Callable[[Handler], Handler]:
    return lambda handler: _register(COMMANDS, names, handler)


def action(*names: str) -> Callable[[ActionHandler], ActionHandler]:
    return lambda handler: _register(ACTIONS, names, handler)


def step(flow: str, *names: str) -> Callable[[Handler], Handler]:
    return lambda handler: _register(STEPS, tuple((flow, name) for name in names), handler)


def intent(*names: str) -> Callable[[Handler], Handler]:
    return lambda handler: _register(INTENTS, names, handler)


def file_outside_steps(handler: Handler) -> Handler:
    return _register(FILES, ("any",), handler)


def platform_cart(handler: Handler) -> Handler:
    return _register(PLATFORM_CARTS, ("any",), handler)


def last_chance(handler: Callable[["Context"], bool]) -> Callable[["Context"], bool]:
    UNDERSTOOD_ANYWAY.append(handler)
    return handler


def first(handler: Callable[["Context"], bool]) -> Callable[["Context"], bool]:
    FIRST.append(handler)
    return handler


def afterwards(handler: Handler) -> Handler:
    AFTERWARDS.append(handler)
    return handler


def staff_command(*names: str, roles: tuple[str, ...] = (STAFF,),
                  help: str = "") -> Callable[[Handler], Handler]:
    """Names in Spanish and English; someone without the role is told it is unknown."""
    def register(handler: Handler) -> Handler:
        _register(STAFF_COMMANDS, names, Restricted(handler, frozenset(roles), help))
        return handler
    return register


def staff_action(*names: str, roles: tuple[str, ...] = (STAFF,)
                 ) -> Callable[[ActionHandler], ActionHandler]:
    def register(handler: ActionHandler) -> ActionHandler:
        _register(STAFF_ACTIONS, names, Restricted(handler, frozenset(roles), ""))
        return handler
    return register
