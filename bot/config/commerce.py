"""How the business sells: taxes, shipping, invoices, quotes and order approval."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from bot.config.fields import Amount, NeededWhenEnabled, Rate, Section, Text, one_of


TAX_CATEGORY_MAX = 20  # the catalog stores the id in a column of this size


class TaxCategory(Section):
    rate: Rate  # 0.21 is 21%
    label: Text  # as printed on documents, e.g. "IVA 21%"


class Taxes(Section):
    prices_include_tax: bool
    categories: dict[str, TaxCategory] = Field(min_length=1)
    default_category: str
    shipping_category: str

    @field_validator("categories")
    @classmethod
    def _short_ids(cls, categories: dict[str, TaxCategory]) -> dict[str, TaxCategory]:
        long = [name for name in categories if not 1 <= len(name) <= TAX_CATEGORY_MAX]
        if long:
            raise ValueError(f"tax category ids are 1 to {TAX_CATEGORY_MAX} characters: "
                             + ", ".join(long))
        return categories

    @field_validator("default_category", "shipping_category")
    @classmethod
    def _defined(cls, category: str, info: ValidationInfo) -> str:
        return one_of(category, info.data.get("categories"), "tax categories")


class Pickup(Section):
    enabled: bool = False
    address: Annotated[Text | None, NeededWhenEnabled] = None


class Shipping(Section):
    flat_fee: Amount
    free_above: Amount | None = None  # order amount from which shipping is free
    pickup: Pickup = Pickup()


class DocumentType(Section):
    invoice_label: Text  # e.g. "Factura A"
    credit_note_label: Text  # e.g. "Nota de crédito A"
    buyer_tax_id_required: bool = False


class Invoicing(Section):
    point_of_sale: int = Field(ge=1, le=99999)  # with the document type, names the series
    issue_on: Literal["approval", "payment"] = "approval"
    document_types: dict[str, DocumentType] = Field(min_length=1)
    default_document_type: str

    @field_validator("default_document_type")
    @classmethod
    def _defined(cls, kind: str, info: ValidationInfo) -> str:
        return one_of(kind, info.data.get("document_types"), "document types")


class Quotes(Section):
    validity_days: int = Field(default=7, ge=1, le=90)


class Orders(Section):
    approval: Literal["automatic", "staff"] = "staff"
    reservation_hours: int = Field(default=48, ge=1, le=720)  # stock held for unpaid orders
