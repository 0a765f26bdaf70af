"""Merging articles into one graph, and the networkx projection of it.

Entities from the gazetteer already share one IRI whatever the spelling
(Selenskyj = Zelenskiy = Zelenskyy). People found only by their titles get a
key minted from their name; ``resolve_people`` joins such keys across
articles when they are transliterations of one another (Resnikow = Reznikov),
or when the name is a gazetteer person's name in another spelling.

``to_networkx(g)`` is the view used for graph algorithms and rendering: one
node per entity, one edge per (subject, relation, object) with every claim
that supports it.

>>> from graph.rdf import new_graph
>>> from graph.ontology import ENT, AID
>>> g = new_graph(); g.add((ENT.France, AID.supplies, ENT.SCALP))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> G = to_networkx(g)
>>> G.has_edge(str(ENT.France), str(ENT.SCALP), key="supplies")
True
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from graph.extract import Extraction
from graph.ontology import AID, DCTERMS, ENT, PROV, load_gazetteer, role_properties
from graph.rdf import extraction_to_rdf, new_graph
from graph.textnorm import fold

#: Relation local name -> group used for colours and filters.
RELATION_GROUPS = {
    "supplies": "supply", "pledges": "pledge", "suppliesTo": "aid", "trains": "training",
    "coProducesWith": "cooperation", "fundsFor": "funding", "manufactures": "industry",
    "attacks": "hostility", "occupies": "hostility",
}

_TRANSLIT = [("schtsch", "shch"), ("tsch", "ch"), ("sch", "sh"), ("ij", "ii"), ("yj", "yy"),
             ("iy", "ii"), ("yi", "ii"), ("w", "v"), ("j", "y"), ("z", "s"), ("kh", "h"),
             ("ch", "h"), ("ks", "x"), ("y", "i")]


def name_key(name: str) -> str:
    """A spelling-insensitive key for a person's name (Oleksij Resnikow ~ Oleksii Reznikov)."""
    s = re.sub(r"[^a-z ]", "", fold(name))
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s).strip()


def resolve_people(extractions: Iterable[Extraction]) -> dict[str, str]:
    """Map minted person keys to one key per person across all articles."""
    gaz = load_gazetteer()
    known: dict[str, str] = {}
    for ent in gaz.entities.values():
        if ent.kind == "Person":
            for text in list(ent.pref.values()) + [t for t, _ in ent.alt]:
                known.setdefault(name_key(text), ent.key)
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for ex in extractions:
        for m in ex.mentions:
            if m.kind != "Person" or m.known or m.form != "name":
                continue
            k = name_key(m.text)
            target = known.get(k) or seen.setdefault(k, m.key)
            if target != m.key:
                mapping[m.key] = target
    return mapping


def _remap(ex: Extraction, mapping: dict[str, str]) -> Extraction:
    if not mapping:
        return ex
    gaz = load_gazetteer()

    def key(k):
        return mapping.get(k, k) if k else k
    mentions = [replace(m, key=key(m.key), known=m.known or key(m.key) in gaz.entities)
                for m in ex.mentions]
    rels = [replace(r, subject=key(r.subject), object=key(r.object), recipient=key(r.recipient))
            for r in ex.relations]
    return Extraction(ex.article, mentions, rels)


def merge_extractions(extractions: list[Extraction]) -> Graph:
    """One RDF graph from many articles, each real-world entity one node."""
    mapping = resolve_people(extractions)
    g = new_graph()
    for ex in sorted(extractions, key=lambda e: e.article.id):
        extraction_to_rdf(_remap(ex, mapping), g)
    return g


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def relation_group(relation: str) -> str:
    """The display group of a relation ("role" for holdsRole and its sub-properties)."""
    if relation in role_properties():
        return "role"
    return RELATION_GROUPS.get(relation, "other")


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """The entity graph: nodes with labels and classes, edges with their claims."""
    gaz = load_gazetteer()
    relations = set(RELATION_GROUPS) | set(role_properties())
    G = nx.MultiDiGraph()
    ent_ns = str(ENT)
    for s in sorted(set(g.subjects(RDF.type, None))):
        if not str(s).startswith(ent_ns):
            continue
        key = _local(s)
        types = sorted(_local(t) for t in g.objects(s, RDF.type))
        typ = types[0] if types else "Thing"
        ent = gaz.entities.get(key)
        labels = {o.language or "en": str(o) for o in g.objects(s, SKOS.prefLabel)}
        label = next((str(o) for o in g.objects(s, RDFS.label)), key.replace("_", " "))
        labels.setdefault("en", label)
        aliases = sorted({str(o) for p in (SKOS.altLabel, AID.mention) for o in g.objects(s, p)})
        wd = g.value(s, AID.wikidata)
        G.add_node(str(s), label=label, labels=labels, aliases=aliases, type=typ,
                   kind=gaz.kind_of(typ) or (ent.kind if ent else "Thing"),
                   wikidata=str(wd) if wd else None, articles=0)
    articles = {}
    for art in g.subjects(RDF.type, AID.Article):
        date = g.value(art, DCTERMS.date)
        src = g.value(art, DCTERMS.source)
        articles[art] = {"article_id": _local(art), "article_title": str(g.value(art, DCTERMS.title) or ""),
                         "article_date": str(date) if date else None,
                         "article_url": str(src) if src else None}
    claims: dict[tuple, list[dict]] = {}
    mentioned: dict[str, set] = {}
    for c in g.subjects(RDF.type, AID.Claim):
        s, p, o = g.value(c, RDF.subject), g.value(c, RDF.predicate), g.value(c, RDF.object)
        art = g.value(c, PROV.wasDerivedFrom)
        info = dict(articles.get(art, {"article_id": None, "article_title": "", "article_date": None,
                                       "article_url": None}))

        def lit(prop, c=c):
            v = g.value(c, prop)
            return str(v) if v is not None else None
        qty = lit(AID.quantityText) or lit(AID.quantity)
        info.update(sentence=lit(AID.evidence) or "", status=lit(AID.status), quantity=qty,
                    amount=lit(AID.amountText), date=lit(AID.date) or lit(AID.dateText),
                    rule=lit(AID.rule) or "")
        claims.setdefault((str(s), _local(p), str(o)), []).append(info)
        for node in (s, o):
            mentioned.setdefault(str(node), set()).add(info["article_id"])
    for s, p, o in g:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)) or _local(p) not in relations \
                or not str(p).startswith(str(AID)) or not str(o).startswith(ent_ns):
            continue
        rel = _local(p)
        cl = sorted(claims.get((str(s), rel, str(o)), []),
                    key=lambda c: (c["article_id"] or "", c["sentence"]))
        status = "delivered" if rel == "supplies" else "pledged" if rel == "pledges" else None
        for n in (s, o):
            if str(n) not in G:
                G.add_node(str(n), label=_local(n).replace("_", " "), labels={}, aliases=[],
                           type="Thing", kind="Thing", wikidata=None, articles=0)
        G.add_edge(str(s), str(o), key=rel, relation=rel, group=relation_group(rel),
                   status=status, support=len({c["article_id"] for c in cl}), claims=cl)
    for node, arts in mentioned.items():
        if node in G:
            G.nodes[node]["articles"] = len(arts)
    return G
