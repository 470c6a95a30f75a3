"""Status machines as data: each status lists the statuses it may move to."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Generic, TypeVar

from domain.errors import InvalidTransition

S = TypeVar("S", bound=StrEnum)


class StatusMachine(Generic[S]):
    def __init__(self, subject: str, transitions: Mapping[S, frozenset[S]]) -> None:
        self.subject = subject
        self.transitions = dict(transitions)

    def allows(self, current: S, target: S) -> bool:
        return target in self.transitions.get(current, frozenset())

    def check(self, current: S, target: S) -> S:
        """Return `target` if the move is legal, else raise InvalidTransition."""
        if not self.allows(current, target):
            raise InvalidTransition(
                f"{self.subject} is already {current.value}" if current is target else
                f"{self.subject} cannot go from {current.value} to {target.value}",
                subject=self.subject, current=current.value, target=target.value,
            )
        return target
