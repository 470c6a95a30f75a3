"""Files people send: fetched from the Graph API after the webhook was acknowledged."""

from __future__ import annotations

import asyncio
import logging
import mimetypes

from bot.received import MAX_KEPT_BYTES, sniffed_type
from bot.whatsapp.graph import GraphApi, GraphError
from bot.whatsapp.updates import MediaRef
from dialogs.contract import Attachment
from dialogs.ports import FileStore

UNKNOWN_TYPE = "application/octet-stream"
log = logging.getLogger(__name__)


class MediaFetcher:
    """Keeps what a person sent in the file store; its type is told by its first bytes.
    Files past MAX_KEPT_BYTES stay on Meta's servers, named "whatsapp:<media id>"."""

    def __init__(self, graph: GraphApi, files: FileStore) -> None:
        self.graph, self.files = graph, files

    async def __call__(self, ref: MediaRef) -> Attachment:
        try:
            info = await self.graph.media_info(ref.media_id)
            content = None if info.size > MAX_KEPT_BYTES else \
                await self.graph.download(info.url, MAX_KEPT_BYTES)
        except GraphError as error:
            if error.status >= 500:
                raise  # Meta may serve it later: the update is read again
            log.warning("WhatsApp media %s could not be fetched: %s", ref.media_id, error)
            return self._left_there(ref, 0)
        if content is None:
            return self._left_there(ref, max(info.size, MAX_KEPT_BYTES + 1))
        path = await asyncio.to_thread(self.files.save, self._name(ref), content)
        return Attachment(path, sniffed_type(content), len(content), ref.caption)

    @staticmethod
    def _left_there(ref: MediaRef, size: int) -> Attachment:
        return Attachment(f"whatsapp:{ref.media_id}", UNKNOWN_TYPE, size, ref.caption)

    @staticmethod
    def _name(ref: MediaRef) -> str:
        if ref.filename:
            return ref.filename
        extension = mimetypes.guess_extension(ref.mime_type.split(";")[0].strip()) or ""
        return f"whatsapp-{ref.media_id}{extension}"
