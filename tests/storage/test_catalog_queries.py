"""Browsing the catalog, and what an importer needs to upsert many products by SKU."""

from storage_samples import product

from domain.catalog import Category


def stock_the_shelves(uow_factory):
    with uow_factory() as uow:
        for sku, category in [("GR-1", "Café/En grano"), ("MO-1", "Café/Molido"),
                              ("MO_2", "Café/Molido"), ("TAZ-1", "Tazas"), ("X-1", "")]:
            uow.catalog.add(product(sku, category=category))
        uow.catalog.add(old := product("GR-OLD", category="Café/En grano"))
        old.active = False
        uow.commit()


def skus(products):
    return [p.sku for p in products]


def test_a_category_lists_its_subcategories_products_too(uow_factory):
    stock_the_shelves(uow_factory)
    with uow_factory() as uow:
        assert skus(uow.catalog.list("Café")) == ["GR-1", "MO-1", "MO_2"]
        assert skus(uow.catalog.list(" Café / Molido ")) == ["MO-1", "MO_2"]
        assert skus(uow.catalog.list("Caf")) == []
        assert skus(uow.catalog.list("Café/En grano", active_only=False)) == ["GR-1", "GR-OLD"]
        assert skus(uow.catalog.list()) == ["X-1", "GR-1", "MO-1", "MO_2", "TAZ-1"]


def test_categories_form_a_tree_created_with_the_products(uow_factory):
    stock_the_shelves(uow_factory)
    with uow_factory() as uow:
        assert uow.catalog.categories() == [
            Category("Café"), Category("Café/En grano"), Category("Café/Molido"),
            Category("Tazas"),
        ]


def test_an_importer_finds_known_skus_and_updates_them_in_bulk(uow_factory):
    with uow_factory() as uow:
        for n in range(2000):
            uow.catalog.add(product(f"P-{n:05d}", category=f"Cat {n % 7}/Sub {n % 3}"))
        uow.commit()
    with uow_factory() as uow:
        assert len(uow.catalog.all_skus()) == uow.catalog.count() == 2000
        known = uow.catalog.by_skus([f"P-{n:05d}" for n in range(0, 2600, 2)])
        assert len(known) == 1000
        for found in known.values():
            found.set_price("999.99")
            found.set_stock(found.stock_on_hand + 1)
        uow.commit()
    with uow_factory() as uow:
        repriced = [p for p in uow.catalog.list() if str(p.price.amount) == "999.99"]
        assert len(repriced) == 1000 and {p.stock_on_hand for p in repriced} == {11}
        assert len(uow.catalog.categories()) == 7 + 21
