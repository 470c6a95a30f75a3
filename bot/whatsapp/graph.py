"""A small Graph API client for the Cloud API: send a message, upload and fetch media."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp

TIMEOUT = aiohttp.ClientTimeout(total=60, connect=10)
T = TypeVar("T")


class GraphError(Exception):
    """The Graph API answered with an error: {"error": {"message", "type", "code", ...}}."""

    def __init__(self, status: int, error: dict[str, Any]) -> None:
        data = error.get("error_data")
        self.status = status
        self.code = error.get("code") if isinstance(error.get("code"), int) else None
        self.subcode = error.get("error_subcode")
        self.title = str(error.get("message") or "")
        self.details = data.get("details") if isinstance(data, dict) else None
        self.fbtrace_id = error.get("fbtrace_id")
        super().__init__(f"HTTP {status}, code {self.code}: {self.title}"
                         + (f" ({self.details})" if self.details else ""))


@dataclass(frozen=True, slots=True)
class MediaInfo:
    url: str
    mime_type: str
    size: int


class GraphApi:
    """One aiohttp session, opened in the running loop on first use."""

    def __init__(self, base_url: str, phone_number_id: str, access_token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.phone_number_id = phone_number_id
        self._headers = {"Authorization": f"Bearer {access_token}"}
        self._session: aiohttp.ClientSession | None = None

    async def send_message(self, payload: dict[str, Any]) -> str:
        """The wamid Meta gave the message."""
        answer = await self._json("POST", f"{self.base_url}/{self.phone_number_id}/messages",
                                  json=payload)
        return str(_field(answer, lambda a: a["messages"][0]["id"]))

    async def upload_media(self, content: bytes, filename: str, mime_type: str) -> str:
        form = aiohttp.FormData()
        form.add_field("messaging_product", "whatsapp")
        form.add_field("type", mime_type)
        form.add_field("file", content, filename=filename, content_type=mime_type)
        answer = await self._json("POST", f"{self.base_url}/{self.phone_number_id}/media",
                                  data=form)
        return str(_field(answer, lambda a: a["id"]))

    async def media_info(self, media_id: str) -> MediaInfo:
        answer = await self._json("GET", f"{self.base_url}/{media_id}")
        return _field(answer, lambda a: MediaInfo(str(a["url"]), str(a.get("mime_type") or ""),
                                                  int(a.get("file_size") or 0)))

    async def download(self, url: str, limit: int) -> bytes | None:
        """The file at a media URL (it wants the bearer token too); None past `limit` bytes."""
        async with self._open().get(url, headers=self._headers) as response:
            if response.status >= 400:
                raise GraphError(response.status, await _error_of(response))
            content = bytearray()
            async for chunk in response.content.iter_chunked(1 << 16):
                content += chunk
                if len(content) > limit:
                    return None
            return bytes(content)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            asyncio.get_running_loop()  # a session belongs to the loop it is made in
            self._session = aiohttp.ClientSession(timeout=TIMEOUT)
        return self._session

    async def _json(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        async with self._open().request(method, url, headers=self._headers,
                                        **kwargs) as response:
            if response.status >= 400:
                raise GraphError(response.status, await _error_of(response))
            answer = await response.json(content_type=None)
            if not isinstance(answer, dict):
                raise GraphError(response.status, {"message": f"unexpected answer {answer!r}"})
            return answer


def _field(answer: dict[str, Any], read: Callable[[dict[str, Any]], T]) -> T:
    """What `read` finds in a successful answer; an answer not shaped as documented is an
    error of its own (status 200, no code)."""
    try:
        return read(answer)
    except (KeyError, IndexError, TypeError, ValueError):
        raise GraphError(200, {"message": f"unexpected answer {str(answer)[:200]}"}) from None


async def _error_of(response: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        body = await response.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError):
        return {"message": response.reason or ""}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {"message": str(body)[:200]}
