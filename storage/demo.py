"""The demo shop's catalog and promotions: Café del Sur, a coffee shop in San Telmo."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from decimal import Decimal

from domain.catalog import PriceTier, Product
from domain.money import Money
from domain.promotions import Promotion, PromotionKind, PromotionScope
from storage.uow import SqlUnitOfWork

CURRENCY = "ARS"
TAX_CATEGORIES = frozenset({"iva21", "iva105"})

# sku, name, category, price (IVA included), tax category, stock, features, description
PRODUCTS = [
    ("CAF-GR-COL-500", "Café en grano Colombia Supremo 500 g", "Café/En grano", "18450.00",
     "iva21", 60, "origen=Colombia; tueste=medio; notas=chocolate y caramelo; peso=500 g",
     "Granos de altura del Huila, dulces y balanceados. Ideal para espresso y filtrado."),
    ("CAF-GR-ETI-250", "Café en grano Etiopía Yirgacheffe 250 g", "Café/En grano", "14200.00",
     "iva21", 35, "origen=Etiopía; tueste=claro; notas=jazmín y cítricos; peso=250 g",
     "Lavado, floral y brillante. Brilla en V60 y Chemex."),
    ("CAF-GR-BRA-1000", "Café en grano Brasil Santos 1 kg", "Café/En grano", "26990.50",
     "iva21", 40, "origen=Brasil; tueste=medio-oscuro; notas=nuez y cacao; peso=1 kg",
     "Cuerpo redondo y baja acidez, para la cafetera de todos los días."),
    ("CAF-GR-CASA-500", "Blend de la Casa en grano 500 g", "Café/En grano", "15750.00",
     "iva21", 80, "origen=Brasil y Colombia; tueste=medio; notas=dulce de leche; peso=500 g",
     "El café que servimos en la barra de Defensa 1020."),
    ("CAF-MO-COL-250", "Café molido Colombia 250 g", "Café/Molido", "9890.00", "iva21", 70,
     "origen=Colombia; molienda=media; peso=250 g", "Molienda media para filtro y prensa."),
    ("CAF-MO-ESP-250", "Café molido Espresso 250 g", "Café/Molido", "10450.00", "iva21", 55,
     "origen=Brasil; molienda=fina; peso=250 g", "Molienda fina para cafetera espresso."),
    ("CAF-MO-DESC-250", "Café molido Descafeinado 250 g", "Café/Molido", "11300.00", "iva21",
     25, "origen=Colombia; proceso=agua suiza; molienda=media; peso=250 g",
     "Todo el sabor, sin cafeína, descafeinado sin químicos."),
    ("TAZ-CER-300", "Taza de cerámica Café del Sur 300 ml", "Tazas", "6500.00", "iva21", 48,
     "material=cerámica; capacidad=300 ml; color=terracota",
     "Hecha a mano en Córdoba, con nuestro logo."),
    ("TAZ-ESP-X2", "Set de 2 pocillos de espresso con plato", "Tazas", "8900.00", "iva21", 30,
     "material=porcelana; capacidad=80 ml; unidades=2", "Porcelana blanca de paredes gruesas."),
    ("TAZ-TER-350", "Vaso térmico de acero 350 ml", "Tazas", "16990.00", "iva21", 22,
     "material=acero inoxidable; capacidad=350 ml; tapa=antiderrame",
     "Mantiene el café caliente 3 horas."),
    ("MOL-MAN-CER", "Molinillo manual de muelas cerámicas", "Molinillos", "39990.00", "iva21",
     15, "muelas=cerámica; ajuste=18 posiciones; capacidad=30 g",
     "Portátil y silencioso, de espresso a prensa francesa."),
    ("MOL-ELE-CON", "Molinillo eléctrico de muelas cónicas", "Molinillos", "149990.00",
     "iva21", 6, "muelas=acero cónicas; potencia=150 W; ajuste=40 posiciones",
     "Molienda pareja y regulable para todos los métodos."),
    ("CAFT-ITA-6", "Cafetera italiana 6 tazas", "Cafeteras", "32500.00", "iva21", 18,
     "material=aluminio; capacidad=6 tazas; hornalla=gas y eléctrica",
     "La moka clásica de la casa de la abuela."),
    ("CAFT-PRE-600", "Prensa francesa 600 ml", "Cafeteras", "24990.00", "iva21", 20,
     "material=vidrio y acero; capacidad=600 ml", "Cuerpo pleno en cuatro minutos."),
    ("CAFT-V60-02", "Dripper V60 02 de cerámica", "Cafeteras", "21750.00", "iva21", 14,
     "material=cerámica; tamaño=02; tazas=1 a 4", "Para filtrados limpios y aromáticos."),
    ("CAFT-EXP-15", "Cafetera espresso 15 bar", "Cafeteras", "289999.99", "iva21", 4,
     "presión=15 bar; potencia=1350 W; vaporizador=sí",
     "Espresso y leche texturizada en casa."),
    ("ACC-FIL-100", "Filtros de papel V60 02 x 100", "Accesorios", "4590.00", "iva21", 120,
     "tamaño=02; unidades=100; color=blanco", "Papel sin blanquear con cloro."),
    ("ACC-BAL-01", "Balanza digital con timer", "Accesorios", "27800.00", "iva21", 12,
     "precisión=0,1 g; máximo=2 kg; timer=sí", "Para medir dosis y tiempos de extracción."),
    ("ACC-PAV-600", "Pava eléctrica cuello de cisne 600 ml", "Accesorios", "65400.00",
     "iva21", 9, "capacidad=600 ml; temperatura=regulable; potencia=1000 W",
     "Vertido preciso para métodos de filtrado."),
    ("PAN-MED-X6", "Medialunas de manteca x 6", "Panadería", "5400.00", "iva105", 30,
     "unidades=6; elaboración=del día", "Horneadas cada mañana en nuestra cocina."),
    ("PAN-GAL-AVE", "Galletitas de avena y miel 250 g", "Panadería", "3950.00", "iva105", 40,
     "peso=250 g; sin conservantes=sí", "Crocantes, para acompañar el café."),
]

TIERS = {
    "CAF-GR-COL-500": [PriceTier(3, Decimal("17500.00")), PriceTier(6, Decimal("16900.00"))],
    "ACC-FIL-100": [PriceTier(5, Decimal("4200.00"))],
}

UNTIL_2026 = datetime(2027, 1, 1, 3, tzinfo=UTC)  # end of 2026-12-31 in Buenos Aires


def demo_products() -> list[Product]:
    return [
        Product(sku=sku, name=name, category=category, price=Money.of(price, CURRENCY),
                tax_category=tax, stock_on_hand=stock, features=_features(features),
                description=description, tiers=TIERS.get(sku, []))
        for sku, name, category, price, tax, stock, features, description in PRODUCTS
    ]


def demo_promotions() -> list[Promotion]:
    return [
        Promotion("Bienvenida: 10% en tu primera compra", PromotionKind.PERCENT, Decimal(10),
                  code="BIENVENIDA", first_order_only=True, max_uses_per_customer=1),
        Promotion("Navidad: 15% en compras desde $30.000", PromotionKind.PERCENT, Decimal(15),
                  code="NAVIDAD", ends_at=UNTIL_2026, min_amount=Decimal("30000.00")),
        Promotion("5% llevando 3 o más cafés en grano", PromotionKind.PERCENT, Decimal(5),
                  scope=PromotionScope.CATEGORY, target="Café/En grano", min_quantity=3),
        Promotion("$2.000 de descuento en molinillos", PromotionKind.FIXED, Decimal("2000.00"),
                  scope=PromotionScope.CATEGORY, target="Molinillos"),
    ]


def load_demo(uow: SqlUnitOfWork, currency: str, tax_categories: Collection[str]) -> bool:
    """Add the demo catalog and promotions if the catalog is empty and the shop can sell
    them: in CURRENCY, with TAX_CATEGORIES among its own. True if it did; the caller
    commits."""
    fits = currency == CURRENCY and TAX_CATEGORIES <= set(tax_categories)
    if not fits or uow.catalog.count():
        return False
    for product in demo_products():
        uow.catalog.add(product)
    for promotion in demo_promotions():
        uow.promotions.add(promotion)
    return True


def _features(text: str) -> dict[str, str]:
    pairs = (part.split("=", 1) for part in text.split("; "))
    return {key.strip(): value.strip() for key, value in pairs}
