"""The trained model is cached under a hash of the training data."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from nlu.model import CACHE_ENV, default_cache_dir, fingerprint, load_or_train, model_path
from tests.nlu.conftest import TINY_DATA


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "nlu.yml").write_text(TINY_DATA, encoding="utf-8")
    return directory


def test_the_model_is_stored_under_the_hash_of_its_data(data_dir, tmp_path):
    cache = tmp_path / "cache"
    model = load_or_train(data_dir, cache)
    assert [p.name for p in cache.iterdir()] == [f"{fingerprint(data_dir)}.pickle"]
    assert model.fingerprint == fingerprint(data_dir)
    assert model.intents.rank("hola")[0].intent == "greet"
    assert model.intents.rank("muchas gracias")[0].intent == "thanks"


def test_a_cached_model_is_loaded_not_trained_again(data_dir, tmp_path):
    cache = tmp_path / "cache"
    trained = load_or_train(data_dir, cache)
    marked = replace(trained, fingerprint="marked")
    model_path(data_dir, cache).write_bytes(pickle.dumps(marked))
    assert load_or_train(data_dir, cache).fingerprint == "marked"


def test_changed_data_gets_a_new_model(data_dir, tmp_path):
    before = fingerprint(data_dir)
    goodbye = "- intent: goodbye\n  examples: |\n    - chau\n    - bye\n"
    (data_dir / "nlu.yml").write_text(TINY_DATA + goodbye, encoding="utf-8")
    assert fingerprint(data_dir) != before
    assert "goodbye" in load_or_train(data_dir, tmp_path).intents.intents


def test_an_unreadable_cache_file_is_replaced_by_a_new_model(data_dir, tmp_path, caplog):
    path = model_path(data_dir, tmp_path)
    path.write_bytes(b"not a pickle")
    assert load_or_train(data_dir, tmp_path).fingerprint == fingerprint(data_dir)
    assert "unreadable" in caplog.text
    assert pickle.loads(path.read_bytes()).fingerprint == fingerprint(data_dir)


def test_the_cache_directory_comes_from_the_environment_or_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "nlu"))
    assert default_cache_dir() == tmp_path / "nlu"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "orderbot" / "nlu"
