"""Customers on any channel, a telegram agent, and running JSONL scripts, for the handoff,
broadcast and satisfaction tests."""

from __future__ import annotations

import io
import json
from dataclasses import replace

from bot.console import run_jsonl
from domain.services.customers import register_customer

TELEGRAM_AGENT = "7001"


def customer(chat, who: str, channel: str = "console", name: str = "Ana Pérez",
             phone: str = "+5491122334455", news: bool = False) -> int:
    """A registered customer writing from `who` on `channel`; their id."""
    with chat.uow() as uow:
        found = register_customer(uow, chat.app.shop, channel=channel, external_id=who,
                                  name=name, phone=phone, address="Defensa 1020, San Telmo")
        found.marketing_opt_in = news
        uow.commit()
        return found.id


def with_telegram_agent(chat) -> None:
    """Sofía, the agent of config.yml, also writes from Telegram."""
    deps = chat.engine.deps
    profile = deps.profile
    key = ("telegram", TELEGRAM_AGENT)
    chat.engine.deps = replace(deps, profile=replace(
        profile, staff={**profile.staff, key: frozenset({"agent"})},
        staff_names={**profile.staff_names, key: "Sofía Ramos"}))


def run(chat, lines: list[dict]) -> list[dict]:
    sink = io.StringIO()
    run_jsonl(chat.engine, io.StringIO("".join(json.dumps(line) + "\n" for line in lines)),
              sink)
    return [json.loads(row) for row in sink.getvalue().splitlines()]


def caused_by(rows: list[dict], line: int) -> list[dict]:
    """The rows written for input line `line` (from 1), before its {"done": line}."""
    groups: list[list[dict]] = [[]]
    for row in rows:
        if "done" in row:
            groups.append([])
        else:
            groups[-1].append(row)
    return groups[line - 1]


def texts(rows: list[dict], who: str) -> str:
    return "\n".join(row.get("text", "") for row in rows if row.get("to") == who)


def ticket(chat, ticket_id: int):
    with chat.uow() as uow:
        return uow.tickets.get(ticket_id)
