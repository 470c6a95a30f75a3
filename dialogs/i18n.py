"""What the bot says, in the customer's language: message catalogs and Babel formatting.

Catalogs are nested YAML (dialogs/locales/<language>.yml and <language>/*.yml) addressed with dotted keys
("cart.empty") and filled with `str.format` named placeholders. Nothing here raises on a
missing key or parameter: a customer gets a slightly worse sentence, the log gets a warning.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_currency, format_decimal, format_percent

from domain.money import Money

LANGUAGES = ("es", "en")
DEFAULT_LOCALES = {"es": "es_AR", "en": "en_US"}
LOCALES_DIR = Path(__file__).with_name("locales")

# CLDR asks for a space between a currency code and the digits ("ARS 12,500.00");
# Babel leaves that rule out and writes "ARS12,500.00".
_CODE_AGAINST_DIGIT = re.compile(r"(?<=[A-Z]{3})(?=[\d-])|(?<=\d)(?=[A-Z]{3})")

log = logging.getLogger(__name__)


class Catalogs:
    """The catalogs of one directory, each read once and flattened to dotted keys."""

    def __init__(self, directory: Path = LOCALES_DIR) -> None:
        self.directory = directory
        self._loaded: dict[str, dict[str, str]] = {}

    @staticmethod
    @cache
    def default() -> Catalogs:
        return Catalogs()

    def messages(self, language: str) -> Mapping[str, str]:
        """`<language>.yml` and every `<language>/*.yml` (one file per flow), merged."""
        if language not in self._loaded:
            paths = [self.directory / f"{language}.yml",
                     *sorted((self.directory / language).glob("*.yml"))]
            merged: dict[str, str] = {}
            for path in paths:
                data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                messages = flatten(data, source=path.name)
                clash = merged.keys() & messages.keys()
                if clash:
                    raise ValueError(f"{path.name} repeats keys: {', '.join(sorted(clash))}")
                merged.update(messages)
            self._loaded[language] = merged
        return self._loaded[language]


def flatten(tree: Mapping[str, object], source: str, prefix: str = "") -> dict[str, str]:
    messages: dict[str, str] = {}
    for name, value in tree.items():
        if not isinstance(name, str):  # YAML reads a bare yes, no, on or off as a boolean
            raise ValueError(f"{source}: quote the key {prefix}{name!r}")
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            messages.update(flatten(value, source, f"{key}."))
        elif isinstance(value, str):
            messages[key] = value
        else:
            raise ValueError(f"{source}: {key} must be text or a group of texts")
    return messages


class _KeepMissing(dict[str, object]):
    """Parameters for format_map: an absent one stays as its placeholder and is logged."""

    def __missing__(self, name: str) -> str:
        log.warning("message parameter %r was not given", name)
        return f"{{{name}}}"


def fill(template: str, params: Mapping[str, object]) -> str:
    try:
        return template.format_map(_KeepMissing(params))
    except (ValueError, IndexError, AttributeError, TypeError, KeyError):
        log.warning("message %r could not be filled with %s", template, sorted(params))
        return template


def locale_for(language: str, business_locale: str) -> Locale:
    """The business's own locale for its language (es_MX stays es_MX), a default otherwise."""
    business = Locale.parse(business_locale)
    return business if business.language == language else Locale.parse(DEFAULT_LOCALES[language])


@dataclass(frozen=True)
class Translator:
    """Texts and formats for one language; dates shown in the business time zone."""

    language: str
    locale: Locale
    timezone: tzinfo = UTC
    catalogs: Catalogs = field(default_factory=Catalogs.default)

    @classmethod
    def for_language(cls, language: str, business_locale: str = "es_AR",
                     timezone: tzinfo = UTC, catalogs: Catalogs | None = None) -> Translator:
        if language not in LANGUAGES:
            raise ValueError(f"no messages in {language!r}; languages: {', '.join(LANGUAGES)}")
        return cls(language, locale_for(language, business_locale), timezone,
                   catalogs or Catalogs.default())

    def t(self, key: str, **params: object) -> str:
        return fill(self._template(key), params)

    def _template(self, key: str) -> str:
        fallbacks = [language for language in LANGUAGES if language != self.language]
        for language in (self.language, *fallbacks):
            template = self.catalogs.messages(language).get(key)
            if template is not None:
                if language != self.language:
                    log.warning("message %r is missing in %s", key, self.language)
                return template
        log.warning("message %r is in no catalog", key)
        return key

    def money(self, money: Money) -> str:
        text = format_currency(money.rounded().amount, money.currency, locale=self.locale)
        return _CODE_AGAINST_DIGIT.sub("\xa0", text)

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def percent(self, rate: Decimal) -> str:
        """0.105 → "10,5%" (es_AR) or "10.5%" (en_US): every decimal the rate has is kept."""
        return format_percent(rate, locale=self.locale, decimal_quantization=False)

    def date(self, moment: dt.datetime) -> str:
        return format_date(self._local(moment).date(), "medium", locale=self.locale)

    def datetime(self, moment: dt.datetime) -> str:
        """The medium date with the short time, joined the locale's way."""
        local = self._local(moment)
        date = format_date(local.date(), "medium", locale=self.locale)
        time = format_time(local, "short", locale=self.locale)
        return str(get_datetime_format("medium", locale=self.locale)).format(time, date)

    def _local(self, moment: dt.datetime) -> dt.datetime:
        """Naive datetimes are UTC, as the domain stores them."""
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return aware.astimezone(self.timezone)


@cache
def translator(language: str, business_locale: str = "es_AR",
               timezone: tzinfo = UTC) -> Translator:
    """The translator of a language, made once; a language without messages gets the first
    one's (a platform may name any)."""
    known = language if language in LANGUAGES else LANGUAGES[0]
    return Translator.for_language(known, business_locale, timezone)
