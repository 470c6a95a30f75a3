"""A broken config.yml or an unusable database: every command says what is wrong, exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import CONFIG, HEADER, run, write

COMMANDS = [
    ["init"],
    ["catalog", "import", "c.csv"],
    ["catalog", "export"],
    ["release-reservations"],
    ["chat", "--jsonl"],
]


@pytest.fixture
def broken_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'shop.db'}")
    write(tmp_path / "c.csv", HEADER + "CAF-1,Café,,Café,100.00,iva21,1,\n")
    text = CONFIG.read_text(encoding="utf-8")
    text = text.replace("currency: ARS", "currency: PESO").replace("point_of_sale: 1",
                                                                   "point_of_sale: 0")
    return write(tmp_path / "bad.yml", text)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_broken_config_lists_its_errors_in_every_command(broken_config, command):
    result = run(*command, "--config", str(broken_config))

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{broken_config} has 2 errors:",
        "  business.currency: not an ISO 4217 currency code, like ARS, MXN or USD",
        "  invoicing.point_of_sale: input should be greater than or equal to 1",
    ]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_orderbot_config_names_the_config_of_every_command(broken_config, monkeypatch,
                                                             command):
    monkeypatch.setenv("ORDERBOT_CONFIG", str(broken_config))

    result = run(*command)

    assert result.exit_code == 1 and f"{broken_config} has 2 errors:" in result.stderr


@pytest.mark.parametrize(("url", "shown", "reason"), [
    ("postgresql+psycopg://shop:s3cret@127.0.0.1:1/shop",
     "postgresql+psycopg://shop:***@127.0.0.1:1/shop", "Connection refused"),
    ("sqlite:////no/such/directory/shop.db", "sqlite:////no/such/directory/shop.db",
     "unable to open database file"),
    ("not a url", "not a url", "not a database URL"),
    ("postgres://shop:s3cret@host:port/shop", "postgresql+psycopg://shop:***@host:port/shop",
     "not a database URL"),
    ("nosuchdb://shop:s3cret@host/shop", "nosuchdb://shop:***@host/shop", "nosuchdb"),
])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_unusable_database_is_one_line_without_the_password(
        tmp_path, monkeypatch, command, url, shown, reason):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "c.csv", HEADER)
    monkeypatch.setenv("ORDERBOT_CONFIG", str(CONFIG))
    monkeypatch.setenv("DATABASE_URL", url)

    result = run(*command)

    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert shown in result.stderr and reason in result.stderr
    assert "s3cret" not in result.output


def test_config_check_falls_back_to_the_demo_shop_like_the_other_commands(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ORDERBOT_CONFIG", raising=False)

    result = run("config", "check")

    assert result.exit_code == 0
    assert result.stdout.startswith(f"{CONFIG} is valid")

