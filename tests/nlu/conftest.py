"""The NLU trained once per test worker into its own cache, and a small coffee-shop catalog."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from domain.catalog import Product
from domain.money import Money
from nlu.builtin import BuiltinParser
from nlu.model import NluModel, load_or_train

HELD_OUT = Path(__file__).parent / "data" / "held_out.yml"
# Two intents, enough to train a model in a fraction of a second.
TINY_DATA = """version: "3.1"
nlu:
- intent: greet
  examples: |
    - hola
    - hello
    - buenas
    - hi there
- intent: thanks
  examples: |
    - gracias
    - thank you
    - muchas gracias
    - thanks a lot
"""
CATALOG = [
    ("CAF-COL-500", "Café colombiano en grano 500 g", "Café/En grano"),
    ("CAF-COL-M250", "Café colombiano molido 250 g", "Café/Molido"),
    ("CAF-BRA-500", "Café brasileño en grano 500 g", "Café/En grano"),
    ("CAF-ETI-250", "Café etíope molido 250 g", "Café/Molido"),
    ("TAZ-GRA", "Taza grande de cerámica", "Accesorios/Tazas"),
    ("TAZ-CHI", "Taza chica espresso", "Accesorios/Tazas"),
    ("MOL-MAN", "Molinillo manual de acero", "Accesorios/Molinillos"),
    ("MOL-ELE", "Molinillo eléctrico", "Accesorios/Molinillos"),
    ("CFT-ITA6", "Cafetera italiana 6 tazas", "Cafeteras"),
    ("CFT-FRA", "Prensa francesa 1 L", "Cafeteras"),
    ("FIL-4", "Filtros de papel N°4 x100", "Accesorios/Filtros"),
    ("YER-PLA", "Yerba mate Playadito 1 kg", "Yerba"),
]


def product(sku: str, name: str, category: str = "", active: bool = True) -> Product:
    price = Money(Decimal("1000"), "ARS")
    return Product(sku, name, price, "general", category=category, active=active)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("nlu-cache")


@pytest.fixture(scope="session")
def model(cache_dir: Path) -> NluModel:
    return load_or_train(cache_dir=cache_dir)


@pytest.fixture
def products() -> list[Product]:
    return [product(*row) for row in CATALOG]


@pytest.fixture
def parser(model: NluModel, products: list[Product]) -> BuiltinParser:
    return BuiltinParser(model, products)
