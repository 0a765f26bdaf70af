"""The two records the reading stage hands on: :class:`Article` and :class:`Problem`.

They have a module of their own so that :mod:`graph.formats` (which builds
Articles) and :mod:`graph.articles` (which reads files and reports Problems)
can both use them without importing each other. Callers import them from
:mod:`graph.articles`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Article", "Problem"]


@dataclass(frozen=True)
class Article:
    """One news article, normalised (NFC, ``\\n`` line ends, no control characters)."""

    id: str
    title: str
    text: str
    lang: str
    source: str
    date: str | None = None
    url: str | None = None
    # A plain dict keeps Articles picklable (multiprocessing); it is left out
    # of the hash so frozen Articles stay hashable. Treat it as read-only.
    metadata: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Problem:
    """An input that was skipped or only partly read; ``str()`` is the CLI line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
