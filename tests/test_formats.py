"""Tests for graph.formats and graph.structure: one document of each format.

Titles, datelines and trailers of plain text; Markdown; HTML; JSON records;
dates and content ids. Files are written into ``tmp_path`` by the test itself;
the texts are short sentences made up for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from article_samples import DE_BODY, DE_TITLE, EN_BODY, EN_TITLE, ROOT, read_one, write
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.articles import read_articles
from graph.formats import (
    content_id,
    find_date,
    parse_html,
    parse_json_record,
    parse_markdown,
    parse_plain_text,
)

# ---------------------------------------------------------------- content id


def test_content_id_is_sha256_prefix_of_nfc_title_and_text() -> None:
    import hashlib
    import unicodedata

    decomposed = unicodedata.normalize("NFD", DE_TITLE)
    expected = hashlib.sha256(f"{DE_TITLE}\n{DE_BODY}".encode()).hexdigest()[:16]
    assert content_id(decomposed, DE_BODY) == expected


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


def test_markdown_german_dateline_is_not_a_list_item() -> None:
    article = parse_markdown(f"# {DE_TITLE}\n\n9. Juni 2023\n\n{DE_BODY}", "x.md")
    assert article is not None and article.date == "2023-06-09"
    assert article.text == DE_BODY.replace("\n", " ")
    listed = parse_markdown(f"# {DE_TITLE}\n\n1. Erster Punkt\n2. Zweiter Punkt", "y.md")
    assert listed is not None and listed.text == "Erster Punkt\nZweiter Punkt"


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


def test_deeply_nested_html_does_not_crash() -> None:
    page = "<div>" * 5000 + "<p>The army received new trucks.</p>" + "</div>" * 5000
    article = parse_html(f"<title>{EN_TITLE}</title>{page}", "deep.html")
    assert article is not None and article.text == "The army received new trucks."


def test_html_time_element_date() -> None:
    page = f"<article><h1>{EN_TITLE}</h1><time datetime='2022-11-30'>Nov 30</time><p>{EN_BODY}</p>"
    article = parse_html(page, "x.html")
    assert article is not None and article.date == "2022-11-30"


# ---------------------------------------------------------------- JSON records


def test_jsonl_single_paragraph_without_title_keeps_all_text() -> None:
    text = "The ministry confirmed the delivery of " + "several new vehicles " * 10 + "today."
    article, problems = parse_json_record({"text": text}, "x.jsonl:1")
    assert problems == [] and article is not None
    assert article.text == text
    assert article.title.endswith("…") and len(article.title) <= 101


def test_jsonl_unsafe_id_falls_back_to_hash() -> None:
    article, problems = parse_json_record({"text": EN_BODY, "id": "../../etc"}, "x.jsonl:2")
    assert article is not None and len(article.id) == 16
    assert "not a safe token" in problems[0].message


# ---------------------------------------------------------------- dates and robustness


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


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parsers_never_raise(raw: str) -> None:
    for parser in (parse_plain_text, parse_markdown, parse_html):
        article = parser(raw, "x")
        if article is not None:
            assert article.lang in ("de", "en")
            assert article.id == content_id(article.title, article.text)
