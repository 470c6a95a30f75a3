"""The demo shop: a believable Argentine coffee catalog, loaded only into an empty one."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from storage_samples import SHIPPING, TAXES

from domain.money import Money
from domain.pricing import CartItem, DeliveryMethod, price_cart
from domain.promotions import PromotionContext
from storage.demo import load_demo

ARGENTINE_TAXES = {"iva21", "iva105", "exento"}


def test_the_demo_catalog_is_loaded_once(uow_factory):
    with uow_factory() as uow:
        assert load_demo(uow, "ARS", ARGENTINE_TAXES) is True
        uow.commit()
    with uow_factory() as uow:
        assert load_demo(uow, "ARS", ARGENTINE_TAXES) is False
        products = uow.catalog.list(active_only=False)
        promotions = uow.promotions.all()
    assert 18 <= len(products) <= 25
    assert {p.tax_category for p in products} == {"iva21", "iva105"}
    assert {p.price.currency for p in products} == {"ARS"}
    assert any(p.price.amount != p.price.amount.to_integral_value() for p in products)
    assert any(p.tiers for p in products) and all(p.stock_on_hand > 0 for p in products)
    assert {p.code for p in promotions} == {"BIENVENIDA", "NAVIDAD", None}


def test_a_first_order_of_three_bags_of_beans_gets_the_welcome_and_volume_discounts(
        uow_factory):
    with uow_factory() as uow:
        load_demo(uow, "ARS", ARGENTINE_TAXES)
        uow.commit()
    with uow_factory() as uow:
        catalog = uow.catalog.by_skus(["CAF-GR-COL-500"])
        promotions = uow.promotions.all()
    priced = price_cart(
        [CartItem("CAF-GR-COL-500", 3)], catalog, promotions,
        PromotionContext(datetime(2026, 6, 1, tzinfo=UTC), code="bienvenida"),
        TAXES, SHIPPING, DeliveryMethod.DELIVERY,
    )
    assert priced.lines[0].unit_price == Money(Decimal("17500.00"), "ARS")
    assert [p.label for p in priced.promotions] == [
        "5% llevando 3 o más cafés en grano", "BIENVENIDA"]
    assert priced.code_refusal is None


@pytest.mark.parametrize(("currency", "tax_categories"), [
    ("CLP", ARGENTINE_TAXES), ("ARS", {"iva21"}), ("ARS", {"general", "reducido"}),
])
def test_the_demo_is_not_loaded_into_a_shop_it_does_not_fit(uow_factory, currency,
                                                            tax_categories):
    with uow_factory() as uow:
        assert load_demo(uow, currency, tax_categories) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.catalog.count() == 0 and uow.promotions.all() == []
