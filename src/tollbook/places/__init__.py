"""Place resolution: written place names to p-coded units of a gazetteer and their hierarchy."""

from tollbook.places.gazetteer import Gazetteer, InMemoryGazetteer, default_gazetteer
from tollbook.places.names import fold_key, name_key

__all__ = ["Gazetteer", "InMemoryGazetteer", "default_gazetteer", "fold_key", "name_key"]
