"""The shape every article format shares once it is plain text.

A news text is a headline, optionally a dateline (``June 9, 2023 | By …``)
and a repeated headline, the body, and trailing metadata lines (``source:
<url>``, ``date: …``, tags). :func:`split_article` separates these parts,
:func:`build_article` turns them into an :class:`~graph.records.Article` with
its :func:`content_id` and language. :func:`find_date` recognises calendar
dates in German and English spellings. The parsers in :mod:`graph.formats`
reduce their markup to plain text and then use these helpers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from graph.decoding import clean_text
from graph.language import detect_language
from graph.records import Article

__all__ = [
    "URL_RE", "Parts", "build_article", "content_id", "dateline_date", "find_date", "one_line",
    "short_title", "split_article",
]


def one_line(raw: str) -> str:
    """``raw`` cleaned (:func:`~graph.decoding.clean_text`) and joined into one line."""
    return " ".join(clean_text(raw).split())


def content_id(title: str, text: str) -> str:
    """Stable article id: first 16 hex digits of SHA-256 of NFC ``title + "\\n" + text``."""
    digest = hashlib.sha256()
    # NFC never composes across "\n", so the parts can be normalised and
    # hashed one by one; chunks avoid a second copy of a huge text.
    for part in (unicodedata.normalize("NFC", title), "\n", unicodedata.normalize("NFC", text)):
        for start in range(0, len(part), 1 << 20):
            digest.update(part[start : start + (1 << 20)].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- dates

_MONTHS = {
    "january": 1, "jan": 1, "januar": 1, "jänner": 1, "february": 2, "feb": 2, "februar": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3, "mär": 3, "april": 4, "apr": 4, "may": 5,
    "mai": 5, "june": 6, "jun": 6, "juni": 6, "july": 7, "jul": 7, "juli": 7, "august": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12, "dezember": 12, "dez": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (  # (regex, group order as year, month, day)
    (re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)"), (1, 2, 3)),
    (re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"), (3, 2, 1)),
    (re.compile(r"(?<!\d)(\d{1,2})\.?\s*" + _MONTH + r",?\s+(\d{4})(?!\d)", re.I), (3, 2, 1)),
    (
        re.compile(r"(?<!\w)" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I),
        (3, 1, 2),
    ),
)


def _find_date_span(text: str) -> tuple[str, int, int] | None:
    found: list[tuple[int, int, str]] = []
    for pattern, (y, m, d) in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match.group(m)
            month_no = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                day = dt.date(int(match.group(y)), month_no, int(match.group(d)))
            except ValueError:
                continue
            if 1900 <= day.year <= 2100:
                found.append((match.start(), match.end(), day.isoformat()))
                break
    if not found:
        return None
    start, end, iso = min(found)
    return iso, start, end


def find_date(text: str) -> str | None:
    """Return the first calendar date in ``text`` as ``YYYY-MM-DD``, or None.

    Understands ISO dates (also inside timestamps), ``28.09.2023``,
    ``9. Juni 2023``, ``9 June 2023`` and ``June 9, 2023``.
    """
    found = _find_date_span(text)
    return found[0] if found else None


# ---------------------------------------------------------------- headline, dateline, trailer

_WORD_RE = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", '"', "“", "”", "«", "»")
URL_RE = re.compile(r"(?:https?://|www\.)\S+\Z", re.I)
_TRAILER_RE = re.compile(
    r"(?P<key>source|quelle|url|link|date|datum|published|tags?|category|kategorie|rubrik)\s*:\s*(?P<value>\S.*)\Z",
    re.I,
)
_TAG_RE = re.compile(r"#?(?=[\w-]*[^\W\d_])\w[\w\-/+]*\Z")
_HEADING_MARKS_RE = re.compile(r"^#{1,6}\s+|\s+#+$")
_MAX_TITLE = 300


def _next_line(text: str, pos: int) -> tuple[str | None, int]:
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end == -1 else end
        line = text[pos:end].strip()
        if line:
            return line, end + 1
        pos = end + 1
    return None, len(text)


def _prev_line(text: str, end: int, low: int) -> tuple[str | None, int]:
    while end > low:
        newline = text.rfind("\n", low, end)
        start = low if newline == -1 else newline + 1
        line = text[start:end].strip()
        new_end = low if newline == -1 else newline
        if line:
            return line, new_end
        end = new_end
    return None, low


def dateline_date(line: str) -> str | None:
    """Date of a dateline such as ``June 9, 2023 | By Jane Doe`` (not of a sentence)."""
    if len(line) >= 120:
        return None
    found = _find_date_span(line)
    if found is None:
        return None
    iso, start, end = found
    rest_words = _WORD_RE.findall(line[:start] + " " + line[end:])
    if line.endswith(_SENTENCE_END) and len(rest_words) > 3:
        return None
    return iso if len(rest_words) <= 12 else None


def short_title(text: str) -> str:
    """A title made from the first line of ``text``, cut at a word to about 100 characters."""
    line = text.split("\n", 1)[0]
    return line if len(line) <= 100 else line[:100].rsplit(" ", 1)[0] + "…"


def _is_title_repeat(line: str, title: str) -> bool:
    # Many feeds repeat the headline (sometimes shortened) as the first body line.
    if len(line) > 2 * len(title) + 20:  # cheap exit for ordinary paragraphs
        return False
    words = _WORD_RE.findall(line.lower())
    title_words = set(_WORD_RE.findall(title.lower()))
    if not words or not title_words:
        return False
    covered = sum(word in title_words for word in words)
    return covered >= 0.9 * len(words) and len(words) >= 0.5 * len(title_words)


def _trailer(line: str) -> tuple[str, str] | None:
    """Classify a last line as metadata: ``(kind, value)`` or None for body text."""
    match = _TRAILER_RE.match(line)
    if match:
        key, value = match["key"].lower(), match["value"].strip()
        if URL_RE.match(value):
            return "url", value
        if key in ("date", "datum", "published"):
            iso = find_date(value)
            return ("date", iso) if iso else None
        if key.startswith(("tag", "categ", "kateg", "rubrik")):
            return "tag", value
        named = key in ("source", "quelle") and len(value) < 60
        return ("source", value) if named and not value.endswith(_SENTENCE_END) else None
    if URL_RE.match(line):
        return "url", line
    if len(line) < 40 and _TAG_RE.match(line):
        return "tag", line
    return None


@dataclass
class Parts:
    """An article split into its parts, before it becomes an Article."""

    title: str
    body: str
    date: str | None = None
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def split_article(text: str, title: str | None = None) -> Parts:
    """Separate title, leading dateline/repeated headline and trailing metadata lines."""
    pos, repeat_seen = 0, False
    if title is None:
        first, pos = _next_line(text, 0)
        title = _HEADING_MARKS_RE.sub("", first or "")
        if len(title) > _MAX_TITLE:  # a paragraph, not a headline: keep it as text
            title, pos, repeat_seen = short_title(title), 0, True
    parts = Parts(title=title, body="")
    for _ in range(3):
        line, after = _next_line(text, pos)
        if line is None:
            break
        iso = dateline_date(line) if parts.date is None else None
        if iso:
            parts.date, parts.metadata["dateline"] = iso, line
        elif not repeat_seen and _is_title_repeat(line, title):
            repeat_seen = True
        else:
            break
        pos = after
    end, kinds = len(text), set()
    for _ in range(4):
        line, before = _prev_line(text, end, pos)
        found = _trailer(line) if line else None
        if found is None or found[0] in kinds:
            break
        kind, value = found
        kinds.add(kind)
        if kind in ("url", "date"):
            setattr(parts, kind, value)
        else:
            parts.metadata[kind] = value
        end = before
    parts.body = text[pos:end].strip("\n")
    return parts


def build_article(
    parts: Parts, source: str, *, lang: str | None = None, article_id: str | None = None
) -> Article | None:
    """The Article of ``parts`` (id: ``article_id`` or :func:`content_id`), None if empty.

    ``lang`` is taken as given if set, else detected from title and body.
    """
    title, body = one_line(parts.title), parts.body
    if not title and not body:
        return None
    return Article(
        id=article_id or content_id(title, body),
        title=title,
        text=body,
        # the title only matters for short texts; skip copying a huge body
        lang=lang or detect_language(f"{title}\n{body}" if len(body) < 100_000 else body),
        source=source,
        date=parts.date,
        url=parts.url,
        metadata=dict(sorted(parts.metadata.items())),
    )
