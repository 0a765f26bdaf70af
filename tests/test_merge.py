"""Merging articles: one node per real-world entity, claims from every article kept."""
from rdflib import RDF

from graph.articles import Article
from graph.extract import extract
from graph.merge import merge_extractions, name_key, resolve_people, to_networkx
from graph.ontology import AID, ENT


def art(id_, text, lang):
    return Article(id=id_, title=id_, text=text, lang=lang, source=f"{id_}.txt")


def test_spellings_of_one_person_merge_into_one_node():
    exs = [extract(art("a", "Der ukrainische Präsident Wolodymyr Selenskyj dankte Frankreich.", "de")),
           extract(art("b", "Ukrainian President Volodymyr Zelenskyy thanked France.", "en"))]
    G = to_networkx(merge_extractions(exs))
    assert G.has_edge(str(ENT.Volodymyr_Zelenskyy), str(ENT.Ukraine), key="presidentOf")
    edge = G[str(ENT.Volodymyr_Zelenskyy)][str(ENT.Ukraine)]["presidentOf"]
    assert edge["support"] == 2 and len(edge["claims"]) == 2


def test_unknown_people_merge_across_transliterations():
    assert name_key("Oleksij Resnikow") == name_key("Oleksii Reznikov")
    assert name_key("Hans Müller") != name_key("Hans Maier")
    exs = [extract(art("a", "Verteidigungsminister Jurij Testenko sagte etwas.", "de")),
           extract(art("b", "Defence Minister Yuriy Testenko said something.", "en"))]
    mapping = resolve_people(exs)
    keys = {m.key for ex in exs for m in ex.mentions if m.kind == "Person"}
    assert len({mapping.get(k, k) for k in keys}) == 1


def test_same_triple_from_two_articles_keeps_both_claims():
    exs = [extract(art("a", "Frankreich hat der Ukraine Caesar-Haubitzen geliefert.", "de")),
           extract(art("b", "France has delivered CAESAR howitzers to Ukraine.", "en"))]
    g = merge_extractions(exs)
    claims = [c for c in g.subjects(RDF.type, AID.Claim)
              if g.value(c, RDF.predicate) == AID.supplies]
    assert len(claims) == 2
    assert len(set(g.triples((ENT.France, AID.supplies, ENT.CAESAR)))) == 1


def test_networkx_projection_attributes():
    g = merge_extractions([extract(art("a", "Frankreich hat der Ukraine Caesar-Haubitzen geliefert.", "de"))])
    G = to_networkx(g)
    france = G.nodes[str(ENT.France)]
    assert france["label"] == "France" and france["labels"]["de"] == "Frankreich"
    assert france["kind"] == "Country" and france["wikidata"] == "Q142"
    assert G.nodes[str(ENT.CAESAR)]["kind"] == "WeaponSystem"
    e = G[str(ENT.France)][str(ENT.CAESAR)]["supplies"]
    assert e["group"] == "supply" and e["status"] == "delivered" and e["support"] == 1
    c = e["claims"][0]
    assert c["sentence"] == "Frankreich hat der Ukraine Caesar-Haubitzen geliefert."
    assert c["rule"].startswith("de.supplies")
