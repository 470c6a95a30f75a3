"""Built-in NLU: training time, parse latency with a 2,000-product catalog, memory, accuracy.

    .venv/bin/python bench/nlu_bench.py
"""

from __future__ import annotations

import itertools
import random
import resource
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from domain.catalog import Product
from domain.money import Money
from nlu.builtin import BuiltinParser
from nlu.evaluation import evaluate
from nlu.model import load_or_train, train
from nlu.training_data import load_training_data

HELD_OUT = Path(__file__).resolve().parents[1] / "tests" / "nlu" / "data" / "held_out.yml"
CATALOG_SIZE = 2000
PARSES = 20_000
FAMILIES = {
    "Café": (
        ["Café"],
        ["colombiano", "brasileño", "etíope", "peruano", "guatemalteco", "keniano", "hondureño",
         "mexicano", "costarricense", "nicaragüense", "ruandés", "indonesio"],
        ["en grano", "molido fino", "molido medio", "molido grueso", "en cápsulas"],
        ["tueste claro", "tueste medio", "tueste oscuro"],
        ["250 g", "500 g", "1 kg", "2 kg"],
    ),
    "Accesorios/Tazas": (
        ["Taza", "Jarro", "Pocillo"],
        ["chica", "mediana", "grande", "XL"],
        ["de cerámica", "de vidrio", "de acero", "de porcelana", "de bambú"],
        ["blanca", "negra", "roja", "azul", "verde", "gris", "amarilla", "rosa"],
    ),
    "Mate/Bombillas": (
        ["Bombilla"],
        ["de alpaca", "de acero", "de plata", "de caña"],
        ["pico de loro", "recta", "curva", "con resorte"],
        ["corta", "larga"],
    ),
    "Accesorios/Molinillos": (
        ["Molinillo"],
        ["manual", "eléctrico"],
        ["Hario", "Bodum", "Porlex", "Timemore", "Baratza", "Comandante", "Oster", "Peabody",
         "Atma", "Philips"],
        ["de acero", "de cerámica", "de plástico"],
        ["30 g", "50 g", "100 g"],
    ),
    "Cafeteras": (
        ["Cafetera"],
        ["italiana", "de filtro", "de émbolo", "espresso", "de goteo", "de cápsulas", "eléctrica"],
        ["Bialetti", "Oster", "Peabody", "Philips", "Atma", "Smeg", "Moulinex", "Ilko"],
        ["1 taza", "3 tazas", "6 tazas", "9 tazas", "12 tazas"],
    ),
    "Accesorios/Filtros": (
        ["Filtros"],
        ["de papel", "de tela", "metálicos", "permanentes"],
        ["N°2", "N°4", "N°101", "N°102", "V60 01", "V60 02"],
        ["x40", "x80", "x100", "x200"],
    ),
    "Yerba": (
        ["Yerba mate"],
        ["Playadito", "Taragüi", "Rosamonte", "La Merced", "Amanda", "Cruz de Malta", "Unión",
         "CBSé", "Canarias", "Mañanita", "Nobleza Gaucha", "La Tranquera"],
        ["con palo", "sin palo", "suave", "barbacuá", "compuesta", "despalada"],
        ["500 g", "1 kg", "2 kg"],
    ),
}
MESSAGES = [
    "hola, quiero 2 cafés colombianos en grano y una taza grande de cerámica",
    "¿cuánto sale el molinillo manual Hario?",
    "where is my order 1043?",
    "necesito la factura del pedido 2051",
    "quiero hablar con alguien",
    "hola",
    "add two ethiopian coffees and a large mug",
    "dame una docena de filtros de papel N°4 y media docena de tazas chicas",
    "quiero el molinilo electrico baratza",
    "tenés yerba playadito suave de 1 kg?",
    "mi mail es ana@example.com y mi cel +54 9 11 2233-4455",
    "tengo el cupón VERANO20",
    "sacá la cafetera italiana bialetti del carrito",
    "cuánto me sale todo con envío?",
    "do you take credit cards?",
    "I want to pay with mercadopago",
    "confirmo el pedido",
    "la taza vino rota",
    "qué cafeteras tienen?",
    "3 x cafe brasilero molido medio 500 g",
    "tres cafeteras italianas bialetti y dos molinillos manuales hario",
    "quiero 2,5 kg de yerba playadito y -1 bombilla",
]


def catalog(size: int = CATALOG_SIZE) -> list[Product]:
    products = []
    for family, (category, parts) in enumerate(FAMILIES.items()):
        for number, words in enumerate(itertools.product(*parts)):
            sku = f"P{family}-{number:04d}"
            price = Money(Decimal(random.Random(sku).randint(1000, 90000)), "ARS")
            products.append(Product(sku, " ".join(words), price, "general", category=category))
    return random.Random(7).sample(products, size)


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def percentile(samples: list[float], share: float) -> float:
    return sorted(samples)[min(int(len(samples) * share), len(samples) - 1)]


def main() -> None:
    start_mb = resident_mb()
    started = time.perf_counter()
    train()
    print(f"training (no cache): {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory() as cache:
        load_or_train(cache_dir=Path(cache))
        started = time.perf_counter()
        model = load_or_train(cache_dir=Path(cache))
        print(f"loading the cached model: {(time.perf_counter() - started) * 1000:.0f} ms")

    products = catalog()
    started = time.perf_counter()
    parser = BuiltinParser(model, products, country="AR")  # the demo shop's business.country
    print(f"indexing {len(products)} products: {(time.perf_counter() - started) * 1000:.0f} ms")

    cold = [_timed(parser, message) for message in MESSAGES]
    warm = [_timed(parser, MESSAGES[i % len(MESSAGES)]) for i in range(PARSES)]
    print(f"parse latency, first time each message: p50 {statistics.median(cold):.3f} ms, "
          f"max {max(cold):.3f} ms")
    print(f"parse latency over {PARSES} parses: p50 {statistics.median(warm):.3f} ms, "
          f"p99 {percentile(warm, 0.99):.3f} ms")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resident memory: {resident_mb():.0f} MB, of which {resident_mb() - start_mb:.0f} MB "
          f"since the libraries were loaded (peak {peak_mb:.0f} MB)")

    held_out = load_training_data(HELD_OUT).examples
    for label, with_products in (("with the 2,000-product catalog", products), ("no catalog", [])):
        report = evaluate(BuiltinParser(model, with_products), held_out)
        print(f"held-out ({report.examples} examples, {label}): accuracy {report.accuracy:.3f}, "
              f"macro F1 {report.macro_f1:.3f}")


def _timed(parser: BuiltinParser, message: str) -> float:
    started = time.perf_counter()
    parser.parse(message)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
