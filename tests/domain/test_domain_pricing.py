"""Taxes, document totals and cart pricing: every document adds up to the cent."""

from datetime import timedelta
from decimal import Decimal

import pytest
from domain_strategies import (
    HEAVY_PROPERTY, NOW, PROPERTY, RATES, ars, cart_cases, half_up, policy, price,
    product,
)
from hypothesis import given
from hypothesis import strategies as st

from domain.catalog import PriceTier
from domain.documents import LineKind, compute_totals, credit_lines
from domain.errors import InvalidValue, NotFound, OutOfStock
from domain.invoice import DocumentKind, Invoice, Party
from domain.money import Money, minor_unit, total
from domain.order import Order
from domain.pricing import DeliveryMethod, ShippingRule
from domain.promotions import LineBase, Promotion, PromotionKind, PromotionScope
from domain.quote import Quote
from domain.taxes import TaxPolicy


def assert_adds_up(lines, currency: str, included: bool) -> None:
    totals = compute_totals(lines, currency)
    unit = minor_unit(currency)
    assert totals.total == total([line.gross for line in lines], currency)
    assert totals.net + totals.tax == totals.total
    assert total([b.base for b in totals.taxes], currency) == totals.net
    assert total([b.tax for b in totals.taxes], currency) == totals.tax
    assert len({b.rate for b in totals.taxes}) == len(totals.taxes)
    for money in (totals.subtotal, totals.discount, totals.shipping, totals.net, totals.tax):
        assert money.amount % unit == 0
    goods_and_shipping = totals.subtotal - totals.discount + totals.shipping
    if included:
        assert totals.total == goods_and_shipping
    else:
        assert totals.total == goods_and_shipping + totals.tax


# taxes ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("rate", ["-0.01", "1", "1.5"])
def test_a_tax_rate_outside_zero_to_one_is_refused(rate):
    with pytest.raises(InvalidValue):
        TaxPolicy({"iva": Decimal(rate)}, prices_include_tax=False)


def test_an_unknown_tax_category_is_refused():
    with pytest.raises(InvalidValue, match="unknown tax category"):
        policy(True).split(ars(100), "iva27")


@pytest.mark.parametrize("amount, category, tax", [
    ("100.00", "iva21", "21.00"), ("100.00", "iva105", "10.50"), ("0.05", "iva21", "0.01"),
    ("0.02", "iva21", "0.00"), ("123.45", "exento", "0.00"), ("0.10", "iva105", "0.01"),
])
def test_a_tax_excluded_amount_gets_its_tax_on_top_rounded_half_up(amount, category, tax):
    split = policy(False).split(ars(amount), category)
    assert (split.net, split.tax) == (ars(amount), ars(tax))


@pytest.mark.parametrize("amount, category, net, tax", [
    ("121.00", "iva21", "100.00", "21.00"), ("110.50", "iva105", "100.00", "10.50"),
    ("1.00", "iva21", "0.83", "0.17"), ("99.99", "exento", "99.99", "0.00"),
])
def test_a_tax_included_amount_is_split_into_net_and_tax(amount, category, net, tax):
    split = policy(True).split(ars(amount), category)
    assert (split.net, split.tax) == (ars(net), ars(tax))


@PROPERTY
@given(st.integers(0, 10**11), st.sampled_from(sorted(RATES)), st.booleans(),
       st.sampled_from(["ARS", "CLP"]))
def test_a_tax_split_always_adds_back_to_the_cent(n, category, included, currency):
    amount = Money(Decimal(n) * minor_unit(currency), currency)
    split = policy(included).split(amount, category)
    rate = RATES[category]
    assert split.net.amount >= 0 and split.tax.amount >= 0
    if included:
        assert split.gross == amount
        assert split.net.amount == half_up(amount.amount / (1 + rate), currency)
    else:
        assert split.net == amount
        assert split.tax.amount == half_up(amount.amount * rate, currency)


# priced carts ---------------------------------------------------------------------------------

@HEAVY_PROPERTY
@given(cart_cases())
def test_every_priced_cart_adds_up_to_the_cent(case):
    cart = case.priced()
    currency = case.catalog[0].price.currency
    assert_adds_up(cart.lines, currency, case.included)


@HEAVY_PROPERTY
@given(cart_cases())
def test_discounts_never_exceed_line_amounts_and_no_line_is_negative(case):
    cart = case.priced()
    currency = case.catalog[0].price.currency
    zero = Money.zero(currency)
    for line in cart.lines:
        assert zero <= line.discount <= line.list_amount
        assert line.amount >= zero and line.net >= zero and line.tax >= zero
        if line.kind is LineKind.SHIPPING:
            assert line.discount == zero
    assert total([p.amount for p in cart.promotions], currency) == \
        total([line.discount for line in cart.lines], currency)
    assert all(p.amount > zero for p in cart.promotions)


@HEAVY_PROPERTY
@given(cart_cases())
def test_each_line_is_priced_at_its_tier_and_taxed_at_its_own_rate(case):
    cart = case.priced()
    catalog = {p.sku: p for p in case.catalog}
    currency = case.catalog[0].price.currency
    quantities: dict[str, int] = {}
    for sku, qty in case.items:
        quantities[sku] = quantities.get(sku, 0) + qty
    products = [line for line in cart.lines if line.kind is LineKind.PRODUCT]
    assert [line.sku for line in products] == list(quantities)
    for line in cart.lines:
        rate = RATES[line.tax_category]
        assert line.tax_rate == rate
        if line.kind is LineKind.PRODUCT:
            item = catalog[line.sku]
            assert line.quantity == quantities[line.sku]
            assert line.unit_price == item.unit_price_for(line.quantity)
            assert line.list_amount == (line.unit_price * line.quantity).rounded()
        if case.included:
            assert line.net.amount == half_up(line.amount.amount / (1 + rate), currency)
        else:
            assert line.net == line.amount
            assert line.tax.amount == half_up(line.amount.amount * rate, currency)


@HEAVY_PROPERTY
@given(cart_cases())
def test_shipping_is_charged_unless_picked_up_or_the_goods_reach_free_above(case):
    cart = case.priced()
    currency = case.catalog[0].price.currency
    goods = total([ln.amount for ln in cart.lines if ln.kind is LineKind.PRODUCT], currency)
    rule = case.shipping
    free = (case.delivery is DeliveryMethod.PICKUP or rule.flat_fee == 0
            or (rule.free_above is not None and goods.amount >= rule.free_above))
    shipping = [line for line in cart.lines if line.kind is LineKind.SHIPPING]
    if free:
        assert shipping == []
    else:
        [line] = shipping
        assert line.amount == Money(rule.flat_fee, currency).rounded()
        assert line.tax_category == rule.tax_category and line.quantity == 1


def test_free_shipping_starts_exactly_at_free_above():
    rule = ShippingRule(Decimal("500"), Decimal("10000"), "iva21")
    at = price([("A", 1)], [product("A", "10000")], shipping=rule)
    below = price([("A", 1)], [product("A", "9999.99")], shipping=rule)
    assert [line.kind for line in at.lines] == [LineKind.PRODUCT]
    assert below.lines[-1].kind is LineKind.SHIPPING and below.lines[-1].amount == ars(500)


def test_free_shipping_is_judged_on_the_goods_after_discounts():
    rule = ShippingRule(Decimal("500"), Decimal("10000"), "iva21")
    promo = Promotion("10%", PromotionKind.PERCENT, Decimal(10), id=1)
    cart = price([("A", 1)], [product("A", "10000")], [promo], shipping=rule)
    assert cart.lines[-1].kind is LineKind.SHIPPING


def test_pickup_is_refused_when_the_shop_does_not_offer_it():
    rule = ShippingRule(Decimal("500"), None, "iva21", pickup_enabled=False)
    with pytest.raises(InvalidValue, match="pickup"):
        price([("A", 1)], [product("A")], shipping=rule, delivery=DeliveryMethod.PICKUP)


def test_the_same_sku_twice_in_a_cart_becomes_one_line_with_the_quantities_added():
    cart = price([("A", 2), ("B", 1), ("A", 3)], [product("A", "10"), product("B", "20")])
    assert [(line.sku, line.quantity) for line in cart.lines] == [("A", 5), ("B", 1)]


@pytest.mark.parametrize("items, error", [
    ([], InvalidValue), ([("A", 0)], InvalidValue), ([("A", -1)], InvalidValue),
    ([("A", 100_001)], InvalidValue), ([("A", 60_000), ("A", 60_000)], InvalidValue),
    ([("NOPE", 1)], NotFound), ([("OFF", 1)], NotFound), ([("FEW", 4)], OutOfStock),
])
def test_a_cart_with_a_bad_item_is_refused(items, error):
    catalog = [product("A"), product("OFF", active=False), product("FEW", stock_on_hand=3)]
    with pytest.raises(error):
        price(items, catalog)


def test_quotes_orders_and_invoices_of_the_same_lines_have_the_same_totals():
    cart = price([("A", 3), ("B", 7)],
                 [product("A", "1234.56"), product("B", "99.99", "iva105")],
                 shipping=ShippingRule(Decimal("350"), None, "iva21"))
    lines = list(cart.lines)
    quote = Quote(1, "ARS", lines, NOW, NOW + timedelta(days=7))
    order = Order(1, 1, "ARS", lines, "mercadopago", DeliveryMethod.DELIVERY, "Calle 1", "",
                  NOW)
    invoice = Invoice(DocumentKind.INVOICE, "B", 1, 1, 1, 1, Party("Shop", None, "x"),
                      Party("Ana", None, "y"), "ARS", lines, NOW)
    assert quote.totals == order.totals == invoice.totals
    assert_adds_up(lines, "ARS", included=True)


# volume tiers ---------------------------------------------------------------------------------

TIERED = dict(tiers=[PriceTier(50, Decimal("80")), PriceTier(10, Decimal("90")),
                     PriceTier(100, Decimal("85"))])


@pytest.mark.parametrize("quantity, unit_price", [
    (1, "100"), (9, "100"), (10, "90"), (49, "90"), (50, "80"), (99, "80"), (100, "80"),
    (5000, "80"),
])
def test_the_best_reached_volume_tier_sets_the_unit_price(quantity, unit_price):
    assert product("A", "100", **TIERED).unit_price_for(quantity) == ars(unit_price)


def test_a_tier_priced_above_the_list_price_never_raises_it():
    item = product("A", "100", tiers=[PriceTier(5, Decimal("120"))])
    assert item.unit_price_for(7) == ars(100)


def test_a_priced_line_charges_the_tier_price_times_the_quantity():
    [line] = price([("A", 12)], [product("A", "100", **TIERED)]).lines
    assert line.unit_price == ars(90) and line.list_amount == ars(1080)


@PROPERTY
@given(st.lists(st.tuples(st.integers(1, 200), st.integers(1, 20_000)), max_size=5),
       st.integers(1, 300), st.integers(1, 300))
def test_the_unit_price_never_rises_with_the_quantity(tiers, q1, q2):
    item = product("A", "100", tiers=[PriceTier(q, Decimal(c) / 100) for q, c in tiers])
    low, high = sorted((q1, q2))
    assert item.unit_price_for(high) <= item.unit_price_for(low) <= ars(100)
    reached = [Decimal(c) / 100 for q, c in tiers if q <= high]
    assert item.unit_price_for(high).amount == min([Decimal(100), *reached])


@pytest.mark.parametrize("tier_price", ["0", "-5"])
def test_a_volume_tier_with_a_price_that_is_not_positive_is_refused(tier_price):
    with pytest.raises(InvalidValue):
        product("A", "100", tiers=[PriceTier(10, Decimal(tier_price))])


# tax included vs tax excluded -----------------------------------------------------------------

NON_NESTED = ("Almacén", "Café", "Té")


@st.composite
def twin_catalogs(draw):
    """One catalog in net prices and percent promotions without conditions (see the test)."""
    net = []
    for i in range(draw(st.integers(1, 5))):
        tiers = [PriceTier(q, Decimal(draw(st.integers(1, 5_000_000))) / 100)
                 for q in draw(st.lists(st.integers(2, 60), max_size=2))]
        net.append(product(f"S{i}", Decimal(draw(st.integers(1, 5_000_000))) / 100,
                           draw(st.sampled_from(sorted(RATES))),
                           draw(st.sampled_from(NON_NESTED)), tiers=tiers))
    skus = [p.sku for p in net]
    promotions = []
    for i in range(draw(st.integers(0, 3))):
        scope = draw(st.sampled_from(PromotionScope))
        target = {PromotionScope.PRODUCT: st.sampled_from(skus),
                  PromotionScope.CATEGORY: st.sampled_from(NON_NESTED),
                  PromotionScope.ORDER: st.none()}[scope]
        promotions.append(Promotion(f"p{i}", PromotionKind.PERCENT,
                                    Decimal(draw(st.integers(1, 600))) / 10, scope, draw(target),
                                    stackable=draw(st.booleans()), id=i + 1))
    items = draw(st.lists(st.tuples(st.sampled_from(skus), st.integers(1, 120)),
                          min_size=1, max_size=6))
    fee = ShippingRule(Decimal(draw(st.integers(0, 900_000))) / 100, None,
                       draw(st.sampled_from(sorted(RATES))))
    return net, promotions, items, fee


def grossed(amount: Decimal, category: str) -> Decimal:
    return half_up(amount * (1 + RATES[category]), "ARS")


def gross_catalog(net_catalog):
    return [product(p.sku, grossed(p.price.amount, p.tax_category), p.tax_category, p.category,
                    tiers=[PriceTier(t.min_quantity, grossed(t.unit_price, p.tax_category))
                           for t in p.tiers])
            for p in net_catalog]


# The honest tolerance, in minor units u, for one line of quantity q at rate r:
#   q·ε + ½ + n·1.5·(2 + r)
# - ε = |gross unit price − net unit price × (1 + r)| ≤ ½u is the catalog's own rounding of the
#   gross unit price. The tax-included line charges q × that rounded price, so the error grows
#   with the quantity: "one minor unit per line" only holds for small quantities (the example
#   below: 5 cents on one line of 100 units). With exactly convertible prices ε = 0, and then
#   without promotions the two agree to the cent (the test after this one).
# - ½u: the tax-excluded line rounds its tax once.
# - each of the n percent promotions matching the line: the promotion's total is rounded (½u)
#   and then allocated over its lines (< 1u), in each convention; the excluded error is then
#   taxed, (1 + r) × 1.5u. Discounts only shrink the earlier errors (as long as the percents of
#   one level sum to at most 200%, hence at most 3 promotions ≤ 60%).
# Kept out on purpose, because the two conventions then legitimately disagree by more than
# rounding: fixed-amount promotions (a fixed 100 off is 100 gross in one and 100 net in the
# other), conditions and free_above thresholds (judged on gross in one, on net in the other) and
# nested categories (the best offer among overlapping ones compares gross against net amounts).
@HEAVY_PROPERTY
@given(twin_catalogs())
def test_tax_included_and_tax_excluded_pricing_agree_within_rounding(case):
    net_catalog, promotions, items, fee = case
    gross_fee = ShippingRule(grossed(fee.flat_fee, fee.tax_category), None, fee.tax_category)
    excluded = price(items, net_catalog, promotions, included=False, shipping=fee)
    included = price(items, gross_catalog(net_catalog), promotions, included=True,
                     shipping=gross_fee)
    assert [ln.sku for ln in excluded.lines] == [ln.sku for ln in included.lines]
    categories = {p.sku: p.category for p in net_catalog}
    unit = Decimal("0.01")
    allowed = Decimal(0)
    for ex, inc in zip(excluded.lines, included.lines):
        base = LineBase(ex.sku, categories.get(ex.sku, ""), ex.quantity, ex.list_amount)
        n = sum(1 for p in promotions if ex.kind is LineKind.PRODUCT and p.matches(base))
        epsilon = abs(inc.unit_price.amount - ex.unit_price.amount * (1 + ex.tax_rate)) / unit
        tolerance = ex.quantity * epsilon + Decimal("0.5") + n * Decimal("1.5") * (2 + ex.tax_rate)
        assert abs(inc.gross.amount - ex.gross.amount) / unit <= tolerance
        allowed += tolerance
    difference = compute_totals(included.lines, "ARS").total - \
        compute_totals(excluded.lines, "ARS").total
    assert abs(difference.amount) / unit <= allowed


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(sorted(RATES)), st.integers(1, 5000),
                          st.integers(1, 500)), min_size=1, max_size=6))
def test_exactly_convertible_prices_give_the_same_totals_to_the_cent(rows):
    # Net prices whose gross is a whole number of cents: 21% needs whole pesos, 10.5% pairs.
    step = {"iva21": 1, "iva105": 2, "exento": Decimal("0.01")}
    net = [product(f"S{i}", step[cat] * n, cat) for i, (cat, n, _) in enumerate(rows)]
    items = [(f"S{i}", q) for i, (_, _, q) in enumerate(rows)]
    excluded = compute_totals(price(items, net, included=False).lines, "ARS")
    included = compute_totals(price(items, gross_catalog(net), included=True).lines, "ARS")
    assert included.total == excluded.total
    assert included.tax == excluded.tax and included.net == excluded.net


def test_a_rounded_gross_unit_price_drifts_by_more_than_a_cent_on_a_large_quantity():
    net = [product("CLAVO", "0.05", "iva21")]            # gross 0.0605 rounds to 0.06
    excluded = price([("CLAVO", 100)], net, included=False).lines[0]
    included = price([("CLAVO", 100)], gross_catalog(net), included=True).lines[0]
    assert (excluded.gross, included.gross) == (ars("6.05"), ars("6.00"))


@HEAVY_PROPERTY
@given(cart_cases(), st.data())
def test_a_credit_note_for_any_part_of_an_invoice_adds_up_to_exactly_that_part(case, data):
    lines = list(case.priced().lines)
    currency = lines[0].net.currency
    invoiced = compute_totals(lines, currency).total
    cents = int(invoiced.amount / minor_unit(currency))
    part = Money(data.draw(st.integers(1, max(cents, 1))) * minor_unit(currency), currency)
    note = credit_lines(lines, min(part, invoiced), case.included)
    totals = compute_totals(note, currency)
    assert totals.total == min(part, invoiced)
    assert totals.net + totals.tax == totals.total
    assert all(line.net + line.tax == line.gross for line in note)
