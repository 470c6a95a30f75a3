"""load_config: config.yml and the environment → Settings, or every problem at once."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.config.environment import resolve_references
from bot.config.errors import (
    ConfigError,
    ConfigIssue,
    Location,
    NestedIssues,
    format_location,
)
from bot.config.runtime import Database
from bot.config.settings import Settings
from bot.config.yaml_source import read_yaml

PLAINER = {"missing": "required", "extra_forbidden": "unknown key (a typo?)"}


def load_config(
    path: str | os.PathLike[str], environ: Mapping[str, str] | None = None
) -> Settings:
    """Raises ConfigError listing every problem, each with its YAML path.

    `${NAME}` references are resolved from `environ` (os.environ by default);
    DATABASE_URL there overrides database.url.
    """
    environ = os.environ if environ is None else environ
    data = read_yaml(Path(path))
    if not isinstance(data, dict):
        raise ConfigError([ConfigIssue("", f"{path}: expected sections such as business:")])
    resolution = resolve_references(data, environ)
    issues = list(resolution.issues)
    try:
        settings = Settings.model_validate(resolution.data)
    except ValidationError as error:
        issues += _issues(error, resolution.unset)
    if issues:  # raised outside `except`: pydantic's own error would show the inputs
        raise ConfigError(issues)
    if database_url := environ.get("DATABASE_URL"):
        settings = settings.model_copy(update={"database": Database(url=database_url)})
    return settings


def _issues(error: ValidationError, unset: Mapping[str, list[str]]) -> Iterator[ConfigIssue]:
    details = error.errors()
    for detail in details:
        if detail["type"] == "too_short" and _items_failed(detail["loc"], details):
            continue  # pydantic counts only valid items: "too short" just echoes their errors
        cause = detail.get("ctx", {}).get("error")
        found = cause.issues if isinstance(cause, NestedIssues) else [((), _message(detail))]
        for below, message in found:
            path = format_location((*detail["loc"], *below))
            if path in unset:
                message += f" ({' and '.join(unset[path])} not set in the environment)"
            yield ConfigIssue(path, message)


def _items_failed(location: Location, details: list[ErrorDetails]) -> bool:
    depth = len(location)
    return any(len(d["loc"]) > depth and d["loc"][:depth] == location for d in details)


def _message(detail: ErrorDetails) -> str:
    if detail["type"] in PLAINER:
        return PLAINER[detail["type"]]
    if detail["type"] == "value_error":  # ours, already phrased for the shop owner
        return detail["msg"].removeprefix("Value error, ")
    return detail["msg"][0].lower() + detail["msg"][1:]
