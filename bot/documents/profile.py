"""Who issues the documents: the business data printed on every PDF, taken from config.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import phonenumbers

from bot.config import Settings
from domain.customer import TAX_ID_MODULES
from domain.invoice import DocumentKind


@dataclass(frozen=True)
class BankDetails:
    bank: str
    holder: str
    tax_id: str
    cbu: str | None = None
    alias: str | None = None
    instructions: str | None = None


@dataclass(frozen=True)
class BusinessProfile:
    name: str
    legal_name: str
    address: str
    tax_id: str
    tax_condition: str
    email: str
    phone: str
    tax_id_name: str | None = None  # what the country calls it: CUIT, RFC, RUT…
    tax_labels: Mapping[str, str] = field(default_factory=dict)  # tax category → "IVA 21%"
    fiscal_titles: Mapping[tuple[DocumentKind, str], str] = field(default_factory=dict)
    # Letters of the documents for buyers registered for the tax (Argentina: A): their lines
    # show prices net of tax and the tax is added apart, as those buyers deduct it.
    net_price_letters: frozenset[str] = frozenset()
    bank_transfer: BankDetails | None = None


def profile_from(settings: Settings) -> BusinessProfile:
    business = settings.business
    module = TAX_ID_MODULES.get(business.country)
    return BusinessProfile(
        name=business.name,
        legal_name=business.legal_name,
        address=business.address,
        tax_id=business.tax_id,
        tax_condition=business.tax_condition,
        email=str(business.email),
        phone=_readable_phone(business.phone),
        tax_id_name=module.upper() if module else None,
        tax_labels={key: category.label for key, category in settings.taxes.categories.items()},
        fiscal_titles=_fiscal_titles(settings),
        net_price_letters=frozenset(letter for letter, doc_type
                                    in settings.invoicing.document_types.items()
                                    if doc_type.buyer_tax_id_required),
        bank_transfer=_bank_details(settings),
    )


def _readable_phone(e164: str) -> str:
    number = phonenumbers.parse(e164)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _fiscal_titles(settings: Settings) -> dict[tuple[DocumentKind, str], str]:
    titles = {}
    for letter, doc_type in settings.invoicing.document_types.items():
        titles[DocumentKind.INVOICE, letter] = doc_type.invoice_label
        titles[DocumentKind.CREDIT_NOTE, letter] = doc_type.credit_note_label
    return titles


def _bank_details(settings: Settings) -> BankDetails | None:
    transfer = settings.payments.bank_transfer
    if transfer is None:
        return None
    return BankDetails(transfer.bank, transfer.holder, transfer.tax_id, transfer.cbu,
                       transfer.alias, transfer.instructions)
