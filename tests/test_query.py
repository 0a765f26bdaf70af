"""Tests for graph.query: running SPARQL over the built graph and formatting results."""

from __future__ import annotations

import csv
import doctest
import io
import json
import multiprocessing
import os
import time
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, Namespace, URIRef

from graph import query as q
from graph.query import (
    PREFIXES,
    QueryError,
    QueryResult,
    QueryTimeout,
    format_result,
    load_graph,
    parse_binding,
    read_query,
    run_query,
)

AID = Namespace(PREFIXES["aid"])
ENT = Namespace(PREFIXES["ent"])
CLAIM = Namespace(PREFIXES["claim"])
ART = Namespace(PREFIXES["art"])
# Plain namespaces: pytest's collection pokes at rdflib's closed ones and warns.
RDF = Namespace(PREFIXES["rdf"])
RDFS = Namespace(PREFIXES["rdfs"])
SKOS = Namespace(PREFIXES["skos"])
XSD = Namespace(PREFIXES["xsd"])
PROV = Namespace(PREFIXES["prov"])
DCTERMS = Namespace(PREFIXES["dcterms"])

QUERY_DIR = Path(__file__).resolve().parent.parent / "seeds" / "queries"

# --------------------------------------------------------------------- sample graph

# fmt: off
ENTITIES = [
    # local name, class, English label, German label
    ("France", "Country", "France", "Frankreich"),
    ("Germany", "Country", "Germany", "Deutschland"),
    ("Ukraine", "Country", "Ukraine", "Ukraine"),
    ("Moldova", "Country", "Moldova", "Moldau"),
    ("United_States", "Country", "United States", "Vereinigte Staaten"),
    ("CAESAR", "Howitzer", "CAESAR", "Caesar"),
    ("SCALP", "CruiseMissile", "SCALP-EG", "SCALP-EG"),
    ("IRIS_T", "AirDefenceSystem", "IRIS-T SLM", "IRIS-T SLM"),
    ("Leopard_2", "MainBattleTank", "Leopard 2", "Leopard 2"),
    ("Leopard_2A6", "MainBattleTank", "Leopard 2A6", "Leopard 2A6"),
    ("Gepard", "AntiAircraftGun", "Gepard", "Flugabwehrkanonenpanzer Gepard"),
    ("Sebastien_Lecornu", "Person", "Sébastien Lecornu", "Sébastien Lecornu"),
    ("Rustem_Umerov", "Person", "Rustem Umerov", "Rustem Umjerow"),
    ("Olaf_Scholz", "Person", "Olaf Scholz", "Olaf Scholz"),
    ("Volodymyr_Zelensky", "Person", "Volodymyr Zelensky", "Wolodymyr Selenskyj"),
    ("Max_Mustermann", "Person", "Max Mustermann", "Max Mustermann"),
]
# fmt: on

# fmt: off
ARTICLES = {
    "a1": ("Frankreich sagt der Ukraine weitere Caesar-Haubitzen zu", "de", "2023-06-01"),
    "a2": ("Germany delivers Leopard 2A6 tanks, IRIS-T to Ukraine", "en", "2023-03-27"),
    "a3": ("Gepard: Deutschland liefert Flugabwehrpanzer", "de", "2022-08-01"),
}
# fmt: on

# claim id, subject, predicate, object, article, rule, evidence, extra claim properties
# fmt: off
CLAIMS = [
    ("c01", "France", "supplies", "SCALP", "a1", "de.supply.past",
     "Frankreich hat Scalp-Marschflugkörper geliefert.", {"status": "delivered"}),
    ("c02", "France", "pledges", "CAESAR", "a1", "de.supply.future",
     "Frankreich werde 12 weitere Caesar-Haubitzen an die Ukraine übergeben.",
     {"status": "pledged", "recipient": "Ukraine", "quantity": 12,
      "quantityText": "12 weitere", "date": "2023-06-01"}),
    ("c03", "France", "suppliesTo", "Ukraine", "a1", "de.supply.past",
     "Frankreich liefert „weiterhin so viel wie nötig“, sagte Lecornu.", {}),
    ("c04", "Germany", "supplies", "IRIS_T", "a2", "en.supply.past",
     'Germany has delivered 4 IRIS-T systems, "as promised", to Ukraine.',
     {"status": "delivered", "recipient": "Ukraine", "quantity": 4}),
    ("c05", "Germany", "pledges", "IRIS_T", "a2", "en.supply.future",
     "Germany will send 4 IRIS-T systems.", {"status": "pledged", "quantity": 4}),
    ("c06", "Germany", "pledges", "Leopard_2", "a2", "en.supply.future",
     "Germany pledged 14 Leopard 2 tanks.", {"status": "pledged", "quantity": 14}),
    ("c07", "Germany", "supplies", "Leopard_2A6", "a2", "en.supply.past",
     "The first 18 Leopard 2A6 arrived in Ukraine.",
     {"status": "delivered", "recipient": "Ukraine", "quantity": 18}),
    ("c08", "Germany", "pledges", "Gepard", "a3", "de.supply.future",
     "Deutschland will 15 Gepard-Panzer liefern.",
     {"status": "pledged", "quantity": 15, "date": "2022-08-01"}),
    ("c09", "Germany", "pledges", "Gepard", "a2", "en.supply.future",
     "Berlin promised 30 Gepard anti-aircraft guns.",
     {"status": "pledged", "quantity": 30, "date": "2022-04-26"}),
    ("c10", "Germany", "suppliesTo", "Ukraine", "a2", "en.supply.past",
     "Germany supplies Ukraine.", {}),
    ("c11", "Germany", "suppliesTo", "Moldova", "a3", "de.supply.past",
     "Deutschland liefert auch an Moldau.", {}),
    ("c12", "United_States", "fundsFor", "Ukraine", "a2", "en.funding",
     "The US approved $1.5 billion for Ukraine.",
     {"amount": 1.5e9, "currency": "USD", "amountText": "$1.5 billion"}),
    ("c13", "Germany", "fundsFor", "Ukraine", "a3", "de.funding",
     "Deutschland stellt 200 Millionen Euro bereit.",
     {"amount": 200000000.0, "currency": "EUR", "amountText": "200 Millionen Euro",
      "date": "2022-08-01"}),
    ("c14", "France", "fundsFor", "Ukraine", "a1", "de.funding",
     "Frankreich finanziert Waffen für die Ukraine.", {}),
    ("c15", "Sebastien_Lecornu", "defenceMinisterOf", "France", "a1", "de.role.minister",
     "der französische Minister Sebastien Lecornu", {}),
    ("c16", "Rustem_Umerov", "defenceMinisterOf", "Ukraine", "a1", "de.role.minister",
     "Der ukrainische Verteidigungsminister Rustem Umerov", {}),
    ("c17", "Olaf_Scholz", "chancellorOf", "Germany", "a3", "de.role.chancellor",
     "Bundeskanzler Olaf Scholz", {}),
    ("c18", "Volodymyr_Zelensky", "presidentOf", "Ukraine", "a1", "de.role.president",
     "dem ukrainischen Präsidenten Wolodymyr Selenskyj", {}),
    ("c19", "Max_Mustermann", "deputyMinisterOf", "Germany", "a3", "de.role.minister",
     "Staatssekretär Max Mustermann", {}),
    # A claim whose triple was not asserted: evidence.rq must not list it.
    ("c20", "France", "supplies", "Gepard", "a1", "de.supply.past",
     "Frankreich liefert keine Gepard.", {"status": "delivered"}),
]
# fmt: on
ASSERTED = [c for c in CLAIMS if c[0] != "c20"]


def build_sample_graph() -> rdflib.Graph:
    """A small graph shaped like docs/rdf-model.md, with English and German labels."""
    g = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for name, cls, en, de in ENTITIES:
        node = ENT[name]
        g.add((node, RDF.type, AID[cls]))
        g.add((node, RDFS.label, Literal(en, lang="en")))
        g.add((node, SKOS.prefLabel, Literal(en, lang="en")))
        g.add((node, SKOS.prefLabel, Literal(de, lang="de")))
    g.add((ENT.France, AID.mention, Literal("Frankreichs")))
    g.add((ENT.France, AID.wikidata, Literal("Q142")))
    g.add((ENT.Leopard_2A6, SKOS.broader, ENT.Leopard_2))
    # Only some class labels: weapons-by-donor.rq falls back to the class name.
    g.add((AID.Howitzer, RDFS.label, Literal("howitzer", lang="en")))
    g.add((AID.Howitzer, RDFS.label, Literal("Haubitze", lang="de")))
    g.add((AID.MainBattleTank, RDFS.label, Literal("main battle tank", lang="en")))
    g.add((AID.MainBattleTank, RDFS.label, Literal("Kampfpanzer", lang="de")))
    g.add((AID.deputyMinisterOf, RDFS.subPropertyOf, AID.ministerOf))
    g.add((AID.defenceMinisterOf, RDFS.subPropertyOf, AID.ministerOf))
    g.add((AID.ministerOf, RDFS.subPropertyOf, AID.holdsRole))
    for art_id, (title, lang, day) in ARTICLES.items():
        node = ART[art_id]
        g.add((node, RDF.type, AID.Article))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, DCTERMS.title, Literal(title)))
        g.add((node, DCTERMS.language, Literal(lang)))
        g.add((node, DCTERMS.date, Literal(day, datatype=XSD.date)))
        g.add((node, DCTERMS.source, URIRef(f"https://news.example/{art_id}")))
        g.add((node, AID.sourceFile, Literal(f"seeds/{art_id}.txt")))
    for cid, s, p, o, art, rule, evidence, extra in CLAIMS:
        if cid != "c20":
            g.add((ENT[s], AID[p], ENT[o]))
        node = CLAIM[cid]
        g.add((node, RDF.type, AID.Claim))
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, ENT[s]))
        g.add((node, RDF.predicate, AID[p]))
        g.add((node, RDF.object, ENT[o]))
        g.add((node, AID.evidence, Literal(evidence)))
        g.add((node, AID.charStart, Literal(0)))
        g.add((node, AID.charEnd, Literal(len(evidence))))
        g.add((node, AID.rule, Literal(rule)))
        g.add((node, PROV.wasDerivedFrom, ART[art]))
        for key, value in extra.items():
            if key == "recipient":
                g.add((node, AID.recipient, ENT[value]))
            elif key == "date":
                g.add((node, AID.date, Literal(value, datatype=XSD.date)))
            else:
                g.add((node, AID[key], Literal(value)))
    return g


@pytest.fixture(scope="module")
def ttl_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("out") / "graph.ttl"
    build_sample_graph().serialize(path, format="turtle")
    return path


@pytest.fixture(scope="module")
def sample(ttl_path) -> rdflib.Graph:
    return load_graph(ttl_path)


def _child_pids() -> set[int]:
    """Processes (zombies included) whose parent is this test process."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm)": state, ppid
        if int(fields[1]) == me:
            found.add(int(entry))
    return found


# ------------------------------------------------------------------ query kinds


def test_select_rows_are_plain_strings_with_none_for_unbound(sample):
    result = run_query(
        sample,
        """SELECT ?label ?mention WHERE {
             ent:France skos:prefLabel ?label .
             OPTIONAL { ent:France aid:mention ?mention . FILTER(LANG(?label) = "de") }
           } ORDER BY STR(?label)""",
    )
    assert result.kind == "select"
    assert result.columns == ["label", "mention"]
    assert result.rows == [("France", None), ("Frankreich", "Frankreichs")]
    assert result.boolean is None and result.graph is None


def test_select_german_labels_by_language(sample):
    result = run_query(
        sample,
        """SELECT ?country ?de WHERE {
             ?country a aid:Country ; skos:prefLabel ?de .
             FILTER(LANGMATCHES(LANG(?de), "de"))
           } ORDER BY ?de""",
    )
    assert [r[1] for r in result.rows] == [
        "Deutschland",
        "Frankreich",
        "Moldau",
        "Ukraine",
        "Vereinigte Staaten",
    ]
    assert result.rows[0][0] == str(ENT.Germany)  # rows keep full IRIs


def test_prefix_declarations_may_be_omitted_and_explicit_ones_work(sample):
    implicit = run_query(sample, "SELECT ?w WHERE { ent:France aid:supplies ?w }")
    explicit = run_query(
        sample,
        "PREFIX x: <https://w3id.org/aidgraph/ontology#>\n"
        "SELECT ?w WHERE { <https://w3id.org/aidgraph/id/France> x:supplies ?w }",
    )
    assert implicit.rows == explicit.rows == [(str(ENT.SCALP),)]


def test_ask(sample):
    assert run_query(sample, "ASK { ent:Germany aid:supplies ent:IRIS_T }").boolean is True
    result = run_query(sample, "ASK { ent:France aid:supplies ent:Gepard }")
    assert result.kind == "ask" and result.boolean is False
    assert format_result(result) == "false"
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": False}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own JSON-LD parser
def test_construct_returns_graph_and_turtle(sample):
    result = run_query(
        sample,
        """CONSTRUCT { ?p aid:roleIn ?c } WHERE {
             ?p aid:defenceMinisterOf ?c }""",
    )
    assert result.kind == "construct"
    assert set(result.graph) == {
        (ENT.Sebastien_Lecornu, AID.roleIn, ENT.France),
        (ENT.Rustem_Umerov, AID.roleIn, ENT.Ukraine),
    }
    text = format_result(result, "turtle")
    assert "@prefix ent: <https://w3id.org/aidgraph/id/>" in text
    assert "ent:Sebastien_Lecornu aid:roleIn ent:France" in text
    assert format_result(result, "table") == text
    back = rdflib.Graph().parse(data=text, format="turtle")
    assert set(back) == set(result.graph)
    jsonld = rdflib.Graph().parse(data=format_result(result, "json"), format="json-ld")
    assert set(jsonld) == set(result.graph)
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"), newline="")))
    assert rows[0] == ["subject", "predicate", "object"] and len(rows) == 3


def test_describe_is_reported_as_construct(sample):
    result = run_query(sample, "DESCRIBE ent:Gepard")
    assert result.kind == "construct"
    assert (ENT.Gepard, SKOS.prefLabel, Literal("Flugabwehrkanonenpanzer Gepard", lang="de")) in (
        result.graph
    )


def test_in_process_and_forked_runs_agree(sample):
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    forked = run_query(sample, text, timeout=30)
    inline = run_query(sample, text, timeout=None)
    assert forked.rows == inline.rows and forked.terms == inline.terms
    assert run_query(sample, text, timeout=0).rows == inline.rows
    assert len(inline.rows) == len(sample)


# ---------------------------------------------------------------------- formats


def test_table_format_compacts_iris_and_counts_rows(sample):
    result = run_query(
        sample,
        """SELECT ?weapon ?de ?quantity WHERE {
             ?c rdf:predicate aid:pledges ; rdf:object ?weapon ; aid:quantity ?quantity .
             ?weapon skos:prefLabel ?de . FILTER(LANG(?de) = "de")
           } ORDER BY ?quantity""",
    )
    table = format_result(result, "table")
    lines = table.split("\n")
    assert lines[0].split() == ["weapon", "de", "quantity"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].startswith("ent:IRIS_T ")
    assert "ent:Gepard" in table and "Flugabwehrkanonenpanzer Gepard" in table
    assert "https://" not in table
    assert lines[-1] == "(5 rows)"
    # Numbers are right-aligned, so the one-digit quantity ends where "quantity" ends.
    assert len(lines[2]) == len(lines[0])
    assert len({len(line) for line in lines[2:-1]}) == 1


def test_table_format_singular_empty_and_long_cells():
    one = QueryResult("select", ["x"], [("a\nb",)])
    assert format_result(one).split("\n") == ["x", "---", "a b", "(1 row)"]
    none = QueryResult("select", ["x", "y"], [])
    assert format_result(none).split("\n")[-1] == "(0 rows)"
    long = QueryResult("select", ["x"], [("wort " * 40,)])
    cell = format_result(long).split("\n")[2]
    assert cell.endswith("…") and len(cell) == q.TABLE_MAX_CELL


def test_csv_format_parses_back_with_full_iris(sample):
    result = run_query(
        sample,
        """SELECT ?claim ?evidence ?quantity WHERE {
             ?claim rdf:subject ent:Germany ; aid:evidence ?evidence .
             OPTIONAL { ?claim aid:quantity ?quantity }
           } ORDER BY ?claim""",
    )
    text = format_result(result, "csv")
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["claim", "evidence", "quantity"]
    body = {r[0]: r for r in rows[1:]}
    assert len(body) == len(result.rows)
    assert body[str(CLAIM.c04)] == [
        str(CLAIM.c04),
        'Germany has delivered 4 IRIS-T systems, "as promised", to Ukraine.',
        "4",
    ]
    assert body[str(CLAIM.c10)][2] == ""  # unbound → empty field


def test_json_format_is_sparql_results_json(sample):
    result = run_query(
        sample,
        """SELECT ?country ?label ?iso WHERE {
             VALUES ?country { ent:France }
             ?country skos:prefLabel ?label .
             OPTIONAL { ?country aid:isoCode ?iso }
           } ORDER BY STR(?label)""",
    )
    doc = json.loads(format_result(result, "json"))
    assert doc["head"]["vars"] == ["country", "label", "iso"]
    bindings = doc["results"]["bindings"]
    assert bindings[1] == {
        "country": {"type": "uri", "value": str(ENT.France)},
        "label": {"type": "literal", "value": "Frankreich", "xml:lang": "de"},
    }
    count = json.loads(
        format_result(run_query(sample, "SELECT (COUNT(*) AS ?n) WHERE { ?s a aid:Claim }"), "json")
    )
    assert count["results"]["bindings"] == [
        {"n": {"type": "literal", "value": "20", "datatype": str(XSD.integer)}}
    ]


def test_format_errors(sample):
    select = run_query(sample, "SELECT ?s WHERE { ?s a aid:Country }")
    with pytest.raises(QueryError, match="turtle output needs a CONSTRUCT"):
        format_result(select, "turtle")
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(select, "xml")


# ----------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("SELECT ?x\nWHERE { ?x ?p ?o . FILTER(?x = ) }", 2, 20),
        ("SELECT ?x WHERE { ?x ?p ?o } LIMIT x", 1, 30),
        ("SELEC ?x WHERE { ?x ?p ?o }", 1, 1),
        ("PREFIX a: <http://a/>\nSELECT ?x WHERE {\n  ?x a:b ?o ;\n     a:c }", 4, 6),
        ("SELECT ?x WHERE { ?x ?p ?o ", 1, 28),
        ("SELECT ?x\nWHERE {\n\t?x ?p ?o . FILTER(?x = ) }", 3, 13),
    ],
)
def test_syntax_error_is_one_line_with_line_and_column(sample, text, line, column):
    with pytest.raises(QueryError) as info:
        run_query(sample, text)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"query: syntax error at line {line}, column {column}:")
    assert not isinstance(info.value, QueryTimeout)


def test_unknown_prefix_is_reported_with_position(sample):
    with pytest.raises(QueryError) as info:
        run_query(sample, 'SELECT ?x WHERE {\n  ?x rdfs:label "foo:bar" ;\n     foo:bar ?o }')
    assert str(info.value) == (
        "query: unknown prefix 'foo:' at line 3, column 6; declare it with PREFIX foo: <…>"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DROP ALL", "SPARQL Update is not supported"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL Update is not supported"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM"),
        ("   \n ", "empty query"),
    ],
)
def test_unsupported_queries_are_refused(sample, text, expected):
    with pytest.raises(QueryError, match=expected) as info:
        run_query(sample, text)
    assert "\n" not in str(info.value)


def test_load_graph_missing_file(tmp_path):
    missing = tmp_path / "out" / "graph.ttl"
    with pytest.raises(QueryError) as info:
        load_graph(missing)
    assert str(info.value) == f"{missing}: not found — run 'aidgraph build' first"


def test_load_graph_unparsable_names_file_and_line(tmp_path):
    bad = tmp_path / "graph.ttl"
    bad.write_text("@prefix ent: <https://w3id.org/aidgraph/id/> .\n\nent:a ent:b \n", "utf-8")
    with pytest.raises(QueryError) as info:
        load_graph(bad)
    message = str(info.value)
    assert message.startswith(f"{bad}: cannot parse Turtle: line 3")
    assert "\n" not in message
    broken = tmp_path / "graph.jsonld"
    broken.write_text('{"@id": \n', "utf-8")
    with pytest.raises(QueryError, match=r"graph\.jsonld: cannot parse JSON-LD: line 2"):
        load_graph(broken)
    with pytest.raises(QueryError, match="unknown graph format '.xyz'"):
        (tmp_path / "graph.xyz").write_text("x")
        load_graph(tmp_path / "graph.xyz")


def test_load_graph_formats_and_directory(tmp_path):
    source = build_sample_graph()
    for name, fmt in [("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.jsonld", "json-ld")]:
        source.serialize(tmp_path / name, format=fmt, encoding="utf-8")
        loaded = load_graph(str(tmp_path / name))
        assert len(loaded) == len(source), name
    assert len(load_graph(tmp_path)) == len(source)  # a directory means its graph.ttl
    # N-Triples carry no prefixes; the project's are still used for the table.
    nt = load_graph(tmp_path / "graph.nt")
    table = format_result(run_query(nt, "SELECT ?w WHERE { ent:France aid:supplies ?w }"))
    assert "ent:SCALP" in table


def test_read_query_inline_file_and_missing(tmp_path, monkeypatch):
    text = "# countries\nSELECT ?c WHERE { ?c a aid:Country }\n"
    path = tmp_path / "countries.rq"
    path.write_text(text, "utf-8")
    assert read_query(str(path)) == text
    assert read_query(path) == text
    assert read_query(text) == text
    assert read_query("ASK { ?s ?p ?o }") == "ASK { ?s ?p ?o }"
    with pytest.raises(QueryError) as info:
        read_query(str(tmp_path / "nope.rq"))
    assert str(info.value).startswith(f"{tmp_path / 'nope.rq'}: query file not found")
    with pytest.raises(QueryError, match="not found"):
        read_query("sub/dir/missing.sparql")
    with pytest.raises(QueryError, match="empty query"):
        read_query("")
    # A bare canned-query name is found in seeds/queries from any directory.
    monkeypatch.chdir(tmp_path)
    assert read_query("donors.rq") == (QUERY_DIR / "donors.rq").read_text("utf-8")


def test_file_and_inline_query_give_the_same_result(sample, tmp_path):
    text = "SELECT ?p WHERE { ?p aid:defenceMinisterOf ?c } ORDER BY ?p"
    path = tmp_path / "ministers.sparql"
    path.write_text(text, "utf-8")
    assert run_query(sample, read_query(str(path))).rows == run_query(sample, read_query(text)).rows


# ---------------------------------------------------------------------- timeout


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="child check reads /proc")
def test_timeout_stops_expensive_query_and_reaps_the_child():
    g = rdflib.Graph()
    for i in range(3000):
        g.add((URIRef(f"urn:s{i % 50}"), URIRef(f"urn:p{i % 7}"), Literal(i)))
    cross_join = """SELECT * WHERE {
        ?a ?b ?c . ?d ?e ?f . ?g ?h ?i
        FILTER(?c + ?f + ?i = -1)
    }"""
    before = _child_pids()
    start = time.monotonic()
    with pytest.raises(QueryTimeout) as info:
        run_query(g, cross_join, timeout=1)
    elapsed = time.monotonic() - start
    assert 0.9 <= elapsed < 10
    assert str(info.value) == (
        "query: stopped after 1.0 s (timeout); narrow the query or raise --timeout"
    )
    assert isinstance(info.value, QueryError)
    assert _child_pids() == before
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="child check reads /proc")
def test_finished_queries_leave_no_child_behind(sample):
    before = _child_pids()
    for _ in range(5):
        run_query(sample, "SELECT ?s WHERE { ?s a aid:Claim }", timeout=10)
    with pytest.raises(QueryError, match="GRAPH needs named graphs"):
        run_query(sample, "SELECT ?x WHERE { GRAPH ?g { ?x ?p ?o } }", timeout=10)
    assert _child_pids() == before


def test_a_dying_child_is_reported_not_hung(sample, monkeypatch):
    def die(*_args):
        os._exit(7)

    monkeypatch.setattr(q, "_evaluate", die)  # inherited by the forked child
    before = _child_pids() if os.path.isdir("/proc") else set()
    with pytest.raises(QueryError, match=r"evaluation process died \(exit code 7\)"):
        run_query(sample, "ASK { ?s ?p ?o }", timeout=5)
    if os.path.isdir("/proc"):
        assert _child_pids() == before


def test_docstring_examples_run():
    failures, _ = doctest.testmod(q, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_negative_timeout_is_refused(sample):
    with pytest.raises(QueryError, match="timeout"):
        run_query(sample, "ASK {}", timeout=-1)


# --------------------------------------------------------------------- bindings

NASTY = 'Evil" } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> "z" } #'


def _labelled_graph(*labels: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for i, label in enumerate(labels):
        g.add((ENT[f"e{i}"], RDFS.label, Literal(label)))
    return g


def test_bindings_are_injection_safe():
    g = _labelled_graph(NASTY, "Evil", 'Evil"', "} ; DROP", "")
    size = len(g)
    text = "SELECT ?e WHERE { ?e rdfs:label ?label }"
    for timeout in (5, None):
        result = run_query(g, text, bindings={"label": NASTY}, timeout=timeout)
        assert result.rows == [(str(ENT.e0),)]
        assert run_query(g, text, bindings={"?label": "} ; DROP"}).rows == [(str(ENT.e3),)]
    assert run_query(g, text, bindings={"label": "nothing"}).rows == []
    assert len(g) == size


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.lists(st.text(max_size=12), max_size=4))
def test_any_bound_text_matches_only_its_literal(value, others):
    g = _labelled_graph(value, *[o for o in others if o != value])
    result = run_query(
        g, "SELECT ?e WHERE { ?e rdfs:label ?label }", bindings={"label": value}, timeout=None
    )
    assert result.rows == [(str(ENT.e0),)]


def test_bindings_with_terms_and_language_tags(sample):
    text = "SELECT ?country WHERE { ?country skos:prefLabel ?label }"
    german = run_query(sample, text, bindings={"label": Literal("Frankreich", lang="de")})
    assert german.rows == [(str(ENT.France),)]
    assert run_query(sample, text, bindings={"label": "Frankreich"}).rows == []  # plain ≠ @de
    iri = run_query(
        sample,
        "SELECT ?w WHERE { ?donor aid:supplies ?w } ORDER BY ?w",
        bindings={"donor": parse_binding("ent:Germany")},
    )
    assert iri.rows == [(str(ENT.IRIS_T),), (str(ENT.Leopard_2A6),)]


def test_binding_errors(sample):
    with pytest.raises(QueryError, match=r"binding \?nope does not occur"):
        run_query(sample, "SELECT ?s WHERE { ?s ?p ?o }", bindings={"nope": "x"})
    with pytest.raises(QueryError, match="not a valid variable name"):
        run_query(sample, "SELECT ?s WHERE { ?s ?p ?o }", bindings={"a b": "x"})
    with pytest.raises(QueryError, match="unsupported type"):
        run_query(sample, "SELECT ?s WHERE { ?s ?p ?o }", bindings={"s": object()})


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("ent:France", ENT.France),
        ("<https://example.org/x>", URIRef("https://example.org/x")),
        ('"Frankreich"@de', Literal("Frankreich", lang="de")),
        ('"12"^^xsd:integer', Literal("12", datatype=XSD.integer)),
        ("12", Literal("12", datatype=XSD.integer)),
        ("2.5", Literal("2.5", datatype=XSD.decimal)),
        ("true", Literal("true", datatype=XSD.boolean)),
        ("Frankreich", Literal("Frankreich")),
        ("unknown:thing", Literal("unknown:thing")),
        (NASTY, Literal(NASTY)),
        ('"unterminated', Literal('"unterminated')),
    ],
)
def test_parse_binding(text, term):
    assert parse_binding(text) == term


def test_prefixes_agree_with_the_ontology_module():
    ontology = pytest.importorskip("graph.ontology")
    assert {p: str(ns) for p, ns in ontology.PREFIXES.items()} == PREFIXES


# -------------------------------------------------------------- canned queries


def iri(name: str) -> str:
    return str(ENT[name])


def claim_row(cid: str) -> tuple:
    _, s, p, o, art, rule, evidence, _ = next(c for c in CLAIMS if c[0] == cid)
    return (iri(s), str(AID[p]), iri(o), evidence, ARTICLES[art][0], rule)


# fmt: off
EXPECTED = {
    "donors.rq": [
        (iri("Germany"), "Germany", "2", "4"),
        (iri("France"), "France", "1", "2"),
    ],
    "weapons-by-donor.rq": [
        (iri("France"), "pledges", iri("CAESAR"), "howitzer", "12"),
        (iri("France"), "supplies", iri("SCALP"), "CruiseMissile", None),
        (iri("Germany"), "pledges", iri("Gepard"), "AntiAircraftGun", "15"),
        (iri("Germany"), "pledges", iri("Gepard"), "AntiAircraftGun", "30"),
        (iri("Germany"), "pledges", iri("IRIS_T"), "AirDefenceSystem", "4"),
        (iri("Germany"), "pledges", iri("Leopard_2"), "main battle tank", "14"),
        (iri("Germany"), "supplies", iri("IRIS_T"), "AirDefenceSystem", "4"),
        (iri("Germany"), "supplies", iri("Leopard_2A6"), "main battle tank", "18"),
    ],
    "evidence.rq": sorted(
        (claim_row(c[0]) for c in ASSERTED), key=lambda r: (r[0], r[1], r[2], r[4], r[3])
    ),
    "roles.rq": [
        (iri("Sebastien_Lecornu"), "Sébastien Lecornu", str(AID.defenceMinisterOf), iri("France")),
        (iri("Max_Mustermann"), "Max Mustermann", str(AID.deputyMinisterOf), iri("Germany")),
        (iri("Olaf_Scholz"), "Olaf Scholz", str(AID.chancellorOf), iri("Germany")),
        (iri("Rustem_Umerov"), "Rustem Umerov", str(AID.defenceMinisterOf), iri("Ukraine")),
        (iri("Volodymyr_Zelensky"), "Volodymyr Zelensky", str(AID.presidentOf), iri("Ukraine")),
    ],
    "pledged-not-delivered.rq": [
        (iri("France"), iri("CAESAR"), "12", "2023-06-01", "1"),
        (iri("Germany"), iri("Gepard"), "30", "2022-04-26", "2"),
    ],
    "funding.rq": [
        (iri("Germany"), iri("Ukraine"), "200000000.0", "EUR", "200 Millionen Euro",
         "2022-08-01", "Deutschland stellt 200 Millionen Euro bereit."),
        (iri("United_States"), iri("Ukraine"), "1500000000.0", "USD", "$1.5 billion",
         None, "The US approved $1.5 billion for Ukraine."),
        (iri("France"), iri("Ukraine"), None, None, None,
         None, "Frankreich finanziert Waffen für die Ukraine."),
    ],
}
# fmt: on

CANNED = sorted(p.name for p in QUERY_DIR.glob("*.rq"))


def test_every_canned_query_has_expectations():
    assert CANNED == sorted(EXPECTED)


@pytest.mark.parametrize("name", CANNED)
def test_canned_query_has_comment_header(name):
    text = (QUERY_DIR / name).read_text("utf-8")
    assert text.startswith(f"# {name} — ")
    assert "# Columns:" in text


@pytest.mark.parametrize("name", CANNED)
def test_canned_query_returns_expected_rows(sample, name):
    result = run_query(sample, read_query(str(QUERY_DIR / name)))
    assert result.kind == "select"
    assert result.rows == EXPECTED[name]
    # Every format renders; the table shortens IRIs.
    assert "https://w3id.org" not in format_result(result, "table")
    assert len(list(csv.reader(io.StringIO(format_result(result, "csv"), newline="")))) == (
        len(EXPECTED[name]) + 1
    )
    assert len(json.loads(format_result(result, "json"))["results"]["bindings"]) == len(
        EXPECTED[name]
    )


def _normalise(value: str | None):
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return value


@pytest.mark.parametrize("name", CANNED)
def test_canned_query_is_standard_sparql(ttl_path, name):
    """Oxigraph, an independent engine, returns the same rows: no rdflib-only quirks."""
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(ttl_path), format=pyoxigraph.RdfFormat.TURTLE)
    solutions = store.query((QUERY_DIR / name).read_text("utf-8"))
    columns = [v.value for v in solutions.variables]
    rows = [
        tuple(None if s[c] is None else _normalise(s[c].value) for c in columns) for s in solutions
    ]
    assert rows == [tuple(_normalise(v) for v in row) for row in EXPECTED[name]]
