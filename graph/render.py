"""Interactive HTML view of the aid knowledge graph.

The page is generated with pyvis (vis-network) but is ONE self-contained file:
pyvis' own template links Bootstrap and other assets from CDNs even with
``cdn_resources="in_line"``, so we give pyvis our own Jinja template
(``graph/templates/aidgraph.html.j2``) that inlines the vis-network build shipped
inside the pyvis package plus our stylesheet and script (``graph/static/``).
The page makes no request to any other host; a Content-Security-Policy meta tag
forbids it as well.

Public API::

    render_html(g, path, *, lang="en", focus=None, depth=1, title="aidgraph") -> Path
    html_document(g, *, lang="en", focus=None, depth=1, title="aidgraph") -> str
    focus_subgraph(g, node, depth) -> nx.MultiDiGraph
    notebook_view(g, *, height=700, **kw) -> IPython.display.HTML (iframe srcdoc)

Input is the networkx projection described in the project docs: a MultiDiGraph
whose nodes carry ``label``, ``labels``, ``aliases``, ``kind``, ``type``,
``wikidata``, ``articles`` and whose edges (key = relation) carry ``relation``,
``group``, ``status``, ``support`` and ``claims``.

Safety: every piece of outside text reaches the page only as JSON data inside a
``<script>`` (with ``<``, ``>``, ``&`` and ``'`` escaped as ``\\u003c`` ...) or as
autoescaped template text; the script renders it with ``textContent`` (never
``innerHTML``) and vis-network draws labels on a canvas. Edge/node tooltips are our
own DOM elements, not vis ``title`` strings. Links are only made for http(s) URLs.

Determinism: nodes and edges are sorted, layouts use fixed seeds, coordinates are
rounded, and nothing time-dependent is written, so the same graph gives a
byte-identical file.

This module assembles and writes the page. The node/edge lists and page config
come from :mod:`graph.visdata`, positions from :mod:`graph.layout`, and the visual
vocabulary (classes, colours, labels, UI strings, vis options) from
:mod:`graph.styles`; their public names are re-exported here.
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import json
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from graph.fileio import atomic_write
from graph.styles import SUPPORTED_LANGS
from graph.visdata import build_vis_data

# public names re-exported from the modules split off graph.render
from graph.layout import (  # isort: skip
    EDGE_LAYOUT_THRESHOLD as EDGE_LAYOUT_THRESHOLD,
    LAYOUT_SCALE as LAYOUT_SCALE,
    LAYOUT_SEED as LAYOUT_SEED,
    LAYOUT_THRESHOLD as LAYOUT_THRESHOLD,
    layout_positions as layout_positions,
)
from graph.styles import (  # isort: skip
    EDGE_GROUPS as EDGE_GROUPS,
    NODE_CLASSES as NODE_CLASSES,
    RELATION_LABELS as RELATION_LABELS,
    STATUSES as STATUSES,
    TYPE_LABELS as TYPE_LABELS,
    UI_STRINGS as UI_STRINGS,
    display_label as display_label,
    effective_status as effective_status,
    node_class as node_class,
    relation_label as relation_label,
    type_label as type_label,
)
from graph.visdata import EDGE_LABEL_MAX_EDGES as EDGE_LABEL_MAX_EDGES  # isort: skip

__all__ = [
    "render_html",
    "html_document",
    "focus_subgraph",
    "notebook_view",
    "resolve_node",
    "layout_positions",
    "LAYOUT_THRESHOLD",
]

_HERE = Path(__file__).resolve().parent
_TEMPLATE_DIR = _HERE / "templates"
_STATIC_DIR = _HERE / "static"
_TEMPLATE_NAME = "aidgraph.html.j2"
_VIS_VERSION = "9.1.2"


# --------------------------------------------------------------------------------------
# Subgraphs
# --------------------------------------------------------------------------------------


def resolve_node(g: nx.MultiDiGraph, query: str) -> str:
    """Return the node id for ``query``: an id, or an unambiguous label/alias (case- and
    accent-insensitive, as :func:`graph.analysis.find_entity`); ``KeyError`` otherwise."""
    from graph.analysis import UnknownEntity, find_entity
    try:
        return find_entity(g, str(query))
    except UnknownEntity as exc:
        raise KeyError(str(exc)) from None


def focus_subgraph(g: nx.MultiDiGraph, node: str, depth: int) -> nx.MultiDiGraph:
    """Ego graph of ``node`` with radius ``depth``, following edges in both directions.

    Returns an independent copy of the subgraph induced by every node within
    ``depth`` hops (all edges among those nodes are kept). ``node`` may be an id
    or an unambiguous label/alias.
    """
    if depth < 0:
        raise ValueError("depth must be >= 0")
    start = resolve_node(g, node)
    seen = {start}
    frontier = [start]
    for _ in range(depth):
        nxt = []
        for u in frontier:
            for v in g.succ[u]:
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
            for v in g.pred[u]:
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        if not nxt:
            break
        frontier = nxt
    sub = g.subgraph(seen).copy()
    sub.graph["focus"] = start
    return sub


# --------------------------------------------------------------------------------------
# Assets and template
# --------------------------------------------------------------------------------------


def _pyvis_lib_dir() -> Path:
    import pyvis

    base = Path(pyvis.__file__).resolve().parent
    for cand in (
        base / "templates" / "lib" / f"vis-{_VIS_VERSION}",
        base / "lib" / f"vis-{_VIS_VERSION}",
    ):
        if (cand / "vis-network.min.js").is_file():
            return cand
    raise FileNotFoundError(f"vis-network {_VIS_VERSION} not found in the pyvis package at {base}")


def _check_inline(text: str, what: str, closing: str) -> str:
    low = text.lower()
    if closing in low or "<!--" in low:
        raise ValueError(f"{what} cannot be inlined safely (contains {closing!r} or '<!--')")
    return text


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    lib = _pyvis_lib_dir()
    vis_js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    # drop the source-map comment: there is no map file next to the page
    vis_js = re.sub(r"\n?//# sourceMappingURL=\S*\s*$", "\n", vis_js)
    vis_css = (lib / "vis-network.css").read_text(encoding="utf-8")
    vis_css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", vis_css)
    app_js = (_STATIC_DIR / "aidgraph.js").read_text(encoding="utf-8")
    app_css = (_STATIC_DIR / "aidgraph.css").read_text(encoding="utf-8")
    return {
        "vis_js": _check_inline(vis_js, "vis-network.min.js", "</script"),
        "vis_css": _check_inline(vis_css, "vis-network.css", "</style"),
        "app_js": _check_inline(app_js, "aidgraph.js", "</script"),
        "app_css": _check_inline(app_css, "aidgraph.css", "</style"),
    }


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(_TEMPLATE_DIR)), autoescape=True, keep_trailing_newline=True
    )
    # |tojson: sorted keys, compact, and jinja escapes < > & ' as \u003c ... (htmlsafe)
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "separators": (",", ":"),
        "ensure_ascii": True,
        "allow_nan": False,
    }
    return env


def script_json(obj: Any) -> str:
    """JSON safe to embed inside <script>: sorted, and every < > & ' escaped as \\uXXXX."""
    s = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
    )


class _BoundTemplate:
    """Lets pyvis' Network.generate_html render our template with extra variables."""

    def __init__(self, template, extra: dict):
        self._template = template
        self._extra = extra

    def render(self, **kwargs):
        return self._template.render(**kwargs, **self._extra)


def _normalise_lang(lang: str) -> str:
    lang = (lang or "en").lower().split("-")[0].split("_")[0]
    return lang if lang in SUPPORTED_LANGS else "en"


def html_document(
    g: nx.MultiDiGraph,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    title: str = "aidgraph",
) -> str:
    """Return the complete, self-contained HTML page for ``g`` as a string."""
    lang = _normalise_lang(lang)
    focus_id = None
    if focus is not None:
        g = focus_subgraph(g, focus, depth)
        focus_id = g.graph["focus"]
    title = str(title)
    data = build_vis_data(g, lang=lang, focus=focus_id, title=title)

    net = Network(
        height="100%",
        width="100%",
        directed=True,
        heading=title,
        cdn_resources="in_line",
        bgcolor="#ffffff",
    )
    # feed the prepared lists directly: Network.add_edge is O(E) per call
    net.nodes = data["nodes"]
    net.edges = data["edges"]
    net.node_ids = [n["id"] for n in data["nodes"]]
    net.node_map = {n["id"]: n for n in data["nodes"]}
    net.options = data["options"]
    assets = _assets()
    template = _environment().get_template(_TEMPLATE_NAME)
    net.template = _BoundTemplate(
        template,
        {
            "lang": lang,
            "config": data["config"],
            "options_json": script_json(data["options"]),
            "csp_placeholder": _CSP_PLACEHOLDER,
            **assets,
        },
    )
    doc = net.generate_html(name="aidgraph.html", notebook=True)
    return _apply_csp(doc)


_CSP_PLACEHOLDER = "__AIDGRAPH_CSP__"


def _apply_csp(doc: str) -> str:
    """Fill in the Content-Security-Policy: only our own inline scripts (by hash) may run.

    Inline event-handler attributes are therefore blocked, and no resource can be
    loaded from anywhere (default-src 'none'; images and fonts only as data: URLs).
    """
    hashes = []
    pos = 0
    while True:
        start = doc.find("<script>", pos)
        if start < 0:
            break
        start += len("<script>")
        end = doc.find("</script>", start)
        if end < 0:
            raise RuntimeError("unterminated <script> in the generated page")
        digest = hashlib.sha256(doc[start:end].encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
        pos = end + len("</script>")
    csp = (
        "default-src 'none'; script-src " + " ".join(hashes) + "; style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    head, sep, rest = doc.partition(_CSP_PLACEHOLDER)
    if not sep or "<script" in head:
        raise RuntimeError("CSP placeholder missing from the page head")
    return head + csp + rest

def render_html(
    g: nx.MultiDiGraph,
    path: str | os.PathLike,
    *,
    lang: str = "en",
    focus: str | None = None,
    depth: int = 1,
    title: str = "aidgraph",
) -> Path:
    """Write the interactive page for ``g`` to ``path`` atomically and return the path."""
    path = Path(path)
    doc = html_document(g, lang=lang, focus=focus, depth=depth, title=title)
    atomic_write(path, doc.encode("utf-8"))
    return path


class _HTMLFallback:
    """Minimal stand-in for IPython.display.HTML when IPython is not installed."""

    def __init__(self, data: str):
        self.data = data

    def _repr_html_(self) -> str:
        return self.data


def notebook_view(g: nx.MultiDiGraph, *, height: int = 700, **kw):
    """Inline view for Jupyter: an ``<iframe srcdoc=…>`` holding the whole page.

    Keyword arguments go to :func:`html_document`. Returns ``IPython.display.HTML``
    (or an object with ``_repr_html_`` when IPython is missing).
    """
    doc = html_document(g, **kw)
    frame = (
        '<div class="aidgraph-view">'
        f'<iframe srcdoc="{_html.escape(doc, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        'referrerpolicy="no-referrer"></iframe></div>'
    )
    try:
        from IPython.display import HTML
    except ImportError:  # pragma: no cover - IPython is an optional extra
        return _HTMLFallback(frame)
    return HTML(frame)
