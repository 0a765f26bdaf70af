"""SPARQL over the built graph.

The stage behind ``aidgraph query``: read a query (inline text or a ``.rq`` file),
load ``graph.ttl``, run the query with rdflib under a wall-clock timeout and format
the answer as an aligned text table, CSV, SPARQL JSON or Turtle.

    >>> from graph.query import load_graph, read_query, run_query, format_result
    >>> g = load_graph("out/graph.ttl")                          # doctest: +SKIP
    >>> result = run_query(g, read_query("donors.rq"))           # doctest: +SKIP
    >>> print(format_result(result, "table"))                    # doctest: +SKIP

Every failure a user can cause (bad syntax, unknown prefix, missing file, timeout)
is raised as :class:`QueryError` with a one-line message meant to be printed as is.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import re
import time
import unicodedata
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import rdflib
from pyparsing import ParseBaseException
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import BNode, Literal, Node, URIRef

from graph.ontology import PREFIXES as ONTOLOGY_PREFIXES

__all__ = [
    "CANNED_QUERY_DIR",
    "FORMATS",
    "PREFIXES",
    "QueryError",
    "QueryResult",
    "QueryTimeout",
    "canned_queries",
    "format_result",
    "load_graph",
    "parse_binding",
    "read_query",
    "run_query",
]

#: The project's prefixes; bound for every query so that PREFIX lines may be omitted.
PREFIXES: dict[str, str] = {p: str(ns) for p, ns in ONTOLOGY_PREFIXES.items()}

#: Output formats accepted by :func:`format_result`.
FORMATS = ("table", "csv", "json", "turtle")

#: The canned queries shipped in the repository (seeds/queries/*.rq).
CANNED_QUERY_DIR = Path(__file__).resolve().parent.parent / "seeds" / "queries"

_QUERY_SUFFIXES = (".rq", ".sparql")
_GRAPH_FORMATS = {
    ".ttl": ("turtle", "Turtle"),
    ".turtle": ("turtle", "Turtle"),
    ".nt": ("nt", "N-Triples"),
    ".jsonld": ("json-ld", "JSON-LD"),
    ".json": ("json-ld", "JSON-LD"),
}
# Table cells longer than this are cut with an ellipsis; csv/json keep full values.
TABLE_MAX_CELL = 80
_MAX_MESSAGE = 300

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC_TYPES = {
    _XSD + t
    for t in (
        "integer decimal double float long int short byte nonNegativeInteger "
        "positiveInteger nonPositiveInteger negativeInteger unsignedLong unsignedInt "
        "unsignedShort unsignedByte"
    ).split()
}
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_STRING = _XSD + "string"


class QueryError(Exception):
    """One-line, user-facing message (e.g. 'query: syntax error at line 2, column 7: ...')."""


class QueryTimeout(QueryError):
    """The query ran longer than its timeout and was stopped."""


@dataclass
class QueryResult:
    """The answer to one query, detached from rdflib's lazy result objects.

    ``rows`` hold plain strings (full IRIs, literal lexical forms, ``_:id`` for blank
    nodes) or ``None`` for unbound variables; ``terms`` holds the same cells as rdflib
    terms, which the csv/json formats need for datatypes and language tags.
    ``prefixes`` (prefix → namespace) are used to shorten IRIs in the table format.

        >>> r = QueryResult("ask", boolean=True)
        >>> format_result(r)
        'true'
    """

    kind: str  # "select" | "ask" | "construct" (DESCRIBE is reported as construct)
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    graph: rdflib.Graph | None = None
    terms: list[tuple[Node | None, ...]] = field(default_factory=list, repr=False)
    prefixes: dict[str, str] = field(default_factory=dict, repr=False)


# --------------------------------------------------------------------------- reading


def canned_queries() -> dict[str, Path]:
    """The canned queries by file name (``{"donors.rq": Path(...), ...}``).

    >>> "donors.rq" in canned_queries()  # doctest: +SKIP
    True
    """
    if not CANNED_QUERY_DIR.is_dir():
        return {}
    return {p.name: p for p in sorted(CANNED_QUERY_DIR.glob("*.rq"))}


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # e.g. a long inline query is "too long" as a name
        return False


def read_query(text_or_path: str | os.PathLike[str]) -> str:
    """Return query text given inline SPARQL or the path of a ``.rq``/``.sparql`` file.

    A single-line argument that names an existing file, or that ends in ``.rq`` or
    ``.sparql``, is read as a file; a bare canned-query name such as ``donors.rq`` is
    also looked up in ``seeds/queries``. Anything else is returned as the query.

        >>> read_query("ASK { ?s ?p ?o }")
        'ASK { ?s ?p ?o }'
    """
    if isinstance(text_or_path, os.PathLike):
        return _read_query_file(Path(text_or_path))
    text = str(text_or_path)
    if not text.strip():
        raise QueryError("query: empty query")
    if "\n" in text.strip():
        return text
    candidate = Path(text.strip())
    if _is_file(candidate) or candidate.suffix.lower() in _QUERY_SUFFIXES:
        return _read_query_file(candidate)
    return text


def _read_query_file(path: Path) -> str:
    if not _is_file(path):
        if path.is_dir():
            raise QueryError(f"{path}: is a directory, not a query file")
        canned = canned_queries()
        # A bare name like "donors.rq" falls back to the shipped canned queries.
        if len(path.parts) == 1 and path.name in canned:
            path = canned[path.name]
        else:
            hint = f" (canned queries: {', '.join(canned)})" if canned else ""
            raise QueryError(f"{path}: query file not found{hint}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise QueryError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not text.strip():
        raise QueryError(f"{path}: empty query file")
    return text


# ----------------------------------------------------------------------------- graph


def load_graph(path: str | os.PathLike[str]) -> rdflib.Graph:
    """Parse a built graph file; the format follows the extension (.ttl, .nt, .jsonld).

    A directory is accepted when it contains ``graph.ttl`` (``load_graph("out")``).

        >>> g = load_graph("out/graph.ttl")  # doctest: +SKIP
        >>> try:
        ...     load_graph("missing/graph.ttl")
        ... except QueryError as exc:
        ...     print(exc)
        missing/graph.ttl: not found — run 'aidgraph build' first
    """
    p = Path(path)
    if p.is_dir() and (p / "graph.ttl").is_file():
        p = p / "graph.ttl"
    if not p.exists():
        raise QueryError(f"{p}: not found — run 'aidgraph build' first")
    if p.is_dir():
        raise QueryError(f"{p}: is a directory without graph.ttl — run 'aidgraph build' first")
    fmt = _GRAPH_FORMATS.get(p.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_GRAPH_FORMATS))
        raise QueryError(f"{p}: unknown graph format '{p.suffix}' (expected one of {known})")
    rdf_format, name = fmt
    graph = rdflib.Graph()
    try:
        with warnings.catch_warnings():
            # rdflib's JSON-LD parser trips its own ConjunctiveGraph deprecation.
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(p, format=rdf_format)
    except OSError as exc:
        raise QueryError(f"{p}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        raise QueryError(f"{p}: cannot parse {name}: {_parse_error_detail(exc)}") from None
    return graph


def _parse_error_detail(exc: Exception) -> str:
    why = getattr(exc, "_why", None)
    data = getattr(exc, "_str", None)
    pos = getattr(exc, "_i", None)
    if why and isinstance(data, bytes) and isinstance(pos, int):
        # notation3's BadSyntax counts lines unreliably; recount from the offset.
        line = data[:pos].count(b"\n") + 1
        return _one_line(f"line {line}: {why}")
    if isinstance(exc, json.JSONDecodeError):
        return f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start})"
    return _one_line(str(exc) or type(exc).__name__)


# ------------------------------------------------------------------------- preparing


def _one_line(message: str) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _prefix_map(graph: rdflib.Graph) -> dict[str, str]:
    """The graph's own prefixes plus the project's (the project's win)."""
    prefixes = {p: str(ns) for p, ns in graph.namespaces() if p}
    # Drop graph prefixes that would shadow a project namespace under another name.
    project_ns = set(PREFIXES.values())
    prefixes = {p: ns for p, ns in prefixes.items() if ns not in project_ns}
    prefixes.update(PREFIXES)
    return prefixes


def _mask_non_code(text: str) -> str:
    """Blank out comments, strings and IRIs (keeping offsets) so names can be searched."""
    pattern = re.compile(
        r'"""(?:[^"\\]|\\.|"(?!""))*"""'
        r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
        r'|"(?:[^"\\\n]|\\.)*"'
        r"|'(?:[^'\\\n]|\\.)*'"
        r'|<[^<>"{}|^`\\\s]*>'
        r"|#[^\n]*",
        re.DOTALL,
    )
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _untab_column(text: str, lineno: int, col: int) -> int:
    # pyparsing expands tabs (to 8) before parsing; map its column back to characters.
    lines = text.split("\n")
    if not 1 <= lineno <= len(lines) or "\t" not in lines[lineno - 1]:
        return col
    width = 0
    for index, ch in enumerate(lines[lineno - 1]):
        if width >= col - 1:
            return index + 1
        width = (width // 8 + 1) * 8 if ch == "\t" else width + 1
    return len(lines[lineno - 1]) + 1


def _syntax_error(text: str, exc: ParseBaseException) -> QueryError:
    lineno = exc.lineno
    col = _untab_column(text, lineno, exc.col)
    lines = text.split("\n")
    rest = lines[lineno - 1][col - 1 :] if 1 <= lineno <= len(lines) else ""
    if not rest.strip() and lineno >= len(lines):
        found = "end of query"
    else:
        snippet = rest.strip() or "end of line"
        found = f"'{snippet[:24]}…'" if len(snippet) > 25 else f"'{snippet}'"
    where = f"query: syntax error at line {lineno}, column {col}"
    msg = str(exc.msg or "")
    if "SelectQuery | ConstructQuery" in msg:
        stripped = _mask_non_code(text).strip()
        if re.match(r"(?i)(insert|delete|load|clear|drop|create|add|move|copy|with)\b", stripped):
            return QueryError(
                "query: SPARQL Update is not supported; "
                "write a SELECT, ASK, CONSTRUCT or DESCRIBE query"
            )
        return QueryError(f"{where}: expected SELECT, CONSTRUCT, DESCRIBE or ASK, found {found}")
    if msg == "Expected end of text":
        return QueryError(f"{where}: expected end of query, found {found}")
    if re.fullmatch(r"Expected \w+Query", msg) or not msg or len(msg) > 80:
        # rdflib only names the whole query production here; the position is the clue.
        return QueryError(f"{where}: unexpected {found}")
    return QueryError(_one_line(f"{where}: {msg[0].lower()}{msg[1:]}, found {found}"))


def _unknown_prefix_error(text: str, prefix: str) -> QueryError:
    masked = _mask_non_code(text)
    match = re.search(rf"(?<![\w.:?$-]){re.escape(prefix)}:", masked)
    where = ""
    if match:
        line, col = _position(text, match.start())
        where = f" at line {line}, column {col}"
    return QueryError(
        f"query: unknown prefix '{prefix}:'{where}; declare it with PREFIX {prefix}: <…>"
    )


def _prepare(text: str, prefixes: Mapping[str, str]) -> Query:
    if not text.strip():
        raise QueryError("query: empty query")
    try:
        prepared = prepareQuery(text, initNs=dict(prefixes))
    except ParseBaseException as exc:
        try:
            parseUpdate(text)
        except Exception:
            raise _syntax_error(text, exc) from None
        raise QueryError(
            "query: SPARQL Update is not supported; "
            "write a SELECT, ASK, CONSTRUCT or DESCRIBE query"
        ) from None
    except Exception as exc:
        message = str(exc)
        match = re.match(r"Unknown namespace prefix : (\S*)", message)
        if match:
            raise _unknown_prefix_error(text, match.group(1)) from None
        raise QueryError(_one_line(f"query: {message or type(exc).__name__}")) from None
    _reject_remote(prepared)
    return prepared


def _reject_remote(prepared: Query) -> None:
    """Refuse what would make rdflib reach the network (SERVICE, FROM loading)."""
    names: set[str] = set()

    def visit(node: Any) -> None:
        name = getattr(node, "name", None)
        if isinstance(name, str):
            names.add(name)

    traverse(prepared.algebra, visitPre=visit)
    if "ServiceGraphPattern" in names:
        raise QueryError("query: SERVICE is not supported; queries run offline on the local graph")
    if getattr(prepared.algebra, "datasetClause", None):
        raise QueryError(
            "query: FROM / FROM NAMED is not supported; the query runs on the loaded graph"
        )


# -------------------------------------------------------------------------- bindings

_VARNAME = re.compile(r"^\w+$")
_PNAME = re.compile(r"^([A-Za-z][\w.-]*)?:([\w.-]*)$")
_QUOTED = re.compile(
    r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?$', re.DOTALL
)
_NUMBER = re.compile(r"^[+-]?(\d+|\d*\.\d+|(\d+\.?\d*|\.\d+)[eE][+-]?\d+)$")
_IRIREF = re.compile(r'^<([^<>"{}|^`\\\s]*)>$')


def parse_binding(text: str, prefixes: Mapping[str, str] | None = None) -> Node:
    """Turn command-line text into an RDF term for ``run_query(bindings=...)``.

    ``<iri>`` and ``prefix:name`` (a known prefix) give IRIs; ``"text"@de`` and
    ``"12"^^xsd:integer`` give tagged/typed literals; bare numbers and true/false
    give typed literals; anything else is taken verbatim as a plain string literal.

        >>> parse_binding("ent:France")
        rdflib.term.URIRef('https://w3id.org/aidgraph/id/France')
        >>> parse_binding('"Frankreich"@de')
        rdflib.term.Literal('Frankreich', lang='de')
        >>> parse_binding('x" } ; DROP ALL')
        rdflib.term.Literal('x" } ; DROP ALL')
    """
    known = dict(PREFIXES)
    known.update(prefixes or {})
    iri = _IRIREF.match(text)
    if iri:
        return URIRef(iri.group(1))
    pname = _PNAME.match(text)
    if pname and (pname.group(1) or "") in known and not text.endswith("."):
        return URIRef(known[pname.group(1) or ""] + pname.group(2))
    quoted = _QUOTED.match(text)
    if quoted:
        value = re.sub(r'\\(["\\])', r"\1", quoted.group(1))
        if quoted.group(3):
            datatype = parse_binding(quoted.group(3), prefixes)
            if isinstance(datatype, URIRef):
                return Literal(value, datatype=datatype)
        else:
            return Literal(value, lang=quoted.group(2))
    if _NUMBER.match(text):
        if re.search(r"[eE]", text):
            return Literal(text, datatype=URIRef(_XSD + "double"))
        if "." in text:
            return Literal(text, datatype=URIRef(_XSD + "decimal"))
        return Literal(text, datatype=URIRef(_XSD + "integer"))
    if text in ("true", "false"):
        return Literal(text, datatype=URIRef(_XSD + "boolean"))
    return Literal(text)


def _binding_term(name: str, value: Any) -> Node:
    if isinstance(value, Node):
        return value
    if isinstance(value, (str, bool, int, float, Decimal, date, datetime)):
        return Literal(value)
    raise QueryError(f"query: binding ?{name} has unsupported type {type(value).__name__}")


def _check_bindings(text: str, bindings: Mapping[str, Any] | None) -> dict[str, Node]:
    if not bindings:
        return {}
    used = set(re.findall(r"[?$](\w+)", _mask_non_code(text)))
    checked: dict[str, Node] = {}
    for key, value in bindings.items():
        name = str(key).lstrip("?$")
        if not _VARNAME.match(name):
            raise QueryError(f"query: '{key}' is not a valid variable name")
        if name not in used:
            raise QueryError(f"query: binding ?{name} does not occur in the query")
        checked[name] = _binding_term(name, value)
    return checked


# ------------------------------------------------------------------------ evaluating

# Terms cross the process boundary as plain tuples: ("u", iri) | ("b", id) |
# ("l", lexical, lang, datatype) | None.
_Encoded = tuple | None


def _encode(term: Node | None) -> _Encoded:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("u", str(term))
    if isinstance(term, BNode):
        return ("b", str(term))
    if isinstance(term, Literal):
        dt = None if term.datatype is None else str(term.datatype)
        return ("l", str(term), term.language, dt)
    return ("l", str(term), None, None)


def _decode(enc: _Encoded) -> Node | None:
    if enc is None:
        return None
    if enc[0] == "u":
        return URIRef(enc[1])
    if enc[0] == "b":
        return BNode(enc[1])
    return Literal(enc[1], lang=enc[2], datatype=enc[3])


def _evaluate(graph: rdflib.Graph, prepared: Query, bindings: dict[str, Node]) -> tuple:
    """Run the query and flatten rdflib's lazy result into picklable tuples."""
    result = graph.query(prepared, initBindings=bindings)
    if result.type == "SELECT":
        columns = [str(v) for v in (result.vars or [])]
        rows = [tuple(_encode(v) for v in row) for row in result]
        return ("select", columns, rows)
    if result.type == "ASK":
        return ("ask", bool(result.askAnswer))
    triples = [tuple(_encode(t) for t in triple) for triple in (result.graph or [])]
    return ("construct", triples)


def _runtime_message(exc: BaseException) -> str:
    message = str(exc) or type(exc).__name__
    if "requiring a dataset" in message:
        return "query: GRAPH needs named graphs; the loaded graph is a single default graph"
    return _one_line(f"query: {message}")


def _child_main(graph: rdflib.Graph, prepared: Query, bindings: dict[str, Node], conn) -> None:
    try:
        payload: tuple = ("ok", _evaluate(graph, prepared, bindings))
    except BaseException as exc:  # noqa: BLE001 — everything must reach the parent
        payload = ("error", _runtime_message(exc))
    try:
        conn.send(payload)
    except Exception as exc:  # e.g. an unpicklable value slipped through
        conn.send(("error", _one_line(f"query: cannot return results: {exc}")))
    finally:
        conn.close()


def _seconds(timeout: float) -> str:
    return f"{timeout:.1f}" if round(timeout, 1) == timeout else f"{timeout:g}"


def _run_forked(
    graph: rdflib.Graph, prepared: Query, bindings: dict[str, Node], timeout: float
) -> tuple:
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    # fork: the child inherits the parsed graph and prepared query without pickling.
    proc = ctx.Process(target=_child_main, args=(graph, prepared, bindings, sender), daemon=True)
    try:
        try:
            proc.start()
        except OSError as exc:  # e.g. the process limit is reached
            raise QueryError(f"query: cannot start the query process ({exc})") from None
        sender.close()  # only the child writes; closing ours lets a dead child read as EOF
        deadline = time.monotonic() + timeout
        if not receiver.poll(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(
                f"query: stopped after {_seconds(timeout)} s (timeout); "
                "narrow the query or raise --timeout"
            )
        try:
            status, payload = receiver.recv()
        except (EOFError, OSError):
            proc.join(1)
            raise QueryError(
                f"query: evaluation process died (exit code {proc.exitcode})"
            ) from None
    finally:
        if proc.pid is not None:
            if proc.is_alive():
                proc.kill()
            proc.join()  # reaps the child so no zombie is left behind
        proc.close()
        sender.close()
        receiver.close()
    if status == "error":
        raise QueryError(payload)
    return payload


def _can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon  # daemons may not have children
    )


def run_query(
    graph: rdflib.Graph,
    query: str,
    *,
    bindings: Mapping[str, Any] | None = None,
    timeout: float | None = 30.0,
) -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against ``graph``.

    The project's prefixes (aid, ent, claim, art, prov, dcterms, skos, rdfs, rdf,
    xsd, owl) and the graph's own are predeclared. ``bindings`` pre-bind variables
    (``{"label": Literal("Frankreich", lang="de")}``; a plain ``str`` is a plain
    literal) through rdflib's initBindings, never by editing the query text.
    With a ``timeout`` (seconds) the query runs in a forked child that is killed when
    time is up; ``None`` or ``0`` runs in this process without a limit.

        >>> g = rdflib.Graph().parse(data="<urn:a> <urn:b> 1 .", format="turtle")
        >>> run_query(g, "SELECT ?o WHERE { ?s ?p ?o }").rows
        [('1',)]
    """
    if timeout is not None and timeout < 0:
        raise QueryError("query: timeout must be zero (no limit) or positive")
    prefixes = _prefix_map(graph)
    prepared = _prepare(query, prefixes)
    bound = _check_bindings(query, bindings)
    if timeout and _can_fork():
        payload = _run_forked(graph, prepared, bound, float(timeout))
    else:
        try:
            payload = _evaluate(graph, prepared, bound)
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(_runtime_message(exc)) from None
    return _to_result(payload, prefixes)


def _row_value(term: Node | None) -> str | None:
    if term is None:
        return None
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _to_result(payload: tuple, prefixes: dict[str, str]) -> QueryResult:
    kind = payload[0]
    if kind == "select":
        terms = [tuple(_decode(v) for v in row) for row in payload[2]]
        rows = [tuple(_row_value(t) for t in row) for row in terms]
        return QueryResult("select", list(payload[1]), rows, terms=terms, prefixes=prefixes)
    if kind == "ask":
        return QueryResult("ask", boolean=payload[1], prefixes=prefixes)
    out = rdflib.Graph(bind_namespaces="none")
    for prefix, ns in prefixes.items():
        out.bind(prefix, ns)
    for s, p, o in payload[1]:
        out.add((_decode(s), _decode(p), _decode(o)))
    return QueryResult("construct", graph=out, prefixes=prefixes)


# ------------------------------------------------------------------------ formatting


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table``, ``csv``, ``json`` or ``turtle``.

    table: aligned columns with a header and a row-count line, IRIs shortened with
    the graph's prefixes. csv: RFC 4180 (CRLF, full IRIs), the SPARQL 1.1 CSV results
    format. json: SPARQL 1.1 Query Results JSON. CONSTRUCT/DESCRIBE results print as
    Turtle for table/turtle, JSON-LD for json and subject,predicate,object rows for csv.

        >>> print(format_result(QueryResult("select", ["n"], [("1",)])))
        n
        -
        1
        (1 row)
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise QueryError(f"query: unknown format '{fmt}' (choose {', '.join(FORMATS)})")
    if result.kind == "construct":
        return _format_graph(result, fmt)
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2)
        if fmt == "csv":
            return f"boolean\r\n{'true' if result.boolean else 'false'}\r\n"
        if fmt == "turtle":
            raise QueryError("query: turtle output needs a CONSTRUCT or DESCRIBE query")
        return "true" if result.boolean else "false"
    if fmt == "turtle":
        raise QueryError("query: turtle output needs a CONSTRUCT or DESCRIBE query")
    cells = _cells(result)
    if fmt == "csv":
        return _csv(result.columns, cells)
    if fmt == "json":
        return _json(result.columns, cells)
    return _table(result.columns, cells, result.prefixes)


def _cells(result: QueryResult) -> list[tuple[Node | None, ...]]:
    if len(result.terms) == len(result.rows):
        return result.terms
    # A hand-built result without terms: treat every value as a plain literal.
    return [tuple(None if v is None else Literal(v) for v in row) for row in result.rows]


def _csv(columns: list[str], cells: list[tuple[Node | None, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in cells:
        writer.writerow(["" if t is None else _row_value(t) for t in row])
    return out.getvalue()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _RDF_LANGSTRING):
            cell["datatype"] = str(term.datatype)
    return cell


def _json(columns: list[str], cells: list[tuple[Node | None, ...]]) -> str:
    bindings = [
        {col: _json_term(t) for col, t in zip(columns, row, strict=False) if t is not None}
        for row in cells
    ]
    doc = {"head": {"vars": list(columns)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False)


def _compact(iri: str, namespaces: list[tuple[str, str]]) -> str:
    for prefix, ns in namespaces:
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if re.fullmatch(r"[\w-]*(?:[\w.-]*[\w-])?", local):
                return f"{prefix}:{local}"
    return iri


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _clip(text: str) -> str:
    text = " ".join(text.split())  # newlines and tabs would break the alignment
    if _width(text) <= TABLE_MAX_CELL:
        return text
    out, width = [], 0
    for ch in text:
        width += _width(ch)
        if width > TABLE_MAX_CELL - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _is_numeric(term: Node | None) -> bool:
    return isinstance(term, Literal) and str(term.datatype) in _NUMERIC_TYPES


def _table(
    columns: list[str], cells: list[tuple[Node | None, ...]], prefixes: Mapping[str, str]
) -> str:
    # Longest namespace first so that e.g. ent: beats a shorter enclosing namespace.
    namespaces = sorted(((p, ns) for p, ns in prefixes.items()), key=lambda x: -len(x[1]))
    text_rows = []
    for row in cells:
        shown = []
        for term in row:
            if term is None:
                shown.append("")
            elif isinstance(term, URIRef):
                shown.append(_clip(_compact(str(term), namespaces)))
            else:
                shown.append(_clip(_row_value(term) or ""))
        text_rows.append(shown)
    widths = [_width(c) for c in columns]
    for shown in text_rows:
        for i, value in enumerate(shown):
            widths[i] = max(widths[i], _width(value))
    numeric = [
        any(row[i] is not None for row in cells)
        and all(row[i] is None or _is_numeric(row[i]) for row in cells)
        for i in range(len(columns))
    ]

    def line(values: list[str]) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - _width(value))
            parts.append(pad + value if numeric[i] else value + pad)
        return "  ".join(parts).rstrip()

    lines = [line(list(columns)), "  ".join("-" * w for w in widths)]
    lines.extend(line(shown) for shown in text_rows)
    count = len(cells)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(lines)


def _format_graph(result: QueryResult, fmt: str) -> str:
    graph = result.graph if result.graph is not None else rdflib.Graph()
    if fmt == "csv":
        cells = sorted(graph, key=lambda t: tuple(str(x) for x in t))
        return _csv(["subject", "predicate", "object"], cells)
    if fmt == "json":
        iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
        used = {p: ns for p, ns in result.prefixes.items() if any(i.startswith(ns) for i in iris)}
        return graph.serialize(format="json-ld", context=used or None, indent=2).rstrip()
    return graph.serialize(format="turtle").rstrip()
