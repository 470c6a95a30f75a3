"""Staff and the catalog and promotions: stock, prices, switching products, promo codes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from admin_helpers import AGENT, STAFF, audit_rows, placed

from domain.promotions import PromotionKind

SKU = "CAF-GR-COL-500"


def product(chat, sku: str = SKU):
    with chat.uow() as uow:
        return uow.catalog.get(sku)


def test_stock_is_listed_by_pages_shown_and_set(chat):
    listed = chat.say(STAFF, "/stock")
    assert "Stock (página 1)" in chat.texts(STAFF, listed)
    assert "página 2" in chat.texts(STAFF, chat.press(STAFF, chat.buttons(listed)["Siguiente"]))
    assert "reservados" in chat.texts(STAFF, chat.say(STAFF, f"/stock {SKU}"))
    chat.say(STAFF, f"/stock {SKU} 25")
    assert product(chat).stock_on_hand == 25
    [row] = audit_rows(chat)
    assert (row.action, row.subject, row.after["on_hand"]) == ("stock.set", f"product:{SKU}", 25)


def test_stock_cannot_go_below_what_orders_reserved(chat):
    placed(chat, items={SKU: 3})
    replies = chat.say(STAFF, f"/stock {SKU} 2")
    assert "por debajo de los 3 reservados" in chat.texts(STAFF, replies)
    assert product(chat).stock_reserved == 3 and audit_rows(chat) == []


def test_bad_stock_arguments_show_the_syntax(chat):
    for bad in (f"/stock {SKU} -4", f"/stock {SKU} 1.5", f"/stock {SKU} 1 2"):
        assert "/stock [SKU [cantidad]]" in chat.texts(STAFF, chat.say(STAFF, bad))
    assert "No existe el producto NOPE" in chat.texts(STAFF, chat.say(STAFF, "/stock NOPE 3"))


def test_price_set_is_exact(chat):
    chat.say(STAFF, f"/precio {SKU} 19999,90")
    assert product(chat).price.amount == Decimal("19999.90")
    assert "/precio SKU monto" in chat.texts(STAFF, chat.say(STAFF, f"/price {SKU} gratis"))
    assert "/precio SKU monto" in chat.texts(STAFF, chat.say(STAFF, f"/price {SKU} 0"))


def test_deactivated_products_are_not_sold_until_activated(chat):
    chat.say(STAFF, f"/desactivar {SKU}")
    assert product(chat).active is False
    chat.say(STAFF, f"/activate {SKU}")
    assert product(chat).active is True
    assert [row.action for row in audit_rows(chat)] == ["product.activate",
                                                        "product.deactivate"]


def test_a_percent_promo_until_a_day_with_a_minimum(chat):
    replies = chat.say(STAFF, "/promo crear VERANO 10% hasta 2027-01-31 min 5000")
    assert "Creé la promoción: VERANO · 10" in chat.texts(STAFF, replies)
    with chat.uow() as uow:
        promotion = uow.promotions.by_code("verano")
    zone = ZoneInfo("America/Argentina/Buenos_Aires")
    assert promotion.kind is PromotionKind.PERCENT and promotion.value == Decimal(10)
    assert promotion.ends_at == datetime(2027, 2, 1, tzinfo=zone)
    assert promotion.min_amount == Decimal(5000)
    assert audit_rows(chat)[0].action == "promo.create"


def test_a_fixed_promo_in_english_listed_and_disabled(chat):
    chat.say(STAFF, "/promo create WINTER 1500")
    with chat.uow() as uow:
        promotion = uow.promotions.by_code("WINTER")
    assert promotion.kind is PromotionKind.FIXED and promotion.value == Decimal(1500)
    assert "WINTER · $1.500,00" in chat.texts(STAFF, chat.say(STAFF, "/promos"))
    chat.say(STAFF, "/promo disable winter")
    with chat.uow() as uow:
        assert uow.promotions.by_code("WINTER").active is False
    again = chat.say(STAFF, "/promo desactivar WINTER")
    assert "ya estaba desactivada" in chat.texts(STAFF, again)


def test_bad_promotions_change_nothing(chat):
    with chat.uow() as uow:
        before = len(uow.promotions.all())
    for bad in ("/promo crear X 10%", "/promo crear OTRA 150%", "/promo crear OTRA 10% hasta ayer",
                "/promo crear OTRA 10% min", "/promo", "/promo borrar NAVIDAD"):
        assert "Así se usa" in chat.texts(STAFF, chat.say(STAFF, bad)), bad
    assert "Ya existe" in chat.texts(STAFF, chat.say(STAFF, "/promo crear navidad 5%"))
    old = chat.say(STAFF, "/promo crear OLD 5% hasta 2020-01-01")
    assert "antes de hoy" in chat.texts(STAFF, old)
    assert "No existe una promoción" in chat.texts(STAFF, chat.say(STAFF, "/promo disable NOPE"))
    agent = chat.say(AGENT, "/promo crear A1 5%")
    assert "No conozco el comando /promo" in chat.texts(AGENT, agent)
    with chat.uow() as uow:
        assert len(uow.promotions.all()) == before
