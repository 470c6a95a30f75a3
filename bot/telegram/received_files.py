"""Photos and documents people send: fetched from the Bot API and kept in the file store."""

from __future__ import annotations

import logging
from typing import Protocol

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from bot.received import sniffed_type
from dialogs.contract import Attachment
from dialogs.ports import FileStore

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files
UNKNOWN_TYPE = "application/octet-stream"
log = logging.getLogger(__name__)


class TelegramFile(Protocol):
    """What a PhotoSize and a Document have in common."""

    file_id: str
    file_unique_id: str
    file_size: int | None


async def received_file(bot: Bot, files: FileStore, file: TelegramFile, name: str,
                        caption: str | None) -> Attachment:
    """The file kept under `name`, its type told by its bytes. One the Bot API will not hand
    over is only named (telegram:<file_id>) with its size, so the dialogs refuse it."""
    if file.file_size is not None and file.file_size > MAX_DOWNLOAD_BYTES:
        return _too_big(file, file.file_size, caption)
    try:
        found = await bot.get_file(file.file_id)
    except TelegramBadRequest as error:
        if "too big" not in error.message:
            raise
        return _too_big(file, MAX_DOWNLOAD_BYTES + 1, caption)
    if found.file_path is None:
        return _too_big(file, found.file_size or MAX_DOWNLOAD_BYTES + 1, caption)
    downloaded = await bot.download_file(found.file_path)
    assert downloaded is not None  # a BytesIO, rewound, when no destination is given
    content = downloaded.read()
    return Attachment(files.save(name, content), sniffed_type(content), len(content), caption)


def _too_big(file: TelegramFile, size: int, caption: str | None) -> Attachment:
    log.info("Telegram file %s of %d bytes is over the download limit", file.file_unique_id, size)
    return Attachment(f"telegram:{file.file_id}", UNKNOWN_TYPE, size, caption)
