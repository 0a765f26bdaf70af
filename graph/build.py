"""The whole pipeline behind ``aidgraph build``: read, extract, merge, write.

>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp()); out = src / "out"
>>> _ = (src / "a.txt").write_text("Titel\\n\\nFrankreich hat der Ukraine Caesar-Haubitzen geliefert.\\n")
>>> report = build([src / "a.txt"], out)
>>> sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
['graph.html', 'graph.ttl', 'report.json']
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph

from graph.articles import Article, read_articles
from graph.export import turtle_bytes
from graph.extract import EXTRACTOR_VERSION, Extraction, extract
from graph.fileio import atomic_write
from graph.merge import merge_extractions, to_networkx
from graph.nlp import Mention
from graph.ontology import AID, ENT, ontology_dir
from graph.relation import Relation


class BuildError(Exception):
    """A build that cannot go on; ``str()`` is the one line shown to the user."""


@dataclass
class BuildReport:
    """What a build read, found and wrote (written as ``report.json``)."""

    articles: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    triples: dict[str, int] = field(default_factory=dict)
    claims: int = 0
    cached: int = 0
    outputs: list[str] = field(default_factory=list)
    extractor_version: str = EXTRACTOR_VERSION

    def to_json(self) -> str:
        data = dataclasses.asdict(self)
        # The cache count depends on earlier runs, not on the input: keep report.json stable.
        data.pop("cached")
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@lru_cache(maxsize=1)
def _extractor_fingerprint() -> str:
    """Hash of the extractor: its version, its code (graph/*.py) and its data (ontology/)."""
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    # The rules themselves: a changed rule must not reuse extractions cached by the old one.
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    root = ontology_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".ttl", ".toml"):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_key(article: Article, model: str | None = None) -> str:
    """Key of an article's extraction: its content, language, date, the extractor's data
    and the trained model used, if any."""
    h = hashlib.sha256()
    for part in (_extractor_fingerprint(), model or "", article.id, article.lang,
                 article.date or "", article.title, article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:32]


class ExtractionCache:
    """Extractions on disk, one JSON file per article, so repeated builds skip unchanged articles."""

    def __init__(self, folder: Path | None, model: str | None = None):
        self.folder = folder
        self.model = model

    def get(self, article: Article) -> Extraction | None:
        if self.folder is None:
            return None
        path = self.folder / f"{cache_key(article, self.model)}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Extraction(article, [Mention(**m) for m in data["mentions"]],
                              [Relation(**r) for r in data["relations"]])
        except (OSError, ValueError, KeyError, TypeError):
            return None   # missing or damaged entries are simply recomputed

    def put(self, ex: Extraction) -> None:
        if self.folder is None:
            return
        data = {"mentions": [dataclasses.asdict(m) for m in ex.mentions],
                "relations": [dataclasses.asdict(r) for r in ex.relations]}
        atomic_write(self.folder / f"{cache_key(ex.article, self.model)}.json",
                     json.dumps(data, ensure_ascii=False, sort_keys=True))


def extract_all(articles: Iterable[Article], cache: ExtractionCache,
                progress: Callable[[str], None] | None = None) -> tuple[list[Extraction], int]:
    """Extractions for all articles, from the cache where possible; returns (extractions, hits)."""
    out, hits = [], 0
    for art in articles:
        ex = cache.get(art)
        if ex is None:
            ex = extract(art, cache.model)
            cache.put(ex)
        else:
            hits += 1
        out.append(ex)
        if progress:
            progress(art.source)
    return out, hits


def summarise(g: Graph) -> tuple[dict[str, int], dict[str, int], int]:
    """Entities per class, direct triples per relation and the number of claims."""
    ents = Counter(str(t).rsplit("#", 1)[-1] for s, t in g.subject_objects(RDF.type)
                   if str(s).startswith(str(ENT)))
    triples = Counter(str(p).rsplit("#", 1)[-1] for s, p, o in g
                      if str(s).startswith(str(ENT)) and str(o).startswith(str(ENT))
                      and str(p).startswith(str(AID)))
    claims = sum(1 for _ in g.subjects(RDF.type, AID.Claim))
    return dict(sorted(ents.items())), dict(sorted(triples.items())), claims


def build(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, *,
          strict: bool = False, use_cache: bool = True, lang: str = "en",
          model: str | None = None, warn: Callable[[str], None] | None = None) -> BuildReport:
    """Read ``inputs``, extract, merge and write ``graph.ttl``, ``graph.html`` and ``report.json``.

    Problems with single inputs are reported through ``warn`` (one line each) and in
    the report, and the other articles are still built; with ``strict`` any problem
    raises :class:`BuildError` before anything is written. ``model`` names an installed
    trained spaCy pipeline whose entities are added (``--model``).
    """
    out = Path(out_dir)
    _remove_stale_temp_files(out)
    articles, problems = read_articles(list(inputs))
    for p in problems:
        if warn:
            warn(str(p))
    if strict and problems:
        raise BuildError(f"{len(problems)} input problem(s), first: {problems[0]} "
                         "(--strict: nothing written)")
    if not articles:
        raise BuildError("no readable articles in the input; give article files or folders "
                         "(.txt, .md, .html, .jsonl)")
    if model:
        from graph.nlp import ModelNotFound, load_trained_model
        try:
            load_trained_model(model)
        except ModelNotFound as exc:
            raise BuildError(str(exc)) from None
    cache = ExtractionCache(out / ".cache" if use_cache else None, model)
    extractions, hits = extract_all(articles, cache)
    g = merge_extractions(extractions)
    G = to_networkx(g)
    report = BuildReport(cached=hits)
    report.problems = [{"source": p.source, "message": p.message} for p in problems]
    for ex in extractions:
        report.articles.append({"id": ex.article.id, "source": ex.article.source,
                                "title": ex.article.title, "lang": ex.article.lang,
                                "date": ex.article.date, "relations": len(ex.relations)})
    report.entities, report.triples, report.claims = summarise(g)
    from graph.render import render_html  # imported late: pulls in the HTML template stack
    atomic_write(out / "graph.ttl", turtle_bytes(g))
    render_html(G, out / "graph.html", lang=lang, title="aidgraph: " + _corpus_title(articles))
    report.outputs = list(OUTPUTS)
    atomic_write(out / "report.json", report.to_json())
    return report


OUTPUTS = ("graph.ttl", "graph.html", "report.json")


def _remove_stale_temp_files(out: Path) -> None:
    """Temporary files a killed build left behind (the outputs themselves are intact)."""
    for name in OUTPUTS:
        for tmp in out.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)


def _corpus_title(articles: list[Article]) -> str:
    if len(articles) == 1:
        return articles[0].title[:80]
    return f"{len(articles)} articles"
