"""Writing the graph: Turtle, N-Triples, JSON-LD and GraphML, deterministically and atomically.

>>> from graph.rdf import new_graph
>>> from graph.ontology import ENT, AID
>>> g = new_graph(); _ = g.add((ENT.France, AID.supplies, ENT.SCALP))
>>> print(turtle_bytes(g).decode().splitlines()[-1])
ent:France aid:supplies ent:SCALP .
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
from rdflib import Graph

from graph.fileio import atomic_write
from graph.ontology import PREFIXES

#: format name -> (file suffix, description)
FORMATS = {
    "ttl": (".ttl", "Turtle"),
    "nt": (".nt", "N-Triples (one triple per line, sorted)"),
    "jsonld": (".jsonld", "JSON-LD with the project's @context"),
    "graphml": (".graphml", "GraphML of the entity graph (for Gephi, yEd, Cytoscape)"),
}


def turtle_bytes(g: Graph) -> bytes:
    """Turtle with explicit prefixes; rdflib sorts subjects, predicates and objects."""
    return g.serialize(format="turtle", encoding="utf-8")


def ntriples_bytes(g: Graph) -> bytes:
    """N-Triples, lines sorted so that equal graphs give equal files."""
    lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")


def jsonld_bytes(g: Graph) -> bytes:
    """JSON-LD with the project's prefixes as context, keys and nodes sorted."""
    context = {p: str(ns) for p, ns in sorted(PREFIXES.items())}
    data = json.loads(g.serialize(format="json-ld", context=context, encoding="utf-8"))
    return (json.dumps(_sorted_arrays(data), ensure_ascii=False, sort_keys=True, indent=1)
            + "\n").encode("utf-8")


def _sorted_arrays(node):
    """JSON-LD arrays are sets (we write no @list): sort them so that the file does not depend
    on the order rdflib's store happens to yield triples in (which varies between processes)."""
    if isinstance(node, dict):
        return {k: (v if k == "@list" else _sorted_arrays(v)) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_arrays(x) for x in node]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    return node


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """GraphML of the networkx projection; nested attributes are written as JSON strings."""
    H = nx.MultiDiGraph()
    for n in sorted(G.nodes):
        H.add_node(n, **{k: _flat(v) for k, v in sorted(G.nodes[n].items())})
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        H.add_edge(u, v, key=k, **{a: _flat(b) for a, b in sorted(d.items())})
    return "\n".join(nx.generate_graphml(H)).encode("utf-8") + b"\n"


def _flat(v):
    if v is None:
        return ""
    if isinstance(v, (str, int, float, bool)):
        return v
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def write_graph(g: Graph, path: str | os.PathLike, fmt: str | None = None,
                G: nx.MultiDiGraph | None = None) -> Path:
    """Write ``g`` to ``path`` in ``fmt`` (default: from the suffix), atomically."""
    path = Path(path)
    fmt = fmt or next((f for f, (suffix, _) in FORMATS.items() if path.suffix == suffix), None)
    if fmt not in FORMATS:
        raise ValueError(f"{path}: unknown format; use one of {', '.join(FORMATS)}")
    if fmt == "ttl":
        data = turtle_bytes(g)
    elif fmt == "nt":
        data = ntriples_bytes(g)
    elif fmt == "jsonld":
        data = jsonld_bytes(g)
    else:
        from graph.merge import to_networkx
        data = graphml_bytes(G if G is not None else to_networkx(g))
    return atomic_write(path, data)
