"""Every aggregate comes back as it was stored, and changes made by its own methods stick."""

from datetime import timedelta
from decimal import Decimal

from storage_samples import (
    NOW,
    customer,
    invoice,
    order,
    payment,
    product,
    promotion,
    quote,
    shipment,
    state,
    ticket,
)

from domain.money import Money
from domain.order import FulfillmentStatus
from domain.shipment import ShipmentStatus


def stored(uow_factory, repository, aggregate):
    with uow_factory() as uow:
        getattr(uow, repository).add(aggregate)
        uow.commit()
    return aggregate


def reloaded(uow_factory, repository, key):
    with uow_factory() as uow:
        return getattr(uow, repository).get(key)


def changed(uow_factory, repository, key, change):
    with uow_factory() as uow:
        aggregate = getattr(uow, repository).get(key)
        change(aggregate)
        uow.commit()
    return aggregate


def an_order(uow_factory):
    ana = stored(uow_factory, "customers", customer())
    products = [stored(uow_factory, "catalog", product("CAF-1")),
                stored(uow_factory, "catalog", product("TAZ-1", category="Tazas"))]
    the_quote = stored(uow_factory, "quotes", quote(ana.id, products))
    return stored(uow_factory, "orders", order(the_quote))


def test_a_customer_comes_back_with_addresses_and_identities(uow_factory):
    ana = stored(uow_factory, "customers", customer())
    assert state(reloaded(uow_factory, "customers", ana.id)) == state(ana)

    def move_and_link(c):
        c.add_address("Defensa 1020, San Telmo")
        c.link("telegram", "123456789")
        c.update(email="ana.perez@example.com", language="en")

    after = changed(uow_factory, "customers", ana.id, move_and_link)
    assert state(reloaded(uow_factory, "customers", ana.id)) == state(after)
    assert after.addresses[-1] == "Defensa 1020, San Telmo"


def test_a_product_comes_back_with_tiers_features_and_stock(uow_factory):
    coffee = stored(uow_factory, "catalog", product())
    assert state(reloaded(uow_factory, "catalog", coffee.sku)) == state(coffee)

    def sell_some(p):
        p.reserve(4)
        p.set_price("19990.50")
        p.features["tueste"] = "medio"

    after = changed(uow_factory, "catalog", coffee.sku, sell_some)
    again = reloaded(uow_factory, "catalog", coffee.sku)
    assert state(again) == state(after)
    assert (again.stock_reserved, again.price, again.features["tueste"]) == \
        (4, Money.of("19990.50", "ARS"), "medio")


def test_a_promotion_comes_back_and_counts_its_uses(uow_factory):
    christmas = stored(uow_factory, "promotions", promotion())
    assert state(reloaded(uow_factory, "promotions", christmas.id)) == state(christmas)

    after = changed(uow_factory, "promotions", christmas.id, lambda p: p.record_use())
    assert reloaded(uow_factory, "promotions", christmas.id).uses == after.uses == 1


def test_a_quote_comes_back_with_lines_promotions_and_status(uow_factory):
    ana = stored(uow_factory, "customers", customer())
    the_quote = stored(uow_factory, "quotes", quote(ana.id, [product()]))
    assert state(reloaded(uow_factory, "quotes", the_quote.id)) == state(the_quote)
    assert the_quote.promotions and the_quote.totals.discount.amount > 0

    after = changed(uow_factory, "quotes", the_quote.id, lambda q: q.accept(NOW))
    again = reloaded(uow_factory, "quotes", the_quote.id)
    assert state(again) == state(after)
    assert again.totals == the_quote.totals


def test_an_order_comes_back_and_keeps_its_three_statuses(uow_factory):
    placed = an_order(uow_factory)
    assert state(reloaded(uow_factory, "orders", placed.id)) == state(placed)

    def approve_and_pay(o):
        o.approve()
        o.set_fulfillment(FulfillmentStatus.PREPARING)
        o.add_payment(Money.of("1000.50", "ARS"))

    after = changed(uow_factory, "orders", placed.id, approve_and_pay)
    again = reloaded(uow_factory, "orders", placed.id)
    assert state(again) == state(after)
    assert again.amount_paid == Decimal("1000.50")


def test_an_invoice_comes_back_with_parties_lines_and_totals(uow_factory):
    placed = an_order(uow_factory)
    issued = stored(uow_factory, "invoices", invoice(placed))
    again = reloaded(uow_factory, "invoices", issued.id)
    assert state(again) == state(issued)
    assert again.totals == placed.totals

    after = changed(uow_factory, "invoices", issued.id, lambda i: i.mark_paid())
    assert state(reloaded(uow_factory, "invoices", issued.id)) == state(after)


def test_a_payment_comes_back_and_its_refund_sticks(uow_factory):
    placed = an_order(uow_factory)
    paid = stored(uow_factory, "payments", payment(placed.id))
    assert state(reloaded(uow_factory, "payments", paid.id)) == state(paid)

    def approve_and_refund(p):
        p.approve(NOW)
        p.refund(Money.of("345.67", "ARS"), NOW + timedelta(days=1))

    after = changed(uow_factory, "payments", paid.id, approve_and_refund)
    assert state(reloaded(uow_factory, "payments", paid.id)) == state(after)


def test_a_shipment_comes_back_with_its_picking(uow_factory):
    placed = an_order(uow_factory)
    parcel = stored(uow_factory, "shipments", shipment(placed.id))
    with uow_factory() as uow:
        assert state(uow.shipments.for_order(placed.id)) == state(parcel)
        loaded = uow.shipments.for_order(placed.id)
        loaded.check_item("CAF-GR-COL-500", 3)
        loaded.check_item("TAZ-1", 2)
        loaded.mark_ready()
        loaded.dispatch("Andreani", "AND-0001", NOW)
        uow.commit()
    with uow_factory() as uow:
        again = uow.shipments.for_order(placed.id)
    assert state(again) == state(loaded)
    assert again.status is ShipmentStatus.DISPATCHED and again.missing == {}


def test_a_ticket_comes_back_with_its_conversation(uow_factory):
    placed = an_order(uow_factory)
    help_me = stored(uow_factory, "tickets", ticket(placed.customer_id, placed.id))
    assert state(reloaded(uow_factory, "tickets", help_me.id)) == state(help_me)

    def answer(t):
        t.assign("sofia")
        t.add_message("agent", "sofia", "Te las enviamos mañana.", NOW + timedelta(hours=1))
        t.resolve(NOW + timedelta(hours=2))
        t.rate(5, "¡Gracias!")

    after = changed(uow_factory, "tickets", help_me.id, answer)
    again = reloaded(uow_factory, "tickets", help_me.id)
    assert state(again) == state(after)
    assert [m.author for m in again.messages] == ["customer", "agent"]
