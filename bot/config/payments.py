"""How customers pay: the methods offered and what each one needs."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Self

from pydantic import (
    Field,
    SecretStr,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.config.errors import Location, NestedIssues
from bot.config.fields import Amount, Cbu, Section, Text, WebUrl, tax_id

PaymentMethod = Literal["mercadopago", "bank_transfer", "cash_on_delivery"]
# Argentine transfer alias: 6 to 20 letters, digits, dots or hyphens.
Alias = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.\-]{6,20}$")]


class BackUrls(Section):
    """Where MercadoPago's checkout sends the buyer back after paying."""

    success: WebUrl | None = None
    failure: WebUrl | None = None
    pending: WebUrl | None = None


class MercadoPago(Section):
    access_token: SecretStr | None = None  # without it MercadoPago is not offered
    webhook_secret: SecretStr | None = None
    public_key: str | None = None
    api_base_url: WebUrl = "https://api.mercadopago.com"
    notification_url: WebUrl | None = None
    back_urls: BackUrls = BackUrls()
    expiration_hours: int = Field(default=48, ge=1, le=720)  # of each payment link


class BankTransfer(Section):
    bank: Text
    holder: Text
    tax_id: Text  # the holder's, checked for the business's country
    cbu: Cbu | None = None
    alias: Alias | None = None
    instructions: Text | None = None

    @model_validator(mode="after")
    def _says_where_to_pay(self) -> Self:
        if not (self.cbu or self.alias or self.instructions):
            raise ValueError("give a cbu, an alias or instructions: where do customers pay?")
        return self


class CashOnDelivery(Section):
    max_amount: Amount | None = None


class CreditTerms(Section):
    """Customers who may receive their order before paying, and for how long."""

    days: int = Field(ge=1, le=180)
    max_amount: Amount | None = None  # the most one customer may owe
    customers: tuple[Text, ...] = ()  # tax ids, checked for the business's country


class Payments(Section):
    methods: tuple[PaymentMethod, ...] = Field(min_length=1)
    mercadopago: MercadoPago = MercadoPago()
    bank_transfer: BankTransfer | None = None
    cash_on_delivery: CashOnDelivery = CashOnDelivery()
    credit_terms: CreditTerms | None = None

    @field_validator("methods")
    @classmethod
    def _listed_once(cls, methods: tuple[PaymentMethod, ...]) -> tuple[PaymentMethod, ...]:
        for index, method in enumerate(methods):
            if method in methods[:index]:
                raise ValueError(f"{method} is listed twice")
        return methods

    @field_validator("bank_transfer")
    @classmethod
    def _details_when_offered(
        cls, details: BankTransfer | None, info: ValidationInfo
    ) -> BankTransfer | None:
        if details is None and "bank_transfer" in info.data.get("methods", ()):
            raise ValueError("required when bank_transfer is among the methods")
        return details

    def amounts(self) -> dict[Location, Decimal | None]:
        """Every amount of this section, by where it is."""
        credit = self.credit_terms
        return {
            ("cash_on_delivery", "max_amount"): self.cash_on_delivery.max_amount,
            ("credit_terms", "max_amount"): credit.max_amount if credit else None,
        }

    def with_tax_ids_of(self, country: str) -> Payments:
        """This section with its tax ids checked and written the standard way for `country`."""
        issues: list[tuple[Location, str]] = []

        def standard(location: Location, number: str) -> str:
            try:
                return tax_id(country, number)
            except ValueError as error:
                issues.append((location, str(error)))
                return number

        update: dict[str, Section] = {}
        if self.bank_transfer:
            holder_id = standard(("bank_transfer", "tax_id"), self.bank_transfer.tax_id)
            update["bank_transfer"] = self.bank_transfer.model_copy(update={"tax_id": holder_id})
        if self.credit_terms:
            customers = tuple(
                standard(("credit_terms", "customers", index), number)
                for index, number in enumerate(self.credit_terms.customers)
            )
            update["credit_terms"] = self.credit_terms.model_copy(update={"customers": customers})
        if issues:
            raise NestedIssues(issues)
        return self.model_copy(update=update)
