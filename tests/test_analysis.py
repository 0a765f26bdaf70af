import networkx as nx
import pytest

from graph.analysis import UnknownEntity, find_entity, neighbors, shortest_path, stats


@pytest.fixture
def G():
    G = nx.MultiDiGraph()
    for n, label, kind, aliases, de in [("e:FR", "France", "Country", [], "Frankreich"),
                                        ("e:DE", "Germany", "Country", [], "Deutschland"),
                                        ("e:UA", "Ukraine", "Country", [], "Ukraine"),
                                        ("e:SC", "SCALP", "WeaponSystem", ["Storm Shadow"], "SCALP"),
                                        ("e:IR", "IRIS-T", "WeaponSystem", [], "IRIS-T")]:
        G.add_node(n, label=label, kind=kind, aliases=aliases, labels={"en": label, "de": de})
    for u, v, k in [("e:FR", "e:SC", "supplies"), ("e:FR", "e:UA", "suppliesTo"),
                    ("e:DE", "e:IR", "pledges"), ("e:DE", "e:UA", "suppliesTo")]:
        G.add_edge(u, v, key=k, relation=k, support=1)
    return G


def test_find_entity_by_label_alias_language_and_case(G):
    assert find_entity(G, "storm shadow") == "e:SC"
    assert find_entity(G, "DEUTSCHLAND") == "e:DE"
    with pytest.raises(UnknownEntity, match="did you mean"):
        find_entity(G, "Fran")
    with pytest.raises(UnknownEntity, match="unknown entity 'Atlantis'"):
        find_entity(G, "Atlantis")


def test_neighbors_both_directions(G):
    rows = neighbors(G, "e:UA")
    assert [(r.direction, r.relation, r.label) for r in rows] == [
        ("in", "suppliesTo", "France"), ("in", "suppliesTo", "Germany")]


def test_shortest_path_ignores_direction(G):
    assert shortest_path(G, "e:SC", "e:IR") == [
        ("France", "supplies", "SCALP"), ("France", "suppliesTo", "Ukraine"),
        ("Germany", "suppliesTo", "Ukraine"), ("Germany", "pledges", "IRIS-T")]


def test_no_path_is_a_clear_error(G):
    G.add_node("e:X", label="Lonely")
    with pytest.raises(UnknownEntity, match="no path"):
        shortest_path(G, "e:X", "e:FR")


def test_stats_ranks_donors_and_systems(G):
    G.add_node("e:PL", label="Poland", kind="Country")
    G.add_edge("e:PL", "e:UA", key="suppliesTo", relation="suppliesTo", support=1)
    s = stats(G)
    assert s["top_donors"] == [("France", 2), ("Germany", 2), ("Poland", 1)]
    assert s["most_supplied_systems"] == [("IRIS-T", 1), ("SCALP", 1)]
    assert s["degree_centrality"][0][0] == "Ukraine"
