"""The data of the HTML view: vis-network node and edge lists, legend and page config.

Turns the networkx projection (see :mod:`graph.render`) into plain, JSON-ready
dicts: entities with their class, size, position and panel data; relations with
colour, width, dashes, curvature and their cleaned evidence claims; legend entries
for the classes, groups and statuses present; and the config the page script reads.
Nothing here is HTML: the page renders every string with ``textContent``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

import networkx as nx

from graph.layout import layout_positions, use_precomputed_layout
from graph.styles import (
    EDGE_GROUPS,
    NODE_CLASSES,
    STATUSES,
    UI_STRINGS,
    display_label,
    effective_status,
    node_class,
    relation_label,
    type_label,
    vis_options,
)

__all__ = ["EDGE_LABEL_MAX_EDGES", "build_vis_data"]

#: Edge labels (relation names) are drawn only for graphs with at most this many edges.
EDGE_LABEL_MAX_EDGES = 250

_QID_RE = re.compile(r"^Q[1-9][0-9]*$")


def _str_or_none(v: Any) -> str | None:
    if v is None:
        return None
    return str(v)


def _claim_sort_key(c: dict) -> tuple:
    return (str(c.get("article_id") or ""), str(c.get("sentence") or ""), str(c.get("rule") or ""))


def _clean_claims(claims: Any) -> list[dict]:
    out = []
    for c in claims or []:
        if not isinstance(c, dict):
            continue
        out.append(
            {
                k: _str_or_none(c.get(k))
                for k in (
                    "sentence",
                    "article_id",
                    "article_title",
                    "article_date",
                    "article_url",
                    "status",
                    "quantity",
                    "amount",
                    "date",
                    "rule",
                )
            }
        )
    out.sort(key=_claim_sort_key)
    # newest article first, undated last (stable after the deterministic sort above)
    out.sort(key=lambda c: c["article_date"] or "", reverse=True)
    return out


def _node_size(base: int, articles: int) -> float:
    return round(base + 3.0 * math.log2(1 + max(articles, 0)), 1)


def _as_int(v: Any, default: int = 0) -> int:
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def build_vis_data(g: nx.MultiDiGraph, *, lang: str, focus: str | None, title: str) -> dict:
    """Nodes, edges, vis options and page config for ``g`` (``lang`` already normalised).

    ``focus`` is the id of the focused entity (or None); everything is sorted so the
    same graph always gives the same data.
    """
    node_ids = sorted(g.nodes, key=str)
    n_nodes = len(node_ids)
    edge_keys = sorted(g.edges(keys=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    n_edges = len(edge_keys)
    precomputed = use_precomputed_layout(n_nodes, n_edges)
    positions = layout_positions(
        [str(n) for n in node_ids], [(str(u), str(v)) for u, v, _ in edge_keys]
    )

    class_counts: dict[str, int] = defaultdict(int)
    vis_nodes = []
    for nid in node_ids:
        a = g.nodes[nid]
        sid = str(nid)
        cls = node_class(a.get("kind"), a.get("type"))
        class_counts[cls] += 1
        labels = a.get("labels") or {}
        labels = (
            {str(k): str(v) for k, v in labels.items() if v is not None}
            if isinstance(labels, dict)
            else {}
        )
        aliases = sorted(
            {str(x) for x in (a.get("aliases") or []) if x is not None and str(x).strip()},
            key=lambda s: (s.casefold(), s),
        )
        qid = a.get("wikidata")
        qid = str(qid).strip() if qid is not None else None
        if qid and not _QID_RE.match(qid):
            qid = None
        articles = _as_int(a.get("articles"))
        x, y = positions[sid]
        vis_nodes.append(
            {
                "id": sid,
                "label": display_label(a, sid, lang),
                "group": cls,
                "size": _node_size(NODE_CLASSES[cls]["size"], articles),
                "x": x,
                "y": y,
                # data for panels / search (never interpreted as HTML)
                "kind": _str_or_none(a.get("kind")),
                "type": _str_or_none(a.get("type")),
                "typeLabel": type_label(
                    _str_or_none(a.get("type")) or _str_or_none(a.get("kind")), lang
                ),
                "canonical": _str_or_none(a.get("label")),
                "labels": labels,
                "aliases": aliases,
                "wikidata": qid,
                "articles": articles,
            }
        )

    # parallel edges (same unordered pair) get curved so they stay distinguishable
    pair_rank: dict[tuple[str, str], int] = defaultdict(int)
    pair_total: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, _k in edge_keys:
        pair_total[tuple(sorted((str(u), str(v))))] += 1

    group_counts: dict[str, int] = defaultdict(int)
    status_counts: dict[str, int] = defaultdict(int)
    edge_labels = n_edges <= EDGE_LABEL_MAX_EDGES
    vis_edges = []
    for i, (u, v, k) in enumerate(edge_keys):
        a = g.edges[u, v, k]
        relation = str(a.get("relation") or k)
        group = str(a.get("group") or "other")
        gkey = group if group in EDGE_GROUPS else "other"
        status = _str_or_none(a.get("status"))
        skey = effective_status(status, group)
        group_counts[gkey] += 1
        status_counts[skey] += 1
        claims = _clean_claims(a.get("claims"))
        support = _as_int(a.get("support"), default=len({c["article_id"] for c in claims}))
        rlabel = relation_label(relation, lang)
        e = {
            "id": f"e{i}",
            "from": str(u),
            "to": str(v),
            "color": EDGE_GROUPS[gkey]["color"],
            "width": round(
                1.0 + (1.0 if skey == "delivered" else 0.0) + min(math.log2(max(support, 1)), 4.0),
                2,
            ),
            "relation": relation,
            "relLabel": rlabel,
            "group": gkey,
            "status": status,
            "statusKey": skey,
            "support": support,
            "claims": claims,
        }
        if skey == "pledged":
            e["dashes"] = [7, 6]
        if edge_labels:
            e["label"] = rlabel
        pair = tuple(sorted((str(u), str(v))))
        if pair_total[pair] > 1:
            pair_rank[pair] += 1
            r = pair_rank[pair]
            # alternate sides for edges in the same direction; opposite directions
            # already bend to opposite sides with curvedCW
            e["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if r % 2 else "curvedCCW",
                "roundness": round(0.12 + 0.1 * ((r - 1) // 2), 2),
            }
        vis_edges.append(e)

    # legend / filter entries (only classes present), in a fixed order
    legend_classes = [
        {
            "key": key,
            "label": st[lang],
            "shape": st["shape"],
            "color": st["color"],
            "count": class_counts[key],
        }
        for key, st in NODE_CLASSES.items()
        if class_counts.get(key)
    ]
    legend_groups = [
        {"key": key, "label": st[lang], "color": st["color"], "count": group_counts[key]}
        for key, st in EDGE_GROUPS.items()
        if group_counts.get(key)
    ]
    legend_status = [
        {"key": key, "label": st[lang], "count": status_counts[key]}
        for key, st in STATUSES.items()
        if status_counts.get(key)
    ]

    options = vis_options(precomputed=precomputed, n_nodes=n_nodes)
    config = {
        "lang": lang,
        "title": title,
        "ui": UI_STRINGS[lang],
        "classes": legend_classes,
        "groups": legend_groups,
        "statuses": legend_status,
        "groupNames": {k: v[lang] for k, v in EDGE_GROUPS.items()},
        "classNames": {k: v[lang] for k, v in NODE_CLASSES.items()},
        "statusNames": {k: v[lang] for k, v in STATUSES.items()},
        "focus": focus,
        "layout": "python" if precomputed else "physics",
        "counts": {"nodes": n_nodes, "edges": n_edges},
        "wikidataBase": "https://www.wikidata.org/wiki/",
    }
    return {"nodes": vis_nodes, "edges": vis_edges, "options": options, "config": config}
