"""The ``aidgraph`` command: a thin layer that parses arguments, calls the library, prints.

Every error a user can cause ends in one line on stderr and exit status 1.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graph import __version__

DEFAULT_OUT = "out"
DEFAULT_GRAPH = f"{DEFAULT_OUT}/graph.ttl"


class UserError(Exception):
    """An error to show as one line, without a traceback."""


def _graph_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", default=DEFAULT_GRAPH, metavar="FILE",
                   help=f"the built graph to read (default: {DEFAULT_GRAPH})")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="aidgraph",
        description="Build a knowledge graph of military aid from German and English news "
                    "articles; query, explore and export it.",
        epilog="Start with 'aidgraph build' (reads seeds/), then open out/graph.html or run "
               "'aidgraph query seeds/queries/donors.rq'. 'aidgraph COMMAND --help' for details.")
    ap.add_argument("--version", action="version", version=f"aidgraph {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", help="extract a graph from article files and folders",
                       description="Read articles (.txt, .md, .html, .jsonl; folders recursively), "
                                   "extract relations and write graph.ttl, graph.html and "
                                   "report.json into the output folder.")
    p.add_argument("inputs", nargs="*", default=["seeds"], metavar="INPUT",
                   help="article files or folders (default: seeds)")
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output folder (default: out)")
    p.add_argument("--strict", action="store_true",
                   help="treat any unreadable input as an error and write nothing")
    p.add_argument("--no-cache", action="store_true",
                   help="re-extract every article instead of reusing DIR/.cache")
    p.add_argument("--lang", choices=["en", "de"], default="en", help="labels in graph.html")
    p.add_argument("--model", metavar="NAME",
                   help="also use the named entities of an installed trained spaCy pipeline "
                        "(e.g. de_core_news_lg, or a path); not needed by default")

    p = sub.add_parser("query", help="run a SPARQL query against the built graph",
                       description="Run a SPARQL query (inline text or a .rq file) against the "
                                   "graph. Prefixes aid:, ent:, claim:, art:, prov:, skos:, rdfs: "
                                   "are predeclared.")
    p.add_argument("query", metavar="QUERY", help="SPARQL text or a path to a .rq/.sparql file")
    _graph_arg(p)
    p.add_argument("--format", choices=["table", "csv", "json", "turtle"], default="table",
                   help="output format (default: table)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="stop the query after this many seconds (0: no limit; default 30)")

    p = sub.add_parser("export", help="write the graph as Turtle, N-Triples, JSON-LD, GraphML",
                       description="Write the built graph in other formats.")
    _graph_arg(p)
    p.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help="output folder (default: out)")
    p.add_argument("--format", action="append", choices=["ttl", "nt", "jsonld", "graphml"],
                   help="format to write; repeat for several (default: all four)")

    p = sub.add_parser("render", help="draw the graph, or one entity's neighbourhood, as HTML",
                       description="Write a self-contained interactive HTML view of the graph.")
    _graph_arg(p)
    p.add_argument("--focus", metavar="ENTITY", help="only this entity and its neighbourhood")
    p.add_argument("--depth", type=int, default=1, help="neighbourhood radius with --focus (default 1)")
    p.add_argument("--lang", choices=["en", "de"], default="en", help="label language (default en)")
    p.add_argument("-o", "--output", default=f"{DEFAULT_OUT}/graph.html", metavar="FILE",
                   help=f"HTML file to write (default: {DEFAULT_OUT}/graph.html)")

    p = sub.add_parser("neighbors", help="list an entity's relations",
                       description="List every relation of one entity, in both directions.")
    p.add_argument("entity", metavar="ENTITY", help="a name or alias, e.g. 'Storm Shadow'")
    _graph_arg(p)

    p = sub.add_parser("path", help="shortest chain of relations between two entities",
                       description="Print the shortest chain of relations linking two entities.")
    p.add_argument("source", metavar="A")
    p.add_argument("target", metavar="B")
    _graph_arg(p)

    p = sub.add_parser("stats", help="top donors, most supplied systems, centrality",
                       description="Summary statistics of the graph.")
    _graph_arg(p)
    p.add_argument("--top", type=int, default=10, help="rows per list (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")

    p = sub.add_parser("validate", help="check the graph against the project's SHACL shapes",
                       description="Validate the built graph with the shapes in ontology/shapes "
                                   "(RDFS inference over the ontology). Exit status 1 if it "
                                   "does not conform.")
    _graph_arg(p)

    p = sub.add_parser("explain", help="show what was extracted from one article, and why",
                       description="Print every triple of one article with its rule, status, "
                                   "qualifiers and evidence sentence, and the entities found.")
    p.add_argument("file", metavar="FILE", help="an article file")
    p.add_argument("--model", metavar="NAME", help="as for build: an installed trained spaCy pipeline")
    return ap


def _load_nx(path: str):
    from graph.merge import to_networkx
    from graph.query import QueryError, load_graph
    try:
        return to_networkx(load_graph(path))
    except QueryError as exc:
        raise UserError(str(exc)) from None


def _entity(G, name: str) -> str:
    from graph.analysis import UnknownEntity, find_entity
    try:
        return find_entity(G, name)
    except UnknownEntity as exc:
        raise UserError(str(exc)) from None


def cmd_build(args) -> int:
    from graph.build import BuildError, build
    try:
        report = build(args.inputs, args.out, strict=args.strict, use_cache=not args.no_cache,
                       lang=args.lang, model=args.model,
                       warn=lambda line: print(line, file=sys.stderr))
    except BuildError as exc:
        raise UserError(str(exc)) from None
    triples = sum(report.triples.values())
    print(f"{len(report.articles)} article(s), {sum(report.entities.values())} entities, "
          f"{triples} triples, {report.claims} claims ({report.cached} from cache); "
          f"{len(report.problems)} problem(s)")
    print(f"wrote {', '.join(str(Path(args.out) / o) for o in report.outputs)}")
    return 0


def cmd_query(args) -> int:
    from graph.query import QueryError, format_result, load_graph, read_query, run_query
    try:
        text = read_query(args.query)
        g = load_graph(args.graph)
        result = run_query(g, text, timeout=args.timeout or None)
        text = format_result(result, args.format)
        print(text, end="" if text.endswith("\n") else "\n")
    except QueryError as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_export(args) -> int:
    from graph.export import FORMATS, write_graph
    from graph.merge import to_networkx
    from graph.query import QueryError, load_graph
    try:
        g = load_graph(args.graph)
    except QueryError as exc:
        raise UserError(str(exc)) from None
    G = to_networkx(g)
    stem = Path(args.graph).stem
    for fmt in args.format or list(FORMATS):
        path = write_graph(g, Path(args.out) / f"{stem}{FORMATS[fmt][0]}", fmt, G=G)
        print(f"wrote {path}")
    return 0


def cmd_render(args) -> int:
    from graph.render import render_html
    G = _load_nx(args.graph)
    focus = _entity(G, args.focus) if args.focus else None
    if args.depth < 0:
        raise UserError("--depth must be 0 or more")
    path = render_html(G, args.output, lang=args.lang, focus=focus, depth=args.depth,
                       title=f"aidgraph: {G.nodes[focus]['label']}" if focus else "aidgraph")
    print(f"wrote {path}")
    return 0


def cmd_neighbors(args) -> int:
    from graph.analysis import neighbors
    G = _load_nx(args.graph)
    node = _entity(G, args.entity)
    label = G.nodes[node].get("label", node)
    rows = neighbors(G, node)
    for n in rows:
        arrow = f"{label} --{n.relation}--> {n.label}" if n.direction == "out" else \
            f"{n.label} --{n.relation}--> {label}"
        print(f"{arrow}  ({n.support} article{'s' if n.support != 1 else ''})")
    if not rows:
        print(f"{label} has no relations")
    return 0


def cmd_path(args) -> int:
    from graph.analysis import UnknownEntity, shortest_path
    G = _load_nx(args.graph)
    a, b = _entity(G, args.source), _entity(G, args.target)
    try:
        steps = shortest_path(G, a, b)
    except UnknownEntity as exc:
        raise UserError(str(exc)) from None
    for src, rel, dst in steps:
        print(f"{src} --{rel}--> {dst}")
    return 0


def cmd_stats(args) -> int:
    from graph.analysis import stats
    G = _load_nx(args.graph)
    s = stats(G, top=args.top)
    if args.json:
        print(json.dumps(s, ensure_ascii=False, indent=2))
        return 0
    print(f"{s['nodes']} entities, {s['edges']} relations")
    print("entities: " + ", ".join(f"{k} {v}" for k, v in s["entities_by_kind"].items()))
    for title, key in (("top donors (relations given)", "top_donors"),
                       ("most supplied or pledged systems (donors)", "most_supplied_systems"),
                       ("degree centrality", "degree_centrality")):
        print(f"\n{title}:")
        for name, value in s[key]:
            print(f"  {value:>8}  {name}")
    return 0


def cmd_explain(args) -> int:
    from graph.articles import read_articles
    from graph.explain import explain_article
    articles, problems = read_articles([args.file])
    if problems and not articles:
        raise UserError(str(problems[0]))
    from graph.nlp import ModelNotFound
    try:
        for art in articles:
            print(explain_article(art, args.model), end="")
    except ModelNotFound as exc:
        raise UserError(str(exc)) from None
    return 0


def cmd_validate(args) -> int:
    from graph.query import QueryError, load_graph
    from graph.validate import validate_graph
    try:
        result = validate_graph(load_graph(args.graph))
    except QueryError as exc:
        raise UserError(str(exc)) from None
    if result.conforms:
        print(f"{args.graph}: conforms to the SHACL shapes")
        return 0
    print(result.report, end="")
    raise UserError(f"{args.graph} does not conform to the SHACL shapes (report above)")


COMMANDS = {"validate": cmd_validate, "build": cmd_build, "query": cmd_query, "export": cmd_export,
            "render": cmd_render,
            "neighbors": cmd_neighbors, "path": cmd_path, "stats": cmd_stats,
            "explain": cmd_explain}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``aidgraph`` console script."""
    ap = _parser()
    args = ap.parse_args(argv)
    if not args.command:
        ap.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        # Library messages may already name their stage ("query: syntax error ..."); say it once.
        message = str(exc)
        if message.startswith(f"{args.command}: "):
            message = message[len(args.command) + 2:]
        print(f"aidgraph {args.command}: {message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"aidgraph {args.command}: interrupted; finished outputs were kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
