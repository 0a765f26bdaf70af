"""Serialisations: golden files, round trips through two parsers, hostile text."""
from __future__ import annotations

import pyoxigraph
import pytest
from conftest import check_golden
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.articles import Article
from graph.export import graphml_bytes, jsonld_bytes, ntriples_bytes, turtle_bytes, write_graph
from graph.extract import extract
from graph.merge import merge_extractions, to_networkx

HOSTILE = ('Titel mit "Anführungszeichen", \\Backslash\\, <script>alert(1)</script>, '
           '\u202eRTL\u202c, 🚀 und \x07Steuerzeichen')


@pytest.fixture(scope="module")
def hostile_graph():
    text = (f'Frankreich hat der Ukraine zwölf Caesar-Haubitzen geliefert – „{HOSTILE}“.\n'
            'Die Übergabe "<img src=x onerror=alert(1)>" ist abgeschlossen.')
    art = Article(id="hostile1", title=HOSTILE, text=text, lang="de", source='evil "file".txt',
                  url='https://example.org/a b"c')
    return merge_extractions([extract(art)])


def _oxigraph_ntriples(data: bytes, fmt) -> bytes:
    store = pyoxigraph.Store()
    store.load(data, format=fmt)
    return pyoxigraph.serialize(store, format=pyoxigraph.RdfFormat.N_TRIPLES)


@pytest.mark.parametrize("name, writer, fmt", [
    ("turtle", turtle_bytes, "turtle"), ("nt", ntriples_bytes, "nt"), ("jsonld", jsonld_bytes, "json-ld"),
])
def test_hostile_text_round_trips_through_rdflib(hostile_graph, name, writer, fmt):
    back = Graph().parse(data=writer(hostile_graph), format=fmt)
    assert isomorphic(back, hostile_graph)


@pytest.mark.parametrize("writer, fmt", [(turtle_bytes, pyoxigraph.RdfFormat.TURTLE),
                                         (ntriples_bytes, pyoxigraph.RdfFormat.N_TRIPLES)])
def test_hostile_text_round_trips_through_oxigraph(hostile_graph, writer, fmt):
    nt = _oxigraph_ntriples(writer(hostile_graph), fmt)
    back = Graph().parse(data=nt, format="nt")
    assert isomorphic(back, hostile_graph)


def test_titles_keep_their_characters(hostile_graph):
    titles = [str(o) for o in hostile_graph.objects(None, None) if "Anführungszeichen" in str(o)]
    assert any("🚀" in t and "<script>" in t and "\\Backslash\\" in t for t in titles)


def test_ntriples_are_sorted_and_deterministic(hostile_graph):
    data = ntriples_bytes(hostile_graph).decode()
    lines = data.splitlines()
    assert lines == sorted(lines)
    assert ntriples_bytes(hostile_graph) == ntriples_bytes(hostile_graph)


def test_golden_jsonld_and_graphml():
    from graph.articles import read_articles
    # A relative path, as a user types it: aid:sourceFile keeps the path as given.
    articles, _ = read_articles(["tests/corpus"])
    g = merge_extractions([extract(a) for a in articles])
    check_golden("corpus.jsonld", jsonld_bytes(g))
    check_golden("corpus.graphml", graphml_bytes(to_networkx(g)))


def test_write_graph_picks_format_from_suffix_and_leaves_no_temp_files(hostile_graph, tmp_path):
    for suffix in (".ttl", ".nt", ".jsonld", ".graphml"):
        write_graph(hostile_graph, tmp_path / f"g{suffix}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml", "g.jsonld", "g.nt", "g.ttl"]
    with pytest.raises(ValueError, match="unknown format"):
        write_graph(hostile_graph, tmp_path / "g.xyz")
