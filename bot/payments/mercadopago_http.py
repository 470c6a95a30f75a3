"""The SDK's own HTTP client, sending to the configured API root instead of the one the SDK
has built in (a fake API in tests, a proxy in some deployments)."""

from __future__ import annotations

from typing import Any

import requests
from mercadopago import MPConnectionError
from mercadopago.config import Config
from mercadopago.http import HttpClient


class RootedHttpClient(HttpClient):
    """Rewrites the SDK's API root to `api_base_url`; transport failures (refused
    connection, timeout) become the SDK's MPConnectionError instead of escaping as
    `requests` exceptions."""

    def __init__(self, api_base_url: str) -> None:
        self.api_base_url = api_base_url.rstrip("/")
        self._sdk_root = Config().api_base_url

    def rooted(self, url: str) -> str:
        if url.startswith(self._sdk_root):
            return self.api_base_url + url[len(self._sdk_root):]
        return url

    def request(self, method: str, url: str, maxretries: int | None = None,
                retry_on: list[int] | None = None, backoff_factor: float | None = None,
                **kwargs: Any) -> dict[str, Any]:
        try:
            return super().request(method, self.rooted(url), maxretries=maxretries,
                                   retry_on=retry_on, backoff_factor=backoff_factor, **kwargs)
        except requests.RequestException as error:
            raise MPConnectionError(error) from error
