"""Updates as the Bot API sends them (getUpdates results, webhook bodies), for tests.

Shapes and field values follow https://core.telegram.org/bots/api#update: a private chat's
id is the person's user id; ids of files are opaque strings; dates are Unix times.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DATE = 1_717_171_717
BOT = {"id": 123456789, "is_bot": True, "first_name": "Orderbot", "username": "orderbot_test_bot"}


@dataclass(frozen=True)
class Person:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None

    def user(self) -> dict[str, Any]:
        optional = {"last_name": self.last_name, "username": self.username,
                    "language_code": self.language_code}
        return {"id": self.id, "is_bot": False, "first_name": self.first_name,
                **{key: value for key, value in optional.items() if value is not None}}

    def chat(self) -> dict[str, Any]:
        optional = {"last_name": self.last_name, "username": self.username}
        return {"id": self.id, "first_name": self.first_name, "type": "private",
                **{key: value for key, value in optional.items() if value is not None}}


ANA = Person(5_210_007_311, "Ana", "García", "anagarcia", "es")
JOHN = Person(6_013_552_090, "John", None, None, "en")
GROUP = {"id": -1_001_234_567_890, "title": "Compras oficina", "type": "supergroup"}


def message_update(update_id: int, content: dict[str, Any], person: Person = ANA,
                   chat: dict[str, Any] | None = None, message_id: int = 1365,
                   kind: str = "message") -> dict[str, Any]:
    """An update of `kind` carrying a message with `content` (text, photo, contact…)."""
    message = {"message_id": message_id, "from": person.user(), "chat": chat or person.chat(),
               "date": DATE, **content}
    return {"update_id": update_id, kind: message}


def text_update(update_id: int, text: str, person: Person = ANA, **where: Any) -> dict[str, Any]:
    entities = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    command = {"entities": entities} if text.startswith("/") else {}
    return message_update(update_id, {"text": text, **command}, person, **where)


def edited_text_update(update_id: int, text: str, person: Person = ANA) -> dict[str, Any]:
    return message_update(update_id, {"text": text, "edit_date": DATE + 60}, person,
                          kind="edited_message")


def contact_update(update_id: int, phone: str, person: Person = ANA) -> dict[str, Any]:
    contact = {"phone_number": phone, "first_name": person.first_name, "user_id": person.id}
    if person.last_name:
        contact["last_name"] = person.last_name
    return message_update(update_id, {"contact": contact}, person)


def location_update(update_id: int, lat: float, lon: float,
                    person: Person = ANA) -> dict[str, Any]:
    return message_update(update_id, {"location": {"latitude": lat, "longitude": lon}}, person)


def photo_update(update_id: int, file_id: str, file_size: int, caption: str | None = None,
                 person: Person = ANA) -> dict[str, Any]:
    """The largest size is `file_id`; Telegram lists smaller thumbnails first."""
    sizes = [{"file_id": f"{file_id}-{side}", "file_unique_id": f"AQADs{side}",
              "file_size": file_size * side // 1280, "width": side, "height": side * 3 // 4}
             for side in (90, 320, 800)]
    sizes.append({"file_id": file_id, "file_unique_id": "AQADsFull", "file_size": file_size,
                  "width": 1280, "height": 960})
    return message_update(update_id, {"photo": sizes, **_caption(caption)}, person)


def document_update(update_id: int, file_id: str, file_name: str, mime_type: str,
                    file_size: int | None, caption: str | None = None,
                    person: Person = ANA) -> dict[str, Any]:
    document = {"file_name": file_name, "mime_type": mime_type, "file_id": file_id,
                "file_unique_id": "AgADdoc1"}
    if file_size is not None:
        document["file_size"] = file_size
    return message_update(update_id, {"document": document, **_caption(caption)}, person)


def sticker_update(update_id: int, person: Person = ANA) -> dict[str, Any]:
    sticker = {"file_id": "CAACAgIAAxkBAAIBsticker", "file_unique_id": "AgADsticker",
               "type": "regular", "width": 512, "height": 512, "is_animated": False,
               "is_video": False, "emoji": "👍"}
    return message_update(update_id, {"sticker": sticker}, person)


def callback_update(update_id: int, data: str, person: Person = ANA,
                    query_id: str | None = None) -> dict[str, Any]:
    """A press on an inline button of a message the bot sent earlier."""
    message = {"message_id": 1366, "from": BOT, "chat": person.chat(), "date": DATE,
               "text": "¿Qué querés hacer?",
               "reply_markup": {"inline_keyboard": [[{"text": "Ver catálogo",
                                                      "callback_data": data}]]}}
    query = {"id": query_id or f"{person.id}{update_id}", "from": person.user(),
             "message": message, "chat_instance": "-8523519184283453112", "data": data}
    return {"update_id": update_id, "callback_query": query}


def chat_member_update(update_id: int, old: str, new: str,
                       person: Person = ANA) -> dict[str, Any]:
    """The bot's own status in a private chat: "kicked" when the person blocks it."""
    change = {"chat": person.chat(), "from": person.user(), "date": DATE,
              "old_chat_member": {"user": BOT, "status": old, **_until(old)},
              "new_chat_member": {"user": BOT, "status": new, **_until(new)}}
    return {"update_id": update_id, "my_chat_member": change}


def _caption(caption: str | None) -> dict[str, str]:
    return {"caption": caption} if caption is not None else {}


def _until(status: str) -> dict[str, int]:
    return {"until_date": 0} if status == "kicked" else {}
