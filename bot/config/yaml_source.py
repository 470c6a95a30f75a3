"""Reading config.yml: exact numbers, unambiguous booleans, no silently repeated keys."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from bot.config.errors import ConfigError, ConfigIssue

BOOL_TAG = "tag:yaml.org,2002:bool"
FLOAT_TAG = "tag:yaml.org,2002:float"
MERGE_TAG = "tag:yaml.org,2002:merge"


class _ConfigLoader(yaml.SafeLoader):
    def construct_exact_number(self, node: yaml.ScalarNode) -> Any:
        # Money must never pass through float: 0.105 is read as Decimal("0.105").
        try:
            return Decimal(self.construct_scalar(node))
        except InvalidOperation:  # .inf, .nan: left to the fields to refuse
            return self.construct_yaml_float(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
                continue
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


# YAML 1.1 reads yes/no/on/off as booleans, so `country: NO` (Norway) became False.
# Only true/false are booleans here; boolean fields still accept "yes" and "no".
_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ConfigLoader.add_implicit_resolver(
    BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_ConfigLoader.add_constructor(FLOAT_TAG, _ConfigLoader.construct_exact_number)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([ConfigIssue("", f"{path}: no such file")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError([ConfigIssue("", f"{path}: cannot be read ({error})")]) from None
    try:
        return yaml.load(text, Loader=_ConfigLoader)
    except yaml.MarkedYAMLError as error:
        raise ConfigError([ConfigIssue("", f"{path}: {_describe(error)}")]) from None
    except yaml.YAMLError as error:
        raise ConfigError([ConfigIssue("", f"{path}: invalid YAML ({error})")]) from None


def _describe(error: yaml.MarkedYAMLError) -> str:
    text = f"invalid YAML{_at(error.problem_mark)}: {error.problem}"
    if error.context:
        text += f" ({error.context}{_at(error.context_mark)})"
    return text


def _at(mark: yaml.Mark | None) -> str:
    return f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
