"""`orderbot nlu train | parse | evaluate`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli_nlu import app
from nlu.vocabulary import Intent
from tests.nlu.conftest import HELD_OUT, TINY_DATA

CATALOG_CSV = """sku,name,description,category,price,tax_category,stock,features
CAF-COL-500,Café colombiano en grano 500 g,,Café/En grano,8500,general,20,origen=Colombia
TAZ-GRA,Taza grande de cerámica,,Accesorios/Tazas,6000,general,8,
"""
runner = CliRunner()


@pytest.fixture
def catalog_csv(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text(CATALOG_CSV, encoding="utf-8")
    return path


def run(*args: str) -> object:
    return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


def test_train_stores_the_model_in_the_cache(tmp_path):
    data = tmp_path / "nlu.yml"
    data.write_text(TINY_DATA, encoding="utf-8")
    result = run("train", "--data", data, "--cache-dir", tmp_path / "cache")
    assert result.exit_code == 0
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1


def test_parse_prints_rasas_json_shape_with_skus_from_the_catalog(model, cache_dir, catalog_csv):
    result = run("parse", "quiero 2 cafés colombianos", "--catalog", catalog_csv,
                 "--cache-dir", cache_dir)
    parse = json.loads(result.stdout)
    assert set(parse) == {"text", "intent", "entities", "intent_ranking"}
    assert parse["intent"]["name"] == "add_to_cart" and 0 < parse["intent"]["confidence"] <= 1
    assert [(e["entity"], e["value"], e["start"], e["end"]) for e in parse["entities"]] == [
        ("quantity", 2, 7, 8), ("product", "CAF-COL-500", 9, 26)
    ]
    assert {"name", "confidence"} == set(parse["intent_ranking"][0])


def test_parse_refuses_a_bad_catalog_and_rasa_without_a_url(model, cache_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name\nX,Y\n", encoding="utf-8")
    refused = run("parse", "hola", "--catalog", bad, "--cache-dir", cache_dir)
    assert refused.exit_code == 2 and "missing columns" in refused.output
    no_url = run("parse", "hola", "--backend", "rasa", "--cache-dir", cache_dir)
    assert no_url.exit_code == 2 and "rasa_url" in no_url.output


def test_evaluate_json_reports_accuracy_macro_f1_and_every_intent(model, cache_dir):
    result = run("evaluate", HELD_OUT, "--json", "--cache-dir", cache_dir)
    report = json.loads(result.stdout)
    assert report["macro_f1"] >= 0.9 and report["accuracy"] >= 0.9
    assert set(report["per_intent"]) == {intent.value for intent in Intent}
    assert set(report["per_intent"]["greet"]) == {"precision", "recall", "f1", "support"}


def test_evaluate_prints_a_table_and_the_confused_pairs(model, cache_dir):
    result = run("evaluate", HELD_OUT, "--cache-dir", cache_dir)
    assert result.exit_code == 0
    assert "macro F1" in result.stdout and "add_to_cart" in result.stdout and "→" in result.stdout
