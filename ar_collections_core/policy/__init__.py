"""The collection policy: the bounds an admin sets, and the decisions taken within them."""

from .settings import TONES, CollectionPolicy, tone_rank

__all__ = ["TONES", "CollectionPolicy", "tone_rank"]
