"""The catalogue's models. State changes go through `gongkai.catalogue.actions`, never `.save()` elsewhere."""

from .catalogue import Catalogue, Column, IndexNumberSequence, Workflow
from .events import ItemEvent
from .items import Attachment, CheckRun, Item, Review

__all__ = [
    "Attachment",
    "Catalogue",
    "CheckRun",
    "Column",
    "IndexNumberSequence",
    "Item",
    "ItemEvent",
    "Review",
    "Workflow",
]
