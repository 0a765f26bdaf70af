"""Graph questions over the networkx projection: neighbours, paths, centrality.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ent:France", label="France", labels={"de": "Frankreich"}, aliases=[], kind="Country")
>>> G.add_node("ent:SCALP", label="SCALP", labels={}, aliases=["Storm Shadow"], kind="WeaponSystem")
>>> _ = G.add_edge("ent:France", "ent:SCALP", key="supplies", relation="supplies", support=1)
>>> find_entity(G, "frankreich")
'ent:France'
>>> [(n.relation, n.label) for n in neighbors(G, "ent:SCALP")]
[('supplies', 'France')]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from graph.textnorm import fold

SUPPLY_RELATIONS = ("supplies", "pledges", "suppliesTo", "fundsFor", "trains")


class UnknownEntity(LookupError):
    """No entity (or more than one) answers to a name; ``str()`` is the user-facing line."""


def _names(attrs: dict) -> list[str]:
    return [attrs.get("label") or ""] + list((attrs.get("labels") or {}).values()) + \
        list(attrs.get("aliases") or [])


def find_entity(G: nx.MultiDiGraph, name: str) -> str:
    """The node whose IRI, local name, label or alias is ``name`` (case- and accent-insensitive)."""
    if name in G:
        return name
    q = fold(name.strip()).replace("_", " ")
    hits = sorted(n for n, a in G.nodes(data=True)
                  if q == fold(n.rsplit("/", 1)[-1]).replace("_", " ")
                  or any(q == fold(x) for x in _names(a) if x))
    if len(hits) == 1:
        return hits[0]
    if not hits:
        close = sorted(a.get("label") or n for n, a in G.nodes(data=True)
                       if any(q in fold(x) for x in _names(a) if x))[:5]
        hint = f"; did you mean {', '.join(close)}?" if close else "; try 'aidgraph stats' for names"
        raise UnknownEntity(f"unknown entity {name!r}{hint}")
    raise UnknownEntity(f"{name!r} is ambiguous: {', '.join(hits)}; give the full IRI")


@dataclass(frozen=True)
class Neighbor:
    direction: str      # "out" (entity -> other) or "in" (other -> entity)
    relation: str
    node: str
    label: str
    support: int


def neighbors(G: nx.MultiDiGraph, node: str) -> list[Neighbor]:
    """Every relation of ``node`` in both directions, sorted by relation and label."""
    out = []
    for _, v, k, d in G.out_edges(node, keys=True, data=True):
        out.append(Neighbor("out", k, v, G.nodes[v].get("label", v), d.get("support", 0)))
    for u, _, k, d in G.in_edges(node, keys=True, data=True):
        out.append(Neighbor("in", k, u, G.nodes[u].get("label", u), d.get("support", 0)))
    return sorted(out, key=lambda n: (n.relation, n.direction, n.label))


def shortest_path(G: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str, str]]:
    """The shortest chain of relations between two entities, ignoring direction.

    Returns (from label, relation, to label) steps; raises ``UnknownEntity`` when
    the two are not connected.
    """
    U = G.to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(U, a, b)
    except nx.NetworkXNoPath:
        raise UnknownEntity(f"no path between {G.nodes[a].get('label')!r} and "
                            f"{G.nodes[b].get('label')!r}") from None
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        if G.has_edge(u, v):
            rel, src, dst = sorted(G[u][v])[0], u, v
        else:
            rel, src, dst = sorted(G[v][u])[0], v, u
        steps.append((G.nodes[src].get("label", src), rel, G.nodes[dst].get("label", dst)))
    return steps


def stats(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Top donors, most supplied systems and the most central entities."""
    donors: Counter[str] = Counter()
    systems: Counter[str] = Counter()
    for u, v, k in G.edges(keys=True):
        if k in SUPPLY_RELATIONS:
            donors[u] += 1
        if k in ("supplies", "pledges"):
            systems[v] += 1
    cent = nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}

    def label(n):
        return G.nodes[n].get("label", n)

    def ranked(counter):
        return [(label(n), c) for n, c in sorted(counter.items(), key=lambda x: (-x[1], label(x[0])))][:top]
    kinds = Counter(a.get("kind", "Thing") for _, a in G.nodes(data=True))
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "entities_by_kind": dict(sorted(kinds.items())),
        "top_donors": ranked(donors),
        "most_supplied_systems": ranked(systems),
        "degree_centrality": [(label(n), round(c, 4)) for n, c in
                              sorted(cent.items(), key=lambda x: (-x[1], label(x[0])))][:top],
    }
