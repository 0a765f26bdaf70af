"""From extractions to RDF: entities, direct triples and provenance claims.

``extraction_to_rdf(ex)`` turns one article's extraction into triples under
the ontology (see ``docs/rdf-model.md``): every entity with its type and
labels, every relation as a direct triple between entity IRIs, and one claim
per relation and sentence that carries the evidence and qualifiers.

IRIs are stable: entities use the gazetteer key (or a key minted from the
name), claims and articles a hash of their content. No blank nodes.

>>> from graph.articles import Article
>>> from graph.extract import extract
>>> art = Article(id="a1", title="t", text="Frankreich hat der Ukraine Caesar-Haubitzen geliefert.",
...               lang="de", source="t.txt", date=None, url=None, metadata={})
>>> g = extraction_to_rdf(extract(art))
>>> (ENT.France, AID.supplies, ENT.CAESAR) in g
True
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from graph.extract import Extraction
from graph.nlp import Mention
from graph.ontology import AID, ART, CLAIM, DCTERMS, ENT, PREFIXES, PROV, load_gazetteer
from graph.relation import Relation


def new_graph() -> Graph:
    """An empty graph with exactly the project's prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def claim_iri(article_id: str, rel: Relation) -> URIRef:
    """The stable IRI of the claim for one relation in one sentence of one article."""
    return CLAIM[_hash(article_id, rel.subject, rel.predicate, rel.object, rel.start_char)]


def _number(value: float) -> Literal:
    if float(value).is_integer():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


def _date(text: str) -> Literal:
    if len(text) == 10:
        return Literal(text, datatype=XSD.date)
    if len(text) == 7:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


def add_entity(g: Graph, key: str, kind: str | None = None, label: str | None = None,
               mentions: Iterable[str] = ()) -> URIRef:
    """Type and labels of one entity: from the gazetteer, or from its mention if unknown."""
    iri = ENT[key]
    ent = load_gazetteer().entities.get(key)
    if ent is not None:
        g.add((iri, RDF.type, AID[ent.type]))
        g.add((iri, RDFS.label, Literal(ent.label, lang="en")))
        for lang, text in sorted(ent.pref.items()):
            g.add((iri, SKOS.prefLabel, Literal(text, lang=lang)))
        for text, lang in ent.alt:
            g.add((iri, SKOS.altLabel, Literal(text, lang=lang)))
        if ent.wikidata:
            g.add((iri, AID.wikidata, Literal(ent.wikidata)))
        if ent.generic:
            g.add((iri, AID.generic, Literal(True)))
    else:
        g.add((iri, RDF.type, AID[kind or "Person"]))
        g.add((iri, RDFS.label, Literal(label or key.replace("_", " "), lang="en")))
    for text in mentions:
        g.add((iri, AID.mention, Literal(text)))
    return iri


def add_article(g: Graph, ex: Extraction) -> URIRef:
    art = ex.article
    node = ART[art.id]
    g.add((node, RDF.type, AID.Article))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.title, Literal(art.title)))
    g.add((node, DCTERMS.language, Literal(art.lang)))
    g.add((node, AID.sourceFile, Literal(art.source)))
    if art.date:
        g.add((node, DCTERMS.date, _date(art.date[:10])))
    if art.url:
        g.add((node, DCTERMS.source, URIRef(art.url) if _safe_iri(art.url) else Literal(art.url)))
    return node


def _safe_iri(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(
        c in text for c in ' <>"{}|\\^`\n\r\t')


def add_claim(g: Graph, article: URIRef, article_id: str, rel: Relation) -> URIRef:
    c = claim_iri(article_id, rel)
    g.add((c, RDF.type, AID.Claim))
    g.add((c, RDF.type, RDF.Statement))
    g.add((c, RDF.subject, ENT[rel.subject]))
    g.add((c, RDF.predicate, AID[rel.predicate]))
    g.add((c, RDF.object, ENT[rel.object]))
    g.add((c, AID.evidence, Literal(rel.sentence)))
    g.add((c, AID.charStart, Literal(rel.start_char, datatype=XSD.integer)))
    g.add((c, AID.charEnd, Literal(rel.end_char, datatype=XSD.integer)))
    g.add((c, AID.rule, Literal(rel.rule)))
    g.add((c, PROV.wasDerivedFrom, article))
    if rel.status:
        g.add((c, AID.status, Literal(rel.status)))
    if rel.recipient:
        g.add((c, AID.recipient, ENT[rel.recipient]))
    if rel.quantity is not None:
        g.add((c, AID.quantity, _number(rel.quantity)))
    if rel.quantity_text:
        g.add((c, AID.quantityText, Literal(rel.quantity_text)))
    if rel.amount is not None:
        g.add((c, AID.amount, _number(rel.amount)))
    if rel.currency:
        g.add((c, AID.currency, Literal(rel.currency)))
    if rel.amount_text:
        g.add((c, AID.amountText, Literal(rel.amount_text)))
    if rel.date:
        g.add((c, AID.date, _date(rel.date)))
    if rel.date_text:
        g.add((c, AID.dateText, Literal(rel.date_text)))
    if rel.role:
        g.add((c, AID.role, Literal(rel.role)))
    return c


def _listed_mentions(ex: Extraction) -> dict[str, list[Mention]]:
    """Mentions worth an entity node: named things, and generic categories only in relations."""
    in_relations = {k for r in ex.relations for k in (r.subject, r.object, r.recipient) if k}
    by_key: dict[str, list[Mention]] = {}
    for m in ex.mentions:
        if m.generic and m.key not in in_relations:
            continue
        by_key.setdefault(m.key, []).append(m)
    return by_key


def extraction_to_rdf(ex: Extraction, g: Graph | None = None) -> Graph:
    """Add one article's entities, relations and claims to ``g`` (a new graph by default)."""
    g = new_graph() if g is None else g
    article = add_article(g, ex)
    by_key = _listed_mentions(ex)
    for key, ms in sorted(by_key.items()):
        add_entity(g, key, ms[0].kind, ms[0].text if not ms[0].known else None,
                   sorted({m.text for m in ms}))
    for rel in ex.relations:
        for key in (rel.subject, rel.object) + ((rel.recipient,) if rel.recipient else ()):
            if key not in by_key:
                add_entity(g, key)
                by_key[key] = []
        g.add((ENT[rel.subject], AID[rel.predicate], ENT[rel.object]))
        add_claim(g, article, ex.article.id, rel)
    return g
