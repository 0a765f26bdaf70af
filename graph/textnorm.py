"""Case- and accent-insensitive word forms, shared by the lexicon, the matcher and the rules."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=500_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a string.

    >>> fold("Sébastien"), fold("Außenminister")
    ('sebastien', 'aussenminister')
    """
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()
