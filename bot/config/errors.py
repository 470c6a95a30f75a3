"""What a broken config.yml produces: every problem, each with its YAML path."""

from __future__ import annotations

from typing import NamedTuple

Location = tuple[str | int, ...]


class ConfigIssue(NamedTuple):
    path: str  # like "taxes.categories.iva105.rate" or "staff[1].roles[0]"; "" for the file
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ConfigError(Exception):
    """config.yml cannot be used; `issues` lists every problem found, not just the first."""

    def __init__(self, issues: list[ConfigIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(map(str, issues)))


class NestedIssues(ValueError):
    """Raised by a validator that checks several items below its field at once.

    Pydantic locates a validator's error at the field it validates; the loader appends
    each `location` here to that field's, so the message points at the exact item.
    """

    def __init__(self, issues: list[tuple[Location, str]]) -> None:
        self.issues = issues
        super().__init__("; ".join(message for _, message in issues))


def format_location(location: Location) -> str:
    path = ""
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part != "[key]":  # pydantic's marker for an error in a mapping key
            path += f".{part}" if path else part
    return path
