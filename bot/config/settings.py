"""config.yml as one typed, validated, immutable object."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ValidationInfo, field_validator

from bot.config.business import Business, Languages
from bot.config.channels import Channels
from bot.config.commerce import Invoicing, Orders, Quotes, Shipping, Taxes
from bot.config.errors import Location, NestedIssues
from bot.config.fields import Section, inexact_amounts
from bot.config.payments import PaymentMethod, Payments
from bot.config.runtime import Database, Nlu
from bot.config.staff import ChannelName, Staff, StaffMember


class Settings(Section):
    business: Business
    languages: Languages = Languages()
    taxes: Taxes
    shipping: Shipping
    invoicing: Invoicing
    quotes: Quotes = Quotes()
    orders: Orders = Orders()
    payments: Payments
    staff: Staff = ()
    channels: Channels = Channels()
    nlu: Nlu = Nlu()
    database: Database = Database()

    @field_validator("shipping")
    @classmethod
    def _amounts_in_the_currency(cls, shipping: Shipping, info: ValidationInfo) -> Shipping:
        business = info.data.get("business")
        amounts: dict[Location, Decimal | None] = {
            ("flat_fee",): shipping.flat_fee, ("free_above",): shipping.free_above,
        }
        if business and (issues := inexact_amounts(amounts, business.currency)):
            raise NestedIssues(issues)
        return shipping

    @field_validator("payments")
    @classmethod
    def _fit_the_business(cls, payments: Payments, info: ValidationInfo) -> Payments:
        """Tax ids checked for the country, amounts for the currency, all reported at once."""
        business = info.data.get("business")
        if not business:
            return payments
        issues = inexact_amounts(payments.amounts(), business.currency)
        try:
            payments = payments.with_tax_ids_of(business.country)
        except NestedIssues as error:
            issues = error.issues + issues
        if issues:
            raise NestedIssues(issues)
        return payments

    @property
    def available_payment_methods(self) -> tuple[PaymentMethod, ...]:
        """The listed methods that can be offered: MercadoPago needs its access token."""
        mercadopago_ready = self.payments.mercadopago.access_token is not None
        return tuple(
            method for method in self.payments.methods
            if method != "mercadopago" or mercadopago_ready
        )

    def staff_member(self, channel: ChannelName, sender: str) -> StaffMember | None:
        """Who on the staff writes from this chat account, if anyone."""
        return next(
            (
                member for member in self.staff
                for identity in member.identities
                if (identity.channel, identity.id) == (channel, sender)
            ),
            None,
        )
