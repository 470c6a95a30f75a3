"""A whole handoff through the JSONL interface: a customer on WhatsApp and one on the
console ask for a person, the agent (on Telegram) takes both, they talk through the bot,
which stays silent meanwhile, the agent closes one and the customer rates it."""

from __future__ import annotations

from engagement_helpers import TELEGRAM_AGENT, caused_by, customer, run, texts, ticket, \
    with_telegram_agent

from domain.ticket import TicketStatus

ANA = "5491155550001"  # WhatsApp identifies people by their number
AGENT = {"from": TELEGRAM_AGENT, "channel": "telegram"}


def test_two_customers_and_one_agent_on_another_channel(chat):
    with_telegram_agent(chat)
    ana = customer(chat, ANA, "whatsapp", "Ana Pérez", "+5491155550001")
    customer(chat, "beto", name="Beto Gómez", phone="+5491166660002")
    rows = run(chat, [
        {"from": ANA, "channel": "whatsapp", "text": "hola"},                      # 1
        {"from": ANA, "channel": "whatsapp", "text": "/humano"},                   # 2
        {"from": ANA, "channel": "whatsapp", "text": "mi pedido llegó roto"},      # 3
        {**AGENT, "button": "ho:take:1"},                                          # 4
        {"from": ANA, "channel": "whatsapp", "text": "¿me pueden ayudar?"},        # 5
        {"from": "beto", "text": "/humano"},                                        # 6
        {"from": "beto", "text": "quiero cambiar la dirección"},                   # 7
        {**AGENT, "text": "/tomar 2"},                                             # 8
        {**AGENT, "text": "/r 1 Hola Ana, ya lo vemos"},                           # 9
        {**AGENT, "text": "/r 2 Hola Beto"},                                       # 10
        {"from": "beto", "location": {"lat": -34.6, "lon": -58.4}},                # 11
        {**AGENT, "text": "¿siguen ahí?"},                                         # 12
        {"from": ANA, "channel": "whatsapp", "text": "ver productos"},             # 13
        {**AGENT, "text": "/cerrar 1"},                                            # 14
        {"from": ANA, "channel": "whatsapp", "button": "rate:ticket:1:5"},         # 15
        {"from": ANA, "channel": "whatsapp", "text": "Muy buena atención"},        # 16
        {**AGENT, "text": "/r 1 una cosa más"},                                    # 17
        {"from": "agent", "text": "/r 2 hola"},                                    # 18
        {**AGENT, "text": "/r 99 hola"},                                           # 19
        {"from": ANA, "channel": "whatsapp", "text": "/r 1 hola"},                 # 20
        {**AGENT, "text": "Te cambio la dirección, Beto"},                         # 21
    ])
    assert [row["done"] for row in rows if "done" in row] == list(range(1, 22))

    noticed = caused_by(rows, 3)
    assert "mi pedido llegó roto" in texts(noticed, TELEGRAM_AGENT)
    assert "hola" in texts(noticed, TELEGRAM_AGENT)  # the conversation before it
    assert {"label": "Tomarla", "payload": "ho:take:1"} in next(
        row for row in noticed if row.get("to") == TELEGRAM_AGENT)["buttons"]
    assert "Sofía Ramos ya está con vos" in texts(caused_by(rows, 4), ANA)
    assert next(r for r in caused_by(rows, 4) if r["to"] == ANA)["channel"] == "whatsapp"

    relayed = caused_by(rows, 5)  # to the agent only: the bot says nothing to Ana
    assert [row["to"] for row in relayed] == [TELEGRAM_AGENT]
    assert relayed[0]["text"] == "#1 · Ana Pérez: ¿me pueden ayudar?"
    assert relayed[0]["channel"] == "telegram"

    assert texts(caused_by(rows, 9), ANA) == "👤 Sofía Ramos: Hola Ana, ya lo vemos"
    assert texts(caused_by(rows, 10), "beto") == "👤 Sofía Ramos: Hola Beto"
    assert "#2 · Beto Gómez: 📍 Ubicación: -34.6, -58.4" in texts(caused_by(rows, 11),
                                                                  TELEGRAM_AGENT)
    assert "/r N texto" in texts(caused_by(rows, 12), TELEGRAM_AGENT)  # two held: which?
    assert [row["to"] for row in caused_by(rows, 13)] == [TELEGRAM_AGENT]

    closing = caused_by(rows, 14)
    assert "Volvés a hablar con el bot" in texts(closing, ANA)
    assert [b["payload"] for r in closing if r["to"] == ANA for b in r["buttons"]] == [
        f"rate:ticket:1:{n}" for n in range(1, 6)]
    assert "Cerraste la consulta N° 1" in texts(closing, TELEGRAM_AGENT)
    assert "Guardamos tu comentario" in texts(caused_by(rows, 16), ANA)

    assert "ya está cerrada" in texts(caused_by(rows, 17), TELEGRAM_AGENT)
    assert "la está atendiendo Sofía Ramos" in texts(caused_by(rows, 18), "agent")
    assert "No existe la consulta 99" in texts(caused_by(rows, 19), TELEGRAM_AGENT)
    assert "No conozco el comando /r" in texts(caused_by(rows, 20), ANA)
    assert texts(caused_by(rows, 21), "beto") == "👤 Sofía Ramos: Te cambio la dirección, Beto"

    first, second = ticket(chat, 1), ticket(chat, 2)
    assert first.customer_id == ana
    assert (first.status, first.rating, first.rating_comment) == (
        TicketStatus.RESOLVED, 5, "Muy buena atención")
    said = [(m.author, m.text) for m in first.messages]
    assert ("customer", "¿me pueden ayudar?") in said
    assert ("agent", "Hola Ana, ya lo vemos") in said
    assert ("customer", "hola") in said and any(who == "bot" for who, _ in said)
    assert ("agent", "una cosa más") not in said
    assert second.status is TicketStatus.WAITING_CUSTOMER
    assert second.assignee == f"telegram:{TELEGRAM_AGENT}"
    assert ("agent", "hola") not in [(m.author, m.text) for m in second.messages]
