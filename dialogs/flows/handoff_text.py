"""What a person of the team reads of a conversation: each message described in words (a
file, a place, a contact), the recent conversation kept for the ticket, a transcript."""

from __future__ import annotations

import os

from dialogs import router
from dialogs.context import Context
from dialogs.contract import Document, Incoming
from dialogs.i18n import Translator, translator
from dialogs.registry import afterwards
from domain.services.handoff import AGENT, BOT, CUSTOMER
from domain.ticket import Ticket

RECENT = 10  # messages of the customer and the bot kept for a person to read
RECENT_CHARS = 500
LABEL_CHARS = 60
TRANSCRIPT = 10


def team_translator(ctx: Context) -> Translator:
    """The team reads in the business's language."""
    profile = ctx.deps.profile
    return translator(profile.default_language, profile.locale, profile.timezone)


def described(incoming: Incoming, t: Translator,
              labels: dict[str, str] | None = None) -> str:
    """The message in words: its text, or what kind of thing it is; a button pressed by
    its label, when it was among those last offered (`labels`: payload → label)."""
    if incoming.attachment is not None:
        file = incoming.attachment
        return t.t("handoff.message.file", kind=file.mime_type,
                   caption=file.caption or "").strip()
    if incoming.location is not None:
        place = incoming.location
        return t.t("handoff.message.location", lat=place.lat, lon=place.lon)
    if incoming.contact is not None:
        return t.t("handoff.message.contact", name=incoming.contact.name or "",
                   phone=incoming.contact.phone)
    if incoming.button is not None:
        label = (labels or {}).get(incoming.button)
        return t.t("handoff.message.button", label=label) if label else \
            t.t("handoff.message.button_unknown", payload=incoming.button)
    if incoming.order:
        return t.t("handoff.message.cart", items=", ".join(
            f"{item.quantity} × {item.sku}" for item in incoming.order))
    return (incoming.text or "").strip() or t.t("handoff.message.empty")


def forwarded(incoming: Incoming) -> Document | None:
    """The file itself, passed on when the channel kept it where the shop can read it."""
    file = incoming.attachment
    if file is None or not os.path.isfile(file.file_ref):
        return None
    return Document(os.path.basename(file.file_ref), file.mime_type, file.file_ref)


@afterwards
def remember(ctx: Context) -> None:
    """The customer's last messages and the bot's replies, attached to a handoff ticket;
    and the labels of the buttons just offered, to tell which one is pressed next."""
    if router.roles(ctx):
        return
    incoming = ctx.incoming
    mine = [outgoing.reply for outgoing in ctx.out
            if (outgoing.channel, outgoing.chat_id) == (incoming.channel, incoming.chat_id)]
    said = [[CUSTOMER, described(incoming, team_translator(ctx), ctx.data.buttons)]]
    said += [[BOT, reply.text] for reply in mine]
    ctx.data.recent = [[who, text[:RECENT_CHARS]]
                       for who, text in [*ctx.data.recent, *said]][-RECENT:]
    ctx.data.buttons = {button.payload: button.label[:LABEL_CHARS]
                        for reply in mine for button in reply.buttons if button.payload}


def transcript(t: Translator, ticket: Ticket, customer: str, agent: str = "") -> str:
    """The ticket's last messages, one line each, named."""
    names = {CUSTOMER: customer, BOT: t.t("handoff.names.bot"),
             AGENT: agent or t.t("handoff.names.agent")}
    return "\n".join(t.t("handoff.line", who=names.get(message.author, message.author),
                         text=message.text) for message in ticket.messages[-TRANSCRIPT:])
