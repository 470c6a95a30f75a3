"""`orderbot nlu train | parse | evaluate`, with the shop's config.yml and database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.bootstrap import DEMO_CONFIG, build
from bot.cli_nlu import app
from nlu.training_data import load_training_data
from nlu.vocabulary import Intent
from tests.nlu.conftest import HELD_OUT, TINY_DATA, product
from tests.nlu.fake_rasa import FakeRasa

CATALOG_CSV = """sku,name,description,category,price,tax_category,stock,features
CAF-COL-500,Café colombiano en grano 500 g,,Café/En grano,8500,general,20,origen=Colombia
TAZ-GRA,Taza grande de cerámica,,Accesorios/Tazas,6000,general,8,
"""
runner = CliRunner()


@pytest.fixture(autouse=True)
def shop(sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo shop's config.yml, and a database of its own with an empty catalog."""
    database = tmp_path / "shop.db"
    shutil.copyfile(sqlite_template, database)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("ORDERBOT_CONFIG", str(DEMO_CONFIG))


@pytest.fixture
def stocked() -> None:
    """Two products in the shop's database."""
    with build().uow() as uow:
        uow.catalog.add(product("PAV-600", "Pava eléctrica cuello de cisne", "Accesorios"))
        uow.catalog.add(product("BAL-01", "Balanza digital con timer", "Accesorios"))
        uow.commit()


@pytest.fixture
def catalog_csv(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_text(CATALOG_CSV, encoding="utf-8")
    return path


@pytest.fixture
def rasa():
    server = FakeRasa()
    yield server
    server.stop()


def run(*args: str | Path) -> object:
    return runner.invoke(app, [str(arg) for arg in args], catch_exceptions=False)


def entities(result) -> list[tuple[str, object]]:
    return [(e["entity"], e["value"]) for e in json.loads(result.stdout)["entities"]]


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


def test_without_a_catalog_file_parse_knows_the_products_of_the_shops_database(
    model, cache_dir, stocked
):
    result = run("parse", "tres pavas y dos balanzas", "--cache-dir", cache_dir)
    assert entities(result) == [
        ("quantity", 3), ("product", "PAV-600"), ("quantity", 2), ("product", "BAL-01")
    ]


def test_parse_reads_phones_for_the_business_country_of_config_yml(model, cache_dir):
    result = run("parse", "mi cel es (011) 4444-5555", "--cache-dir", cache_dir)
    assert entities(result) == [("phone", "+541144445555")]


def test_parse_and_evaluate_use_the_nlu_backend_of_config_yml(
    model, cache_dir, stocked, rasa, tmp_path, monkeypatch
):
    config = tmp_path / "config.yml"
    config.write_text(DEMO_CONFIG.read_text(encoding="utf-8").replace(
        "backend: builtin", "backend: rasa"), encoding="utf-8")
    monkeypatch.setenv("RASA_URL", rasa.url)
    rasa.teach("quiero [2](quantity) [pavas](product)", [("add_to_cart", 0.93)])
    result = run("parse", "quiero 2 pavas", "--config", config, "--cache-dir", cache_dir)
    assert json.loads(result.stdout)["intent"] == {"name": "add_to_cart", "confidence": 0.93}
    assert entities(result) == [("quantity", 2), ("product", "PAV-600")]
    run("evaluate", HELD_OUT, "--json", "--config", config, "--cache-dir", cache_dir)
    assert len(rasa.requests) == 1 + len(load_training_data(HELD_OUT).examples)


def test_an_empty_shop_catalog_is_said_on_stderr(model, cache_dir):
    result = run("parse", "quiero 2 pavas", "--cache-dir", cache_dir)
    assert entities(result) == [("quantity", 2)] and "catalog is empty" in result.stderr


def test_parse_refuses_a_bad_catalog_a_bad_backend_and_a_broken_config(
    model, cache_dir, tmp_path
):
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name\nX,Y\n", encoding="utf-8")
    refused = run("parse", "hola", "--catalog", bad, "--cache-dir", cache_dir)
    assert refused.exit_code == 2 and "missing columns" in refused.output
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(CATALOG_CSV.encode("latin-1"))
    not_utf8 = run("parse", "hola", "--catalog", latin1, "--cache-dir", cache_dir)
    assert not_utf8.exit_code == 2 and "not UTF-8" in not_utf8.output
    unknown = run("parse", "hola", "--backend", "spacy", "--cache-dir", cache_dir)
    assert unknown.exit_code == 2 and "unknown NLU backend" in unknown.output
    config = tmp_path / "broken.yml"
    config.write_text(DEMO_CONFIG.read_text(encoding="utf-8").replace(
        "currency: ARS", "currency: PESO"), encoding="utf-8")
    broken = run("parse", "hola", "--config", config, "--cache-dir", cache_dir)
    assert broken.exit_code == 1 and "business.currency" in broken.stderr


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
