import logging
from string import Formatter

import pytest

from dialogs.i18n import LANGUAGES, Catalogs, Translator
from domain import errors


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def all_messages() -> dict[str, dict[str, str]]:
    return {language: dict(Catalogs.default().messages(language)) for language in LANGUAGES}


def test_every_catalog_has_the_same_keys():
    keys = {language: set(messages) for language, messages in all_messages().items()}
    assert keys["es"] - keys["en"] == set()
    assert keys["en"] - keys["es"] == set()


def test_every_message_has_the_same_placeholders_in_every_language():
    messages = all_messages()
    different = {key: {language: placeholders(messages[language][key]) for language in LANGUAGES}
                 for key in messages["es"]
                 if len({frozenset(placeholders(messages[language].get(key, "")))
                         for language in LANGUAGES}) > 1}
    assert different == {}


def test_every_domain_error_has_a_message():
    codes = {error.code for error in vars(errors).values()
             if isinstance(error, type) and issubclass(error, errors.DomainError)
             and error is not errors.DomainError}
    assert codes >= {"invalid_value", "not_found", "out_of_stock", "quote_expired"}
    for language, messages in all_messages().items():
        assert {code for code in codes if f"errors.{code}" not in messages} == set(), language


def test_documents_and_menus_speak_the_customers_language():
    es, en = (Translator.for_language(language) for language in ("es", "en"))
    assert es.t("documents.invoice", letter="B") == "Factura B"
    assert en.t("documents.invoice", letter="B") == "Invoice B"
    assert es.t("documents.page", page=1, pages=2) == "Página 1 de 2"
    assert en.t("payment_methods.cash_on_delivery") == "Cash on delivery"
    assert es.t("buttons.yes") == "Sí"


def write_catalogs(directory, es: str, en: str) -> Catalogs:
    (directory / "es.yml").write_text(es, encoding="utf-8")
    (directory / "en.yml").write_text(en, encoding="utf-8")
    return Catalogs(directory)


def test_a_key_missing_in_one_language_falls_back_to_the_other_and_is_logged(tmp_path, caplog):
    catalogs = write_catalogs(tmp_path, "cart:\n  empty: Carrito vacío\n", "other: x\n")
    english = Translator.for_language("en", catalogs=catalogs)
    with caplog.at_level(logging.WARNING, logger="dialogs.i18n"):
        assert english.t("cart.empty") == "Carrito vacío"
    assert "cart.empty" in caplog.text


def test_a_key_in_no_catalog_shows_the_key_itself(tmp_path, caplog):
    spanish = Translator.for_language("es", catalogs=write_catalogs(tmp_path, "a: b\n", "a: b\n"))
    with caplog.at_level(logging.WARNING, logger="dialogs.i18n"):
        assert spanish.t("menu.nowhere", name="Ana") == "menu.nowhere"
    assert "menu.nowhere" in caplog.text


@pytest.mark.parametrize("template, params, shown", [
    ("Hola, {name}. Total: {total}", {"name": "Ana"}, "Hola, Ana. Total: {total}"),
    ("Hola {0} {", {"name": "Ana"}, "Hola {0} {"),
    ("{count:d} items", {"count": "tres"}, "{count:d} items"),
])
def test_missing_or_unfit_parameters_never_raise(tmp_path, template, params, shown):
    catalogs = write_catalogs(tmp_path, f"m: {template!r}\n", f"m: {template!r}\n")
    assert Translator.for_language("es", catalogs=catalogs).t("m", **params) == shown


def test_parameters_are_filled_in_but_never_interpreted_again():
    english = Translator.for_language("en")
    assert english.t("unknown_command", command="/{name}") == (
        "I don't know the command /{name}. /help shows what I can do.")


def test_catalogs_are_read_once(tmp_path):
    catalogs = write_catalogs(tmp_path, "a: uno\n", "a: one\n")
    assert catalogs.messages("es")["a"] == "uno"
    (tmp_path / "es.yml").write_text("a: dos\n", encoding="utf-8")
    assert catalogs.messages("es")["a"] == "uno"


def test_a_bare_yes_key_is_refused_with_a_hint(tmp_path):
    catalogs = write_catalogs(tmp_path, "buttons:\n  yes: Sí\n", "a: b\n")
    with pytest.raises(ValueError, match=r"quote the key buttons\.True"):
        catalogs.messages("es")


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        Translator.for_language("fr")
