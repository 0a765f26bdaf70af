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
"""

from __future__ import annotations

import base64
import hashlib
import html as _html
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

__all__ = [
    "render_html",
    "html_document",
    "focus_subgraph",
    "notebook_view",
    "resolve_node",
    "layout_positions",
    "LAYOUT_THRESHOLD",
]

#: Above this many nodes (or EDGE_LAYOUT_THRESHOLD edges) the layout is computed in
#: Python and browser physics is switched off entirely.
LAYOUT_THRESHOLD = 300
EDGE_LAYOUT_THRESHOLD = 1500
#: Edge labels (relation names) are drawn only for graphs with at most this many edges.
EDGE_LABEL_MAX_EDGES = 250
#: Pixels per unit of the Python layout (unit = ideal edge length of the FR model).
LAYOUT_SCALE = 60.0
LAYOUT_SEED = 20240229

_HERE = Path(__file__).resolve().parent
_TEMPLATE_DIR = _HERE / "templates"
_STATIC_DIR = _HERE / "static"
_TEMPLATE_NAME = "aidgraph.html.j2"
_VIS_VERSION = "9.1.2"

SUPPORTED_LANGS = ("en", "de")

# --------------------------------------------------------------------------------------
# Visual vocabulary
# --------------------------------------------------------------------------------------

# Entity classes shown in the legend (and used as vis "groups"): key -> style.
# Weapon systems are split by category; each top class has its own shape.
NODE_CLASSES: dict[str, dict[str, Any]] = {
    "country": {"shape": "dot", "color": "#1f77b4", "size": 20, "en": "Country", "de": "Land"},
    "person": {"shape": "diamond", "color": "#9467bd", "size": 13, "en": "Person", "de": "Person"},
    "organisation": {
        "shape": "square",
        "color": "#8c564b",
        "size": 13,
        "en": "Organisation",
        "de": "Organisation",
    },
    "weapon-armour": {
        "shape": "triangle",
        "color": "#ff7f0e",
        "size": 13,
        "en": "Weapon: armoured vehicle",
        "de": "Waffe: Panzerfahrzeug",
    },
    "weapon-artillery": {
        "shape": "triangle",
        "color": "#d62728",
        "size": 13,
        "en": "Weapon: artillery",
        "de": "Waffe: Artillerie",
    },
    "weapon-airdefence": {
        "shape": "triangle",
        "color": "#17becf",
        "size": 13,
        "en": "Weapon: air defence",
        "de": "Waffe: Flugabwehr",
    },
    "weapon-missile": {
        "shape": "triangle",
        "color": "#e377c2",
        "size": 13,
        "en": "Weapon: missile or bomb",
        "de": "Waffe: Rakete oder Bombe",
    },
    "weapon-aircraft": {
        "shape": "triangle",
        "color": "#6b6ecf",
        "size": 13,
        "en": "Weapon: aircraft",
        "de": "Waffe: Luftfahrzeug",
    },
    "weapon-unmanned": {
        "shape": "triangle",
        "color": "#bcbd22",
        "size": 13,
        "en": "Weapon: drone / unmanned",
        "de": "Waffe: Drohne / unbemannt",
    },
    "weapon-naval": {
        "shape": "triangle",
        "color": "#393b79",
        "size": 13,
        "en": "Weapon: naval",
        "de": "Waffe: Marine",
    },
    "weapon-infantry": {
        "shape": "triangle",
        "color": "#8c6d31",
        "size": 13,
        "en": "Weapon: ammunition, small arms, anti-tank",
        "de": "Waffe: Munition, Handwaffen, Panzerabwehr",
    },
    "weapon-other": {
        "shape": "triangle",
        "color": "#7f7f7f",
        "size": 13,
        "en": "Weapon: other",
        "de": "Waffe: sonstige",
    },
    "place": {"shape": "triangleDown", "color": "#2ca02c", "size": 12, "en": "Place", "de": "Ort"},
    "other": {"shape": "dot", "color": "#b0b0b0", "size": 10, "en": "Other", "de": "Sonstiges"},
}

_WEAPON_CATEGORY = {
    # armoured / land vehicles
    "MilitaryVehicle": "armour",
    "ArmouredVehicle": "armour",
    "MainBattleTank": "armour",
    "InfantryFightingVehicle": "armour",
    "ArmouredPersonnelCarrier": "armour",
    "ArmouredReconnaissanceVehicle": "armour",
    "EngineeringVehicle": "armour",
    # artillery
    "ArtillerySystem": "artillery",
    "Howitzer": "artillery",
    "MultipleRocketLauncher": "artillery",
    "Mortar": "artillery",
    # air defence (interceptors belong to their air defence systems)
    "AirDefenceSystem": "airdefence",
    "MANPADS": "airdefence",
    "AntiAircraftGun": "airdefence",
    "InterceptorMissile": "airdefence",
    "Radar": "airdefence",
    # missiles and bombs
    "Missile": "missile",
    "CruiseMissile": "missile",
    "BallisticMissile": "missile",
    "AntiShipMissile": "missile",
    "AirToAirMissile": "missile",
    "GuidedBomb": "missile",
    # aircraft
    "Aircraft": "aircraft",
    "CombatAircraft": "aircraft",
    "Helicopter": "aircraft",
    "TransportAircraft": "aircraft",
    # unmanned
    "UnmannedSystem": "unmanned",
    "Drone": "unmanned",
    "LoiteringMunition": "unmanned",
    "UnmannedSurfaceVessel": "unmanned",
    # naval
    "NavalVessel": "naval",
    # infantry-level
    "Ammunition": "infantry",
    "SmallArms": "infantry",
    "AntiTankWeapon": "infantry",
    # other
    "ElectronicWarfareSystem": "other",
    "WeaponSystem": "other",
}

# Most specific class -> (English, German) label, from ontology/aidgraph.ttl.
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "Country": ("country", "Land"),
    "Person": ("person", "Person"),
    "Organization": ("organisation", "Organisation"),
    "Place": ("place", "Ort"),
    "City": ("city", "Stadt"),
    "Region": ("region", "Region"),
    "IntergovernmentalOrganization": (
        "intergovernmental organisation",
        "zwischenstaatliche Organisation",
    ),
    "Alliance": ("alliance", "Bündnis"),
    "GovernmentBody": ("government body", "Behörde"),
    "ArmedForces": ("armed forces", "Streitkräfte"),
    "Company": ("company", "Unternehmen"),
    "MediaOrganization": ("media organisation", "Medienorganisation"),
    "WeaponSystem": ("weapon system", "Waffensystem"),
    "MilitaryVehicle": ("military vehicle", "Militärfahrzeug"),
    "ArmouredVehicle": ("armoured vehicle", "Panzerfahrzeug"),
    "MainBattleTank": ("main battle tank", "Kampfpanzer"),
    "InfantryFightingVehicle": ("infantry fighting vehicle", "Schützenpanzer"),
    "ArmouredPersonnelCarrier": ("armoured personnel carrier", "Transportpanzer"),
    "ArmouredReconnaissanceVehicle": ("armoured reconnaissance vehicle", "Spähpanzer"),
    "EngineeringVehicle": ("engineering vehicle", "Pionierpanzer"),
    "ArtillerySystem": ("artillery system", "Artilleriesystem"),
    "Howitzer": ("howitzer", "Haubitze"),
    "MultipleRocketLauncher": ("multiple rocket launcher", "Mehrfachraketenwerfer"),
    "Mortar": ("mortar", "Mörser"),
    "AirDefenceSystem": ("air defence system", "Flugabwehrsystem"),
    "MANPADS": ("man-portable air defence system", "tragbares Flugabwehrsystem"),
    "AntiAircraftGun": ("anti-aircraft gun", "Flugabwehrkanone"),
    "Missile": ("missile", "Rakete"),
    "CruiseMissile": ("cruise missile", "Marschflugkörper"),
    "BallisticMissile": ("ballistic missile", "ballistische Rakete"),
    "AntiShipMissile": ("anti-ship missile", "Seezielflugkörper"),
    "AirToAirMissile": ("air-to-air missile", "Luft-Luft-Rakete"),
    "InterceptorMissile": ("interceptor missile", "Abfangrakete"),
    "AntiTankWeapon": ("anti-tank weapon", "Panzerabwehrwaffe"),
    "Aircraft": ("aircraft", "Luftfahrzeug"),
    "CombatAircraft": ("combat aircraft", "Kampfflugzeug"),
    "Helicopter": ("helicopter", "Hubschrauber"),
    "TransportAircraft": ("transport aircraft", "Transportflugzeug"),
    "UnmannedSystem": ("unmanned system", "unbemanntes System"),
    "Drone": ("drone", "Drohne"),
    "LoiteringMunition": ("loitering munition", "Kamikazedrohne"),
    "UnmannedSurfaceVessel": ("unmanned surface vessel", "Seedrohne"),
    "NavalVessel": ("naval vessel", "Kriegsschiff"),
    "Ammunition": ("ammunition", "Munition"),
    "GuidedBomb": ("guided bomb", "Lenkbombe"),
    "Radar": ("radar", "Radar"),
    "SmallArms": ("small arms", "Handfeuerwaffe"),
    "ElectronicWarfareSystem": (
        "electronic warfare system",
        "System der elektronischen Kampfführung",
    ),
}

# Relation groups: key -> colour and names (ordered as shown in the legend).
EDGE_GROUPS: dict[str, dict[str, str]] = {
    "supply": {"color": "#2e7d32", "en": "Supply", "de": "Lieferung"},
    "pledge": {"color": "#ef6c00", "en": "Pledge", "de": "Zusage"},
    "aid": {"color": "#1565c0", "en": "Aid (donor → recipient)", "de": "Hilfe (Geber → Empfänger)"},
    "training": {"color": "#6a1b9a", "en": "Training", "de": "Ausbildung"},
    "funding": {"color": "#c79100", "en": "Funding", "de": "Finanzierung"},
    "cooperation": {"color": "#00838f", "en": "Cooperation", "de": "Kooperation"},
    "industry": {"color": "#5d4037", "en": "Industry", "de": "Industrie"},
    "role": {"color": "#757575", "en": "Role", "de": "Rolle"},
    "hostility": {"color": "#c62828", "en": "Hostility", "de": "Feindseligkeit"},
    "other": {"color": "#9e9e9e", "en": "Other", "de": "Sonstige"},
}

STATUSES: dict[str, dict[str, str]] = {
    "delivered": {"en": "delivered", "de": "geliefert"},
    "pledged": {"en": "pledged", "de": "zugesagt"},
    "unspecified": {"en": "unspecified", "de": "unbestimmt"},
}

RELATION_LABELS: dict[str, tuple[str, str]] = {
    "supplies": ("supplies", "liefert"),
    "pledges": ("pledges", "sagt zu"),
    "suppliesTo": ("supplies to", "liefert an"),
    "trains": ("trains", "bildet aus"),
    "coProducesWith": ("co-produces with", "produziert mit"),
    "fundsFor": ("funds", "finanziert"),
    "manufactures": ("manufactures", "stellt her"),
    "attacks": ("attacks", "greift an"),
    "occupies": ("occupies", "besetzt"),
    "holdsRole": ("holds a role in", "hat eine Rolle in"),
    "ministerOf": ("minister of", "Minister von"),
    "defenceMinisterOf": ("defence minister of", "Verteidigungsminister von"),
    "foreignMinisterOf": ("foreign minister of", "Außenminister von"),
    "headOfStateOf": ("head of state of", "Staatsoberhaupt von"),
    "presidentOf": ("president of", "Präsident von"),
    "headOfGovernmentOf": ("head of government of", "Regierungschef von"),
    "primeMinisterOf": ("prime minister of", "Premierminister von"),
    "chancellorOf": ("chancellor of", "Kanzler von"),
    "commanderOf": ("commander of", "Kommandeur von"),
}

UI_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "search": "Search",
        "searchPlaceholder": "Find entity (name or alias)…",
        "noMatch": "No match",
        "hiddenByFilter": "is hidden by the filters",
        "legend": "Legend & filters",
        "entities": "Entities",
        "relations": "Relation groups",
        "status": "Status",
        "hideIsolated": "Hide entities without visible relations",
        "reset": "Reset filters",
        "visible": "visible",
        "nodes": "entities",
        "edges": "relations",
        "panelHint": "Click an entity or a relation to see details and evidence.",
        "type": "Type",
        "aliases": "Also known as",
        "wikidata": "Wikidata",
        "articles": "Articles",
        "id": "Identifier",
        "outgoing": "Outgoing relations",
        "incoming": "Incoming relations",
        "none": "none",
        "relation": "Relation",
        "group": "Group",
        "support": "Supported by",
        "article": "article",
        "articlesPl": "articles",
        "evidence": "Evidence",
        "source": "Article",
        "date": "Date",
        "quantity": "Quantity",
        "amount": "Amount",
        "eventDate": "Event date",
        "rule": "Rule",
        "from": "From",
        "to": "To",
        "more": "more claims not shown",
        "untitled": "(untitled article)",
        "pledgedLine": "pledged (dashed)",
        "deliveredLine": "delivered (solid)",
        "unspecifiedLine": "unspecified (solid, thin)",
        "focus": "Focus",
    },
    "de": {
        "search": "Suchen",
        "searchPlaceholder": "Entität finden (Name oder Alias)…",
        "noMatch": "Kein Treffer",
        "hiddenByFilter": "ist durch die Filter ausgeblendet",
        "legend": "Legende & Filter",
        "entities": "Entitäten",
        "relations": "Beziehungsgruppen",
        "status": "Status",
        "hideIsolated": "Entitäten ohne sichtbare Beziehung ausblenden",
        "reset": "Filter zurücksetzen",
        "visible": "sichtbar",
        "nodes": "Entitäten",
        "edges": "Beziehungen",
        "panelHint": "Klicken Sie auf eine Entität oder Beziehung für Details und Belege.",
        "type": "Typ",
        "aliases": "Auch bekannt als",
        "wikidata": "Wikidata",
        "articles": "Artikel",
        "id": "Kennung",
        "outgoing": "Ausgehende Beziehungen",
        "incoming": "Eingehende Beziehungen",
        "none": "keine",
        "relation": "Beziehung",
        "group": "Gruppe",
        "support": "Belegt durch",
        "article": "Artikel",
        "articlesPl": "Artikel",
        "evidence": "Belege",
        "source": "Artikel",
        "date": "Datum",
        "quantity": "Menge",
        "amount": "Betrag",
        "eventDate": "Ereignisdatum",
        "rule": "Regel",
        "from": "Von",
        "to": "An",
        "more": "weitere Belege nicht angezeigt",
        "untitled": "(Artikel ohne Titel)",
        "pledgedLine": "zugesagt (gestrichelt)",
        "deliveredLine": "geliefert (durchgezogen)",
        "unspecifiedLine": "unbestimmt (dünn)",
        "focus": "Fokus",
    },
}

_KIND_CLASS = {
    "Country": "country",
    "Person": "person",
    "Organization": "organisation",
    "Organisation": "organisation",
    "Place": "place",
}
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _humanize(name: str) -> str:
    return _CAMEL_RE.sub(" ", name).replace("_", " ").strip().lower() or name


def node_class(kind: str | None, type_: str | None) -> str:
    """Legend class of an entity: its top class, or the weapon category for weapons."""
    if kind == "WeaponSystem" or (type_ in _WEAPON_CATEGORY and kind in (None, "")):
        return "weapon-" + _WEAPON_CATEGORY.get(type_ or "", "other")
    if kind in _KIND_CLASS:
        return _KIND_CLASS[kind]
    if kind is None and type_ in _KIND_CLASS:
        return _KIND_CLASS[type_]
    if type_ in ("City", "Region"):
        return "place"
    return "other"


def type_label(type_: str | None, lang: str) -> str:
    if not type_:
        return ""
    pair = TYPE_LABELS.get(type_)
    if pair:
        return pair[1] if lang == "de" else pair[0]
    return _humanize(type_)


def relation_label(relation: str, lang: str) -> str:
    pair = RELATION_LABELS.get(relation)
    if pair:
        return pair[1] if lang == "de" else pair[0]
    return _humanize(relation)


def _local_name(iri: str) -> str:
    s = str(iri)
    for sep in ("#", "/", ":"):
        if sep in s.rstrip(sep):
            s = s.rstrip(sep).rsplit(sep, 1)[-1]
            break
    return s.replace("_", " ") or str(iri)


def display_label(attrs: dict, node_id: str, lang: str) -> str:
    """Label in ``lang``, falling back to English, then the canonical label, then the IRI."""
    labels = attrs.get("labels") or {}
    if isinstance(labels, dict):
        for key in (lang, "en"):
            val = labels.get(key)
            if isinstance(val, str) and val.strip():
                return val
    label = attrs.get("label")
    if isinstance(label, str) and label.strip():
        return label
    return _local_name(node_id)


def effective_status(status: str | None, group: str | None) -> str:
    """'delivered' | 'pledged' | 'unspecified' (a pledge without explicit status is pledged)."""
    if status in ("delivered", "pledged"):
        return status
    if group == "pledge":
        return "pledged"
    return "unspecified"


# --------------------------------------------------------------------------------------
# Subgraphs
# --------------------------------------------------------------------------------------


def resolve_node(g: nx.MultiDiGraph, query: str) -> str:
    """Return the node id for ``query``: an id, or an unambiguous label/alias (case-insensitive)."""
    if query in g:
        return query
    q = str(query).strip().casefold()
    hits = set()
    for n, a in g.nodes(data=True):
        names = (
            [a.get("label")] + list((a.get("labels") or {}).values()) + list(a.get("aliases") or [])
        )
        if any(isinstance(x, str) and x.strip().casefold() == q for x in names):
            hits.add(n)
    if len(hits) == 1:
        return hits.pop()
    if not hits:
        raise KeyError(f"no node with id, label or alias {query!r}")
    raise KeyError(f"{query!r} is ambiguous: {sorted(hits)!r}")


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
# Layout (numpy only)
# --------------------------------------------------------------------------------------

_OFFSETS = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def _fr_layout(
    n: int, ei: np.ndarray, ej: np.ndarray, rng: np.random.Generator, iterations: int
) -> np.ndarray:
    """Fruchterman-Reingold (ideal distance 1) for one connected component.

    Repulsion is exact between nodes in the same or adjacent grid cells and
    approximated cell-to-cell (cell centroids) further away, so one iteration
    costs about O(n * per_cell + cells^2) instead of O(n^2).
    """
    if n == 1:
        return np.zeros((1, 2))
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    t0 = side / 8.0 + 0.5
    per_cell = 10.0
    idx_all = np.arange(n)
    for it in range(iterations):
        temp = t0 * (1.0 - it / iterations) + 0.02
        disp = np.zeros((n, 2))
        # grid sized from the robust extent of the current layout
        q = np.quantile(pos, [0.05, 0.95], axis=0)
        area = max(float(np.prod(q[1] - q[0])) / 0.81, 1e-6)
        h = max(math.sqrt(area * per_cell / n), 0.5)
        cxy = np.floor(pos / h).astype(np.int64)
        cxy -= cxy.min(axis=0)
        width = int(cxy[:, 1].max()) + 3
        key = (cxy[:, 0] + 1) * width + (cxy[:, 1] + 1)
        ukeys, cell, counts = np.unique(key, return_inverse=True, return_counts=True)
        cells = len(ukeys)
        order = np.argsort(cell, kind="stable")
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        pis, pjs = [], []
        for dx, dy in _OFFSETS:
            nk = key + dx * width + dy
            loc = np.minimum(np.searchsorted(ukeys, nk), cells - 1)
            ok = ukeys[loc] == nk
            ii, nc = idx_all[ok], loc[ok]
            c = counts[nc]
            tot = int(c.sum())
            if not tot:
                continue
            cs = np.cumsum(c)
            pis.append(np.repeat(ii, c))
            pjs.append(order[np.repeat(starts[nc] - (cs - c), c) + np.arange(tot)])
        pi, pj = np.concatenate(pis), np.concatenate(pjs)
        keep = pi != pj
        pi, pj = pi[keep], pj[keep]
        d = pos[pi] - pos[pj]
        f = 1.0 / np.maximum(d[:, 0] ** 2 + d[:, 1] ** 2, 1e-4)
        disp[:, 0] += np.bincount(pi, weights=d[:, 0] * f, minlength=n)
        disp[:, 1] += np.bincount(pi, weights=d[:, 1] * f, minlength=n)
        if cells > 1:
            mass = counts.astype(float)
            cx = np.bincount(cell, weights=pos[:, 0], minlength=cells) / mass
            cy = np.bincount(cell, weights=pos[:, 1], minlength=cells) / mass
            gx, gy = ukeys // width, ukeys % width
            ddx = cx[:, None] - cx[None, :]
            ddy = cy[:, None] - cy[None, :]
            far = (np.abs(gx[:, None] - gx[None, :]) > 1) | (np.abs(gy[:, None] - gy[None, :]) > 1)
            w = far * (mass[None, :] / np.maximum(ddx * ddx + ddy * ddy, 1e-4))
            disp[:, 0] += (ddx * w).sum(axis=1)[cell]
            disp[:, 1] += (ddy * w).sum(axis=1)[cell]
        if len(ei):
            d = pos[ei] - pos[ej]
            dist = np.sqrt(d[:, 0] ** 2 + d[:, 1] ** 2)
            ax, ay = d[:, 0] * dist, d[:, 1] * dist
            disp[:, 0] += np.bincount(ej, weights=ax, minlength=n) - np.bincount(
                ei, weights=ax, minlength=n
            )
            disp[:, 1] += np.bincount(ej, weights=ay, minlength=n) - np.bincount(
                ei, weights=ay, minlength=n
            )
        length = np.maximum(np.sqrt(disp[:, 0] ** 2 + disp[:, 1] ** 2), 1e-9)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
    return pos - pos.mean(axis=0)


def _iterations_for(n: int) -> int:
    if n <= 300:
        return 150
    if n <= 1500:
        return 80
    return 50


def layout_positions(
    nodes: list[str],
    edges: Iterable[tuple[str, str]],
    *,
    scale: float = LAYOUT_SCALE,
    seed: int = LAYOUT_SEED,
) -> dict[str, tuple[int, int]]:
    """Deterministic 2-D layout: FR per connected component, components shelf-packed.

    ``nodes`` must be in a deterministic order (we sort). Returns integer pixel
    coordinates.
    """
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    if n == 0:
        return {}
    pairs = set()
    for u, v in edges:
        a, b = index[u], index[v]
        if a != b:
            pairs.add((a, b) if a < b else (b, a))
    pair_arr = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    # connected components (union-find)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pair_arr.tolist():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comp_of = np.array([find(i) for i in range(n)], dtype=np.int64)
    comps: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(comp_of.tolist()):
        comps[c].append(i)
    comp_list = sorted(comps.values(), key=lambda m: (-len(m), m[0]))
    rng = np.random.default_rng(seed)
    pos = np.zeros((n, 2))
    edge_comp = comp_of[pair_arr[:, 0]] if len(pair_arr) else np.zeros(0, dtype=np.int64)
    placed = []  # (members, local positions, radius)
    for members in comp_list:
        m = len(members)
        if m == 1:
            local = np.zeros((1, 2))
        else:
            local_index = np.full(n, -1, dtype=np.int64)
            local_index[members] = np.arange(m)
            sel = pair_arr[edge_comp == comp_of[members[0]]]
            local = _fr_layout(
                m, local_index[sel[:, 0]], local_index[sel[:, 1]], rng, _iterations_for(m)
            )
        radius = float(np.sqrt((local**2).sum(axis=1)).max()) + 0.8
        placed.append((members, local, radius))
    # shelf packing of the components, biggest first, rows of roughly square extent
    total = sum((2 * r) ** 2 for _, _, r in placed)
    row_width = max(math.sqrt(total) * 1.15, 2 * placed[0][2])
    x = y = row_h = 0.0
    for members, local, r in placed:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        pos[members] = local + np.array([x + r, y + r])
        x += 2 * r
        row_h = max(row_h, 2 * r)
    pos -= (pos.min(axis=0) + pos.max(axis=0)) / 2
    pos *= scale
    return {nodes[i]: (int(round(pos[i, 0])), int(round(pos[i, 1]))) for i in range(n)}


# --------------------------------------------------------------------------------------
# Building the vis data
# --------------------------------------------------------------------------------------


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


def _build(g: nx.MultiDiGraph, *, lang: str, focus: str | None, title: str) -> dict:
    node_ids = sorted(g.nodes, key=str)
    n_nodes = len(node_ids)
    edge_keys = sorted(g.edges(keys=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    n_edges = len(edge_keys)
    precomputed = n_nodes > LAYOUT_THRESHOLD or n_edges > EDGE_LAYOUT_THRESHOLD
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

    options = _vis_options(precomputed=precomputed, n_nodes=n_nodes, n_edges=n_edges)
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


def _stabilization_iterations(n_nodes: int) -> int:
    return int(max(150, min(400, 400 - (n_nodes - 100) * 1.25)))


def _vis_options(*, precomputed: bool, n_nodes: int, n_edges: int) -> dict:
    groups = {
        key: {
            "shape": st["shape"],
            "color": {
                "background": st["color"],
                "border": "#333333",
                "highlight": {"background": st["color"], "border": "#000000"},
                "hover": {"background": st["color"], "border": "#000000"},
            },
        }
        for key, st in NODE_CLASSES.items()
    }
    big = precomputed
    options: dict[str, Any] = {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 6}},
            "shadow": False,
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 1,
            "font": {
                "size": 10,
                "face": "sans-serif",
                "align": "middle",
                "color": "#444444",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "shadow": False,
        },
        "interaction": {
            # big graphs: the page hit-tests itself instead (no redraw per hover)
            "hover": not big,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    if big:
        options["physics"] = {"enabled": False}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -4000,
                "centralGravity": 0.2,
                "springLength": 110,
                "springConstant": 0.04,
                "damping": 0.35,
                "avoidOverlap": 0.15,
            },
            "minVelocity": 0.75,
            "maxVelocity": 50,
            "stabilization": {
                "enabled": True,
                # the nodes start from the Python layout, so fewer iterations do for
                # bigger graphs (bounded browser time): 400 up to 100 nodes, 150 at 300
                "iterations": _stabilization_iterations(n_nodes),
                "updateInterval": 50,
                "fit": True,
            },
        }
    return options


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
    data = _build(g, lang=lang, focus=focus_id, title=title)

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


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


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
    _atomic_write(path, doc.encode("utf-8"))
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
