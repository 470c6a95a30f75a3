import pytest

from bot.config import ConfigError, load_config

TOKEN = "123456:AAF-the-real-bot-token"


def test_references_are_replaced_by_environment_values(demo, write, change):
    change(demo, "business.name", "${SHOP_NAME}")

    settings = load_config(write(demo), {"SHOP_NAME": "Café del Norte"})

    assert settings.business.name == "Café del Norte"


def test_a_reference_inside_a_longer_value_is_replaced_in_place(demo, write, change):
    change(demo, "payments.mercadopago.notification_url", "https://${HOST}/webhooks/mp")

    settings = load_config(write(demo), {"HOST": "shop.example.com"})

    assert settings.payments.mercadopago.notification_url == "https://shop.example.com/webhooks/mp"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, 14), ({"DAYS": ""}, 14), ({"DAYS": "30"}, 30)],
)
def test_a_default_applies_when_the_variable_is_unset_or_empty(
    demo, write, change, environ, expected
):
    change(demo, "quotes.validity_days", "${DAYS:-14}")

    assert load_config(write(demo), environ).quotes.validity_days == expected


@pytest.mark.parametrize("environ", [{}, {"MP_ACCESS_TOKEN": ""}])
def test_an_unset_or_empty_variable_makes_the_value_null(demo, write, environ, change):
    change(demo, "payments.mercadopago.notification_url", "https://${HOST}/mp")

    settings = load_config(write(demo), environ)

    assert settings.payments.mercadopago.access_token is None
    assert settings.payments.mercadopago.notification_url is None


def test_secrets_are_read_into_secret_strings(demo, write):
    settings = load_config(write(demo), {"MP_ACCESS_TOKEN": TOKEN})

    assert settings.payments.mercadopago.access_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings)


def test_values_from_the_environment_are_not_expanded_again(demo, write, change):
    change(demo, "business.name", "${SHOP_NAME}")

    settings = load_config(write(demo), {"SHOP_NAME": "${HOME}", "HOME": "/root"})

    assert settings.business.name == "${HOME}"


def test_a_malformed_reference_is_reported_where_it_is(demo, issues, change):
    change(demo, "channels.telegram.token", "${TELEGRAM BOT TOKEN}")

    assert "malformed" in issues(demo)["channels.telegram.token"]


def test_an_error_names_the_variable_the_value_needed(demo, issues, change):
    change(demo, "channels.telegram.enabled", True)

    assert issues(demo) == {
        "channels.telegram.token":
            "required when enabled (TELEGRAM_BOT_TOKEN not set in the environment)",
    }


def test_secrets_never_appear_in_error_messages(demo, write, change):
    change(demo, "channels.telegram.enabled", True)
    change(demo, "channels.whatsapp.enabled", True)
    environ = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": "not allowed: spaces!",
        "WHATSAPP_APP_SECRET": "whatsapp-app-secret",
    }

    with pytest.raises(ConfigError) as caught:
        load_config(write(demo), environ)

    text = str(caught.value) + repr(caught.value.issues)
    assert "channels.telegram.webhook_secret" in text
    for secret in environ.values():
        assert secret not in text
    assert caught.value.__context__ is None  # pydantic's own error would show the inputs
