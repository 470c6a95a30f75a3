from decimal import Decimal

from stdnum.ar import cbu, cuit

from bot.config import Settings, load_config


def test_the_demo_shop_is_valid_without_any_environment_variable(demo_path):
    assert isinstance(load_config(demo_path, environ={}), Settings)


def test_the_demo_shop_is_an_argentine_business_with_both_iva_rates(demo_path):
    settings = load_config(demo_path, environ={})

    assert settings.business.country == "AR"
    assert cuit.is_valid(settings.business.tax_id)
    assert (settings.business.currency, settings.business.locale) == ("ARS", "es_AR")
    assert settings.business.timezone.key == "America/Argentina/Buenos_Aires"
    assert {name: c.rate for name, c in settings.taxes.categories.items()} == {
        "iva21": Decimal("0.21"), "iva105": Decimal("0.105"),
    }
    assert settings.taxes.prices_include_tax
    assert settings.shipping.flat_fee == Decimal("3500.00")
    assert settings.shipping.free_above == Decimal("50000.00")
    assert set(settings.invoicing.document_types) == {"A", "B"}
    assert cbu.is_valid(settings.payments.bank_transfer.cbu)


def test_mercadopago_is_offered_only_once_its_access_token_is_set(demo_path):
    without = load_config(demo_path, environ={})
    with_token = load_config(demo_path, environ={"MP_ACCESS_TOKEN": "APP_USR-1"})

    assert without.available_payment_methods == ("bank_transfer", "cash_on_delivery")
    assert with_token.available_payment_methods == (
        "mercadopago", "bank_transfer", "cash_on_delivery",
    )


def test_the_console_can_act_as_each_staff_role(demo_path):
    settings = load_config(demo_path, environ={})

    for role in ("admin", "staff", "agent"):
        assert role in settings.staff_member("console", role).roles
    assert settings.staff_member("console", "ana") is None
    assert settings.staff_member("telegram", "admin") is None


def test_database_url_comes_from_the_environment_when_set(demo_path):
    assert load_config(demo_path, environ={}).database.url is None
    url = "postgresql+psycopg://shop@127.0.0.1/shop"
    assert load_config(demo_path, environ={"DATABASE_URL": url}).database.url == url
