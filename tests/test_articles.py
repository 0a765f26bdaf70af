"""Tests for graph.articles: formats, encodings, problems, determinism.

Every input is written into ``tmp_path`` by the test itself; the texts are
short sentences made up for these tests.
"""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.articles import (
    Article,
    NotTextError,
    Problem,
    clean_text,
    content_id,
    decode_text,
    find_date,
    parse_html,
    parse_markdown,
    parse_plain_text,
    read_article_file,
    read_articles,
)

ROOT = Path(__file__).resolve().parents[1]

DE_TITLE = "Verteidigungsminister Müller übergibt Haubitzen"
DE_BODY = (
    "Die Bundesregierung hat der Ukraine am Freitag weitere Haubitzen übergeben.\n"
    "Der Minister sagte, die Ausbildung der Soldaten sei bereits abgeschlossen."
)
EN_TITLE = "Ministry confirms new air defence package"
EN_BODY = (
    "The ministry said on Monday that two more air defence systems will be delivered.\n"
    "Officials did not say when the training of the crews would begin."
)
DE_ARTICLE = f"{DE_TITLE}\n\n{DE_BODY}\n"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def read_one(path: Path) -> Article:
    articles, problems = read_articles([path])
    assert problems == [], problems
    assert len(articles) == 1
    return articles[0]


def messages(problems: list[Problem]) -> list[str]:
    return [problem.message for problem in problems]


# ---------------------------------------------------------------- data classes


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


def test_content_id_is_sha256_prefix_of_nfc_title_and_text() -> None:
    import hashlib
    import unicodedata

    decomposed = unicodedata.normalize("NFD", DE_TITLE)
    expected = hashlib.sha256(f"{DE_TITLE}\n{DE_BODY}".encode()).hexdigest()[:16]
    assert content_id(decomposed, DE_BODY) == expected


def test_source_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "in" / "sub" / "a.txt", DE_ARTICLE)
    monkeypatch.chdir(tmp_path)
    articles, _ = read_articles(["in"])
    assert articles[0].source == os.path.join("in", "sub", "a.txt")
    articles, _ = read_articles("in")  # a single path is accepted too
    assert len(articles) == 1


# ---------------------------------------------------------------- plain text


def test_seed_layout_title_repeat_and_tag(tmp_path: Path) -> None:
    content = (
        "Frankreich und Belgien wollen bei der Munition zusammenarbeiten\n"
        "\n"
        "Frankreich und Belgien wollen bei Munition\n"
        "Beide Länder haben am Montag eine gemeinsame Erklärung unterzeichnet.\n"
        "Die Produktion soll im nächsten Jahr beginnen.\n"
        "\n"
        "toi-allgemeines\n"
    )
    article = read_one(write(tmp_path / "seed.txt", content))
    assert article.title == "Frankreich und Belgien wollen bei der Munition zusammenarbeiten"
    assert article.text == (
        "Beide Länder haben am Montag eine gemeinsame Erklärung unterzeichnet.\n"
        "Die Produktion soll im nächsten Jahr beginnen."
    )
    assert article.metadata == {"tag": "toi-allgemeines"}
    assert article.lang == "de"
    assert article.date is None and article.url is None


def test_project_seed_file_reads_cleanly() -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed articles")
    articles, problems = read_articles(seeds)
    assert problems == []
    assert all(a.text and a.title and a.lang in ("de", "en") for a in articles)


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("2023-09-28 21:00:00 | ID: 70806", "2023-09-28"),
        ("June 9, 2023 | By Jane Example , Example News", "2023-06-09"),
        ("9. Juni 2023", "2023-06-09"),
        ("Berlin, 28.09.2023, 14:30 Uhr", "2023-09-28"),
        ("Sept. 28th, 2023", "2023-09-28"),
        ("12 March 2024 - Staff report", "2024-03-12"),
    ],
)
def test_dateline_becomes_date(tmp_path: Path, dateline: str, date: str) -> None:
    article = read_one(write(tmp_path / "a.txt", f"{EN_TITLE}\n{dateline}\n\n{EN_BODY}\n"))
    assert article.date == date
    assert article.text == EN_BODY
    assert article.metadata["dateline"] == dateline


def test_dated_sentence_is_not_a_dateline(tmp_path: Path) -> None:
    body = "On June 9, 2023 the ministry announced a new aid package for the army."
    article = read_one(write(tmp_path / "a.txt", f"{EN_TITLE}\n{body}\n{EN_BODY}"))
    assert article.date is None
    assert article.text.startswith(body)


def test_trailing_metadata_lines(tmp_path: Path) -> None:
    content = f"{EN_TITLE}\n\n{EN_BODY}\n\nsource: https://example.org/news/1\ntoi-allgemeines\n"
    article = read_one(write(tmp_path / "a.txt", content))
    assert article.url == "https://example.org/news/1"
    assert article.metadata == {"tag": "toi-allgemeines"}
    assert article.text == EN_BODY


@pytest.mark.parametrize(
    ("last", "field", "value"),
    [
        ("Quelle: https://example.org/de/2", "url", "https://example.org/de/2"),
        ("https://example.org/bare", "url", "https://example.org/bare"),
        ("date: 2024-01-05", "date", "2024-01-05"),
        ("tags: ukraine, aid", "tag", "ukraine, aid"),
        ("#ukraine", "tag", "#ukraine"),
    ],
)
def test_trailer_kinds(tmp_path: Path, last: str, field: str, value: str) -> None:
    article = read_one(write(tmp_path / "a.txt", f"{EN_TITLE}\n{EN_BODY}\n{last}"))
    got = article.metadata.get("tag") if field == "tag" else getattr(article, field)
    assert got == value
    assert article.text == EN_BODY


@pytest.mark.parametrize(
    "last",
    ["Officials declined to comment.", "More aid is expected", "(dpa)", "2024", "Ende."],
)
def test_body_lines_are_not_trailers(tmp_path: Path, last: str) -> None:
    article = read_one(write(tmp_path / "a.txt", f"{EN_TITLE}\n{EN_BODY}\n{last}"))
    assert article.text.endswith(last)
    assert article.metadata == {}


def test_markdown_hash_stripped_from_plain_text_title(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", f"# {EN_TITLE}\n{EN_BODY}"))
    assert article.title == EN_TITLE


def test_title_only_file(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", EN_TITLE))
    assert (article.title, article.text) == (EN_TITLE, "")


def test_file_without_extension_in_folder_is_plain_text(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "dir" / "ARTICLE", DE_ARTICLE).parent)
    assert article.title == DE_TITLE


# ---------------------------------------------------------------- Markdown


def test_markdown_front_matter_and_markup(tmp_path: Path) -> None:
    content = """---
title: "Hilfe für die Luftverteidigung"
date: 2023-09-28
lang: de
url: https://example.org/md
author: Erika Beispiel
tags: [luft, abwehr]
---
# Überschrift im Dokument

Die **Bundesregierung** hat _weitere_ [Flugabwehrsysteme](https://example.org/x) zugesagt.
Diese Zeile gehört zum selben Absatz.

![Ein Bild](bild.png)

```python
print("kein Text")
```

- Punkt eins mit `Code`
- Punkt zwei

> Ein Zitat des Ministers.

| System | Anzahl |
|--------|-------:|
| Beispiel-T | 4 |

<!-- ein Kommentar -->
Ende &amp; Schluss.
"""
    article = read_one(write(tmp_path / "a.md", content))
    assert article.title == "Hilfe für die Luftverteidigung"
    assert article.date == "2023-09-28" and article.lang == "de"
    assert article.url == "https://example.org/md"
    assert article.metadata == {"author": "Erika Beispiel"}
    assert article.text == (
        "Überschrift im Dokument\n"
        "Die Bundesregierung hat weitere Flugabwehrsysteme zugesagt. "
        "Diese Zeile gehört zum selben Absatz.\n"
        "Punkt eins mit Code\n"
        "Punkt zwei\n"
        "Ein Zitat des Ministers.\n"
        "System | Anzahl\n"
        "Beispiel-T | 4\n"
        "Ende & Schluss."
    )


def test_markdown_title_from_first_heading(tmp_path: Path) -> None:
    paragraphs = EN_BODY.replace("\n", "\n\n")  # a single newline would join them
    content = f"Kicker line\n\n# {EN_TITLE}\n\n## Background\n\n{paragraphs}\n\n***\n"
    article = read_one(write(tmp_path / "a.markdown", content))
    assert article.title == EN_TITLE
    assert article.text.split("\n") == ["Kicker line", "Background", *EN_BODY.split("\n")]
    assert article.lang == "en"


def test_markdown_setext_heading_and_first_line_fallback() -> None:
    paragraphs = EN_BODY.replace("\n", "\n\n")
    setext = parse_markdown(f"{EN_TITLE}\n=====\n\n{paragraphs}", "x.md")
    assert setext is not None and setext.title == EN_TITLE and setext.text == EN_BODY
    plain = parse_markdown(f"*{EN_TITLE}*\n\n{paragraphs}", "x.md")
    assert plain is not None and plain.title == EN_TITLE


def test_markdown_keeps_snake_case_and_arithmetic() -> None:
    article = parse_markdown("Title\n\nThe file_name_here stays, 2*3*4 too.", "x.md")
    assert article is not None and article.text == "The file_name_here stays, 2*3*4 too."


# ---------------------------------------------------------------- HTML

HTML_PAGE = """<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="utf-8">
<title>Neue Panzer für die Ukraine | Beispielzeitung</title>
<meta property="article:published_time" content="2023-06-09T10:00:00+02:00">
<meta name="author" content="Erika Beispiel">
<link rel="canonical" href="https://example.org/panzer">
<style>p { color: red }</style><script>var hidden = "Skripttext";</script></head>
<body><nav><a href="/">Startseite</a></nav>
<header><h1>Neue Panzer für die Ukraine</h1></header>
<article><h1>Neue Panzer für die Ukraine</h1>
<p>Die Regierung hat am Freitag weitere   Panzer
zugesagt.</p><p>Der Minister sagte, die Lieferung <b>beginne</b> bald.<br>Zweite Zeile
&amp; mehr.</p>
<noscript>Bitte Skripte aktivieren</noscript>
<ul><li>Punkt eins</li><li>Punkt zwei</li></ul>
<form><label>Newsletter</label></form><template><p>Vorlage</p></template>
<svg><text>Grafik</text></svg><div hidden>Versteckt</div>
</article><aside>Werbung</aside><footer>Impressum</footer></body></html>
"""


def test_html_extraction(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.html", HTML_PAGE))
    assert article.title == "Neue Panzer für die Ukraine"
    assert article.text == (
        "Die Regierung hat am Freitag weitere Panzer zugesagt.\n"
        "Der Minister sagte, die Lieferung beginne bald.\n"
        "Zweite Zeile & mehr.\n"
        "Punkt eins\n"
        "Punkt zwei"
    )
    assert article.date == "2023-06-09" and article.lang == "de"
    assert article.url == "https://example.org/panzer"
    assert article.metadata == {"author": "Erika Beispiel"}


def test_html_title_fallbacks_and_og_url() -> None:
    page = (
        "<html><head><title>Page title</title><meta property='og:url' content='https://e.org/og'>"
        "<meta name='date' content='2024-02-01'></head><body><h1>Other heading</h1>"
        f"<p>{EN_BODY}</p></body></html>"
    )
    article = parse_html(page, "x.html")
    assert article is not None
    assert article.title == "Page title"
    assert article.text.startswith("Other heading\n")
    assert (article.url, article.date, article.lang) == ("https://e.org/og", "2024-02-01", "en")
    divs = "".join(f"<div>{line}</div>" for line in EN_BODY.split("\n"))
    no_title = parse_html(f"<h1>{EN_TITLE}</h1>{divs}", "y.htm")
    assert no_title is not None and no_title.title == EN_TITLE and no_title.text == EN_BODY


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>{DE_TITLE}</title></head><body><p>{DE_BODY}</p></body></html>"
    )
    article = read_one(write(tmp_path / "a.htm", page, "cp1252"))
    assert article.title == DE_TITLE
    assert "übergeben" in article.text


def test_html_without_visible_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "<html><head><script>x()</script></head><body></body></html>")
    articles, problems = read_articles([path])
    assert articles == [] and messages(problems) == ["no visible text, skipped"]


def test_deeply_nested_html_does_not_crash() -> None:
    page = "<div>" * 5000 + "<p>The army received new trucks.</p>" + "</div>" * 5000
    article = parse_html(f"<title>{EN_TITLE}</title>{page}", "deep.html")
    assert article is not None and article.text == "The army received new trucks."


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


def test_jsonl_single_paragraph_without_title_keeps_all_text() -> None:
    from graph.articles import parse_json_record

    text = "The ministry confirmed the delivery of " + "several new vehicles " * 10 + "today."
    article, problems = parse_json_record({"text": text}, "x.jsonl:1")
    assert problems == [] and article is not None
    assert article.text == text
    assert article.title.endswith("…") and len(article.title) <= 101


def test_jsonl_unsafe_id_falls_back_to_hash() -> None:
    from graph.articles import parse_json_record

    article, problems = parse_json_record({"text": EN_BODY, "id": "../../etc"}, "x.jsonl:2")
    assert article is not None and len(article.id) == 16
    assert "not a safe token" in problems[0].message


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


def test_cp1252_typographic_characters() -> None:
    text = "„Wir liefern“ – sagte er – für 5 € pro Stück… Straße"
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


def test_other_legacy_encoding_uses_charset_normalizer() -> None:
    text = (
        "Министр обороны заявил, что страна передаст партнёрам новые системы "
        "противовоздушной обороны до конца года. Поставки начнутся весной."
    )
    decoded, encoding = decode_text(text.encode("cp1251"))
    assert decoded == text and encoding == "cp1251"


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


# ---------------------------------------------------------------- determinism and helpers


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


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-09-28T21:00:00Z", "2023-09-28"), ("am 3. März 2022", "2022-03-03"),
        ("May 1st, 2021", "2021-05-01"), ("1 Dez. 2020", "2020-12-01"), ("31.02.2023", None),
        ("Version 1.2.3", None), ("no date", None), ("20230928", None),
    ],
)
def test_find_date(text: str, date: str | None) -> None:
    assert find_date(text) == date


def test_decode_text_rejects_and_reports() -> None:
    with pytest.raises(NotTextError, match="PDF"):
        decode_text(b"%PDF-1.5 ...")
    assert decode_text(b"") == ("", "utf-8")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_properties(raw: str) -> None:
    import unicodedata

    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in cleaned)
    assert "\r" not in cleaned and "\n\n\n" not in cleaned


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parsers_never_raise(raw: str) -> None:
    for parser in (parse_plain_text, parse_markdown, parse_html):
        article = parser(raw, "x")
        if article is not None:
            assert article.lang in ("de", "en")
            assert article.id == content_id(article.title, article.text)


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_roundtrip(text: str, codec: str) -> None:
    # NUL is excluded: in UTF-8 it marks a file as binary, by design
    try:
        decoded, _ = decode_text(text.encode(codec))
    except NotTextError:
        return  # many control characters: rejected as binary, which is fine
    assert decoded == text


# ---------------------------------------------------------------- edge cases


def test_long_first_line_is_not_a_title(tmp_path: Path) -> None:
    paragraph = "The ministry said that " + "further vehicles and spare parts " * 15 + "follow."
    article = read_one(write(tmp_path / "a.txt", f"{paragraph}\n{EN_BODY}"))
    assert article.text == f"{paragraph}\n{EN_BODY}"
    assert article.title.endswith("…") and paragraph.startswith(article.title[:-1])


def test_named_source_trailer_and_sentence_after_source(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "a.txt", f"{DE_TITLE}\n{DE_BODY}\nQuelle: Beispielagentur"))
    assert article.metadata == {"source": "Beispielagentur"} and article.text == DE_BODY
    sentence = "Source: officials in the ministry, who spoke on condition of anonymity."
    kept = read_one(write(tmp_path / "b.txt", f"{EN_TITLE}\n{EN_BODY}\n{sentence}"))
    assert kept.text.endswith(sentence) and kept.metadata == {}


def test_markdown_german_dateline_is_not_a_list_item() -> None:
    article = parse_markdown(f"# {DE_TITLE}\n\n9. Juni 2023\n\n{DE_BODY}", "x.md")
    assert article is not None and article.date == "2023-06-09"
    assert article.text == DE_BODY.replace("\n", " ")
    listed = parse_markdown(f"# {DE_TITLE}\n\n1. Erster Punkt\n2. Zweiter Punkt", "y.md")
    assert listed is not None and listed.text == "Erster Punkt\nZweiter Punkt"


def test_html_time_element_date() -> None:
    page = f"<article><h1>{EN_TITLE}</h1><time datetime='2022-11-30'>Nov 30</time><p>{EN_BODY}</p>"
    article = parse_html(page, "x.html")
    assert article is not None and article.date == "2022-11-30"


@pytest.mark.parametrize("declared", ["rot13", "undefined", "no-such-codec", "utf-16", b"cp1250"])
def test_bogus_declared_charsets_fall_back(declared: str | bytes) -> None:
    data = DE_ARTICLE.encode("cp1252")
    text, _ = decode_text(data, declared=declared)
    assert DE_TITLE in text


def test_file_of_control_characters_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\x1a\n")
    assert messages(read_articles([path])[1]) == ["empty file, skipped"]


def test_utf8_with_stray_cp1252_bytes() -> None:
    data = DE_ARTICLE.encode("utf-8") + b"Preis: 5 \x80 \x96 \x84gut\x93\n"
    text, encoding = decode_text(data)
    assert encoding == "utf-8+cp1252"
    assert text.startswith(DE_TITLE) and text.endswith("Preis: 5 € – „gut“\n")


def test_utf8_bom_then_legacy_bytes() -> None:
    text, encoding = decode_text(b"\xef\xbb\xbf" + DE_ARTICLE.encode("cp1252"))
    assert text == DE_ARTICLE and encoding == "cp1252"


def test_utf16_with_lone_surrogate_keeps_text() -> None:
    data = "Ä".encode("utf-16") + b"\x00\xd8" + "Panzer".encode("utf-16-le")
    text, _ = decode_text(data)
    assert text == "Ä\ufffdPanzer"
