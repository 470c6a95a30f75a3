"""The people who run the shop, the roles they hold and the chats they use."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator

from bot.config.errors import Location, NestedIssues
from bot.config.fields import Section, Text, phone_number

Role = Literal["admin", "staff", "agent"]
ChannelName = Literal["console", "telegram", "whatsapp"]


class Identity(Section):
    """One chat account of a staff member, as the channel identifies its sender."""

    model_config = ConfigDict(coerce_numbers_to_str=True)  # Telegram ids are numbers in YAML

    channel: ChannelName
    id: Text

    @field_validator("id")
    @classmethod
    def _as_the_channel_sends_it(cls, sender: str, info: ValidationInfo) -> str:
        channel = info.data.get("channel")
        if channel == "telegram" and not sender.isdigit():
            raise ValueError("a Telegram user id is a number, like 123456789")
        if channel == "whatsapp":  # WhatsApp sends the phone number, digits only
            return phone_number(sender if sender.startswith("+") else f"+{sender}", None)[1:]
        return sender


class StaffMember(Section):
    name: Text
    roles: frozenset[Role] = Field(min_length=1)
    identities: tuple[Identity, ...] = Field(min_length=1)


def _identities_unique(staff: tuple[StaffMember, ...]) -> tuple[StaffMember, ...]:
    owners: dict[Identity, str] = {}
    issues: list[tuple[Location, str]] = []
    for member_index, member in enumerate(staff):
        for index, identity in enumerate(member.identities):
            if identity in owners:
                issues.append((
                    (member_index, "identities", index),
                    f"{identity.channel} id {identity.id!r} is already {owners[identity]}'s",
                ))
            owners.setdefault(identity, member.name)
    if issues:
        raise NestedIssues(issues)
    return staff


Staff = Annotated[tuple[StaffMember, ...], AfterValidator(_identities_unique)]
