"""The ontology and gazetteer as data: contract names, breadth, consistency."""
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import OWL, SKOS

from graph.ontology import AID, ENT, load_gazetteer, ontology_dir, ontology_graph

CONTRACT_RELATIONS = ("supplies", "pledges", "suppliesTo", "holdsRole", "trains", "coProducesWith",
                      "fundsFor", "manufactures", "attacks", "occupies")
CONTRACT_CLASSES = ("Country", "Person", "Organization", "WeaponSystem", "Place")


def test_contract_relations_and_classes_exist():
    g = ontology_graph()
    for name in CONTRACT_RELATIONS:
        assert (AID[name], RDF.type, OWL.ObjectProperty) in g, name
    for name in CONTRACT_CLASSES:
        assert (AID[name], RDF.type, OWL.Class) in g, name
    assert (AID.ministerOf, RDFS.subPropertyOf, AID.holdsRole) in g
    for cls in ("CruiseMissile", "Howitzer", "AirDefenceSystem"):
        assert load_gazetteer().kind_of(cls) == "WeaponSystem"


def test_ontology_terms_have_english_and_german_labels_and_comments():
    g = ontology_graph()
    for term in set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, OWL.ObjectProperty)):
        langs = {o.language for o in g.objects(term, RDFS.label)}
        assert {"en", "de"} <= langs, term
        assert {o.language for o in g.objects(term, RDFS.comment)} >= {"en", "de"}, term


def test_gazetteer_breadth():
    ents = load_gazetteer().entities.values()
    named_weapons = [e for e in ents if e.kind == "WeaponSystem" and not e.generic]
    assert len(named_weapons) >= 250
    assert len([e for e in ents if e.kind == "Country"]) >= 190
    assert len([e for e in ents if e.kind == "Person"]) >= 100


def test_gazetteer_entities_have_english_and_german_names():
    for e in load_gazetteer().entities.values():
        assert {"en", "de"} <= set(e.pref), e.key


def test_every_referenced_entity_is_defined():
    g = Graph()
    for path in sorted((ontology_dir() / "gazetteer").glob("*.ttl")):
        g.parse(path, format="turtle")
    defined = set(g.subjects(RDF.type, None))
    for s, p, o in g:
        if str(o).startswith(str(ENT)):
            assert o in defined, f"{s} {p} {o}: {o} is not defined"


def test_country_adjectives_and_aliases_for_recognition():
    gaz = load_gazetteer().entities
    assert ("französisch", "de") in gaz["France"].adjectives
    assert any(t == "British" for t, _ in gaz["United_Kingdom"].adjectives)
    scalp = {t for t, _ in gaz["SCALP"].alt}
    assert "Storm Shadow" in scalp
    assert any("Selenskyj" in t for t in gaz["Volodymyr_Zelenskyy"].family_names)


def test_no_alias_names_two_entities_of_the_same_kind():
    seen = {}
    clashes = []
    for e in load_gazetteer().entities.values():
        for text in list(e.pref.values()) + [t for t, _ in e.alt]:
            key = (e.kind, text.casefold())
            if key in seen and seen[key] != e.key:
                clashes.append((text, seen[key], e.key))
            seen.setdefault(key, e.key)
    assert clashes == []


def test_skos_labels_are_literals():
    g = Graph()
    for path in sorted((ontology_dir() / "gazetteer").glob("*.ttl")):
        g.parse(path, format="turtle")
    assert all(o.__class__.__name__ == "Literal" for o in g.objects(None, SKOS.prefLabel))
