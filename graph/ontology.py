"""The ontology and the gazetteer, read from ``ontology/`` as data.

Everything the extractor knows about the world (countries, people, weapon
systems and the words for roles and relations) lives in Turtle and TOML files
under ``ontology/``; this module reads them once and hands out plain Python
objects.

>>> gaz = load_gazetteer()
>>> gaz.entities["France"].kind
'Country'
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, SKOS

from graph.textnorm import fold

AID = Namespace("https://w3id.org/aidgraph/ontology#")
ENT = Namespace("https://w3id.org/aidgraph/id/")
CLAIM = Namespace("https://w3id.org/aidgraph/claim/")
ART = Namespace("https://w3id.org/aidgraph/article/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

PREFIXES = {
    "aid": AID, "ent": ENT, "claim": CLAIM, "art": ART, "prov": PROV, "dcterms": DCTERMS,
    "skos": SKOS, "rdfs": RDFS, "rdf": RDF, "owl": OWL,
    "xsd": Namespace("http://www.w3.org/2001/XMLSchema#"),
}

#: The five top classes every entity falls under (contract 4 of DESIGN.md).
KINDS = ("Country", "Person", "Organization", "WeaponSystem", "Place")


def ontology_dir() -> Path:
    """The folder holding the ontology files (``$AIDGRAPH_ONTOLOGY`` overrides)."""
    env = os.environ.get("AIDGRAPH_ONTOLOGY")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "ontology"


@dataclass
class Entity:
    """One reference entity of the gazetteer."""

    key: str                      # IRI local name, e.g. "Sebastien_Lecornu"
    type: str                     # most specific class local name, e.g. "CruiseMissile"
    kind: str                     # one of KINDS
    pref: dict[str, str] = field(default_factory=dict)            # lang -> preferred label
    alt: list[tuple[str, str | None]] = field(default_factory=list)  # (label, lang or None)
    adjectives: list[tuple[str, str | None]] = field(default_factory=list)
    demonyms: list[tuple[str, str | None]] = field(default_factory=list)
    family_names: list[str] = field(default_factory=list)
    wikidata: str | None = None
    generic: bool = False
    country: str | None = None    # capitalOf / agencyOf / citizenOf / locatedIn / basedIn
    capital_of: str | None = None
    agency_of: str | None = None

    @property
    def iri(self) -> URIRef:
        return ENT[self.key]

    @property
    def label(self) -> str:
        """The canonical English name."""
        return self.pref.get("en") or next(iter(self.pref.values()), self.key)


@dataclass
class Gazetteer:
    """The reference entities plus the class hierarchy they are typed with."""

    entities: dict[str, Entity]
    class_parents: dict[str, set[str]]   # class local name -> direct super-classes

    def kind_of(self, cls: str) -> str | None:
        """The top class (one of KINDS) a class falls under, or None."""
        todo, seen = [cls], set()
        while todo:
            c = todo.pop()
            if c in KINDS:
                return c
            if c not in seen:
                seen.add(c)
                todo.extend(self.class_parents.get(c, ()))
        return None

    def superclasses(self, cls: str) -> list[str]:
        """``cls`` and all its super-classes within the ontology, nearest first."""
        out, todo = [], [cls]
        while todo:
            c = todo.pop(0)
            if c not in out:
                out.append(c)
                todo.extend(sorted(self.class_parents.get(c, ())))
        return out


def _local(iri) -> str:
    s = str(iri)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _lang_pairs(g: Graph, s, p) -> list[tuple[str, str | None]]:
    return sorted(((str(o), o.language) for o in g.objects(s, p) if isinstance(o, Literal)),
                  key=lambda x: (x[0], x[1] or ""))


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The OWL ontology (``ontology/*.ttl``) as an rdflib graph."""
    g = Graph()
    for path in sorted(ontology_dir().glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read ``ontology/gazetteer/*.ttl`` into a :class:`Gazetteer` (cached per process)."""
    onto = ontology_graph()
    parents: dict[str, set[str]] = {}
    for c, sup in onto.subject_objects(RDFS.subClassOf):
        if str(c).startswith(str(AID)) and str(sup).startswith(str(AID)):
            parents.setdefault(_local(c), set()).add(_local(sup))
    g = Graph()
    for path in sorted((ontology_dir() / "gazetteer").glob("*.ttl")):
        g.parse(path, format="turtle")
    gaz = Gazetteer({}, parents)
    for s in sorted(set(g.subjects(RDF.type, None))):
        if not str(s).startswith(str(ENT)):
            continue
        types = sorted(_local(t) for t in g.objects(s, RDF.type) if str(t).startswith(str(AID)))
        kinds = [(gaz.kind_of(t), t) for t in types]
        kinds = [(k, t) for k, t in kinds if k]
        if not kinds:
            continue
        kind, typ = kinds[0]
        ent = Entity(key=_local(s), type=typ, kind=kind)
        for text, lang in _lang_pairs(g, s, SKOS.prefLabel):
            ent.pref.setdefault(lang or "en", text)
        ent.alt = _lang_pairs(g, s, SKOS.altLabel) + _lang_pairs(g, s, RDFS.label)
        ent.adjectives = _lang_pairs(g, s, AID.adjective)
        ent.demonyms = _lang_pairs(g, s, AID.demonym)
        ent.family_names = [t for t, _ in _lang_pairs(g, s, AID.familyName)]
        wd = g.value(s, AID.wikidata)
        ent.wikidata = str(wd) if wd else None
        ent.generic = bool(g.value(s, AID.generic) and g.value(s, AID.generic).toPython())
        for prop in ("capitalOf", "agencyOf"):
            obj = g.value(s, AID[prop])
            if obj is not None:
                setattr(ent, "capital_of" if prop == "capitalOf" else "agency_of", _local(obj))
        for prop in ("capitalOf", "agencyOf", "citizenOf", "locatedIn", "basedIn",
                     "originCountry"):
            obj = g.value(s, AID[prop])
            if obj is not None:
                ent.country = _local(obj)
                break
        gaz.entities[ent.key] = ent
    # Capitals are recorded on the country too; keep both directions consistent.
    for s, city in g.subject_objects(AID.capital):
        c = gaz.entities.get(_local(city))
        if c is not None and c.capital_of is None:
            c.capital_of = _local(s)
            c.country = c.country or _local(s)
    return gaz


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> dict:
    """The cue words of one language (``ontology/lexicon/<lang>.toml``)."""
    path = ontology_dir() / "lexicon" / f"{lang}.toml"
    with open(path, "rb") as fh:
        return _fold_lexicon(tomllib.load(fh))


def _fold_lexicon(node):
    """Fold cue words and keys the way tokens are folded, so "für" meets "Für" and "fur"."""
    if isinstance(node, dict):
        # Auxiliaries keep their umlauts: folding would merge "würden" (would) with "wurden" (were).
        return {fold(k): v if isinstance(v, str) or k.endswith("_aux") else _fold_lexicon(v)
                for k, v in node.items()}
    if isinstance(node, list):
        return [fold(x) if isinstance(x, str) else _fold_lexicon(x) for x in node]
    return node


@lru_cache(maxsize=1)
def role_properties() -> dict[str, list[str]]:
    """Each role property's super-properties up to ``holdsRole`` (nearest first)."""
    onto = ontology_graph()
    out: dict[str, list[str]] = {}
    for p in onto.subjects(RDFS.subPropertyOf, None):
        chain, cur = [], p
        while cur is not None:
            chain.append(_local(cur))
            cur = onto.value(cur, RDFS.subPropertyOf)
        if chain[-1] == "holdsRole":
            out[chain[0]] = chain
    out["holdsRole"] = ["holdsRole"]
    return out
