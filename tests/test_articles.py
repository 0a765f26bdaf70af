"""Tests for graph.articles: files and folders, JSON Lines, problems, size, determinism.

Every input is written into ``tmp_path`` by the test itself; the texts are
short sentences made up for these tests. The parsing of each format is tested
in test_formats.py, decoding and text cleaning in test_decoding.py.
"""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from article_samples import (
    DE_ARTICLE,
    DE_BODY,
    DE_TITLE,
    EN_BODY,
    EN_TITLE,
    ROOT,
    messages,
    read_one,
    write,
)

from graph.articles import Article, Problem, read_article_file, read_articles
from graph.formats import content_id

# ---------------------------------------------------------------- data classes and paths


def test_article_and_problem_api(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", DE_ARTICLE))
    assert article == Article(
        id=content_id(DE_TITLE, DE_BODY), title=DE_TITLE, text=DE_BODY, lang="de",
        source=str(tmp_path / "a.txt"), date=None, url=None, metadata={},
    )
    assert len(article.id) == 16 and int(article.id, 16) >= 0
    assert hash(article) == hash(read_one(tmp_path / "a.txt"))  # frozen and hashable
    with pytest.raises(AttributeError):
        article.title = "x"  # type: ignore[misc]
    problem = Problem("data/x.pdf", "unsupported file type '.pdf', skipped")
    assert str(problem) == "data/x.pdf: unsupported file type '.pdf', skipped"


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "in" / "sub" / "a.txt", DE_ARTICLE)
    monkeypatch.chdir(tmp_path)
    articles, _ = read_articles(["in"])
    assert articles[0].source == os.path.join("in", "sub", "a.txt")
    articles, _ = read_articles("in")  # a single path is accepted too
    assert len(articles) == 1


def test_file_without_extension_in_folder_is_plain_text(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "dir" / "ARTICLE", DE_ARTICLE).parent)
    assert article.title == DE_TITLE


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_good_and_broken_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": EN_TITLE, "text": EN_BODY, "url": "https://e.org/1",
                    "date": "2024-03-01", "lang": "en", "feed": "demo", "rank": 3, "tags": ["x"]}),
        "",
        '{"title": "broken", "text": "missing comma" "x": 1}',
        json.dumps({"title": "no text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": DE_BODY, "lang": "de-DE", "id": "article-7"}),
        json.dumps({"text": "   "}),
        json.dumps({"title": DE_TITLE, "text": DE_BODY, "lang": "fr", "date": "soon"}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles, problems = read_articles([path])
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:6", f"{path}:8"]
    first, second, third = articles
    assert (first.title, first.text, first.url, first.date, first.lang) == (
        EN_TITLE, EN_BODY, "https://e.org/1", "2024-03-01", "en")
    assert first.metadata == {"feed": "demo", "rank": "3"}
    assert first.id == content_id(EN_TITLE, EN_BODY)
    assert second.id == "article-7" and second.lang == "de"
    assert second.title == DE_BODY.split("\n")[0] and second.text == DE_BODY.split("\n")[1]
    assert third.lang == "de" and third.date is None
    assert [str(p) for p in problems] == [
        f"{path}:3: invalid JSON (Expecting ',' delimiter at col 45), line skipped",
        f'{path}:4: no "text" field, line skipped',
        f"{path}:5: expected a JSON object, got list, line skipped",
        f'{path}:7: "text" is empty or not a string, line skipped',
        f"{path}:8: date 'soon' not understood, ignored",
        f"{path}:8: lang 'fr' is not supported (de, en); detecting instead",
    ]


@pytest.mark.parametrize(
    ("encoding", "prefix", "newline"),
    [("utf-8", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"), ("utf-16-le", b"\xff\xfe", "\r\n"),
     ("utf-16-be", b"\xfe\xff", "\n"), ("utf-8", b"", "\r")],
)
def test_jsonl_encodings_and_line_ends(
    tmp_path: Path, encoding: str, prefix: bytes, newline: str
) -> None:
    records = [{"title": DE_TITLE, "text": DE_BODY}, {"title": EN_TITLE, "text": EN_BODY}]
    content = newline.join(json.dumps(r, ensure_ascii=False) for r in records) + newline
    path = write(tmp_path / "x.ndjson", prefix + content.encode(encoding))
    articles, problems = read_articles([path])
    assert problems == []
    assert [(a.title, a.text) for a in articles] == [(DE_TITLE, DE_BODY), (EN_TITLE, EN_BODY)]
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]


def test_jsonl_legacy_line_and_binary_file(tmp_path: Path) -> None:
    line = json.dumps({"title": DE_TITLE, "text": DE_BODY}, ensure_ascii=False).encode("cp1252")
    articles, problems = read_articles([write(tmp_path / "a.jsonl", line)])
    assert problems == [] and articles[0].title == DE_TITLE
    binary = write(tmp_path / "b.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    expected = ["not UTF-8/UTF-16/cp1252 text (binary?), skipped"]
    assert messages(read_articles([binary])[1]) == expected


def test_jsonl_problem_flood_is_capped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", "not json\n" * 50)
    articles, problems = read_articles([path])
    assert articles == [] and len(problems) == 21
    assert str(problems[-1]) == f"{path}: 30 more problems in this file not shown"


def test_jsonl_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", "\n  \n\n")
    assert messages(read_articles([path])[1]) == ["empty file, skipped"]


# ---------------------------------------------------------------- encodings and line ends

ENCODED = {
    "utf-8": DE_ARTICLE.encode("utf-8"),
    "utf-8-bom": b"\xef\xbb\xbf" + DE_ARTICLE.encode("utf-8"),
    "utf-16-le-bom": b"\xff\xfe" + DE_ARTICLE.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + DE_ARTICLE.encode("utf-16-be"),
    "utf-16-le": DE_ARTICLE.encode("utf-16-le"),
    "utf-16-be": DE_ARTICLE.encode("utf-16-be"),
    "utf-32": DE_ARTICLE.encode("utf-32"),
    "cp1252": DE_ARTICLE.encode("cp1252"),
    "latin-1": DE_ARTICLE.encode("latin-1"),
    "crlf": DE_ARTICLE.replace("\n", "\r\n").encode("utf-8"),
    "cr": DE_ARTICLE.replace("\n", "\r").encode("utf-8"),
    "cp1252-crlf": DE_ARTICLE.replace("\n", "\r\n").encode("cp1252"),
    "nfd": __import__("unicodedata").normalize("NFD", DE_ARTICLE).encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_encodings_give_the_same_article(tmp_path: Path, name: str) -> None:
    article = read_one(write(tmp_path / f"{name}.txt", ENCODED[name]))
    assert article.title == DE_TITLE
    assert article.text == DE_BODY
    assert article.id == content_id(DE_TITLE, DE_BODY)


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>{DE_TITLE}</title></head><body><p>{DE_BODY}</p></body></html>"
    )
    article = read_one(write(tmp_path / "a.htm", page, "cp1252"))
    assert article.title == DE_TITLE
    assert "übergeben" in article.text


def test_same_content_same_id_across_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DE_ARTICLE)
    write(tmp_path / "b.txt", ENCODED["utf-16-le-bom"])
    write(tmp_path / "c.md", f"# {DE_TITLE}\n\n{DE_BODY.replace(chr(10), chr(10) * 2)}\n")
    articles, problems = read_articles([tmp_path])
    assert [a.source for a in articles] == [str(tmp_path / "a.txt")]
    assert [str(p) for p in problems] == [
        f"{tmp_path / name}: duplicate of {tmp_path / 'a.txt'} "
        f"(same id {content_id(DE_TITLE, DE_BODY)}), skipped"
        for name in ("b.txt", "c.md")
    ]


# ---------------------------------------------------------------- problems


@pytest.mark.parametrize(
    "content", [b"", b"   ", b"\n\n\t \r\n", b"\xef\xbb\xbf", b"\xff\xfe", "  \n ".encode("utf-16")]
)
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "a.txt", content)
    articles, problems = read_articles([path])
    assert articles == []
    assert [str(p) for p in problems] == [f"{path}: empty file, skipped"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (bytes(range(256)) * 4, "binary?"),
        (b"Title\nSome text\x00with a NUL byte", "binary?"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive or Office document"),
        (b"abc\x01\x02\x03\x04\x05\x06def\x07\x08\x0e\x0f", "binary?"),
    ],
)
def test_binary_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path / "a.txt", content)
    articles, problems = read_articles([path])
    assert articles == []
    assert messages(problems) == [f"not UTF-8/UTF-16/cp1252 text ({reason}), skipped"]


def test_control_characters_are_removed(tmp_path: Path) -> None:
    content = f"{EN_TITLE}\x07\n{EN_BODY}\x1b\nTabs\tstay\x7f, soft\u00adhyphen, no\u00a0break."
    article = read_one(write(tmp_path / "a.txt", content))
    assert article.title == EN_TITLE
    assert article.text == f"{EN_BODY}\nTabs\tstay, softhyphen, no break."
    utf16 = read_one(write(tmp_path / "b.txt", f"{EN_TITLE}\n{EN_BODY}\x00!", "utf-16"))
    assert "\x00" not in utf16.text and utf16.text.endswith("begin.!")


def test_file_of_control_characters_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\x1a\n")
    assert messages(read_articles([path])[1]) == ["empty file, skipped"]


def test_html_without_visible_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "<html><head><script>x()</script></head><body></body></html>")
    articles, problems = read_articles([path])
    assert articles == [] and messages(problems) == ["no visible text, skipped"]


def test_unsupported_types_in_folders_and_junk(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "a.txt", DE_ARTICLE)
    write(folder / "scan.pdf", b"%PDF-1.4\n")
    write(folder / "photo.PNG", b"\x89PNG\r\n")
    write(folder / "notes.docx", b"PK\x03\x04")
    write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(folder / ".hidden.txt", EN_BODY)
    write(folder / ".git" / "config.txt", EN_BODY)
    write(folder / "Thumbs.db", b"\x00")
    write(folder / "draft.txt~", EN_BODY)
    articles, problems = read_articles([folder])
    assert [a.source for a in articles] == [str(folder / "a.txt")]
    assert [str(p) for p in problems] == [
        f"{folder / 'notes.docx'}: unsupported file type '.docx', skipped",
        f"{folder / 'photo.PNG'}: unsupported file type '.png', skipped",
        f"{folder / 'scan.pdf'}: unsupported file type '.pdf', skipped",
    ]


def test_explicit_unknown_extension_is_tried_as_text(tmp_path: Path) -> None:
    text_file = write(tmp_path / "article.dat", DE_ARTICLE)
    assert read_one(text_file).title == DE_TITLE
    pdf = write(tmp_path / "real.pdf", b"%PDF-1.4\n\x00\x01")
    articles, problems = read_article_file(pdf)
    assert articles == []
    assert messages(problems) == ["unsupported file type '.pdf' and not readable as text, skipped"]
    hidden = write(tmp_path / ".hidden.txt", DE_ARTICLE)
    assert read_one(hidden).title == DE_TITLE  # named explicitly: read


def test_missing_and_dangling_paths(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "b.txt", EN_TITLE + "\n" + EN_BODY)
    (folder / "a_link.txt").symlink_to(folder / "gone.txt")
    articles, problems = read_articles([tmp_path / "nope.txt", folder, folder / "a_link.txt"])
    assert len(articles) == 1
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nope.txt'}: no such file or directory, skipped",
        f"{folder / 'a_link.txt'}: dangling symbolic link (target '{folder / 'gone.txt'}' "
        "does not exist), skipped",
        f"{folder / 'a_link.txt'}: dangling symbolic link (target '{folder / 'gone.txt'}' "
        "does not exist), skipped",
    ]


def test_symlink_loops_terminate(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "sub" / "a.txt", DE_ARTICLE)
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "self").symlink_to(folder / "self")
    (folder / "alias.txt").symlink_to(folder / "sub" / "a.txt")
    articles, problems = read_articles([folder, folder])
    assert [a.source for a in articles] == [str(folder / "alias.txt")]  # read once
    assert [p.source for p in problems] == [str(folder / "self"), str(folder / "sub" / "loop")]
    assert problems[0].message == "symbolic link loop, skipped"
    assert problems[1].message == "symbolic link loop (points to an enclosing folder), skipped"


def test_permission_denied_other_files_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "a_locked.txt", EN_TITLE + "\n" + EN_BODY)
    write(tmp_path / "b.txt", DE_ARTICLE)
    write(tmp_path / "c_locked.jsonl", json.dumps({"text": EN_BODY}))
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):  # root ignores chmod 000, so simulate it
        if str(file).endswith(("_locked.txt", "_locked.jsonl")):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    articles, problems = read_articles([tmp_path])
    assert [a.title for a in articles] == [DE_TITLE]
    assert [str(p) for p in problems] == [
        f"{locked}: permission denied, skipped",
        f"{tmp_path / 'c_locked.jsonl'}: permission denied, skipped",
    ]


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    articles, problems = read_articles([tmp_path])
    assert articles == [] and [str(p) for p in problems] == [f"{fifo}: not a regular file, skipped"]


def test_explicit_folder_via_read_article_file(tmp_path: Path) -> None:
    write(tmp_path / "x" / "a.txt", DE_ARTICLE)
    articles, problems = read_article_file(tmp_path / "x")
    assert len(articles) == 1 and problems == []


# ---------------------------------------------------------------- size


def test_size_limit_truncates_with_warning(tmp_path: Path) -> None:
    body = "\n".join(f"Zeile {i}: Übergabe von Fahrzeugen an die Armee." for i in range(2000))
    path = write(tmp_path / "big.txt", f"{DE_TITLE}\n{body}\n")
    articles, problems = read_article_file(path, max_bytes=10_001)  # cuts inside a line
    assert messages(problems) == [f"file is {path.stat().st_size / 1024:.1f} KB; "
                                  "only the first 9.8 KB were read"]
    article = articles[0]
    assert article.text.endswith("Armee.") and "\ufffd" not in article.text
    assert len(article.text.encode()) < 10_001
    assert read_article_file(path, max_bytes=None)[1] == []


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_size_limit_never_splits_a_character(tmp_path: Path, codec: str) -> None:
    path = write(tmp_path / "a.txt", "Ü\n" + "äöü€" * 5000, codec)
    for limit in range(1001, 1009):
        articles, problems = read_article_file(path, max_bytes=limit)
        assert len(problems) == 1 and "\ufffd" not in articles[0].text


def _read_big_file_in_subprocess(tmp_path: Path, megabytes: int) -> dict:
    script = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
from graph.articles import read_article_file
line = "Die Regierung sagte, weitere Haubitzen würden „bald“ an die Armee übergeben.\\n"
path = {str(tmp_path / "big.txt")!r}
with open(path, "w", encoding="utf-8") as f:
    f.write("Großer Titel\\n\\n")
    block = line * 10_000
    for _ in range(({megabytes} << 20) // len(block.encode()) + 1):
        f.write(block)
start = time.perf_counter()
articles, problems = read_article_file(path)
print(json.dumps({{
    "seconds": time.perf_counter() - start,
    "chars": len(articles[0].text),
    "lang": articles[0].lang,
    "problems": [str(p) for p in problems],
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}}))
"""
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_large_file_5mb(tmp_path: Path) -> None:
    result = _read_big_file_in_subprocess(tmp_path, 5)
    assert result["problems"] == [] and result["lang"] == "de"
    assert result["chars"] > 5_000_000
    assert result["seconds"] < 10
    assert result["peak_mb"] < 400


@pytest.mark.slow
def test_large_file_100mb(tmp_path: Path) -> None:
    result = _read_big_file_in_subprocess(tmp_path, 100)
    assert len(result["problems"]) == 1
    assert result["problems"][0].endswith("; only the first 50 MB were read")
    assert 45_000_000 < result["chars"] <= 50 * 2**20
    assert result["seconds"] < 60
    assert result["peak_mb"] < 1500


# ---------------------------------------------------------------- determinism


def test_order_is_sorted_and_deterministic(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = ["b/z.txt", "a.txt", "b/a.md", "c.jsonl", "B.txt", "b.txt"]
    for i, name in enumerate(names):
        if name.endswith(".jsonl"):
            records = ({"title": f"T{i}-{j}", "text": EN_BODY} for j in range(3))
            content = "\n".join(json.dumps(record) for record in records)
        else:
            content = f"Title {i}\n{EN_BODY} {i}"
        write(folder / name, content)
    first = read_articles([folder])
    assert [os.path.relpath(a.source, folder) for a in first[0]] == [
        "B.txt", "a.txt", os.path.join("b", "a.md"), os.path.join("b", "z.txt"), "b.txt",
        "c.jsonl:1", "c.jsonl:2", "c.jsonl:3",
    ]
    assert read_articles([folder]) == first
