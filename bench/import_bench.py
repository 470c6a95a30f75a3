"""Import of a generated 100,000-product CSV through `orderbot catalog import`:
wall time and peak memory of the importing process, on a fresh SQLite database
(or DATABASE_URL when set)."""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.catalog_csv import COLUMNS

CATEGORIES = ["Café/En grano", "Café/Molido", "Tazas", "Molinillos", "Cafeteras", "Accesorios"]


def generate(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for i in range(count):
            writer.writerow([f"GEN-{i:06d}", f"Producto número {i}", f"Descripción {i}, con ñ",
                             CATEGORIES[i % len(CATEGORIES)], f"{1000 + i % 9000}.{i % 100:02d}",
                             "iva21" if i % 4 else "iva105", str(i % 500),
                             f"origen=Colombia; lote={i}", ""])


def run_import(csv_path: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot", "catalog", "import", str(csv_path)],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(count: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "catalog.csv"
        generate(csv_path, count)
        env = {**os.environ, "ORDERBOT_CONFIG": str(Path("config.yml").resolve())}
        env.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.db")
        first = run_import(csv_path, env)
        again = run_import(csv_path, env)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"catalog import of {count:,} products ({csv_path.stat().st_size / 1e6:.1f} MB CSV)"
              f" on {env['DATABASE_URL'].split(':')[0]}")
        print(f"  first import (all new)      {first:6.1f} s")
        print(f"  second import (all updates) {again:6.1f} s")
        print(f"  peak memory of the importer {peak_mb:6.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
