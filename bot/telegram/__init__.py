"""The Telegram channel over the Bot API (aiogram 3): updates in, replies out, long polling."""
