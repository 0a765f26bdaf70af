"""Fast (no browser) tests of graph/render.py: the self-contained pyvis HTML view."""

from __future__ import annotations

import json
import os
import random
import re
import stat
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph import fileio, render
from graph.render import focus_subgraph, html_document, notebook_view, render_html, script_json

E = "https://w3id.org/aidgraph/id/"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=window.pwned=1>"
HOSTILE_QUOTES = "\"'><svg onload=window.pwned=2>"


# ----------------------------------------------------------------------------- fixtures


def _claim(
    sentence,
    article_id,
    title,
    date=None,
    url=None,
    status=None,
    quantity=None,
    amount=None,
    rule="en.test",
):
    return {
        "sentence": sentence,
        "article_id": article_id,
        "article_title": title,
        "article_date": date,
        "article_url": url,
        "status": status,
        "quantity": quantity,
        "amount": amount,
        "date": None,
        "rule": rule,
    }


def make_graph(order_seed: int | None = None) -> nx.MultiDiGraph:
    """A small hand-built projection. ``order_seed`` shuffles insertion order."""
    nodes = [
        (
            "France",
            dict(
                label="France",
                labels={"en": "France", "de": "Frankreich"},
                aliases=["French Republic"],
                kind="Country",
                type="Country",
                wikidata="Q142",
                articles=5,
            ),
        ),
        (
            "Ukraine",
            dict(
                label="Ukraine",
                labels={"en": "Ukraine", "de": "Ukraine"},
                aliases=[],
                kind="Country",
                type="Country",
                wikidata="Q212",
                articles=9,
            ),
        ),
        (
            "Germany",
            dict(
                label="Germany",
                labels={"en": "Germany", "de": "Deutschland"},
                aliases=["FRG"],
                kind="Country",
                type="Country",
                wikidata="Q183",
                articles=4,
            ),
        ),
        (
            "SCALP",
            dict(
                label="SCALP-EG",
                labels={"en": "SCALP-EG"},
                aliases=["Storm Shadow"],
                kind="WeaponSystem",
                type="CruiseMissile",
                wikidata=None,
                articles=3,
            ),
        ),
        (
            "CAESAR",
            dict(
                label="CAESAR",
                labels={"en": "CAESAR", "de": "Caesar"},
                aliases=[],
                kind="WeaponSystem",
                type="Howitzer",
                wikidata="Q1025071",
                articles=2,
            ),
        ),
        (
            "Sebastien_Lecornu",
            dict(
                label="Sébastien Lecornu",
                labels={"en": "Sébastien Lecornu"},
                aliases=["Lecornu"],
                kind="Person",
                type="Person",
                wikidata=None,
                articles=2,
            ),
        ),
        (
            "Kyiv",
            dict(
                label="Kyiv",
                labels={"en": "Kyiv", "de": "Kiew"},
                aliases=["Kiev"],
                kind="Place",
                type="City",
                wikidata="Q1899",
                articles=1,
            ),
        ),
    ]
    edges = [
        (
            "France",
            "SCALP",
            "supplies",
            "supply",
            "delivered",
            [
                _claim(
                    "France delivered SCALP missiles to Ukraine.",
                    "a1",
                    "France sends missiles",
                    "2023-07-11",
                    "https://news.example/a1",
                    "delivered",
                    "50",
                )
            ],
        ),
        (
            "France",
            "CAESAR",
            "pledges",
            "pledge",
            "pledged",
            [
                _claim(
                    "Frankreich werde 12 weitere Caesar-Haubitzen übergeben.",
                    "a2",
                    "Caesar für Kiew",
                    "2023-09-28",
                    "https://news.example/a2",
                    "pledged",
                    "12 weitere",
                ),
                _claim(
                    "Paris promised more Caesars.", "a3", "More guns", "2023-10-01", None, "pledged"
                ),
            ],
        ),
        (
            "France",
            "Ukraine",
            "suppliesTo",
            "aid",
            None,
            [
                _claim(
                    "France supports Ukraine.",
                    "a1",
                    "France sends missiles",
                    "2023-07-11",
                    "https://news.example/a1",
                )
            ],
        ),
        (
            "Sebastien_Lecornu",
            "France",
            "defenceMinisterOf",
            "role",
            None,
            [
                _claim(
                    "French defence minister Sébastien Lecornu said ...",
                    "a2",
                    "Caesar für Kiew",
                    "2023-09-28",
                    "https://news.example/a2",
                )
            ],
        ),
        (
            "Germany",
            "Ukraine",
            "suppliesTo",
            "aid",
            None,
            [_claim("Germany supports Ukraine.", "a4", "Help", "2023-01-02", None)],
        ),
    ]
    if order_seed is not None:
        rnd = random.Random(order_seed)
        rnd.shuffle(nodes)
        rnd.shuffle(edges)
    g = nx.MultiDiGraph()
    for n, attrs in nodes:
        g.add_node(E + n, **attrs)
    for u, v, rel, group, status, claims in edges:
        if order_seed is not None:
            claims = list(reversed(claims))
        g.add_edge(
            E + u,
            E + v,
            key=rel,
            relation=rel,
            group=group,
            status=status,
            support=len({c["article_id"] for c in claims}),
            claims=claims,
        )
    return g


def hostile_graph() -> nx.MultiDiGraph:
    g = make_graph()
    g.nodes[E + "SCALP"]["label"] = HOSTILE_IMG
    g.nodes[E + "SCALP"]["labels"] = {"en": HOSTILE_IMG}
    g.nodes[E + "SCALP"]["aliases"] = [HOSTILE_QUOTES, "</script><script>window.pwned=3</script>"]
    g.add_edge(
        E + "Germany",
        E + "SCALP",
        key="manufactures",
        relation="manufactures",
        group="industry",
        status=None,
        support=1,
        claims=[
            _claim(
                HOSTILE_SCRIPT + " builds " + HOSTILE_IMG,
                "a9",
                HOSTILE_QUOTES,
                "2023-02-02<!--",
                "javascript:window.pwned=4",
                None,
                "<b>7</b>",
                "200 Mio € & more",
            )
        ],
    )
    return g


def big_graph(n: int = 360, seed: int = 3) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        kind = "Country" if i < 12 else "WeaponSystem"
        g.add_node(
            f"{E}N{i}",
            label=f"Node {i}",
            labels={"en": f"Node {i}"},
            aliases=[],
            kind=kind,
            type="Country" if kind == "Country" else "Howitzer",
            wikidata=None,
            articles=1,
        )
    for i in range(n * 2):
        u, v = f"{E}N{rnd.randrange(12)}", f"{E}N{rnd.randrange(n)}"
        if u != v:
            g.add_edge(
                u,
                v,
                key="supplies",
                relation="supplies",
                group="supply",
                status="delivered",
                support=1,
                claims=[_claim(f"s{i}", f"a{i}", f"t{i}", "2023-01-01", None)],
            )
    return g


# ----------------------------------------------------------------------------- helpers


class _Page(HTMLParser):
    """Collects tags with attributes, and the text of <script> / <style> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.markup_text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag
            (self.scripts if tag == "script" else self.styles).append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data
        else:
            self.markup_text.append(data)


def parse(doc: str) -> _Page:
    p = _Page()
    p.feed(doc)
    p.close()
    return p


def page_data(doc: str) -> dict:
    """The JSON the page embeds (window.AIDGRAPH_*)."""
    out = {}
    for name in ("NODES", "EDGES", "OPTIONS", "CONFIG"):
        m = re.search(r"^window\.AIDGRAPH_" + name + r" = (.*);$", doc, re.M)
        assert m, name
        out[name.lower()] = json.loads(m.group(1))
    return out


URL_ATTRS = {
    "src",
    "href",
    "srcset",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "xlink:href",
    "ping",
    "manifest",
    "cite",
    "longdesc",
    "codebase",
    "icon",
}

# URLs that occur as plain strings / comments inside the vis-network 9.1.2 build
# (licence header, SVG namespace, error messages). None is fetched.
VIS_BUILD_URLS = {
    "https://visjs.github.io/vis-network/",
    "http://almende.com",
    "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://opensource.org/licenses/MIT",
    "http://www.w3.org/2000/svg",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
}
_URL_RE = re.compile(r"(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s\"'<>)]*")


# ----------------------------------------------------------------------------- self-containment


def test_page_is_one_self_contained_file():
    g = make_graph()
    doc = html_document(g)
    page = parse(doc)
    tag_names = [t for t, _ in page.tags]
    # nothing that could load a resource
    for forbidden in (
        "link",
        "base",
        "iframe",
        "frame",
        "object",
        "embed",
        "img",
        "video",
        "audio",
        "source",
        "track",
        "image",
        "use",
        "form",
    ):
        assert forbidden not in tag_names, forbidden
    for tag, attrs in page.tags:
        assert not (URL_ATTRS & set(attrs)), (tag, attrs)
        if tag == "script":
            assert set(attrs) == set(), attrs  # inline only, no src/type/nonce tricks
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            pytest.fail("meta refresh")
    # exactly: vis-network, data, app; and vis CSS + app CSS
    assert len(page.scripts) == 3
    assert len(page.styles) == 2
    # markup outside <script>/<style> carries no URL at all
    markup = "".join(page.markup_text)
    assert "http:" not in markup and "https:" not in markup
    for tag, attrs in page.tags:
        for value in attrs.values():
            assert not value or not re.search(r"https?:|//", value) or tag == "meta", (tag, attrs)
    # CSS: no @import, every url() is a data: URL
    for css in page.styles:
        assert "@import" not in css
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            assert ref.startswith("data:"), ref[:60]
    vis_js, data_js, app_js = page.scripts
    assert "vis-network" in vis_js and "sourceMappingURL" not in vis_js
    assert set(_URL_RE.findall(vis_js)) <= VIS_BUILD_URLS
    # our script only names the Wikidata base (as text for links) and the SVG namespace,
    # and has no way to make requests
    assert set(_URL_RE.findall(app_js)) == {"http://www.w3.org/2000/svg"}
    for api in (
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "EventSource",
        "sendBeacon",
        "importScripts",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ):
        assert api not in app_js, api
    # the data names URLs only as data: article URLs from the graph and the Wikidata base
    data_urls = set(_URL_RE.findall(data_js))
    article_urls = {
        c["article_url"] for _, _, a in g.edges(data=True) for c in a["claims"] if c["article_url"]
    }
    node_iris = set(g.nodes)
    assert data_urls <= article_urls | node_iris | {"https://www.wikidata.org/wiki/"}
    assert "bootstrap" not in doc.lower() and "cdn" not in markup.lower()


def test_csp_allows_only_the_pages_own_scripts():
    import base64
    import hashlib

    doc = html_document(make_graph())
    page = parse(doc)
    (csp,) = [
        a["content"]
        for t, a in page.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert "default-src 'none'" in csp
    assert "connect-src 'none'" in csp and "img-src data:" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for body in page.scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_generated_through_pyvis(monkeypatch):
    from pyvis.network import Network

    calls = []
    original = Network.generate_html

    def spy(self, *a, **kw):
        calls.append((len(self.nodes), len(self.edges)))
        return original(self, *a, **kw)

    monkeypatch.setattr(Network, "generate_html", spy)
    html_document(make_graph())
    assert calls == [(7, 5)]


# ----------------------------------------------------------------------------- determinism


def test_same_graph_gives_byte_identical_file(tmp_path):
    a = render_html(make_graph(), tmp_path / "a.html")
    b = render_html(make_graph(order_seed=7), tmp_path / "b.html")
    assert a.read_bytes() == b.read_bytes()


def test_large_graph_layout_is_deterministic_and_precomputed():
    g = big_graph()
    d1 = html_document(g)
    d2 = html_document(big_graph())
    assert d1 == d2
    data = page_data(d1)
    assert data["options"]["physics"] == {"enabled": False}
    assert data["config"]["layout"] == "python"
    xs = {(n["x"], n["y"]) for n in data["nodes"]}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len(xs) > 0.95 * len(data["nodes"])  # spread out, not stacked


def test_small_graph_uses_physics_that_stabilises():
    data = page_data(html_document(make_graph()))
    phys = data["options"]["physics"]
    assert phys["enabled"] is True
    assert phys["stabilization"]["enabled"] is True and phys["stabilization"]["iterations"] > 0
    assert data["config"]["layout"] == "physics"
    # the script switches physics off once stabilised
    app_js = parse(html_document(make_graph())).scripts[2]
    assert "stabilizationIterationsDone" in app_js and "physics: { enabled: false }" in app_js
    assert "aidgraphReady" in app_js and "aidgraphDrawnMs" in app_js


def test_layout_positions_packs_components_without_overlap():
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(0, 19)] + [("n20", "n21"), ("n22", "n23")]
    pos = render.layout_positions(nodes, edges)
    assert set(pos) == set(nodes)
    assert len(set(pos.values())) == len(nodes)
    assert pos == render.layout_positions(nodes, edges)


# ----------------------------------------------------------------------------- escaping


def test_script_json_escapes_html_breakers():
    s = script_json({"a": "</script><!-- x --> & 'q' \u2028"})
    for bad in ("</", "<!--", "<", ">", "&", "'", "\u2028"):
        assert bad not in s
    assert json.loads(s) == {"a": "</script><!-- x --> & 'q' \u2028"}


def test_hostile_text_is_escaped_everywhere():
    doc = html_document(hostile_graph(), title="T " + HOSTILE_SCRIPT + HOSTILE_QUOTES)
    for raw in (
        HOSTILE_SCRIPT,
        HOSTILE_IMG,
        "<svg onload",
        "window.pwned=3</script>",
        "2023-02-02<!--",
        "<b>7</b>",
    ):
        assert raw not in doc, raw
    page = parse(doc)
    assert len(page.scripts) == 3  # nothing broke out of the data <script>
    assert [t for t, _ in page.tags].count("script") == 3
    assert "<!--" not in page.scripts[1] and "</" not in page.scripts[1]
    # title: escaped text in <title> and <h1>
    assert "<title>T &lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&gt;&lt;svg" in doc
    # the data still carries the exact strings (shown as text by the page)
    data = page_data(doc)
    scalp = next(n for n in data["nodes"] if n["id"] == E + "SCALP")
    assert scalp["label"] == HOSTILE_IMG
    assert HOSTILE_QUOTES in scalp["aliases"]
    claim = next(e for e in data["edges"] if e["relation"] == "manufactures")["claims"][0]
    assert claim["sentence"] == HOSTILE_SCRIPT + " builds " + HOSTILE_IMG
    assert claim["article_url"] == "javascript:window.pwned=4"  # data only; page links http(s) only
    assert data["config"]["title"].startswith("T <script>")


def test_invalid_wikidata_ids_are_dropped():
    g = make_graph()
    g.nodes[E + "France"]["wikidata"] = "javascript:alert(1)"
    g.nodes[E + "Ukraine"]["wikidata"] = " Q212 "
    nodes = {n["id"]: n for n in page_data(html_document(g))["nodes"]}
    assert nodes[E + "France"]["wikidata"] is None
    assert nodes[E + "Ukraine"]["wikidata"] == "Q212"


# ----------------------------------------------------------------------------- styling


def test_node_classes_shapes_and_legend():
    data = page_data(html_document(make_graph()))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[E + "France"]["group"] == "country"
    assert nodes[E + "SCALP"]["group"] == "weapon-missile"
    assert nodes[E + "CAESAR"]["group"] == "weapon-artillery"
    assert nodes[E + "Sebastien_Lecornu"]["group"] == "person"
    assert nodes[E + "Kyiv"]["group"] == "place"
    groups = data["options"]["groups"]
    shapes = {groups[k]["shape"] for k in ("country", "person", "weapon-missile", "place")}
    assert len(shapes) == 4
    assert (
        groups["weapon-missile"]["color"]["background"]
        != groups["weapon-artillery"]["color"]["background"]
    )
    legend = [c["key"] for c in data["config"]["classes"]]
    assert legend == ["country", "person", "weapon-artillery", "weapon-missile", "place"]
    assert render.node_class("WeaponSystem", "LoiteringMunition") == "weapon-unmanned"
    assert render.node_class("Organization", "Company") == "organisation"
    assert render.node_class(None, None) == "other"


def test_edge_styles_by_group_and_status():
    data = page_data(html_document(make_graph()))
    edges = {e["relation"]: e for e in data["edges"]}
    assert edges["pledges"]["dashes"] and edges["pledges"]["statusKey"] == "pledged"
    assert "dashes" not in edges["supplies"] and edges["supplies"]["statusKey"] == "delivered"
    assert edges["suppliesTo"]["statusKey"] == "unspecified"
    assert edges["supplies"]["color"] != edges["pledges"]["color"]
    assert edges["supplies"]["width"] > edges["suppliesTo"]["width"]
    assert edges["pledges"]["support"] == 2 and len(edges["pledges"]["claims"]) == 2
    assert [g["key"] for g in data["config"]["groups"]] == ["supply", "pledge", "aid", "role"]
    assert {s["key"] for s in data["config"]["statuses"]} == {"delivered", "pledged", "unspecified"}
    # no vis "title" (HTML tooltips) anywhere
    assert all("title" not in n for n in data["nodes"])
    assert all("title" not in e for e in data["edges"])


def test_parallel_edges_are_curved_apart():
    g = make_graph()
    g.add_edge(
        E + "France",
        E + "SCALP",
        key="pledges",
        relation="pledges",
        group="pledge",
        status="pledged",
        support=1,
        claims=[_claim("x", "a8", "t")],
    )
    edges = [
        e
        for e in page_data(html_document(g))["edges"]
        if e["from"] == E + "France" and e["to"] == E + "SCALP"
    ]
    assert len(edges) == 2
    assert all(e["smooth"]["enabled"] for e in edges)
    assert len({(e["smooth"]["type"], e["smooth"]["roundness"]) for e in edges}) == 2


# ----------------------------------------------------------------------------- language


def test_lang_switch_uses_german_labels_with_english_fallback():
    en = page_data(html_document(make_graph(), lang="en"))
    de = page_data(html_document(make_graph(), lang="de"))
    en_labels = {n["id"]: n["label"] for n in en["nodes"]}
    de_labels = {n["id"]: n["label"] for n in de["nodes"]}
    assert en_labels[E + "France"] == "France" and de_labels[E + "France"] == "Frankreich"
    assert de_labels[E + "Kyiv"] == "Kiew"
    assert de_labels[E + "SCALP"] == "SCALP-EG"  # no German label: English
    assert de["config"]["ui"]["search"] == "Suchen" and en["config"]["ui"]["search"] == "Search"
    de_edges = {e["relation"]: e["relLabel"] for e in de["edges"]}
    assert de_edges["pledges"] == "sagt zu"
    assert '<html lang="de">' in html_document(make_graph(), lang="de")
    # unknown language: English
    assert page_data(html_document(make_graph(), lang="fr"))["config"]["lang"] == "en"
    # a node with neither labels nor label falls back to the IRI's local name
    g = make_graph()
    g.add_node(E + "Black_Sea", kind="Place", type="Region")
    labels = {n["id"]: n["label"] for n in page_data(html_document(g, lang="de"))["nodes"]}
    assert labels[E + "Black_Sea"] == "Black Sea"


# ----------------------------------------------------------------------------- focus


def test_focus_subgraph_ignores_direction():
    g = make_graph()
    sub = focus_subgraph(g, E + "Ukraine", 1)
    assert set(sub) == {E + "Ukraine", E + "France", E + "Germany"}
    assert isinstance(sub, nx.MultiDiGraph)
    assert sub.has_edge(E + "France", E + "Ukraine", key="suppliesTo")
    sub2 = focus_subgraph(g, E + "Ukraine", 2)
    assert set(sub2) == set(sub) | {E + "SCALP", E + "CAESAR", E + "Sebastien_Lecornu"}
    assert set(focus_subgraph(g, E + "Ukraine", 0)) == {E + "Ukraine"}
    # induced: all edges among the chosen nodes, attributes kept, independent copy
    assert sub2.number_of_edges() == 5
    sub2.nodes[E + "France"]["label"] = "changed"
    assert g.nodes[E + "France"]["label"] == "France"
    # by label or alias, case-insensitive
    assert set(focus_subgraph(g, "kiev", 0)) == {E + "Kyiv"}
    with pytest.raises(KeyError):
        focus_subgraph(g, "Atlantis", 1)
    with pytest.raises(ValueError):
        focus_subgraph(g, E + "Ukraine", -1)


def test_render_with_focus():
    data = page_data(html_document(make_graph(), focus=E + "CAESAR", depth=1))
    assert {n["id"] for n in data["nodes"]} == {E + "CAESAR", E + "France"}
    assert data["config"]["focus"] == E + "CAESAR"


# ----------------------------------------------------------------------------- writing


def test_atomic_write_leaves_no_temp_files(tmp_path):
    out = tmp_path / "sub" / "graph.html"
    p = render_html(make_graph(), out)
    assert p == out and out.is_file()
    assert sorted(x.name for x in out.parent.iterdir()) == ["graph.html"]
    mode = stat.S_IMODE(out.stat().st_mode)
    assert mode & 0o044  # readable by others (not mkstemp's 0600), as with a plain open()
    # overwrite keeps the mode and still leaves nothing behind
    os.chmod(out, 0o640)
    render_html(make_graph(), out, title="again")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(x.name for x in out.parent.iterdir()) == ["graph.html"]
    assert "again" in out.read_text(encoding="utf-8")


def test_failed_write_keeps_old_file_and_cleans_up(tmp_path, monkeypatch):
    out = tmp_path / "graph.html"
    out.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(fileio.os, "replace", boom)
    with pytest.raises(OSError):
        render_html(make_graph(), out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["graph.html"]


def test_empty_graph_renders(tmp_path):
    p = render_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    data = page_data(p.read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []


# ----------------------------------------------------------------------------- notebook


def test_notebook_view_is_an_escaped_iframe():
    view = notebook_view(make_graph(), height=500)
    html = view._repr_html_()
    assert html.startswith('<div class="aidgraph-view"><iframe srcdoc="')
    assert "height:500px" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'sandbox="allow-scripts' in html and "allow-same-origin" not in html
    # the srcdoc unescapes to exactly the page
    m = re.search(r'<iframe srcdoc="([^"]*)"', html)
    import html as _html

    assert _html.unescape(m.group(1)) == html_document(make_graph())
