"""SHACL validation of a built graph against ``ontology/shapes``.

>>> from graph.rdf import new_graph
>>> validate_graph(new_graph()).conforms
True
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from graph.ontology import ontology_dir, ontology_graph


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    report: str     # pyshacl's text report


def shapes_graph() -> Graph:
    """All shapes in ``ontology/shapes/*.ttl``."""
    g = Graph()
    for path in sorted((ontology_dir() / "shapes").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def validate_graph(g: Graph) -> ValidationResult:
    """Validate ``g`` with RDFS inference over the ontology (sub-classes count as their supers)."""
    import pyshacl  # slow to import; only needed here
    conforms, _, text = pyshacl.validate(g, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                         inference="rdfs", allow_warnings=True)
    return ValidationResult(bool(conforms), text)
