from decimal import Decimal

import pytest

from bot.config import ConfigError, load_config


def test_numbers_written_as_yaml_floats_stay_exact_decimals(write, demo_text_with):
    settings = load_config(write(demo_text_with("flat_fee: 3500.00", "flat_fee: 0.1")), {})

    assert settings.taxes.categories["iva105"].rate == Decimal("0.105")
    assert str(settings.taxes.categories["iva105"].rate) == "0.105"
    assert str(settings.shipping.flat_fee) == "0.1"  # a float would give 0.1000000000000000055…


def test_numbers_written_as_strings_are_exact_too(write, demo_text_with):
    settings = load_config(write(demo_text_with("rate: 0.105", 'rate: "0.105"')), {})

    assert str(settings.taxes.categories["iva105"].rate) == "0.105"


def test_no_is_norway_not_false(issues, demo_text_with):
    found = issues(demo_text_with("country: AR", "country: NO"))

    # Norway is a country; only the Argentine CUIT is wrong for it now.
    assert "business.country" not in found
    assert "MVA for NO" in found["business.tax_id"]


def test_a_syntax_error_is_reported_with_its_line_and_column(issues, demo_text_with):
    text = demo_text_with("  name: Café del Sur\n", "  name: Café del Sur\n   bad: indent\n")

    [(path, message)] = issues(text).items()

    assert path == ""
    assert "line 10, column 7" in message


def test_a_repeated_key_is_an_error_not_a_silent_override(issues, demo_text_with):
    text = demo_text_with("quotes:\n", "quotes:\n  validity_days: 3\n")
    repeated = text.splitlines().index("  validity_days: 7") + 1

    [message] = issues(text).values()

    assert f"line {repeated}, column 3: duplicate key 'validity_days'" in message


def test_a_missing_file_is_reported_by_name(tmp_path):
    missing = tmp_path / "nowhere.yml"

    with pytest.raises(ConfigError) as caught:
        load_config(missing, {})

    assert caught.value.issues == [("", f"{missing}: no such file")]


@pytest.mark.parametrize("text", ["", "# only comments\n", "- a list\n", "just text\n"])
def test_a_file_that_is_not_a_mapping_of_sections_is_refused(issues, text):
    [message] = issues(text).values()

    assert "expected sections" in message


def test_a_section_left_with_only_comments_takes_its_defaults(write, demo_text_with):
    text = demo_text_with("quotes:\n  validity_days: 7\n", "quotes:\n  # validity_days: 7\n")

    assert load_config(write(text), {}).quotes.validity_days == 7
