"""`${NAME}` and `${NAME:-default}` references in config.yml, resolved from the environment.

A value that refers to an unset (or empty) variable becomes null as a whole, so a
feature that needs it can say so, and one that does not can simply stay off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from bot.config.errors import ConfigIssue, Location, format_location

REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


class Resolution(NamedTuple):
    data: Any
    issues: list[ConfigIssue]  # malformed references
    unset: dict[str, list[str]]  # YAML path -> the variables it needed and did not get


def resolve_references(data: Any, environ: Mapping[str, str]) -> Resolution:
    issues: list[ConfigIssue] = []
    unset: dict[str, list[str]] = {}

    def walk(node: Any, location: Location) -> Any:
        if isinstance(node, dict):
            return {key: walk(value, (*location, key)) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value, (*location, index)) for index, value in enumerate(node)]
        if isinstance(node, str) and "${" in node:
            path = format_location(location)
            if "${" in REFERENCE.sub("", node):
                issues.append(ConfigIssue(
                    path, "malformed environment reference; write ${NAME} or ${NAME:-default}"
                ))
            value, missing = _substitute(node, environ)
            if missing:
                unset[path] = missing
            return value
        return node

    return Resolution(walk(data, ()), issues, unset)


def _substitute(text: str, environ: Mapping[str, str]) -> tuple[str | None, list[str]]:
    missing: list[str] = []

    def value_of(match: re.Match[str]) -> str:
        name, default = match.groups()
        value = environ.get(name) or default  # as in the shell, ":-" also covers empty
        if value is None:
            missing.append(name)
            return ""
        return value

    result = REFERENCE.sub(value_of, text)
    return (None if missing else result), missing
