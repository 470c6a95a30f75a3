"""The Rasa backend: POST /model/parse on a Rasa server, the built-in backend when it fails.

After a failure Rasa is left alone for `retry_after` seconds, so that a dead server costs one
timeout, not one per message.
"""

from __future__ import annotations

import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from typing import Any

from domain.catalog import Product
from nlu.builtin import BuiltinParser
from nlu.parser import has_words, prepare, wordless
from nlu.rasa_answer import parse_from_rasa
from nlu.result import Parse

log = logging.getLogger(__name__)
UNAVAILABLE = (OSError, http.client.HTTPException, ValueError, KeyError, TypeError)


class RasaParser:
    name = "rasa"

    def __init__(
        self,
        url: str,
        fallback: BuiltinParser,
        timeout: float = 5.0,
        confidence_threshold: float = 0.6,
        retry_after: float = 30.0,
    ) -> None:
        self.endpoint = url.rstrip("/") + "/model/parse"
        self.fallback = fallback
        self.timeout = timeout
        self.confidence_threshold = confidence_threshold
        self.retry_after = retry_after
        self._resting_until = 0.0

    def set_catalog(self, products: Iterable[Product]) -> None:
        self.fallback.set_catalog(products)

    def parse(self, text: str) -> Parse:
        text = prepare(text)
        if not has_words(text):
            return wordless(text)
        if time.monotonic() < self._resting_until:
            return self.fallback.parse(text)
        try:
            answer = self._ask(text)
            return parse_from_rasa(
                text, answer, self.fallback.catalog, self.confidence_threshold,
                self.fallback.country,
            )
        except UNAVAILABLE as error:
            log.warning("Rasa at %s failed (%r); using the built-in NLU", self.endpoint, error)
            self._resting_until = time.monotonic() + self.retry_after
            return self.fallback.parse(text)

    def _ask(self, text: str) -> dict[str, Any]:
        request = urllib.request.Request(
            self.endpoint,
            data=json.dumps({"text": text}).encode("utf-8"),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
        if not isinstance(answer, dict):
            raise ValueError(f"not a JSON object: {answer!r:.80}")
        return answer
