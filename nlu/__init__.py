"""Natural language understanding: intents and entities of customers' messages.

The dialogs build one parser with `create_parser(...)`, give it the catalog with
`parser.set_catalog(products)` whenever the catalog changes, and call `parser.parse(text)`.
"""

from nlu.factory import BACKENDS, create_parser
from nlu.parser import Parser
from nlu.result import Entity, IntentScore, Item, Parse
from nlu.vocabulary import EntityType, Intent

__all__ = [
    "BACKENDS", "Entity", "EntityType", "Intent", "IntentScore", "Item", "Parse", "Parser",
    "create_parser",
]
