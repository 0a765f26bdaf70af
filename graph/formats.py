"""Parse one decoded document of each supported format into an Article.

Plain text (:func:`parse_plain_text`), Markdown (:func:`parse_markdown`),
HTML (:func:`parse_html`) and one JSON Lines record
(:func:`parse_json_record`). Each parser reduces its markup to plain text and
leaves headline, dateline and trailer recognition to :mod:`graph.structure`;
none of them touches the file system or raises for odd input.
"""

from __future__ import annotations

import html
import json
import re
import warnings

from bs4 import (
    BeautifulSoup,
    CData,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)

from graph.decoding import clean_text
from graph.language import normalize_language_tag
from graph.records import Article, Problem
from graph.structure import (
    URL_RE,
    Parts,
    build_article,
    content_id,
    dateline_date,
    find_date,
    one_line,
    short_title,
    split_article,
)

__all__ = [
    "content_id", "find_date", "parse_html", "parse_json_record", "parse_markdown",
    "parse_plain_text",
]


def parse_plain_text(raw: str, source: str) -> Article | None:
    """Parse a decoded plain-text article; None if it holds no text.

    First non-empty line is the title (Markdown ``#`` removed); a dateline
    right after it gives ``date`` (kept in ``metadata["dateline"]``); a
    repeated headline is dropped; trailing ``source: <url>``, bare URL,
    ``date: …`` and single-token tag lines give ``url``, ``date`` and
    ``metadata["tag"]``.
    """
    text = clean_text(raw)
    return build_article(split_article(text), source) if text else None


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
        if item and stripped[0].isdigit() and dateline_date(stripped):
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
    title = one_line(fields.pop("title", "")) or heading
    if heading and heading != title:  # front matter named the article; keep its heading as text
        blocks.insert(0, heading)
    parts = split_article(clean_text("\n".join(blocks)), title or None)
    date_keys = [k for k in ("date", "published") if find_date(fields.get(k, ""))]
    date = find_date(fields.pop(date_keys[0])) if date_keys else None
    url_keys = [k for k in ("url", "canonical", "canonical_url", "link", "source")
                if URL_RE.match(fields.get(k, ""))]
    url = fields.pop(url_keys[0]) if url_keys else None
    lang_keys = [k for k in ("lang", "language") if k in fields]
    lang = normalize_language_tag(fields.pop(lang_keys[0])) if lang_keys else None
    parts.date, parts.url = date or parts.date, url or parts.url
    parts.metadata.update(fields)
    return build_article(parts, source, lang=lang)


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
    page_title = one_line(soup.title.get_text()) if soup.title else ""
    h1_tag = root.find("h1") or soup.find("h1")
    h1 = one_line(h1_tag.get_text()) if h1_tag else ""
    title = h1 if h1 and (not page_title or h1.lower() in page_title.lower()) else page_title or h1
    text = clean_text(_html_text(root))
    if not text and not title:
        return None
    parts = split_article(text, title or None)
    date = next(filter(None, (find_date(meta[k]) for k in _HTML_DATE_KEYS if k in meta)), None)
    time_tag = root.find("time", attrs={"datetime": True})
    parts.date = date or parts.date or (find_date(str(time_tag["datetime"])) if time_tag else None)
    canonical = soup.find("link", rel="canonical")
    urls = [str(canonical.get("href", "")).strip() if canonical else "", meta.get("og:url", "")]
    absolute = [u for u in urls if URL_RE.match(u)]
    parts.url = (absolute or [u for u in urls if u] or [parts.url])[0]
    for key, name in (("author", "author"), ("og:site_name", "site")):
        if meta.get(key):
            parts.metadata[name] = one_line(meta[key])
    html_tag = soup.find("html")
    declared = (html_tag.get("lang") or html_tag.get("xml:lang")) if html_tag else None
    lang = normalize_language_tag(declared or meta.get("content-language") or meta.get("og:locale"))
    return build_article(parts, source, lang=lang)


# ---------------------------------------------------------------- JSON Lines records

_RECORD_KEYS = frozenset({"text", "title", "url", "date", "lang", "id"})
_SAFE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")


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
    title = one_line(record["title"]) if isinstance(record.get("title"), str) else ""
    if title or "\n" in text:
        parts = split_article(text, title or None)
    else:  # one paragraph and no title: keep all text, derive a short title
        parts = Parts(title=short_title(text), body=text)
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
            value = json.dumps(value) if isinstance(value, bool) else one_line(str(value))
            parts.metadata[str(key)] = value
    article = build_article(parts, source, lang=normalize_language_tag(lang),
                     article_id=str(given_id) if given_id is not None else None)
    return article, problems
