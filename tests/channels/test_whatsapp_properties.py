from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.whatsapp.render import render, template
from dialogs.contract import Button, Outgoing, Reply
from tests.channels.fake_graph import TEMPLATE, MessageRules
from tests.channels.whatsapp_payloads import CUSTOMER

RULES = MessageRules(media_ids=set, templates={TEMPLATE})
PAYLOADS = st.text(string.ascii_letters + string.digits + ":_-.", min_size=1, max_size=64)
BUTTONS = st.lists(st.builds(Button, st.text(max_size=80), PAYLOADS), max_size=30)
TEXTS = st.one_of(st.text(max_size=300), st.text(min_size=900, max_size=9000),
                  st.lists(st.text(max_size=900), max_size=12).map("\n\n".join))
REPLIES = st.builds(Reply, TEXTS, st.tuples(BUTTONS).map(lambda b: tuple(b[0])),
                    image=st.sampled_from([None, "https://shop.example/p.jpg"]),
                    request_contact=st.booleans(), request_location=st.booleans())


def squeezed(text):
    return "".join(text.split())


def texts_in(payload):
    part = payload[payload["type"]]
    yield part.get("body") if payload["type"] == "text" else (part.get("body") or {}).get("text")
    yield part.get("caption")


@settings(max_examples=200, deadline=None)
@given(REPLIES, st.sampled_from(["es", "en", "pt"]))
def test_any_reply_renders_into_payloads_whatsapp_accepts(reply, language):
    payloads = [part.payload for part in
                render(Outgoing("whatsapp", CUSTOMER, reply, {"language": language}))]
    for payload in [*payloads, template(CUSTOMER, TEMPLATE, "es_AR", reply)]:
        RULES.check(payload)
    offered = [option["id"] for payload in payloads if payload["type"] == "interactive"
               for option in _options(payload["interactive"])]
    assert sorted(offered) == sorted({button.payload for button in reply.buttons})
    said = "".join(squeezed(text) for p in payloads for text in texts_in(p) if text)
    assert squeezed(reply.text) in said


def _options(interactive):
    action = interactive["action"]
    if interactive["type"] == "button":
        return [button["reply"] for button in action["buttons"]]
    return [row for section in action.get("sections", []) for row in section["rows"]]
