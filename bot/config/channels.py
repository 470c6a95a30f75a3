"""Where customers and staff chat: the console, Telegram and WhatsApp."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, SecretStr

from bot.config.fields import NeededWhenEnabled, Section, Text, WebUrl

TELEGRAM_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _telegram_accepts(secret: SecretStr | None) -> SecretStr | None:
    # Telegram refuses other secrets only when the webhook is set; say so at start-up.
    if secret is not None and not TELEGRAM_SECRET.fullmatch(secret.get_secret_value()):
        raise ValueError("Telegram accepts 1 to 256 characters among A-Z, a-z, 0-9, _ and -")
    return secret


NeededSecret = Annotated[SecretStr | None, NeededWhenEnabled]


class Console(Section):
    enabled: bool = True


class Telegram(Section):
    enabled: bool = False
    token: NeededSecret = None
    webhook_secret: Annotated[SecretStr | None, AfterValidator(_telegram_accepts)] = None
    api_base_url: WebUrl = "https://api.telegram.org"
    # With it, `orderbot serve` registers {webhook_url} with Telegram; without, it polls.
    webhook_url: WebUrl | None = None
    blocked: tuple[Text, ...] = ()  # user ids whose messages are dropped (spam, abuse)


class WhatsAppTemplate(Section):
    """An approved message template: outside the 24 hours after a customer's last message,
    WhatsApp lets a business write only with one."""

    name: Text
    language: Text = "es_AR"


class WhatsApp(Section):
    model_config = ConfigDict(coerce_numbers_to_str=True)  # phone_number_id is a number

    enabled: bool = False
    phone_number_id: Annotated[Text | None, NeededWhenEnabled] = None
    access_token: NeededSecret = None
    app_secret: NeededSecret = None  # checks X-Hub-Signature-256 on webhooks
    verify_token: NeededSecret = None  # answers Meta's webhook verification
    graph_api_base_url: WebUrl = "https://graph.facebook.com/v21.0"
    outside_24h_template: WhatsAppTemplate | None = None
    # Meta's throughput for the number, messages in and out together (80 by default,
    # up to 1,000 at the top tier).
    messages_per_second: int = Field(default=80, ge=1, le=1000)
    blocked: tuple[Text, ...] = ()  # numbers (digits, as WhatsApp sends them) dropped


class Channels(Section):
    console: Console = Console()
    telegram: Telegram = Telegram()
    whatsapp: WhatsApp = WhatsApp()
