"""config.yml: the business and how this deployment runs, validated with pydantic."""

from bot.config.errors import ConfigError, ConfigIssue
from bot.config.loader import load_config
from bot.config.settings import Settings

__all__ = ["ConfigError", "ConfigIssue", "Settings", "load_config"]
