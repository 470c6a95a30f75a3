"""Each module is one flow; importing them registers their handlers."""

from dialogs.flows import menu

__all__ = ["menu"]
