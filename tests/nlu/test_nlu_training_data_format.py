"""The shipped training data is Rasa 3.1 NLU YAML as `rasa train nlu` reads it, and rich enough."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from nlu.training_data import DEFAULT_DATA_DIR, data_files, load_training_data
from nlu.vocabulary import EntityType, Intent
from tests.nlu.conftest import HELD_OUT

SECTION_KINDS = {"intent", "synonym", "lookup", "regex"}
FILES = data_files(DEFAULT_DATA_DIR) + [HELD_OUT]
LEFTOVER_MARKUP = re.compile(r"\[|\]\(|\]\{")


def document(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def examples_by_intent(language: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in data_files(DEFAULT_DATA_DIR / language):
        for section in document(path)["nlu"]:
            if "intent" in section:
                counts[section["intent"]] += len(section["examples"].strip().splitlines())
    return counts


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_each_file_has_exactly_the_rasa_3_1_structure(path):
    raw = path.read_text(encoding="utf-8")
    data = document(path)
    assert set(data) == {"version", "nlu"} and data["version"] == "3.1"
    assert re.search(r'^version: "3\.1"$', raw, re.MULTILINE)
    for section in data["nlu"]:
        kinds = set(section) & SECTION_KINDS
        assert len(kinds) == 1 and set(section) == kinds | {"examples"}, section
        assert all(line.startswith("- ") for line in section["examples"].strip().splitlines())
    assert raw.count("examples:") == raw.count("examples: |\n")


def test_every_intent_of_the_design_has_40_examples_half_spanish_half_english():
    spanish, english = examples_by_intent("es"), examples_by_intent("en")
    for intent in Intent:
        assert spanish[intent.value] >= 20 and english[intent.value] >= 20, intent
        assert abs(spanish[intent.value] - english[intent.value]) <= 3, intent
    assert set(spanish) | set(english) == {intent.value for intent in Intent}


def test_annotations_use_only_the_designs_entities_and_leave_no_markup():
    data = load_training_data()
    annotated = {entity.entity for example in data.examples for entity in example.entities}
    assert annotated == set(EntityType)
    assert not [e.text for e in data.examples if LEFTOVER_MARKUP.search(e.text)]


def test_no_example_is_repeated_or_given_two_intents():
    texts = Counter(example.text.casefold() for example in load_training_data().examples)
    assert [text for text, count in texts.items() if count > 1] == []


def test_each_synonym_variant_belongs_to_one_synonym():
    variants = Counter(v.casefold() for vs in load_training_data().synonyms.values() for v in vs)
    assert [variant for variant, count in variants.items() if count > 1] == []


def test_regexes_are_named_after_entities_and_compile():
    regexes = load_training_data().regexes
    assert set(regexes) <= set(EntityType)
    assert all(re.compile(pattern) for patterns in regexes.values() for pattern in patterns)


def test_the_held_out_examples_are_not_in_the_training_data():
    training = {example.text.casefold() for example in load_training_data().examples}
    held_out = load_training_data(HELD_OUT).examples
    assert len(held_out) >= 10 * len(Intent)
    assert [e.text for e in held_out if e.text.casefold() in training] == []
