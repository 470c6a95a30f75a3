"""Wiring the conversation engine: PDFs, files, NLU and the shop's profile."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bot.bootstrap import App
from bot.config import Settings
from bot.documents import BusinessProfile, profile_from, render_invoice, render_order, render_quote
from dialogs.context import Dependencies
from dialogs.engine import Engine
from dialogs.i18n import Translator
from dialogs.ports import BotProfile
from domain.customer import Customer
from domain.invoice import Invoice
from domain.order import Order
from domain.quote import Quote
from nlu import create_parser

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class PdfRenderer:
    profile: BusinessProfile

    def quote(self, quote: Quote, customer: Customer, t: Translator) -> bytes:
        return render_quote(quote, customer, self.profile, t)

    def order(self, order: Order, customer: Customer, t: Translator) -> bytes:
        return render_order(order, customer, self.profile, t)

    def invoice(self, invoice: Invoice, t: Translator, order: Order | None = None,
                credited: Invoice | None = None) -> bytes:
        return render_invoice(invoice, self.profile, t, order=order, credited=credited)


@dataclass(frozen=True)
class DirectoryFileStore:
    """Documents and received files under one directory, a folder per day."""

    root: Path

    def reserve(self, name: str) -> str:
        day = self.root / datetime.now(timezone.utc).strftime("%Y-%m-%d")
        day.mkdir(parents=True, exist_ok=True)
        return str((day / f"{uuid.uuid4().hex[:12]}-{SAFE_NAME.sub('_', name)[-80:]}").resolve())

    def write(self, path: str, content: bytes) -> None:
        Path(path).write_bytes(content)

    def save(self, name: str, content: bytes) -> str:
        path = self.reserve(name)
        self.write(path, content)
        return path


def files_dir(environ: dict[str, str] | os._Environ[str]) -> Path:
    return Path(environ.get("ORDERBOT_FILES") or "orderbot-files")


def bot_profile(app: App) -> BotProfile:
    settings = app.settings
    business = settings.business
    staff = {(identity.channel, identity.id): frozenset(member.roles)
             for member in settings.staff for identity in member.identities}
    names = {(identity.channel, identity.id): member.name
             for member in settings.staff for identity in member.identities}
    return BotProfile(
        business_name=business.name, locale=business.locale, timezone=business.timezone,
        default_language=settings.languages.default,
        pickup_address=settings.shipping.pickup.address if settings.shipping.pickup.enabled
        else None,
        confidence_threshold=settings.nlu.confidence_threshold, staff=staff, staff_names=names,
        bank_transfer=bank_lines(settings),
    )


def bank_lines(settings: Settings) -> tuple[tuple[str, str], ...]:
    """(field, value) of the transfer details, in the order a customer copies them."""
    bank = settings.payments.bank_transfer
    if bank is None:
        return ()
    fields = ("bank", "holder", "tax_id", "cbu", "alias", "instructions")
    return tuple((name, str(getattr(bank, name))) for name in fields if getattr(bank, name))


def build_engine(app: App, environ: dict[str, str] | os._Environ[str] = os.environ) -> Engine:
    nlu = app.settings.nlu
    parser = create_parser(nlu.backend, rasa_url=nlu.rasa_url, timeout=nlu.timeout_seconds,
                           confidence_threshold=nlu.confidence_threshold,
                           country=app.settings.business.country)
    deps = Dependencies(app.shop, bot_profile(app), parser,
                        PdfRenderer(profile_from(app.settings)),
                        DirectoryFileStore(files_dir(environ)))
    return Engine(app.uow, deps)
