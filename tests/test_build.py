"""The whole pipeline on the short test corpus: outputs, contracts, determinism, bad input."""
from __future__ import annotations

import json
import shutil

import pytest
from conftest import check_golden
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic

from graph.build import BuildError, build
from graph.export import ntriples_bytes
from graph.ontology import AID, ENT, PROV
from graph.validate import validate_graph


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    report = build(["tests/corpus"], out, use_cache=False)
    g = Graph().parse(out / "graph.ttl", format="turtle")
    return out, report, g


def test_build_writes_the_three_outputs(built):
    out, report, _ = built
    assert (out / "graph.ttl").stat().st_size > 0
    assert (out / "graph.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(data["articles"]) == 2 and data["problems"] == []
    assert data["triples"]["supplies"] >= 2


def test_direct_triples_between_entity_iris(built):
    _, _, g = built
    assert (ENT.France, AID.supplies, ENT.CAESAR) in g
    assert (ENT.France, AID.pledges, ENT.SCALP) in g
    assert (ENT.France, AID.suppliesTo, ENT.Ukraine) in g
    assert (ENT.Germany, AID.pledges, ENT.IRIS_T) in g
    assert (ENT.Germany, AID.supplies, ENT.Patriot) in g


def test_entities_have_english_label_and_type(built):
    _, _, g = built
    for ent in (ENT.France, ENT.CAESAR, ENT.Ukraine, ENT.Germany):
        labels = [o for o in g.objects(ent, RDFS.label) if isinstance(o, Literal)]
        assert any(label.language == "en" for label in labels)
        assert list(g.objects(ent, RDF.type))


def test_every_direct_triple_is_traceable_to_a_claim(built):
    _, _, g = built
    q = """
    SELECT ?s ?p ?o WHERE {
      ?s ?p ?o . FILTER(STRSTARTS(STR(?s), STR(ent:)) && STRSTARTS(STR(?o), STR(ent:))
                        && STRSTARTS(STR(?p), STR(aid:)))
      FILTER NOT EXISTS {
        ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
           aid:evidence ?e ; aid:charStart ?a ; aid:charEnd ?b ; prov:wasDerivedFrom ?art .
        ?art a aid:Article .
      }
    }"""
    rows = list(g.query(q, initNs={"ent": ENT, "aid": AID, "rdf": RDF, "prov": PROV}))
    assert rows == []


def test_claims_carry_status_quantity_and_offsets(built):
    _, _, g = built
    claims = [c for c in g.subjects(RDF.subject, ENT.France)
              if g.value(c, RDF.object) == ENT.CAESAR]
    assert claims
    c = claims[0]
    assert str(g.value(c, AID.status)) == "delivered"
    assert int(g.value(c, AID.quantity)) == 12
    text = "Frankreich hat der Ukraine zwölf Caesar-Haubitzen geliefert."
    assert str(g.value(c, AID.evidence)) == text


def test_graph_conforms_to_the_shacl_shapes(built):
    _, _, g = built
    result = validate_graph(g)
    assert result.conforms, result.report


def test_two_builds_are_byte_identical(tmp_path):
    build(["tests/corpus"], tmp_path / "a", use_cache=False)
    build(["tests/corpus"], tmp_path / "b", use_cache=False)
    for name in ("graph.ttl", "graph.html", "report.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_turtle_matches_the_golden_file(built):
    out, _, g = built
    check_golden("corpus.ttl", (out / "graph.ttl").read_bytes())
    golden = Graph().parse("tests/golden/corpus.ttl", format="turtle")
    assert isomorphic(golden, g)
    check_golden("corpus.nt", ntriples_bytes(g))


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path, capsys):
    src = tmp_path / "in"
    shutil.copytree("tests/corpus", src)
    (src / "empty.txt").write_text("")
    (src / "blob.txt").write_bytes(bytes(range(256)) * 40)
    warnings = []
    report = build([src], tmp_path / "out", warn=warnings.append, use_cache=False)
    sources = {p["source"] for p in report.problems}
    assert any(s.endswith("empty.txt") for s in sources)
    assert any(s.endswith("blob.txt") for s in sources)
    assert len(warnings) == len(report.problems) and all("\n" not in w for w in warnings)
    assert len(report.articles) == 2
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert (ENT.France, AID.supplies, ENT.CAESAR) in g


def test_strict_mode_writes_nothing_when_an_input_is_bad(tmp_path):
    src = tmp_path / "in"
    shutil.copytree("tests/corpus", src)
    (src / "empty.txt").write_text("   \n")
    with pytest.raises(BuildError, match="empty.txt"):
        build([src], tmp_path / "out", strict=True)
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_no_readable_article_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(BuildError, match="no readable articles"):
        build([tmp_path], tmp_path / "out")


def test_a_repeated_build_reuses_the_cache(tmp_path):
    first = build(["tests/corpus"], tmp_path / "out")
    second = build(["tests/corpus"], tmp_path / "out")
    assert first.cached == 0 and second.cached == 2
    assert first.to_json() == second.to_json()
