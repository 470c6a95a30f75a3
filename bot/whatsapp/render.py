"""Reply → Graph API message payloads, within WhatsApp's limits.

Who carries the reply's text: the buttons message when there are buttons, else the location
request, else the first file's caption, else text messages of its own. Text too long for
that place goes first as text messages of its own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.whatsapp.text import ELLIPSIS, cut, one_line, split, unique_titles, units
from dialogs.contract import LANGUAGE, Button, Outgoing, Reply
from dialogs.i18n import Translator, translator

TEXT_LIMIT = 4096
BODY_LIMIT = 1024  # interactive body, caption, template parameter
MAX_BUTTONS = 3
BUTTON_TITLE_LIMIT = 20
LIST_BUTTON_LIMIT = 20
MAX_ROWS = 10
ROW_TITLE_LIMIT = 24
ROW_DESCRIPTION_LIMIT = 72

Payload = dict[str, Any]


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file to upload first; its media id goes in as the message's `id`."""

    path: str
    filename: str
    mime_type: str | None = None  # None: told by its first bytes


@dataclass(frozen=True, slots=True)
class Rendered:
    payload: Payload
    upload: LocalFile | None = None


def render(outgoing: Outgoing) -> list[Rendered]:
    reply, to = outgoing.reply, outgoing.chat_id
    t = translator(outgoing.meta.get(LANGUAGE, "es"))
    links = [button for button in reply.buttons if button.url]
    buttons = _distinct(tuple(button for button in reply.buttons if not button.url))
    media = _media(reply)
    holder = ("buttons" if buttons or links else "location" if reply.request_location
              else "media" if media else "text")
    text, parts = reply.text.strip(), []
    if text and (holder == "text" or units(text) > BODY_LIMIT):
        parts += [Rendered(message(to, "text", {"body": piece}))
                  for piece in split(text, TEXT_LIMIT)]
        text = ""
    for index, (kind, content, upload) in enumerate(media):
        caption = {"caption": text} if holder == "media" and text and index == 0 else {}
        parts.append(Rendered(message(to, kind, {**content, **caption}), upload))
    for link in links:  # one call-to-action button a message
        parts.append(Rendered(message(to, "interactive", {
            "type": "cta_url", "body": {"text": text or t.t("channels.choose")},
            "action": {"name": "cta_url", "parameters": {
                "display_text": cut(one_line(link.label), BUTTON_TITLE_LIMIT),
                "url": link.url}}})))
        text = ""
    if buttons:
        parts += [Rendered(p) for p in _choices(to, text or t.t("channels.choose"), buttons, t)]
    if reply.request_location:
        body = text if holder == "location" and text else t.t("channels.share_location_prompt")
        parts.append(Rendered(message(to, "interactive", {
            "type": "location_request_message", "body": {"text": body},
            "action": {"name": "send_location"}})))
    return parts


def template(to: str, name: str, language: str, reply: Reply) -> Payload:
    """The approved template that may open a conversation, the reply's text as its parameter
    (on one line: Meta refuses newlines, tabs and runs of spaces in parameters)."""
    fallback = reply.document.filename if reply.document else ELLIPSIS
    text = cut(one_line(reply.text), BODY_LIMIT) or fallback
    return message(to, "template", {
        "name": name, "language": {"code": language},
        "components": [{"type": "body", "parameters": [{"type": "text", "text": text}]}]})


def message(to: str, kind: str, content: Payload) -> Payload:
    return {"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
            "type": kind, kind: content}


def _distinct(buttons: tuple[Button, ...]) -> list[Button]:
    """Meta refuses repeated ids; a repeated payload would do the same thing anyway."""
    seen: dict[str, Button] = {}
    for button in buttons:
        seen.setdefault(button.payload, button)
    return list(seen.values())


def _media(reply: Reply) -> list[tuple[str, Payload, LocalFile | None]]:
    media: list[tuple[str, Payload, LocalFile | None]] = []
    if reply.image:
        if reply.image.startswith(("https://", "http://")):
            media.append(("image", {"link": reply.image}, None))
        else:
            media.append(("image", {}, LocalFile(reply.image, Path(reply.image).name)))
    if reply.document:
        document = reply.document
        media.append(("document", {"filename": document.filename},
                      LocalFile(document.path, document.filename, document.mime_type)))
    return media


def _choices(to: str, body: str, buttons: list[Button], t: Translator) -> list[Payload]:
    if len(buttons) <= MAX_BUTTONS:
        titles = unique_titles((b.label for b in buttons), BUTTON_TITLE_LIMIT)
        return [message(to, "interactive", {
            "type": "button", "body": {"text": body},
            "action": {"buttons": [{"type": "reply", "reply": {"id": b.payload, "title": title}}
                                   for b, title in zip(buttons, titles, strict=True)]}})]
    pages = [buttons[i:i + MAX_ROWS] for i in range(0, len(buttons), MAX_ROWS)]
    return [_list(to, body if number == 0 else t.t("channels.more_options"), page, t)
            for number, page in enumerate(pages)]


def _list(to: str, body: str, buttons: list[Button], t: Translator) -> Payload:
    titles = unique_titles((b.label for b in buttons), ROW_TITLE_LIMIT)
    rows = []
    for button, title in zip(buttons, titles, strict=True):
        row, label = {"id": button.payload, "title": title}, one_line(button.label)
        if label and title != label:  # cut: the whole label goes below it
            row["description"] = cut(label, ROW_DESCRIPTION_LIMIT)
        rows.append(row)
    return message(to, "interactive", {
        "type": "list", "body": {"text": body},
        "action": {"button": cut(one_line(t.t("channels.choose")), LIST_BUTTON_LIMIT),
                   "sections": [{"rows": rows}]}})
