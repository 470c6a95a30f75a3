from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def test_a_valid_config_is_summarized_and_exits_zero(demo_path):
    result = runner.invoke(app, ["config", "check", "--config", str(demo_path)], env={})

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{demo_path} is valid"
    assert "Café del Sur S.R.L." in lines[1]
    assert "ARS" in lines[2]
    assert "iva21 21%, iva105 10.5%" in lines[3]
    assert "bank_transfer, cash_on_delivery (not offered" in lines[4]
    assert lines[5].strip() == "staff: 3"


def test_every_error_is_printed_as_path_and_reason_and_exits_one(demo, write, change):
    change(demo, "business.currency", "PESO")
    change(demo, "staff.1.roles.0", "owner")
    path = write(demo)

    result = runner.invoke(app, ["config", "check", "--config", str(path)], env={})

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path} has 2 errors:",
        "  business.currency: not an ISO 4217 currency code, like ARS, MXN or USD",
        "  staff[1].roles[0]: input should be 'admin', 'staff' or 'agent'",
    ]


def test_the_config_path_can_come_from_orderbot_config(write, demo):
    path = write(demo)

    result = runner.invoke(app, ["config", "check"], env={"ORDERBOT_CONFIG": str(path)})

    assert result.exit_code == 0
    assert result.stdout.startswith(f"{path} is valid")


def test_a_missing_file_exits_one(tmp_path):
    missing = tmp_path / "config.yml"

    result = runner.invoke(app, ["config", "check", "-c", str(missing)])

    assert result.exit_code == 1
    assert f"{missing}: no such file" in result.stderr


def test_the_default_is_config_yml_in_the_working_directory(tmp_path, monkeypatch, demo_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.yml").write_text(demo_path.read_text(encoding="utf-8"))

    result = runner.invoke(app, ["config", "check"], env={"ORDERBOT_CONFIG": None})

    assert result.exit_code == 0
    assert result.stdout.startswith("config.yml is valid")
