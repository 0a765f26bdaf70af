"""Helpers for the extraction rule tests: run one short text and check its triples."""
from __future__ import annotations

from functools import cache

from graph.articles import Article
from graph.extract import extract


@cache
def relations(lang: str, text: str) -> tuple:
    """The relations extracted from a one-off article holding ``text`` (cached: extraction is pure)."""
    ex = extract(Article(id="x", title="t", text=text, lang=lang, source="x.txt", date="2024-05-10"))
    return tuple(ex.relations)


def triples(lang: str, text: str) -> frozenset:
    """(subject, predicate, object) of every relation of ``text``."""
    return frozenset((r.subject, r.predicate, r.object) for r in relations(lang, text))


def has(lang, text, *expected):
    got = triples(lang, text)
    for t in expected:
        assert t in got, f"{t} not in {sorted(got)} for {text!r}"


def lacks(lang, text, *unexpected):
    got = triples(lang, text)
    for t in unexpected:
        assert t not in got, f"{t} unexpectedly in {sorted(got)} for {text!r}"
