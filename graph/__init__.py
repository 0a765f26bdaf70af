"""aidgraph: knowledge graphs of military aid from German and English news.

The package is organised by pipeline stage::

    articles   read article files (text, Markdown, HTML, JSON Lines)
    nlp        the spaCy pipeline: gazetteer matching, people, sentences
    extract    relation rules over the matched mentions
    rdf        per-article RDF triples and provenance claims
    merge      one graph from many articles; the networkx projection
    analysis   neighbours, paths and centrality over the projection
    render     the self-contained pyvis HTML view
    query      SPARQL over the built graph
    export     Turtle, N-Triples, JSON-LD and GraphML files
    build      the whole pipeline behind ``aidgraph build``
"""

__version__ = "0.1.0"
