"""`orderbot init` and `orderbot catalog import|export` on a real database."""

from __future__ import annotations

import pytest
from cli_helpers import CONFIG, HEADER, products, run, write

from bot.bootstrap import build


def test_init_loads_the_demo_shop_once(env):
    first, second = run("init"), run("init")
    assert first.exit_code == second.exit_code == 0
    assert "demo catalog" in first.output and "demo catalog" not in second.output
    assert len(products()) >= 15


def test_import_upserts_by_sku_and_keeps_reservations(env):
    csv = write(env / "c.csv", HEADER +
                'CAF-1,Café Colombia,"Tueste medio, 500 g",Café/En grano,12500.00,iva105,10,'
                "origen=Colombia; tueste=medio\n"
                "TAZA-1,Taza “grande” — 350 ml,,Tazas,4999.99,iva21,0,\n")
    result = run("catalog", "import", str(csv))
    assert result.exit_code == 0, result.output
    assert "2 products created" in result.output
    write(csv, HEADER + "CAF-1,Café Colombia 500 g,nuevo,Café/Molido,13000.50,iva105,7,\n")
    assert "1 updated" in run("catalog", "import", str(csv)).output
    coffee = products()["CAF-1"]
    assert (coffee.name, coffee.category, str(coffee.price.amount), coffee.stock_on_hand) == \
        ("Café Colombia 500 g", "Café/Molido", "13000.50", 7)
    assert products()["TAZA-1"].name == "Taza “grande” — 350 ml"


def test_a_bad_file_lists_every_bad_row_and_imports_nothing(env):
    csv = write(env / "bad.csv", HEADER +
                "OK-1,Bien,,Tazas,100.00,iva21,1,\n"
                "OK-2,,,Tazas,1.234,iva99,-1,color\n"
                "OK-1,Repetido,,Tazas,100.00,iva21,1,\n"
                "solo,tres,campos\n"
                "bad sku!,Nombre,,Tazas,0,iva21,1,\n")
    result = run("catalog", "import", str(csv))
    assert result.exit_code == 1
    lines = [line.strip() for line in result.output.splitlines() if line.strip().startswith("line")]
    assert [line.split(":")[0] for line in lines] == ["line 3", "line 4", "line 5", "line 6"]
    assert "name is empty" in lines[0] and "iva99" in lines[0] and "1.234" in lines[0]
    assert "already on line 2" in lines[1]
    assert "wrong number of fields" in lines[2]
    assert "bad sku!" in lines[3] and "greater than zero" in lines[3]
    assert products() == {}


def test_a_header_without_the_required_columns_is_refused(env):
    result = run("catalog", "import", str(write(env / "h.csv", "sku,name,price\nA,B,1\n")))
    assert result.exit_code == 1
    assert "missing columns: description, category, tax_category, stock, features" in result.output


def test_a_missing_file_is_a_clear_error(env):
    result = run("catalog", "import", str(env / "nope.csv"))
    assert result.exit_code == 1 and "no such file" in result.output


def test_export_then_import_gives_the_same_catalog(env):
    run("init")
    before = {sku: (p.name, p.description, p.category, p.price, p.tax_category,
                    p.stock_on_hand, p.features, p.image) for sku, p in products().items()}
    assert run("catalog", "export", str(env / "out.csv")).exit_code == 0
    result = run("catalog", "import", str(env / "out.csv"))
    assert result.exit_code == 0 and f"{len(before)} updated" in result.output
    after = {sku: (p.name, p.description, p.category, p.price, p.tax_category,
                   p.stock_on_hand, p.features, p.image) for sku, p in products().items()}
    assert after == before


def test_stock_below_what_is_reserved_is_a_bad_row(env, tmp_path):
    csv = write(env / "c.csv", HEADER + "CAF-1,Café,,Café,100.00,iva21,5,\n")
    run("catalog", "import", str(csv))
    with build(CONFIG).uow() as uow:
        uow.catalog.get("CAF-1").reserve(4)
        uow.commit()
    write(csv, HEADER + "CAF-1,Café,,Café,100.00,iva21,3,\n")
    result = run("catalog", "import", str(csv))
    assert result.exit_code == 1 and "line 2" in result.output and "reserved" in result.output
    assert products()["CAF-1"].stock_on_hand == 5


def test_release_reservations_reports_what_it_released(env):
    run("init")
    result = run("release-reservations")
    assert result.exit_code == 0 and "0 orders released" in result.output


@pytest.mark.parametrize(("old", "new"), [
    ("currency: ARS", "currency: CLP"),
    ("iva105:", "reducido:"),
])
def test_init_loads_the_argentine_demo_only_into_a_shop_it_fits(env, old, new):
    text = CONFIG.read_text(encoding="utf-8")
    config = write(env / "config.yml", text.replace(old, new))

    result = run("init", "--config", str(config))

    assert result.exit_code == 0
    assert "demo catalog" not in result.output
    assert "catalog is empty" in result.output and "orderbot catalog import" in result.output
    assert products() == {}
