from pathlib import Path

import pytest
import yaml

from bot.config import ConfigError, load_config


@pytest.fixture
def demo_path() -> Path:
    """The demo shop's config.yml at the root of the repository."""
    return Path(__file__).resolve().parents[2] / "config.yml"


@pytest.fixture
def demo(demo_path) -> dict:
    """The demo shop's config.yml as plain data, for a test to change what it is about."""
    return yaml.safe_load(demo_path.read_text(encoding="utf-8"))


@pytest.fixture
def demo_text_with(demo_path):
    """The demo shop's config.yml text with one piece of text replaced."""

    def demo_text_with(old: str, new: str) -> str:
        text = demo_path.read_text(encoding="utf-8")
        assert old in text
        return text.replace(old, new)

    return demo_text_with


@pytest.fixture
def write(tmp_path):
    """Writes config data (or YAML text) to a file and returns its path."""

    def write(content: dict | str) -> Path:
        text = content if isinstance(content, str) else yaml.safe_dump(
            content, allow_unicode=True, sort_keys=False
        )
        path = tmp_path / "config.yml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def issues(write):
    """The issues loading `content` reports, as {path: message}; the load must fail."""

    def issues(content: dict | str, environ: dict | None = None) -> dict[str, str]:
        with pytest.raises(ConfigError) as caught:
            load_config(write(content), environ or {})
        return dict(caught.value.issues)

    return issues


@pytest.fixture
def change():
    """Sets the value at a dotted path in config data, like "staff.1.roles.0"."""

    def change(data: dict, path: str, value) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change
