"""Made-up article texts and file helpers shared by the reader tests.

Used by test_articles.py, test_formats.py and test_decoding.py.
"""

from __future__ import annotations

from pathlib import Path

from graph.articles import Article, Problem, read_articles

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
