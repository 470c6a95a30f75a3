"""config.yml as one typed, validated, immutable object."""

from __future__ import annotations

from pydantic import ValidationInfo, field_validator

from bot.config.business import Business, Languages
from bot.config.channels import Channels
from bot.config.commerce import Invoicing, Orders, Quotes, Shipping, Taxes
from bot.config.fields import Section
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

    @field_validator("payments")
    @classmethod
    def _tax_ids_of_the_country(cls, payments: Payments, info: ValidationInfo) -> Payments:
        business = info.data.get("business")
        return payments.with_tax_ids_of(business.country) if business else payments

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
