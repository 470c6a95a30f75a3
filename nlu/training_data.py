"""Rasa 3 NLU training data (YAML): intents with annotated examples, synonyms, lookups, regexes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nlu.vocabulary import EntityType, Intent

DEFAULT_DATA_DIR = Path(__file__).parent / "data"
RASA_VERSION = "3.1"
SECTION_KEYS = ("intent", "synonym", "lookup", "regex")
ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<entity>[^)]+)\)|(?P<json>\{[^}]+\}))")
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TrainingDataError(ValueError):
    """The file is not Rasa 3.1 NLU data with the intents and entities of the design."""


@dataclass(frozen=True, slots=True)
class AnnotatedEntity:
    entity: EntityType
    value: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    intent: Intent
    entities: tuple[AnnotatedEntity, ...] = ()


@dataclass
class TrainingData:
    examples: list[Example] = field(default_factory=list)
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    lookups: dict[str, list[str]] = field(default_factory=dict)
    regexes: dict[str, list[str]] = field(default_factory=dict)


def data_files(path: Path) -> list[Path]:
    """The YAML files of a directory (recursively, in a stable order), or the file itself."""
    if path.is_file():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml"))
    if not files:
        raise TrainingDataError(f"no .yml training data under {path}")
    return files


def load_training_data(path: Path = DEFAULT_DATA_DIR) -> TrainingData:
    data = TrainingData()
    for file in data_files(path):
        try:
            _add_file(data, yaml.load(file.read_text(encoding="utf-8"), Loader=YAML_LOADER))
        except (TrainingDataError, yaml.YAMLError) as error:
            raise TrainingDataError(f"{file}: {error}") from None
    return data


def _add_file(data: TrainingData, document: object) -> None:
    if not isinstance(document, dict) or str(document.get("version")) != RASA_VERSION:
        raise TrainingDataError(f'expected a mapping with version: "{RASA_VERSION}"')
    sections = document.get("nlu") or []
    if not isinstance(sections, list):
        raise TrainingDataError("'nlu' must be a list")
    for section in sections:
        kind, name, lines = _section(section)
        if kind == "intent":
            data.examples.extend(parse_example(line, _intent(name)) for line in lines)
        else:
            target = {"synonym": data.synonyms, "lookup": data.lookups, "regex": data.regexes}
            target[kind].setdefault(name, []).extend(lines)


def _section(section: object) -> tuple[str, str, list[str]]:
    if not isinstance(section, dict):
        raise TrainingDataError(f"each 'nlu' item must be a mapping, not {section!r}")
    kinds = [key for key in SECTION_KEYS if key in section]
    if len(kinds) != 1 or not isinstance(section.get("examples"), str):
        raise TrainingDataError(f"expected one of {SECTION_KEYS} with 'examples: |' in {section}")
    return kinds[0], str(section[kinds[0]]), list(_example_lines(section["examples"]))


def _example_lines(block: str) -> Iterable[str]:
    for line in block.splitlines():
        if line.strip():
            if not line.startswith("- "):
                raise TrainingDataError(f"example lines start with '- ': {line!r}")
            yield line[2:].strip()


def _intent(name: str) -> Intent:
    try:
        return Intent(name)
    except ValueError:
        raise TrainingDataError(f"unknown intent {name!r}") from None


def parse_example(line: str, intent: Intent) -> Example:
    """'quiero [2](quantity) [cafés](product)' → plain text with entity spans."""
    text, entities, cursor = "", [], 0
    for match in ANNOTATION.finditer(line):
        text += line[cursor:match.start()]
        entity, value = _annotation(match)
        entities.append(AnnotatedEntity(entity, value, len(text), len(text) + len(match["text"])))
        text += match["text"]
        cursor = match.end()
    return Example(text + line[cursor:], intent, tuple(entities))


def _annotation(match: re.Match[str]) -> tuple[EntityType, str]:
    if match["json"]:
        try:
            details = json.loads(match["json"])
        except json.JSONDecodeError:
            raise TrainingDataError(f"bad entity annotation {match[0]!r}") from None
        name, value = details.get("entity", ""), details.get("value", match["text"])
    else:
        name, value = match["entity"], match["text"]
    try:
        return EntityType(name), str(value)
    except ValueError:
        raise TrainingDataError(f"unknown entity {name!r} in {match[0]!r}") from None
