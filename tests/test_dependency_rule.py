"""The layering of DESIGN.md, checked on the import statements of every module."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = {"bot", "dialogs", "nlu", "domain", "storage"}
FRAMEWORKS = {
    "sqlalchemy", "alembic", "aiogram", "aiohttp", "telegram", "fpdf", "mercadopago",
    "apscheduler", "httpx", "requests", "pydantic", "yaml", "typer", "rich", "psycopg",
}
ALLOWED = {
    "domain": set(),
    "storage": {"domain"},
    "nlu": {"domain"},
    "dialogs": {"domain", "nlu"},
}
FORBIDDEN_FRAMEWORKS = {
    "domain": FRAMEWORKS,
    "storage": FRAMEWORKS - {"sqlalchemy", "alembic", "psycopg"},
    "nlu": FRAMEWORKS - {"yaml"},
    "dialogs": FRAMEWORKS - {"yaml"},
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_the_design_allows(layer):
    offences = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        roots = imported_roots(path)
        wrong_layers = (roots & PROJECT) - ALLOWED[layer] - {layer}
        wrong_frameworks = roots & FORBIDDEN_FRAMEWORKS[layer]
        if wrong_layers or wrong_frameworks:
            offences.append(f"{path.relative_to(ROOT)}: {sorted(wrong_layers | wrong_frameworks)}")
    assert offences == []


def test_the_checker_sees_a_forbidden_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import sqlalchemy\nfrom storage.x import y\n")
    assert {"sqlalchemy", "storage"} <= imported_roots(module)
