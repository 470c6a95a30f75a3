from __future__ import annotations

import pytest

from nlu.training_data import (
    AnnotatedEntity,
    TrainingDataError,
    load_training_data,
    parse_example,
)
from nlu.vocabulary import EntityType, Intent


def test_an_annotated_example_becomes_plain_text_with_entity_spans():
    line = "quiero [2](quantity) [cafés colombianos](product)"
    example = parse_example(line, Intent.ADD_TO_CART)
    assert example.text == "quiero 2 cafés colombianos"
    assert example.entities == (
        AnnotatedEntity(EntityType.QUANTITY, "2", 7, 8),
        AnnotatedEntity(EntityType.PRODUCT, "cafés colombianos", 9, 26),
    )


def test_the_json_annotation_carries_its_own_value():
    line = 'add [a dozen]{"entity": "quantity", "value": "12"}'
    example = parse_example(line, Intent.ADD_TO_CART)
    assert example.text == "add a dozen"
    assert example.entities == (AnnotatedEntity(EntityType.QUANTITY, "12", 4, 11),)


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ('version: "2.0"\nnlu: []\n', "version"),
        ('version: "3.1"\nnlu:\n- intent: order_pizza\n  examples: |\n    - hi\n', "order_pizza"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi [x](colour)\n', "colour"),
        ('version: "3.1"\nnlu:\n- intent: greet\n', "examples"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    hi\n', "- "),
        ('version: "3.1"\nnlu: [unclosed\n', "flow sequence"),
    ],
)
def test_a_file_that_is_not_rasa_3_1_data_is_refused_with_the_reason(tmp_path, content, complaint):
    path = tmp_path / "nlu.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TrainingDataError, match=f"(?i){complaint}") as refused:
        load_training_data(path)
    assert str(path) in str(refused.value)


def test_a_directory_without_yaml_is_refused(tmp_path):
    with pytest.raises(TrainingDataError, match="no .yml"):
        load_training_data(tmp_path)
