"""How this deployment runs: language understanding and the database."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bot.config.fields import Section, Text, WebUrl


class Nlu(Section):
    backend: Literal["builtin", "rasa"] = "builtin"
    rasa_url: WebUrl = "http://127.0.0.1:5005"
    timeout_seconds: float = Field(default=5.0, gt=0, le=60)
    confidence_threshold: float = Field(default=0.6, ge=0, le=1)  # below it, ask again


class Database(Section):
    url: Text | None = None  # None: the embedded SQLite file; DATABASE_URL overrides it
