"""Read news articles from plain text, Markdown, HTML and JSON Lines files.

This is the first pipeline stage and its public API: :func:`read_articles`
and :func:`read_article_file` walk folders, apply the size limit, stream JSON
Lines, and hand each document to :mod:`graph.decoding` (bytes to text) and
:mod:`graph.formats` (text to :class:`Article`). It never raises for bad
input: every file or line that cannot be used becomes a :class:`Problem`
(printed by the CLI) and the remaining inputs are still read. Output is
deterministic: folders are walked in sorted order, JSON Lines keep their line
order, and :attr:`Article.id` depends only on the normalised title and text.
"""

from __future__ import annotations

import errno
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator

from bs4.exceptions import ParserRejectedMarkup

from graph.decoding import NotTextError, declared_charset, decode_text, stream_encoding
from graph.formats import parse_html, parse_json_record, parse_markdown, parse_plain_text
from graph.records import Article, Problem

__all__ = ["MAX_FILE_BYTES", "Article", "Problem", "read_article_file", "read_articles"]

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

_MAX_LINE_PROBLEMS = 20  # per file; a wrong file type would flood stderr


# ---------------------------------------------------------------- JSON Lines


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
        try:
            codec = stream_encoding(handle.read(65536))
        except NotTextError as err:
            return [], [Problem(path, f"not UTF-8/UTF-16/cp1252 text ({err}), skipped")]
        handle.seek(0)
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
        declared = declared_charset(data) if kind == "html" else None
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
