"""Offline German/English language identification for news articles.

The pipeline only distinguishes German from English, so a full language
identifier would be overkill. Function words are the most reliable signal in
short news paragraphs: every sentence contains several of them, and the two
lists below share no entries. German-only letters (ä, ö, ü, ß) add extra
evidence for German. English is the defined answer when there is no evidence
or a tie, because it is the pipeline's default language.
"""

from __future__ import annotations

import re

__all__ = ["SUPPORTED_LANGUAGES", "detect_language", "language_scores", "normalize_language_tag"]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("de", "en")

# Words that exist in both languages ("in", "an", "so", "was", "war", "will",
# "also", "am", "man", "hat", "bin", "gift") are deliberately missing: they
# would turn an English article about "war" into German evidence.
_GERMAN_WORDS = frozenset(
    """
    der die das des dem den und ist sind nicht kein keine keinen ein eine einen
    einem einer eines mit von vom zu zum zur auf für über unter bei beim aus
    nach wie oder aber auch noch nur schon sehr mehr sich sie er es wir ihr ihre
    ihren ihrem ihrer sein seine seinen seinem seiner wird werden wurde wurden
    worden hatte hatten haben habe sei seien dass daß wenn weil damit dann ob
    diese dieser dieses diesen diesem durch gegen ohne soll sollen sollte kann
    können könnte muss müssen bereits sowie jedoch zwischen sagte sagten laut
    seit bis heute gibt gab dabei denn doch etwa rund weitere weiteren neue neuen
    um ins im einem hier dort vor zurück gegenüber sowohl mehrere unsere unser
    """.split()
)

_ENGLISH_WORDS = frozenset(
    """
    the a of and to is are was were be been being that this these those with
    for on by from at as it its has have had not no which who whom whose would
    could should may might must can their they them he she his her we our us
    you your but or if because while when where what than then there into over
    after before about against between under during through said says also
    more most other some such only very new one two three been will just
    """.split()
) - {"will", "also", "was"}

# Words are runs of letters; digits and underscores split them.
_WORD_RE = re.compile(r"[^\W\d_]+")
_GERMAN_LETTERS_RE = re.compile(r"[äöüßÄÖÜ]")

# Three windows (start, middle, end) keep detection O(1) on huge inputs while
# still seeing more than one region of a concatenated or mixed file.
_WINDOW = 60_000

# A German-only letter is weaker evidence than a function word: names such as
# "Müller" appear in English articles too.
_LETTER_WEIGHT = 0.25


def _sample(text: str) -> str:
    if len(text) <= 3 * _WINDOW:
        return text
    middle = len(text) // 2
    return "\n".join(
        (text[:_WINDOW], text[middle - _WINDOW // 2 : middle + _WINDOW // 2], text[-_WINDOW:])
    )


def language_scores(text: str) -> dict[str, float]:
    """Return the evidence for each supported language in ``text``.

    The score of a language is the number of its function words in (a sample
    of) the text; German also gets a quarter point per German-only letter.
    Useful for callers that want to judge how confident a detection is.
    """
    sample = _sample(text)
    german = english = 0
    for word in _WORD_RE.findall(sample.lower()):
        if word in _GERMAN_WORDS:
            german += 1
        elif word in _ENGLISH_WORDS:
            english += 1
    letters = len(_GERMAN_LETTERS_RE.findall(sample))
    return {"de": german + _LETTER_WEIGHT * letters, "en": float(english)}


def detect_language(text: str) -> str:
    """Return ``"de"`` or ``"en"`` for ``text``, without network or models.

    German wins only with strictly more evidence than English; an empty text,
    a text without evidence (numbers, names) or a tie gives ``"en"``. Mixed
    texts get the language of the majority of their function words. Inputs of
    any size are fine: long texts are sampled.
    """
    scores = language_scores(text)
    return "de" if scores["de"] > scores["en"] else "en"


_TAG_ALIASES = {
    "de": "de",
    "deu": "de",
    "ger": "de",
    "german": "de",
    "deutsch": "de",
    "en": "en",
    "eng": "en",
    "english": "en",
    "englisch": "en",
}


def normalize_language_tag(tag: object) -> str | None:
    """Map a declared language (``"de-DE"``, ``"en_US"``, ``"German"``) to ``"de"``/``"en"``.

    Returns None for anything else (other languages, empty or non-string
    values), so the caller can fall back to :func:`detect_language`.
    """
    if not isinstance(tag, str):
        return None
    primary = re.split(r"[-_\s]", tag.strip().lower(), maxsplit=1)[0]
    return _TAG_ALIASES.get(primary)
