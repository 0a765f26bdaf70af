"""aidgraph: knowledge graphs of military aid from German and English news.

The package is organised by pipeline stage::

    articles    read article files and folders (text, Markdown, HTML, JSON Lines)
      records, decoding, structure, formats, language   its parts
    nlp         the spaCy pipeline: sentences, lemmas, gazetteer mentions, people
    extract     relation rules over the mentions
      sentence, supply_rules, activity_rules, roles, rolewords,
      quantities, relation, textnorm                    their parts
    rdf         per-article RDF triples and provenance claims
    merge       one graph from many articles; the networkx projection
    analysis    neighbours, paths and centrality over the projection
    render      the self-contained pyvis HTML view
      visdata, styles, layout, headless                 its parts
    query       SPARQL over the built graph, with a timeout
    export      Turtle, N-Triples, JSON-LD and GraphML files
    validate    SHACL validation
    build       the whole pipeline behind ``aidgraph build`` (with its cache)
    explain     what one article yields, rule by rule
    cli         the ``aidgraph`` command
"""

__version__ = "0.1.0"
