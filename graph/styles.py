"""Visual vocabulary of the HTML view: what things look like and are called.

Entity classes (legend, vis groups, shapes, colours), weapon categories, type and
relation labels, relation groups and statuses, the page's UI strings (English and
German), the helpers that map graph attributes onto them, and the vis-network
options for nodes, edges and interaction.
"""

from __future__ import annotations

import re
from typing import Any

from graph.layout import physics_options

__all__ = [
    "SUPPORTED_LANGS",
    "NODE_CLASSES",
    "TYPE_LABELS",
    "EDGE_GROUPS",
    "STATUSES",
    "RELATION_LABELS",
    "UI_STRINGS",
    "node_class",
    "type_label",
    "relation_label",
    "display_label",
    "effective_status",
    "vis_options",
]

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
# vis-network options
# --------------------------------------------------------------------------------------


def vis_options(*, precomputed: bool, n_nodes: int) -> dict:
    """Options for vis-network; ``precomputed`` = the Python layout is final (big graph)."""
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
    options["physics"] = physics_options(precomputed=precomputed, n_nodes=n_nodes)
    return options
