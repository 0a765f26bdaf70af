"""Read news articles from plain text, Markdown, HTML and JSON Lines files.

This is the first pipeline stage. It never raises for bad input: every file or
line that cannot be used becomes a :class:`Problem` (printed by the CLI) and the
remaining inputs are still read. Output is deterministic: folders are walked in
sorted order, JSON Lines keep their line order, and :attr:`Article.id` depends
only on the normalised title and text.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import html
import io
import json
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bs4 import (
    BeautifulSoup,
    CData,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.exceptions import ParserRejectedMarkup

from graph.language import detect_language, normalize_language_tag

__all__ = [
    "MAX_FILE_BYTES", "Article", "NotTextError", "Problem", "clean_text", "content_id",
    "decode_text", "find_date", "parse_html", "parse_json_record", "parse_markdown",
    "parse_plain_text", "read_article_file", "read_articles",
]

# One article file larger than this is certainly not one news article; reading
# only its head keeps memory bounded (text plus a few working copies), and the
# caller gets a Problem saying so. JSON Lines are streamed and have no limit.
MAX_FILE_BYTES = 50 * 1024 * 1024

_KIND_BY_SUFFIX = {
    **dict.fromkeys((".txt", ".text"), "text"),
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd"), "markdown"),
    **dict.fromkeys((".html", ".htm", ".xhtml"), "html"),
    **dict.fromkeys((".jsonl", ".ndjson"), "jsonl"),
}
# Hidden names (".DS_Store", ".git") are skipped by their dot; these are the
# other files that operating systems and editors leave in folders.
_JUNK_NAMES = frozenset({"Thumbs.db", "desktop.ini", "__MACOSX", "__pycache__"})
# The project's own companions of articles in a corpus folder (seeds/ keeps its
# canned SPARQL queries beside the articles): skipped without a Problem.
_COMPANION_SUFFIXES = (".rq", ".sparql")


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


class NotTextError(ValueError):
    """Raised by :func:`decode_text` for bytes that are not text; ``str()`` says why."""


# ---------------------------------------------------------------- text basics

_NEWLINE_RE = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# Lone surrogates can only come from JSON escapes; they would break UTF-8 output.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe\uffff\ud800-\udfff]"
)
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_EDGE_RE = re.compile(r"[ \t]*\n[ \t]*")
_MULTI_SPACE_RE = re.compile(r" {2,}")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def clean_text(raw: str) -> str:
    """Normalise text: ``\\n`` line ends, NFC, no control characters except ``\\t``.

    Exotic spaces (no-break, thin) become plain spaces and soft hyphens vanish
    so that later name matching sees "Leopard 2" however it was typed. Lines
    are stripped, runs of spaces collapsed, at most one blank line is kept.
    """
    # The substring tests skip regex passes that would change nothing; they
    # make cleaning several times faster on typical (already clean) text.
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    text = _NEWLINE_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    text = _SPACE_RE.sub(" ", text)
    text = unicodedata.normalize("NFC", text)
    if any(edge in text for edge in (" \n", "\n ", "\t\n", "\n\t")):
        text = _LINE_EDGE_RE.sub("\n", text)
    if "  " in text:
        text = _MULTI_SPACE_RE.sub(" ", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip(" \t\n")


def _one_line(raw: str) -> str:
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


# ---------------------------------------------------------------- decoding

_MAGIC = (
    (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "Office document"), (b"{\\rtf", "RTF document"),
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"), (b"7z\xbc\xaf", "7-Zip archive"), (b"\x7fELF", "executable"),
)
_BOMS = (  # UTF-32 first: its little-endian BOM starts with the UTF-16 one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_BINARY_CHAR_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
# Non-ASCII characters expected in German or English cp1252 text. Cyrillic
# cp1251 bytes also decode under cp1252, but rarely to these characters.
_WESTERN_RE = re.compile("[äöüÄÖÜßéÉ„“”‚‘’–—…•€°§«»·×´\u00a0]")
_DECLARED_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


def _guess_utf16(data: bytes) -> str | None:
    # German or English text in UTF-16 has a NUL in nearly every other byte.
    sample = data[:65536]
    units = len(sample) // 2
    if units < 4:  # too little evidence; a few bytes with a NUL are binary
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * units and even < 0.05 * units:
        return "utf-16-le"
    if even > 0.3 * units and odd < 0.05 * units:
        return "utf-16-be"
    return None


def _decode_strict(data: bytes, codec: str, truncated: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        # A cut at the size limit may split a multi-byte character: drop it.
        cut = err.reason in ("unexpected end of data", "truncated data")
        if truncated and cut and err.start >= len(data) - 4:
            return data[: err.start].decode(codec)
        raise


def _cp1252_byte(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in bad), error.end


codecs.register_error("aidgraph.cp1252", _cp1252_byte)
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few stray cp1252 bytes (pasted or concatenated text), else None."""
    sample = data[: 1 << 20]
    valid = len(_UTF8_SEQUENCE_RE.findall(sample))
    if not valid:
        return None
    replaced = sample.decode("utf-8", "replace").count("\ufffd") - sample.count("\ufffd".encode())
    # cp1252 German almost never forms a valid UTF-8 sequence (a capital
    # umlaut or ß followed by a symbol), so a few of them already outvote
    # several bad bytes.
    if replaced > 4 * valid:
        return None
    return data.decode("utf-8", "aidgraph.cp1252"), "utf-8+cp1252"


def _decode_legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except (LookupError, ValueError):
            codec = ""
        codec = "cp1252" if codec in ("iso8859-1", "ascii") else codec  # as browsers do
        if codec and not codec.startswith(("utf-16", "utf-32", "utf-8")):
            try:
                return data.decode(codec), codec
            except (UnicodeError, LookupError):  # wrong declaration, or not a text codec
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        sample = text[:1_000_000]
        non_ascii = len(_NON_ASCII_RE.findall(sample))
        if non_ascii == 0 or len(_WESTERN_RE.findall(sample)) >= 0.5 * non_ascii:
            return text, "cp1252"
    guess = _charset_normalizer_guess(data)
    if guess:
        return data.decode(guess, errors="replace"), guess
    # Latin-1 never fails; bytes cp1252 leaves undefined become C1 controls,
    # which clean_text removes.
    return (text, "cp1252") if text is not None else (data.decode("latin-1"), "latin-1")


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: the cp1252/latin-1 fallback still works
        return None
    best = from_bytes(data[:262_144]).best()
    return best.encoding if best is not None else None


def decode_text(
    data: bytes, *, declared: str | bytes | None = None, truncated: bool = False
) -> tuple[str, str]:
    """Decode file bytes to ``(text, encoding)``, or raise :class:`NotTextError`.

    Order: known binary signatures (PDF, ZIP, images) are rejected; a BOM
    decides (UTF-16/32; a UTF-8 BOM is dropped and the steps below still
    run); BOM-less UTF-16 is recognised by its NUL pattern; any other NUL
    byte means binary; strict UTF-8; UTF-8 with a few stray cp1252 bytes
    (``"utf-8+cp1252"``); then a single-byte encoding: ``declared`` (an HTML
    ``<meta charset>``) if it fits, cp1252 if the result looks like German or
    English, else charset-normalizer's guess, else cp1252/latin-1. Text with
    many control characters is rejected as binary. ``truncated`` tolerates a
    character cut in half at the end of ``data``.
    """
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise NotTextError(kind)
    codec = next((name for bom, name in _BOMS if data.startswith(bom)), None) or _guess_utf16(data)
    if codec == "utf-8-sig":  # then like BOM-less UTF-8, legacy fallback included
        data, codec = data[3:], None
    if codec is not None:
        try:
            text = _decode_strict(data, codec, truncated)
        except UnicodeDecodeError:  # e.g. a lone surrogate: keep the rest of the text
            text = data.decode(codec, errors="replace")
    elif b"\x00" in data:
        raise NotTextError("binary?")
    else:
        try:
            text, codec = _decode_strict(data, "utf-8", truncated), "utf-8"
        except UnicodeDecodeError:
            if isinstance(declared, bytes):
                declared = declared.decode("ascii", "replace")
            text, codec = _decode_mixed(data) or _decode_legacy(data, declared)
    sample = text[:65536]
    if len(_BINARY_CHAR_RE.findall(sample)) > max(3, 0.03 * len(sample)):
        raise NotTextError("binary?")
    return text, codec


# ---------------------------------------------------------------- article structure

_WORD_RE = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", '"', "“", "”", "«", "»")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+\Z", re.I)
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


def _dateline_date(line: str) -> str | None:
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


def _short_title(text: str) -> str:
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
        if _URL_RE.match(value):
            return "url", value
        if key in ("date", "datum", "published"):
            iso = find_date(value)
            return ("date", iso) if iso else None
        if key.startswith(("tag", "categ", "kateg", "rubrik")):
            return "tag", value
        named = key in ("source", "quelle") and len(value) < 60
        return ("source", value) if named and not value.endswith(_SENTENCE_END) else None
    if _URL_RE.match(line):
        return "url", line
    if len(line) < 40 and _TAG_RE.match(line):
        return "tag", line
    return None


@dataclass
class _Parts:
    title: str
    body: str
    date: str | None = None
    url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


def _split_article(text: str, title: str | None = None) -> _Parts:
    """Separate title, leading dateline/repeated headline and trailing metadata lines."""
    pos, repeat_seen = 0, False
    if title is None:
        first, pos = _next_line(text, 0)
        title = _HEADING_MARKS_RE.sub("", first or "")
        if len(title) > _MAX_TITLE:  # a paragraph, not a headline: keep it as text
            title, pos, repeat_seen = _short_title(title), 0, True
    parts = _Parts(title=title, body="")
    for _ in range(3):
        line, after = _next_line(text, pos)
        if line is None:
            break
        iso = _dateline_date(line) if parts.date is None else None
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


def _build(
    parts: _Parts, source: str, *, lang: str | None = None, article_id: str | None = None
) -> Article | None:
    title, body = _one_line(parts.title), parts.body
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


def parse_plain_text(raw: str, source: str) -> Article | None:
    """Parse a decoded plain-text article; None if it holds no text.

    First non-empty line is the title (Markdown ``#`` removed); a dateline
    right after it gives ``date`` (kept in ``metadata["dateline"]``); a
    repeated headline is dropped; trailing ``source: <url>``, bare URL,
    ``date: …`` and single-token tag lines give ``url``, ``date`` and
    ``metadata["tag"]``.
    """
    text = clean_text(raw)
    return _build(_split_article(text), source) if text else None


# ---------------------------------------------------------------- Markdown

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE_RE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*\Z")
_FENCE_RE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*\Z")
_SETEXT_RE = re.compile(r"(=+|-+)\s*\Z")
_RULE_RE = re.compile(r"([-*_])(?:\s*\1){2,}\s*\Z")
_REF_DEF_RE = re.compile(r"\[[^\]]+\]:\s*\S")
_TABLE_RULE_RE = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*\Z")
_QUOTE_RE = re.compile(r"(?:>\s?)+")
_LIST_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])\s+")
_INLINE_RULES = (
    (re.compile(r"`+([^`]+?)`+"), r"\1"),
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),
    (re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"<!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),
)


def _md_inline(text: str) -> str:
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return html.unescape(text).strip()


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER_RE.match(text[:20_000])
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).split("\n"):
        kv = _KEY_VALUE_RE.match(line)
        value = kv.group(2) if kv else ""
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if kv and value and value[0] not in "[{|>":  # skip YAML lists and blocks
            fields.setdefault(kv.group(1).lower(), value)
    return fields, text[match.end():]


def _markdown_blocks(text: str) -> tuple[str | None, list[str]]:
    """Return (first level-1 heading, blocks): one block per paragraph, heading, item, row."""
    title: str | None = None
    blocks: list[str] = []
    paragraph: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if paragraph:
            blocks.append(_md_inline(" ".join(paragraph)))
            paragraph.clear()

    for line in re.sub(r"<!--.*?-->", "", text, flags=re.S).split("\n"):
        stripped = line.strip()
        if fence:
            fence = None if stripped.startswith(fence) else fence
            continue
        fence_match = _FENCE_RE.match(line)
        if fence_match:
            flush()
            fence = fence_match.group(1)[:3]
            continue
        if not stripped or _REF_DEF_RE.match(stripped):
            flush()
            continue
        if _SETEXT_RE.match(stripped) and paragraph:
            heading = _md_inline(" ".join(paragraph))
            paragraph.clear()
            if stripped[0] == "=" and title is None:
                title = heading
            else:
                blocks.append(heading)
            continue
        atx = _ATX_RE.match(stripped)
        if _RULE_RE.match(stripped) or atx:
            flush()
            heading = _md_inline(atx.group(2) or "") if atx else ""
            if atx and len(atx.group(1)) == 1 and title is None:
                title = heading
            elif heading:
                blocks.append(heading)
            continue
        if _TABLE_RULE_RE.match(stripped) and "-" in stripped:
            continue
        stripped = _QUOTE_RE.sub("", stripped, count=1) if stripped.startswith(">") else stripped
        item = _LIST_RE.match(stripped)
        if item and stripped[0].isdigit() and _dateline_date(stripped):
            item = None  # "9. Juni 2023" is a date, not list item 9
        if item or stripped.startswith("|"):
            flush()
        if stripped.startswith("|"):
            blocks.append(_md_inline(" | ".join(c.strip() for c in stripped.strip("|").split("|"))))
        elif stripped:
            paragraph.append(stripped[item.end():] if item else stripped)
    flush()
    return title, [block for block in blocks if block]


def parse_markdown(raw: str, source: str) -> Article | None:
    """Parse a decoded Markdown article; None if it holds no text.

    Title: front matter ``title``, else the first ``# `` heading, else the
    first line. Markup is reduced to plain text (links keep their text;
    images, code blocks, HTML tags and comments go); each paragraph, heading,
    list item and table row becomes one line. Simple ``key: value`` front
    matter gives title, date, url, lang; other keys go to ``metadata``.
    """
    fields, body = _front_matter(clean_text(raw))
    heading, blocks = _markdown_blocks(body)
    title = _one_line(fields.pop("title", "")) or heading
    if heading and heading != title:  # front matter named the article; keep its heading as text
        blocks.insert(0, heading)
    parts = _split_article(clean_text("\n".join(blocks)), title or None)
    date_keys = [k for k in ("date", "published") if find_date(fields.get(k, ""))]
    date = find_date(fields.pop(date_keys[0])) if date_keys else None
    url_keys = [k for k in ("url", "canonical", "canonical_url", "link", "source")
                if _URL_RE.match(fields.get(k, ""))]
    url = fields.pop(url_keys[0]) if url_keys else None
    lang_keys = [k for k in ("lang", "language") if k in fields]
    lang = normalize_language_tag(fields.pop(lang_keys[0])) if lang_keys else None
    parts.date, parts.url = date or parts.date, url or parts.url
    parts.metadata.update(fields)
    return _build(parts, source, lang=lang)


# ---------------------------------------------------------------- HTML

_HTML_DROP = frozenset(
    "script style noscript nav header footer aside form template svg head title iframe "
    "object embed canvas button select textarea math".split()
)
_HTML_BLOCK = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr html li main ol p section summary table tr ul".split()
)
_HTML_DATE_KEYS = (
    "article:published_time", "date", "pubdate", "publishdate", "publish-date", "dc.date",
    "dc.date.issued", "datepublished", "og:published_time", "parsely-pub-date", "sailthru.date",
)
_WHITESPACE_RE = re.compile(r"\s+")


def _html_text(root: Tag) -> str:
    """Visible text of ``root`` with one line per block element."""
    out: list[str] = []
    stack: list[object] = [root]
    while stack:  # iterative: deeply nested pages must not hit the recursion limit
        node = stack.pop()
        if node is None:
            out.append("\n")
        elif isinstance(node, NavigableString):
            if type(node) in (NavigableString, CData):
                out.append(_WHITESPACE_RE.sub(" ", node))
        elif isinstance(node, Tag) and node.name not in _HTML_DROP and not node.has_attr("hidden"):
            if node.name == "br":
                out.append("\n")
            elif node.name == "pre":
                out.append("\n" + node.get_text() + "\n")
            else:
                if node.name in _HTML_BLOCK:
                    out.append("\n")
                    stack.append(None)
                elif node.name in ("td", "th"):
                    out.append(" ")
                stack.extend(reversed(node.contents))
    return "\n".join(line.strip() for line in "".join(out).split("\n") if line.strip())


def parse_html(raw: str, source: str) -> Article | None:
    """Parse a decoded HTML page; None if it holds no visible text.

    Text comes from the longest ``<article>``, else ``<main>``, else
    ``<body>``, without scripts, navigation, headers, footers, asides, forms.
    Title: the first ``<h1>`` if ``<title>`` contains it (dropping a site-name
    suffix), else ``<title>``, else ``<h1>``. Date, url, lang, author and site
    name come from ``<meta>``, ``<link rel=canonical>`` and ``<html lang>``.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(raw, "html.parser")
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        if isinstance(key, str) and isinstance(tag.get("content"), str):
            meta.setdefault(key.strip().lower(), tag["content"].strip())
    articles = soup.find_all("article")
    longest = max(articles, key=lambda a: len(a.get_text())) if articles else None
    root = longest or soup.main or soup.body or soup
    page_title = _one_line(soup.title.get_text()) if soup.title else ""
    h1_tag = root.find("h1") or soup.find("h1")
    h1 = _one_line(h1_tag.get_text()) if h1_tag else ""
    title = h1 if h1 and (not page_title or h1.lower() in page_title.lower()) else page_title or h1
    text = clean_text(_html_text(root))
    if not text and not title:
        return None
    parts = _split_article(text, title or None)
    date = next(filter(None, (find_date(meta[k]) for k in _HTML_DATE_KEYS if k in meta)), None)
    time_tag = root.find("time", attrs={"datetime": True})
    parts.date = date or parts.date or (find_date(str(time_tag["datetime"])) if time_tag else None)
    canonical = soup.find("link", rel="canonical")
    urls = [str(canonical.get("href", "")).strip() if canonical else "", meta.get("og:url", "")]
    absolute = [u for u in urls if _URL_RE.match(u)]
    parts.url = (absolute or [u for u in urls if u] or [parts.url])[0]
    for key, name in (("author", "author"), ("og:site_name", "site")):
        if meta.get(key):
            parts.metadata[name] = _one_line(meta[key])
    html_tag = soup.find("html")
    declared = (html_tag.get("lang") or html_tag.get("xml:lang")) if html_tag else None
    lang = normalize_language_tag(declared or meta.get("content-language") or meta.get("og:locale"))
    return _build(parts, source, lang=lang)


# ---------------------------------------------------------------- JSON Lines

_RECORD_KEYS = frozenset({"text", "title", "url", "date", "lang", "id"})
_SAFE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
_MAX_LINE_PROBLEMS = 20  # per file; a wrong file type would flood stderr


def parse_json_record(record: object, source: str) -> tuple[Article | None, list[Problem]]:
    """Turn one decoded JSON Lines record into an Article (and warnings).

    Needs a non-empty string ``text``; optional ``title`` (else the first line
    of a multi-line text, or the shortened text), ``url``, ``date``, ``lang``
    (``de``/``en``, else detected) and ``id`` (used if it is a safe token of
    letters, digits, ``._-``; else the content hash). Other scalar fields go
    to ``metadata``.
    """
    if not isinstance(record, dict):
        kind = type(record).__name__
        return None, [Problem(source, f"expected a JSON object, got {kind}, line skipped")]
    raw_text = record.get("text")
    text = clean_text(raw_text) if isinstance(raw_text, str) else ""
    if not text:
        what = "no \"text\" field" if raw_text is None else "\"text\" is empty or not a string"
        return None, [Problem(source, f"{what}, line skipped")]
    problems: list[Problem] = []
    title = _one_line(record["title"]) if isinstance(record.get("title"), str) else ""
    if title or "\n" in text:
        parts = _split_article(text, title or None)
    else:  # one paragraph and no title: keep all text, derive a short title
        parts = _Parts(title=_short_title(text), body=text)
    date, lang, url, given_id = (record.get(k) for k in ("date", "lang", "url", "id"))
    if date is not None:
        iso = find_date(str(date))
        if iso is None:
            problems.append(Problem(source, f"date {date!r} not understood, ignored"))
        parts.date = iso or parts.date
    if isinstance(url, str) and url.strip():
        parts.url = url.strip()
    if lang is not None and normalize_language_tag(lang) is None:
        message = f"lang {lang!r} is not supported (de, en); detecting instead"
        problems.append(Problem(source, message))
    safe_id = isinstance(given_id, (str, int)) and _SAFE_ID_RE.match(str(given_id))
    if given_id is not None and not safe_id:
        message = f"id {given_id!r} is not a safe token (letters, digits, ._-); using content hash"
        problems.append(Problem(source, message))
        given_id = None
    for key, value in record.items():
        if key not in _RECORD_KEYS and isinstance(value, (str, int, float, bool)):
            value = json.dumps(value) if isinstance(value, bool) else _one_line(str(value))
            parts.metadata[str(key)] = value
    article = _build(parts, source, lang=normalize_language_tag(lang),
                     article_id=str(given_id) if given_id is not None else None)
    return article, problems


def _jsonl_lines(handle, codec: str | None) -> Iterator[str]:
    if codec:  # UTF-16/32: decode as a stream, universal newlines
        yield from io.TextIOWrapper(handle, encoding=codec, errors="replace")
        return
    for raw in handle:  # bytes: UTF-8 per line, cp1252 for the odd legacy line
        # JSON strings cannot hold a raw CR, so a CR is always a line end.
        for part in raw.rstrip(b"\n").rstrip(b"\r").split(b"\r"):
            try:
                yield part.decode("utf-8-sig")
            except UnicodeDecodeError:
                yield part.decode("cp1252", errors="replace")


def _read_jsonl(path: str) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    hidden = seen = 0
    with open(path, "rb") as handle:
        head = handle.read(65536)
        handle.seek(0)
        boms = [name for bom, name in _BOMS if head.startswith(bom) and name != "utf-8-sig"]
        codec = boms[0] if boms else _guess_utf16(head)
        magic = any(head.startswith(signature) for signature, _ in _MAGIC)
        if magic or (codec is None and b"\x00" in head):
            return [], [Problem(path, "not UTF-8/UTF-16/cp1252 text (binary?), skipped")]
        for number, line in enumerate(_jsonl_lines(handle, codec), 1):
            if not line.strip():
                continue
            seen += 1
            source = f"{path}:{number}"
            try:
                article, line_problems = parse_json_record(json.loads(line), source)
            except json.JSONDecodeError as err:
                message = f"invalid JSON ({err.msg} at col {err.colno}), line skipped"
                article, line_problems = None, [Problem(source, message)]
            except RecursionError:
                message = "JSON nested too deeply, line skipped"
                article, line_problems = None, [Problem(source, message)]
            if article is not None:
                articles.append(article)
            for problem in line_problems:
                if len(problems) < _MAX_LINE_PROBLEMS:
                    problems.append(problem)
                else:
                    hidden += 1
    if not seen:
        return [], [Problem(path, "empty file, skipped")]
    if hidden:
        problems.append(Problem(path, f"{hidden} more problems in this file not shown"))
    return articles, problems


# ---------------------------------------------------------------- files and folders


def _size(n: int) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _missing(path: str) -> Problem:
    if os.path.islink(path):
        target = os.readlink(path)
        return Problem(path, f"dangling symbolic link (target '{target}' does not exist), skipped")
    return Problem(path, "no such file or directory, skipped")


def _os_problem(path: str, err: OSError) -> Problem:
    if isinstance(err, PermissionError):
        return Problem(path, "permission denied, skipped")
    if err.errno == errno.ELOOP:  # a link to itself, or a chain too long to follow
        return Problem(path, "symbolic link loop, skipped")
    return Problem(path, f"cannot read ({err.strerror or err}), skipped")


def _read_file(
    path: str, explicit: bool, max_bytes: int | None
) -> tuple[list[Article], list[Problem]]:
    suffix = os.path.splitext(path)[1].lower()
    kind = _KIND_BY_SUFFIX.get(suffix)
    if kind is None and suffix and not explicit:
        return [], [Problem(path, f"unsupported file type '{suffix}', skipped")]
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):  # opening a FIFO or device could block forever
            return [], [Problem(path, "not a regular file, skipped")]
        if kind == "jsonl":
            return _read_jsonl(path)
        with open(path, "rb") as handle:
            data = handle.read(max_bytes) if max_bytes else handle.read()
            truncated = bool(max_bytes) and handle.read(1) != b""
            size = os.fstat(handle.fileno()).st_size
    except FileNotFoundError:
        return [], [_missing(path)]
    except OSError as err:
        return [], [_os_problem(path, err)]
    problems = []
    if truncated:
        message = f"file is {_size(size)}; only the first {_size(max_bytes or 0)} were read"
        problems.append(Problem(path, message))
    try:
        found = _DECLARED_CHARSET_RE.search(data[:4096]) if kind == "html" else None
        declared = found.group(1) if found else None
        text, _ = decode_text(data, declared=declared, truncated=truncated)
    except NotTextError as err:
        if kind is None and suffix:
            message = f"unsupported file type '{suffix}' and not readable as text, skipped"
            return [], [Problem(path, message)]
        return [], [Problem(path, f"not UTF-8/UTF-16/cp1252 text ({err}), skipped")]
    del data
    if truncated and text.rfind("\n") > len(text) // 2:
        text = text[: text.rfind("\n")]  # do not end on half a sentence
    if not text.strip():
        return [], [Problem(path, "empty file, skipped")]
    parser = {"markdown": parse_markdown, "html": parse_html}.get(kind or "text", parse_plain_text)
    try:
        article = parser(text, path)
    except RecursionError:
        return [], [Problem(path, "document nested too deeply to parse, skipped")]
    except ParserRejectedMarkup as err:
        return [], [Problem(path, f"HTML could not be parsed ({err}), skipped")]
    if article is None:
        message = "no visible text, skipped" if kind == "html" else "empty file, skipped"
        return [], problems + [Problem(path, message)]
    return [article], problems


def read_article_file(
    path: str | os.PathLike, *, max_bytes: int | None = MAX_FILE_BYTES
) -> tuple[list[Article], list[Problem]]:
    """Read one file named by the user (a folder is read like :func:`read_articles`).

    The format follows the extension; an unknown extension is tried as plain
    text. Only the first ``max_bytes`` of a non-JSONL file are read (None:
    no limit). JSON Lines give one Article per good line.
    """
    path = os.fspath(path) if not isinstance(path, bytes) else os.fsdecode(path)
    if os.path.isdir(path):
        return read_articles([path], max_bytes=max_bytes)
    return _read_file(path, True, max_bytes)


def _list_dir(path: str) -> list[os.DirEntry] | Problem:
    try:
        with os.scandir(path) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as err:
        return Problem(path, f"cannot list folder ({err.strerror or err}), skipped")


def _walk(
    top: str, visited: set[tuple[int, int]]
) -> Iterator[tuple[str, bool, os.stat_result] | Problem]:
    """Yield ``(path, explicit, stat)`` for files under ``top`` in sorted order, or Problems."""
    try:
        st = os.stat(top)
    except FileNotFoundError:
        yield _missing(top)
        return
    except OSError as err:
        yield _os_problem(top, err)
        return
    if not stat.S_ISDIR(st.st_mode):
        yield top, True, st
        return
    if (st.st_dev, st.st_ino) in visited:
        return
    visited.add((st.st_dev, st.st_ino))
    listing = _list_dir(top)
    if isinstance(listing, Problem):
        yield listing
        return
    # Explicit stack instead of recursion; each level remembers its ancestors
    # so that a link back to one of them is reported as a loop.
    stack = [(top, iter(listing), frozenset({(st.st_dev, st.st_ino)}))]
    while stack:
        folder, entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith(".") or entry.name in _JUNK_NAMES or entry.name.endswith("~") \
                or entry.name.endswith(_COMPANION_SUFFIXES):
            continue
        path = os.path.join(folder, entry.name)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            yield _missing(path)
            continue
        except OSError as err:
            yield _os_problem(path, err)
            continue
        key = (st.st_dev, st.st_ino)
        if not stat.S_ISDIR(st.st_mode):
            yield path, False, st
        elif key in ancestors:
            yield Problem(path, "symbolic link loop (points to an enclosing folder), skipped")
        elif key not in visited:  # else already read through another link
            visited.add(key)
            listing = _list_dir(path)
            if isinstance(listing, Problem):
                yield listing
            else:
                stack.append((path, iter(listing), ancestors | {key}))


def read_articles(
    inputs: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> tuple[list[Article], list[Problem]]:
    """Read files and folders (recursively, sorted, deterministic order).

    Inside folders, hidden files and folders and OS junk are ignored silently,
    files with an unsupported extension are reported; files named directly
    are read whatever their extension. Symbolic links are followed, loops and
    dangling links reported. A file reached twice is read once; an article
    with the same id as an earlier one is reported and dropped. Never raises
    for bad input: see the returned Problems (in input order).
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    articles: list[Article] = []
    problems: list[Problem] = []
    visited_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    first_source: dict[str, str] = {}
    for item in inputs:
        top = os.fsdecode(item) if isinstance(item, bytes) else os.fspath(item)
        for found in _walk(top, visited_dirs):
            if isinstance(found, Problem):
                problems.append(found)
                continue
            path, explicit, st = found
            if (st.st_dev, st.st_ino) in seen_files:
                continue
            seen_files.add((st.st_dev, st.st_ino))
            file_articles, file_problems = _read_file(path, explicit, max_bytes)
            problems.extend(file_problems)
            for article in file_articles:
                if article.id in first_source:
                    first = first_source[article.id]
                    message = f"duplicate of {first} (same id {article.id}), skipped"
                    problems.append(Problem(article.source, message))
                else:
                    first_source[article.id] = article.source
                    articles.append(article)
    return articles, problems
