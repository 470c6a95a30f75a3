from decimal import Decimal

import pytest

from bot.config import load_config


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("business.country", "XX", "not an ISO 3166 two-letter country code"),
        ("business.tax_id", "30-71654321-9", "not a valid CUIT for AR"),
        ("business.currency", "PESO", "not an ISO 4217 currency code"),
        ("business.locale", "xx_QQ", "not a known locale"),
        ("business.timezone", "America/Atlantis", "invalid timezone"),
        ("business.email", "hola-at-cafedelsur", "not a valid email address"),
        ("business.phone", "123", "not a valid phone number"),
        ("languages.default", "en_US", "input should be 'es' or 'en'"),
        ("taxes.categories.iva105.rate", 1, "less than 1"),
        ("taxes.categories.iva105.rate", "-0.01", "greater than or equal to 0"),
        ("taxes.categories.iva105.rate", "ten percent", "valid decimal"),
        ("taxes.shipping_category", "iva27", "'iva27' is not among the tax categories"),
        ("taxes.default_category", "exento", "'exento' is not among the tax categories"),
        ("shipping.flat_fee", "-1", "greater than or equal to 0"),
        ("invoicing.point_of_sale", 100000, "less than or equal to 99999"),
        ("invoicing.issue_on", "delivery", "'approval' or 'payment'"),
        ("invoicing.default_document_type", "C", "'C' is not among the document types"),
        ("quotes.validity_days", 91, "less than or equal to 90"),
        ("orders.approval", "manager", "'automatic' or 'staff'"),
        ("payments.methods.1", "bitcoin", "input should be 'mercadopago'"),
        ("payments.bank_transfer.cbu", "0070096200000412345670", "not a valid CBU"),
        ("payments.bank_transfer.tax_id", "20-1", "not a valid CUIT for AR"),
        ("payments.bank_transfer.alias", "no", "should match pattern"),
        ("staff.1.roles.0", "owner", "input should be 'admin', 'staff' or 'agent'"),
        ("staff.0.identities.0.channel", "sms", "'console', 'telegram' or 'whatsapp'"),
        ("channels.telegram.api_base_url", "api.telegram.org", "not an http(s) URL"),
        ("nlu.confidence_threshold", 2, "less than or equal to 1"),
        ("business.adress", "Defensa 1020", "unknown key (a typo?)"),
    ],
)
def test_a_bad_value_is_reported_at_its_yaml_path(demo, issues, path, value, expected, change):
    change(demo, path, value)

    found = issues(demo)

    yaml_path = path.replace(".0", "[0]").replace(".1", "[1]")
    assert list(found) == [yaml_path]
    assert expected in found[yaml_path]


def test_a_missing_key_is_reported_as_required(demo, issues):
    del demo["business"]["tax_id"]
    del demo["shipping"]

    assert issues(demo) == {"business.tax_id": "required", "shipping": "required"}


def test_every_error_is_reported_not_just_the_first(demo, issues, change):
    change(demo, "business.currency", "PESO")
    change(demo, "taxes.categories.iva105.rate", "1.05")
    change(demo, "staff.1.roles.0", "owner")
    change(demo, "channels.whatsapp.enabled", True)

    assert set(issues(demo)) == {
        "business.currency",
        "taxes.categories.iva105.rate",
        "staff[1].roles[0]",
        "channels.whatsapp.phone_number_id",
        "channels.whatsapp.access_token",
        "channels.whatsapp.app_secret",
        "channels.whatsapp.verify_token",
    }


def test_a_staff_identity_given_twice_is_reported_where_it_repeats(demo, issues, change):
    change(demo, "staff.2.identities.0.id", "admin")

    assert issues(demo) == {
        "staff[2].identities[0]": "console id 'admin' is already Marta Giménez's",
    }


def test_bank_transfer_needs_its_details_when_offered(demo, issues):
    del demo["payments"]["bank_transfer"]

    assert issues(demo) == {
        "payments.bank_transfer": "required when bank_transfer is among the methods",
    }


def test_a_payment_method_listed_twice_is_an_error(demo, issues, change):
    change(demo, "payments.methods", ["cash_on_delivery", "cash_on_delivery"])

    assert issues(demo) == {"payments.methods": "cash_on_delivery is listed twice"}


def test_mercadopago_without_its_token_is_not_an_error_only_not_offered(demo, write, change):
    change(demo, "payments.methods", ["mercadopago"])

    assert load_config(write(demo), {}).available_payment_methods == ()


def test_pickup_needs_an_address_when_enabled(demo, issues):
    del demo["shipping"]["pickup"]["address"]

    assert issues(demo) == {"shipping.pickup.address": "required when enabled"}


def test_credit_customers_tax_ids_are_checked_for_the_business_country(demo, issues, write):
    demo["payments"]["credit_terms"] = {"days": 30, "customers": ["30716543214", "20-1"]}

    found = issues(demo)

    assert list(found) == ["payments.credit_terms.customers[1]"]
    assert "not a valid CUIT for AR" in found["payments.credit_terms.customers[1]"]


def test_tax_ids_are_written_the_standard_way_of_the_country(demo, write, change):
    change(demo, "business.tax_id", "30716543214")
    demo["payments"]["credit_terms"] = {"days": 30, "customers": ["30 71654321 4"]}

    settings = load_config(write(demo), {})

    assert settings.business.tax_id == "30-71654321-4"
    assert settings.payments.credit_terms.customers == ("30-71654321-4",)


def test_a_mexican_business_has_its_rfc_checked(demo, write, issues, change):
    change(demo, "business.country", "MX")
    change(demo, "business.phone", "+52 55 1234 5678")
    change(demo, "business.tax_id", "MAB-930714-8T4")
    del demo["payments"]["bank_transfer"]["cbu"]
    change(demo, "payments.bank_transfer.tax_id", "MAB930714 8T4")
    assert load_config(write(demo), {}).payments.bank_transfer.tax_id == "MAB 930714 8T4"

    change(demo, "business.tax_id", "30-71654321-4")
    assert "not a valid RFC for MX" in issues(demo)["business.tax_id"]


def test_staff_chat_ids_are_normalized_as_each_channel_sends_them(demo, write):
    demo["staff"][0]["identities"] += [
        {"channel": "telegram", "id": 123456789},
        {"channel": "whatsapp", "id": "+54 9 11 2233-4455"},
    ]

    settings = load_config(write(demo), {})

    assert settings.staff_member("telegram", "123456789").name == "Marta Giménez"
    assert settings.staff_member("whatsapp", "5491122334455").name == "Marta Giménez"


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("taxes.categories.iva105.rate", "0.1050001", "more than 6 decimals"),
        ("shipping.flat_fee", "3500.001", "3500.001 has more decimals than ARS allows (2)"),
        ("shipping.free_above", "50000.125", "more decimals than ARS allows"),
        ("payments.cash_on_delivery.max_amount", "150000.5001", "more decimals than ARS"),
    ],
)
def test_a_value_storage_cannot_keep_exactly_is_reported_at_its_yaml_path(
        demo, issues, change, path, value, expected):
    change(demo, path, value)

    found = issues(demo)

    assert list(found) == [path] and expected in found[path]


def test_amounts_have_at_most_the_decimals_of_the_currency(demo, issues, write, change):
    change(demo, "business.currency", "CLP")
    change(demo, "shipping.flat_fee", "3500.00")
    demo["payments"]["credit_terms"] = {"days": 30, "max_amount": "500000.50"}
    change(demo, "payments.cash_on_delivery.max_amount", "150000.5")

    assert issues(demo) == {
        "payments.cash_on_delivery.max_amount": "150000.5 has more decimals than CLP allows (0)",
        "payments.credit_terms.max_amount": "500000.50 has more decimals than CLP allows (0)",
    }


def test_six_decimals_of_a_tax_rate_are_fine(demo, write, change):
    change(demo, "taxes.categories.iva105.rate", "0.105000")
    change(demo, "taxes.categories.iva21.rate", "0.123456")

    assert load_config(write(demo), {}).taxes.categories["iva21"].rate == Decimal("0.123456")


def test_amount_and_tax_id_errors_of_payments_are_reported_together(demo, issues):
    demo["payments"]["credit_terms"] = {"days": 30, "max_amount": "1.001", "customers": ["20-1"]}

    assert set(issues(demo)) == {"payments.credit_terms.max_amount",
                                 "payments.credit_terms.customers[0]"}


def test_a_tax_category_id_too_long_for_the_catalog_is_an_error(tmp_path):
    import yaml

    from bot.bootstrap import DEMO_CONFIG
    from bot.config import ConfigError, load_config
    data = yaml.safe_load(DEMO_CONFIG.read_text(encoding="utf-8"))
    data["taxes"]["categories"]["impuesto_al_valor_agregado"] = {"rate": "0.21", "label": "x"}
    path = tmp_path / "config.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_config(path, {})
    except ConfigError as error:
        assert any(issue.path == "taxes.categories" and "impuesto_al_valor_agregado"
                   in issue.message for issue in error.issues)
    else:
        raise AssertionError("a 26-character tax category id was accepted")
