"""What the database itself refuses, whatever the code above it does."""

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from storage_samples import customer, invoice, order, payment, product, promotion, quote

from storage.schema import products


def an_order(uow):
    ana = customer()
    uow.customers.add(ana)
    coffee = product()
    uow.catalog.add(coffee)
    the_quote = quote(ana.id, [coffee])
    uow.quotes.add(the_quote)
    the_order = order(the_quote)
    uow.orders.add(the_order)
    return the_order


def test_two_invoices_cannot_share_a_number_in_a_series(uow_factory):
    with uow_factory() as uow:
        the_order = an_order(uow)
        uow.invoices.add(invoice(the_order, number=7))
        uow.commit()
    with uow_factory() as uow, pytest.raises(IntegrityError, match="series"):
        uow.invoices.add(invoice(uow.orders.get(the_order.id), number=7))


def test_the_same_number_in_another_series_is_fine(uow_factory):
    with uow_factory() as uow:
        the_order = an_order(uow)
        uow.invoices.add(invoice(the_order, number=7))
        credit_note = invoice(the_order, number=7)
        credit_note.letter = "A"
        uow.invoices.add(credit_note)
        uow.commit()
    with uow_factory() as uow:
        assert [i.series for i in uow.invoices.for_order(the_order.id)] == \
            ["invoice:B:0001", "invoice:A:0001"]


def test_a_provider_reference_is_recorded_once_per_method(uow_factory):
    with uow_factory() as uow:
        the_order = an_order(uow)
        uow.payments.add(payment(the_order.id, reference="MP-1"))
        uow.payments.add(payment(the_order.id, reference=None))
        uow.payments.add(payment(the_order.id, reference=None))
        uow.commit()
    with uow_factory() as uow:
        assert uow.payments.by_reference("mercadopago", "MP-1").order_id == the_order.id
        with pytest.raises(IntegrityError):
            uow.payments.add(payment(the_order.id, reference="MP-1"))


def test_a_chat_identity_belongs_to_one_customer(uow_factory):
    with uow_factory() as uow:
        uow.customers.add(customer("Ana Pérez", channel_id="42"))
        uow.commit()
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.customers.add(customer("Beto Gómez", channel_id="42"))


def test_a_promotion_code_is_unique(uow_factory):
    with uow_factory() as uow:
        uow.promotions.add(promotion("NAVIDAD"))
        uow.promotions.add(promotion(None))
        uow.promotions.add(promotion(None))
        uow.commit()
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.promotions.add(promotion("navidad "))


def test_a_quote_becomes_at_most_one_order(uow_factory):
    with uow_factory() as uow:
        the_order = an_order(uow)
        uow.commit()
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.orders.add(order(uow.quotes.get(the_order.quote_id)))


@pytest.mark.parametrize("on_hand, reserved", [(5, 6), (5, -1)])
def test_stock_can_never_be_oversold_or_negative(uow_factory, on_hand, reserved):
    with uow_factory() as uow:
        uow.catalog.add(product())
        uow.commit()
    with uow_factory() as uow, pytest.raises(IntegrityError, match="stock"):
        uow.session.execute(update(products).values(stock_on_hand=on_hand,
                                                    stock_reserved=reserved))
