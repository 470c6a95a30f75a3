"""`orderbot catalog import|export` with files as people really make them."""

from __future__ import annotations

import pytest
from cli_helpers import HEADER, products, run, write


def bad_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.strip().startswith("line ")]


def test_a_file_that_is_not_utf8_is_one_clear_error(env):
    csv = env / "latin1.csv"
    csv.write_bytes((HEADER + "CAF-1,Café,,Café,100.00,iva21,1,\n").encode("latin-1"))

    result = run("catalog", "import", str(csv))

    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "line 2" in result.output
    assert "Traceback" not in result.output
    assert products() == {}


def test_a_field_over_the_csv_limit_is_a_bad_row(env):
    huge = "x" * 200_000
    csv = write(env / "huge.csv", HEADER + f"CAF-1,Café,{huge},Café,100.00,iva21,1,\n"
                                           "CAF-2,Té,,Té,100.00,iva21,1,\n")

    result = run("catalog", "import", str(csv))

    assert result.exit_code == 1
    assert [line.split(":")[0] for line in bad_lines(result.output)] == ["line 2"]
    assert "longer than" in result.output
    assert products() == {}


@pytest.mark.parametrize(("stock", "accepted"), [
    ("1000000000", True), ("1000000001", False), ("99999999999999999999", False),
    ("²", False),
])
def test_stock_is_at_most_a_billion(env, stock, accepted):
    csv = write(env / "c.csv", HEADER + f"CAF-1,Café,,Café,100.00,iva21,{stock},\n")

    result = run("catalog", "import", str(csv))

    assert (result.exit_code == 0) is accepted, result.output
    if not accepted:
        assert bad_lines(result.output) and "stock" in bad_lines(result.output)[0]


@pytest.mark.parametrize(("column", "value"), [
    ("name", "Café\x00Colombia"), ("name", "Café\x07"), ("category", "Café\x1b"),
    ("description", "Rico\x00"), ("features", "origen=Colom\x0bbia"),
])
def test_control_characters_in_text_are_a_bad_row(env, column, value):
    row = {"sku": "CAF-1", "name": "Café", "description": "", "category": "Café",
           "price": "100.00", "tax_category": "iva21", "stock": "1", "features": ""}
    row[column] = value
    csv = write(env / "c.csv", HEADER + ",".join(row.values()) + "\n")

    result = run("catalog", "import", str(csv))

    assert result.exit_code == 1
    assert [line.split(":")[0] for line in bad_lines(result.output)] == ["line 2"]
    assert products() == {}


@pytest.mark.parametrize(("column", "limit"), [
    ("name", 200), ("category", 200), ("description", 2000), ("image", 500),
])
def test_text_longer_than_storage_holds_is_a_bad_row(env, column, limit):
    header = HEADER.strip() + ",image\n"
    row = {"sku": "CAF-1", "name": "Café", "description": "", "category": "Café",
           "price": "100.00", "tax_category": "iva21", "stock": "1", "features": "",
           "image": ""}
    row[column] = "x" * limit
    fits = write(env / "fits.csv", header + ",".join(row.values()) + "\n")
    row[column] = "x" * (limit + 1)
    too_long = write(env / "long.csv", header + ",".join(row.values()) + "\n")

    refused = run("catalog", "import", str(too_long))
    accepted = run("catalog", "import", str(fits))

    assert refused.exit_code == 1 and f"longer than {limit}" in refused.output
    assert accepted.exit_code == 0, accepted.output


def test_a_description_may_span_lines(env):
    csv = write(env / "c.csv", HEADER + 'CAF-1,Café,"Dulce.\r\nBalanceado.\tRico.",Café,'
                                        "100.00,iva21,1,\n")

    assert run("catalog", "import", str(csv)).exit_code == 0
    assert products()["CAF-1"].description == "Dulce.\r\nBalanceado.\tRico."


def test_lines_after_a_multiline_description_keep_their_numbers(env):
    csv = write(env / "c.csv", HEADER + 'CAF-1,Café,"uno\ndos\ntres",Café,100.00,iva21,1,\n'
                                        "CAF-2,,,Café,100.00,iva21,1,\n")

    result = run("catalog", "import", str(csv))

    assert [line.split(":")[0] for line in bad_lines(result.output)] == ["line 5"]


INACTIVE = (HEADER.strip() + ",active\n"
            "CAF-1,Café,,Café,100.00,iva21,1,,false\n"
            "CAF-2,Té,,Té,100.00,iva21,1,,\n"
            "CAF-3,Mate,,Mate,100.00,iva21,1,,Sí\n"
            "CAF-4,Yerba,,Mate,100.00,iva21,1,,NO\n")


def test_the_active_column_is_imported_and_defaults_to_true(env):
    result = run("catalog", "import", str(write(env / "c.csv", INACTIVE)))

    assert result.exit_code == 0, result.output
    assert {sku: p.active for sku, p in products().items()} == \
        {"CAF-1": False, "CAF-2": True, "CAF-3": True, "CAF-4": False}


def test_reimporting_switches_existing_products_only_when_the_file_says_so(env):
    run("catalog", "import", str(write(env / "c.csv", INACTIVE)))
    run("catalog", "import", str(write(env / "old.csv", HEADER +
                                       "CAF-1,Café,,Café,100.00,iva21,1,\n")))
    assert products()["CAF-1"].active is False
    run("catalog", "import", str(write(env / "new.csv", HEADER.strip() + ",active\n"
                                       "CAF-1,Café,,Café,100.00,iva21,1,,true\n")))
    assert products()["CAF-1"].active is True


def test_export_writes_the_active_flag(env):
    run("catalog", "import", str(write(env / "c.csv", INACTIVE)))

    header, *lines = run("catalog", "export").stdout.splitlines()

    assert header.endswith(",image,active")
    assert {line.split(",")[0]: line.rsplit(",", 1)[1] for line in lines} == \
        {"CAF-1": "false", "CAF-2": "true", "CAF-3": "true", "CAF-4": "false"}


def test_an_unknown_active_value_is_a_bad_row(env):
    csv = write(env / "c.csv", HEADER.strip() + ",active\nCAF-1,Café,,Café,100.00,iva21,1,,quizás\n")

    result = run("catalog", "import", str(csv))

    assert result.exit_code == 1 and "quizás" in bad_lines(result.output)[0]
