"""Browser tests of the HTML view: headless Debian Chromium driven by playwright.

The browser is never downloaded: we launch /usr/bin/chromium. Pages are opened from
file:// and every request is recorded; only file:, data: and about: URLs are allowed.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from graph.headless import CHROMIUM, CHROMIUM_ARGS
from graph.render import render_html


def _load_graph_builders():
    """The hand-built graphs of test_render.py, loaded by path (works in any import mode)."""
    spec = importlib.util.spec_from_file_location(
        "_aidgraph_render_graphs", Path(__file__).with_name("test_render.py")
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_g = _load_graph_builders()
E, HOSTILE_IMG, HOSTILE_QUOTES, HOSTILE_SCRIPT = (
    _g.E,
    _g.HOSTILE_IMG,
    _g.HOSTILE_QUOTES,
    _g.HOSTILE_SCRIPT,
)
big_graph, hostile_graph, make_graph = _g.big_graph, _g.hostile_graph, _g.make_graph


pytestmark = [
    pytest.mark.browser,
    # Skipped only on a developer machine without Chromium; in CI (CI=true, where .ci/run
    # installs it) a missing browser must fail, not pass silently.
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is missing (Debian package 'chromium'); browser tests need it",
    ),
]

READY = 'html[data-aidgraph-ready="true"]'


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Session:
    """One page with everything it logged, requested or tried to pop up."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False):
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp
        )
        self.page = self.context.new_page()
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(path.as_uri())
        # the page's CSP forbids eval, so wait on the attribute the page sets rather than
        # a JS predicate
        self.page.wait_for_selector(READY, state="attached", timeout=60_000)

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def foreign_requests(self):
        return [u for u in self.requests if not u.startswith(("file:", "data:", "about:"))]

    def console_errors(self):
        return [t for kind, t in self.console if kind == "error"] + self.errors

    def dom_point(self, canvas_xy):
        """Page coordinates of a canvas point of the network."""
        return self.js(
            """([x, y]) => {
            const p = aidgraph.network.canvasToDOM({x, y});
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return {x: p.x + r.left, y: p.y + r.top, domX: p.x, domY: p.y};
        }""",
            list(canvas_xy),
        )

    def edge_midpoint(self, edge_id):
        return self.js(
            """(id) => {
            const e = aidgraph.edges.get(id);
            const p = aidgraph.network.getPositions([e.from, e.to]);
            return [(p[e.from].x + p[e.to].x) / 2, (p[e.from].y + p[e.to].y) / 2];
        }""",
            edge_id,
        )

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, tmp_path):
    sessions = []

    def _open(g, name="graph.html", bypass_csp=False, **kw):
        path = render_html(g, tmp_path / name, **kw)
        s = Session(browser, path, bypass_csp=bypass_csp)
        sessions.append(s)
        return s

    yield _open
    for s in sessions:
        s.close()


def _edge_id(s: Session, frm: str, to: str, relation: str) -> str:
    return s.js(
        """([f, t, r]) => aidgraph.edges.get({filter: e => e.from === f && e.to === t
                     && e.relation === r})[0].id""",
        [frm, to, relation],
    )


def _panel_text(s: Session) -> str:
    return s.page.inner_text("#ag-panel-body")


# ----------------------------------------------------------------------------- drawing


def test_draws_every_node_without_errors_or_foreign_requests(open_page):
    s = open_page(make_graph())
    assert s.js("aidgraph.nodes.length") == 7
    assert s.js("aidgraph.edges.length") == 5
    assert s.js("aidgraph.network.body.nodeIndices.length") == 7
    assert s.js("aidgraph.network.body.edgeIndices.length") == 5
    assert s.js("window.aidgraphReady") is True
    assert s.js("window.aidgraphDrawnMs") > 0
    # physics stabilised and was switched off
    assert s.js("aidgraph.network.physics.physicsEnabled") is False
    # the canvas really has pixels drawn in node colours
    drawn = s.js("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] > 0 && !(d[i] > 240 && d[i + 1] > 240 && d[i + 2] > 240)) coloured++;
        }
        return {w: c.width, h: c.height, coloured};
    }""")
    assert drawn["w"] > 300 and drawn["h"] > 300 and drawn["coloured"] > 500
    # the view does not move any more (idle)
    before = s.js("JSON.stringify(aidgraph.network.getPositions())")
    s.page.wait_for_timeout(300)
    assert s.js("JSON.stringify(aidgraph.network.getPositions())") == before
    assert s.console_errors() == []
    assert s.foreign_requests() == []
    assert s.requests and all(u.startswith("file:") for u in s.requests)
    # legend lists the classes and groups present
    legend = s.page.inner_text("#ag-side")
    for word in (
        "Country",
        "Person",
        "Weapon: artillery",
        "Weapon: missile or bomb",
        "Place",
        "Supply",
        "Pledge",
        "delivered",
        "pledged",
    ):
        assert word in legend


def test_large_graph_uses_python_layout_without_physics(open_page):
    s = open_page(big_graph(360))
    assert s.js("aidgraph.nodes.length") == 360
    assert s.js("aidgraph.network.body.nodeIndices.length") == 360
    assert s.js("aidgraph.config.layout") == "python"
    assert s.js("aidgraph.network.physics.physicsEnabled") is False
    # nodes sit exactly where Python put them
    moved = s.js("""() => {
        const pos = aidgraph.network.getPositions();
        return aidgraph.nodes.get().filter(n => pos[n.id].x !== n.x || pos[n.id].y !== n.y).length;
    }""")
    assert moved == 0
    assert s.console_errors() == [] and s.foreign_requests() == []


def test_empty_graph_gets_ready(open_page):
    import networkx as nx

    s = open_page(nx.MultiDiGraph())
    assert s.js("aidgraph.nodes.length") == 0
    assert s.console_errors() == [] and s.foreign_requests() == []


# ----------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    "query, expected",
    [
        ("fRANCE", "France"),  # case-insensitive
        ("Frankreich", "France"),  # label in another language
        ("french republic", "France"),  # alias
        ("storm shadow", "SCALP"),  # alias of a weapon
        ("sebastien", "Sebastien_Lecornu"),  # accents ignored
        ("KIEV", "Kyiv"),
    ],
)
def test_search_box_finds_and_focuses_node(open_page, query, expected):
    s = open_page(make_graph())
    s.page.fill("#ag-search", query)
    s.page.press("#ag-search", "Enter")
    assert s.js("aidgraph.network.getSelectedNodes()") == [E + expected]
    assert s.page.get_attribute("#ag-panel-body", "data-kind") == "node"
    assert s.page.get_attribute("#ag-panel-body", "data-id") == E + expected
    assert s.console_errors() == []


def test_search_suggestions_and_no_match(open_page):
    s = open_page(make_graph())
    s.page.fill("#ag-search", "a")  # France, Germany, Ukraine, ... by substring
    items = s.page.locator("#ag-search-results li button")
    assert items.count() >= 3
    s.page.locator("#ag-search-results li button", has_text="Germany").click()
    assert s.js("aidgraph.network.getSelectedNodes()") == [E + "Germany"]
    s.page.fill("#ag-search", "Atlantis")
    s.page.press("#ag-search", "Enter")
    assert s.page.inner_text("#ag-search-msg") == "No match"


# ----------------------------------------------------------------------------- filters


def _hidden(s, kind):
    """Ids hidden by the filters, checked against what vis-network actually draws."""
    body = "nodes" if kind == "nodes" else "edges"
    hidden = s.js(f"aidgraph.hidden{kind.capitalize()}()")
    drawn = s.js(f"aidgraph.network.body.{body[:-1]}Indices")
    flagged = s.js(f"""() => Object.keys(aidgraph.network.body.{body})
                       .filter(id => aidgraph.network.body.{body}[id].options.hidden).sort()""")
    assert set(drawn).isdisjoint(hidden)
    assert len(drawn) + len(hidden) == s.js(f"aidgraph.{kind}.length")
    assert flagged == hidden
    return hidden


def test_filters_hide_nodes_and_edges(open_page):
    s = open_page(make_graph())
    pledge = _edge_id(s, E + "France", E + "CAESAR", "pledges")
    # relation group
    s.page.uncheck('input[data-filter="group"][value="pledge"]')
    assert _hidden(s, "edges") == [pledge]
    assert s.js(f"aidgraph.network.body.edges['{pledge}'].options.hidden") is True
    assert s.page.get_attribute("#ag-stats", "data-visible-edges") == "4"
    s.page.check('input[data-filter="group"][value="pledge"]')
    assert _hidden(s, "edges") == []
    # status
    s.page.uncheck('input[data-filter="status"][value="delivered"]')
    supply = _edge_id(s, E + "France", E + "SCALP", "supplies")
    assert _hidden(s, "edges") == [supply]
    s.page.check('input[data-filter="status"][value="delivered"]')
    # entity class: countries disappear together with their relations
    s.page.uncheck('input[data-filter="class"][value="country"]')
    assert sorted(_hidden(s, "nodes")) == sorted([E + "France", E + "Germany", E + "Ukraine"])
    assert len(_hidden(s, "edges")) == 5
    assert s.js(f"aidgraph.network.body.nodes['{E}France'].options.hidden") is True
    # hiding entities left without relations
    s.page.check("#ag-hide-isolated")
    assert len(_hidden(s, "nodes")) == 7
    s.page.click("#ag-reset")
    assert _hidden(s, "nodes") == [] and _hidden(s, "edges") == []
    # a hidden entity cannot be focused by search; the user is told why
    s.page.uncheck('input[data-filter="class"][value="place"]')
    s.page.fill("#ag-search", "Kyiv")
    s.page.press("#ag-search", "Enter")
    assert "hidden" in s.page.inner_text("#ag-search-msg")
    assert s.console_errors() == []


# ----------------------------------------------------------------------------- evidence


def _click_edge(s: Session, edge_id: str):
    pt = s.dom_point(s.edge_midpoint(edge_id))
    pt = {k: round(v) for k, v in pt.items()}  # mouse events carry whole pixels
    # sanity: vis itself finds this edge (and no node) under that point
    assert s.js(
        "([x, y]) => aidgraph.network.getNodeAt({x, y}) === undefined", [pt["domX"], pt["domY"]]
    )
    assert (
        s.js("([x, y]) => aidgraph.network.getEdgeAt({x, y})", [pt["domX"], pt["domY"]]) == edge_id
    )
    s.page.mouse.click(pt["x"], pt["y"])
    return pt


def test_clicking_an_edge_shows_its_evidence(open_page):
    s = open_page(make_graph())
    edge = _edge_id(s, E + "France", E + "CAESAR", "pledges")
    _click_edge(s, edge)
    assert s.page.get_attribute("#ag-panel-body", "data-kind") == "edge"
    assert s.page.get_attribute("#ag-panel-body", "data-id") == edge
    assert s.js("aidgraph.network.getSelectedEdges()") == [edge]
    text = _panel_text(s)
    assert "France → CAESAR" in text
    assert "pledges" in text and "pledged" in text
    assert "2 articles" in text
    assert "Frankreich werde 12 weitere Caesar-Haubitzen übergeben." in text
    assert "Paris promised more Caesars." in text
    assert "Caesar für Kiew" in text and "More guns" in text
    assert "2023-09-28" in text and "12 weitere" in text
    # newest article first
    assert text.index("More guns") < text.index("Caesar für Kiew")
    link = s.page.locator("#ag-panel-body a", has_text="Caesar für Kiew")
    assert link.get_attribute("href") == "https://news.example/a2"
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert s.page.locator("#ag-panel-body a", has_text="More guns").count() == 0  # no URL
    assert s.console_errors() == [] and s.foreign_requests() == []


def test_hovering_an_edge_shows_a_tooltip(open_page):
    s = open_page(make_graph())
    edge = _edge_id(s, E + "France", E + "SCALP", "supplies")
    pt = {k: round(v) for k, v in s.dom_point(s.edge_midpoint(edge)).items()}
    s.page.mouse.move(pt["x"] - 3, pt["y"] - 3)
    s.page.mouse.move(pt["x"], pt["y"])
    s.page.wait_for_selector("#ag-tooltip:not([hidden])", timeout=5000)
    tip = s.page.inner_text("#ag-tooltip")
    assert "France → SCALP-EG" in tip and "delivered" in tip and "1 article" in tip
    assert "France delivered SCALP missiles to Ukraine." in tip


_CLEAR_EDGE_JS = """() => {
    // an edge whose midpoint is on screen and hits only that edge
    const net = aidgraph.network;
    const box = document.getElementById('mynetwork').getBoundingClientRect();
    for (const id of net.body.edgeIndices) {
        const e = aidgraph.edges.get(id);
        const p = net.getPositions([e.from, e.to]);
        const mid = net.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2,
                                     y: (p[e.from].y + p[e.to].y) / 2});
        if (mid.x < 20 || mid.y < 20 || mid.x > box.width - 20 || mid.y > box.height - 20) continue;
        const x = Math.round(mid.x), y = Math.round(mid.y);
        let clear = true;
        for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) {
            const q = {x: x + dx, y: y + dy};
            if (net.getNodeAt(q) !== undefined || net.getEdgeAt(q) !== id) clear = false;
        }
        if (clear) return {id, x: x + box.left, y: y + box.top};
    }
    return null;
}"""


def test_large_graph_hover_and_click_show_evidence(open_page):
    """Big graphs hit-test on their own (no vis hover redraws); evidence still shows."""
    s = open_page(big_graph(360))
    assert s.js("aidgraph.network.interactionHandler.options.hover") is False
    s.js("aidgraph.network.moveTo({scale: 1.5})")
    found = s.js(_CLEAR_EDGE_JS)
    assert found is not None
    edge, pt = found["id"], found
    s.page.mouse.move(pt["x"] - 2, pt["y"] - 2)
    s.page.mouse.move(pt["x"], pt["y"])
    s.page.wait_for_selector(f'#ag-tooltip[data-edge="{edge}"]', timeout=5000)
    claim = s.js("(id) => aidgraph.edges.get(id).claims[0]", edge)
    assert claim["sentence"] in s.page.inner_text("#ag-tooltip")
    s.page.mouse.click(pt["x"], pt["y"])
    assert s.page.get_attribute("#ag-panel-body", "data-id") == edge
    assert claim["sentence"] in _panel_text(s)
    assert s.console_errors() == [] and s.foreign_requests() == []


def test_clicking_a_node_shows_the_entity_panel(open_page):
    s = open_page(make_graph())
    pos = s.js(f"aidgraph.network.getPositions(['{E}France'])['{E}France']")
    pt = s.dom_point([pos["x"], pos["y"]])
    s.page.mouse.click(pt["x"], pt["y"])
    assert s.js("aidgraph.network.getSelectedNodes()") == [E + "France"]
    assert s.page.get_attribute("#ag-panel-body", "data-kind") == "node"
    text = _panel_text(s)
    assert "France" in text and "Country" in text
    assert "French Republic" in text and "Frankreich (de)" in text
    assert "supplies → SCALP-EG" in text and "pledges → CAESAR" in text
    assert "Sébastien Lecornu → defence minister of" in text
    wd = s.page.locator("#ag-panel-body a", has_text="Q142")
    assert wd.get_attribute("href") == "https://www.wikidata.org/wiki/Q142"
    # following a relation from the entity panel opens its evidence
    s.page.locator("#ag-panel-body button", has_text="supplies → SCALP-EG").click()
    assert s.page.get_attribute("#ag-panel-body", "data-kind") == "edge"
    assert "France delivered SCALP missiles to Ukraine." in _panel_text(s)
    assert s.console_errors() == [] and s.foreign_requests() == []


# ----------------------------------------------------------------------------- hostile text


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_injected_markup_is_shown_as_text_and_never_runs(open_page, bypass_csp):
    """Also with the page's CSP switched off: escaping alone must be enough."""
    s = open_page(
        hostile_graph(), title="T " + HOSTILE_SCRIPT + HOSTILE_QUOTES, bypass_csp=bypass_csp
    )
    edge = _edge_id(s, E + "Germany", E + "SCALP", "manufactures")
    assert s.js("(id) => aidgraph.showEdge(id)", edge) is True
    text = _panel_text(s)
    assert HOSTILE_SCRIPT + " builds " + HOSTILE_IMG in text
    assert HOSTILE_QUOTES in text  # article title
    assert "<b>7</b>" in text and "2023-02-02<!--" in text
    # the javascript: URL is not made into a link
    assert s.page.locator("#ag-panel-body a").count() == 0
    assert s.js("(id) => aidgraph.showNode(id)", E + "SCALP") is True
    text = _panel_text(s)
    assert HOSTILE_IMG in text and HOSTILE_QUOTES in text
    assert "</script><script>window.pwned=3</script>" in text
    # hover tooltip and search results take the same text path
    s.page.fill("#ag-search", "onerror")
    assert HOSTILE_IMG in s.page.inner_text("#ag-search-results")
    s.page.press("#ag-search", "Enter")
    assert s.page.title() == "T " + HOSTILE_SCRIPT + HOSTILE_QUOTES
    assert s.page.inner_text("#ag-title") == "T " + HOSTILE_SCRIPT + HOSTILE_QUOTES
    s.page.wait_for_timeout(200)
    assert s.js("typeof window.pwned") == "undefined"
    assert s.dialogs == []
    # no element other than ours was created from the data
    assert s.js("document.querySelectorAll('img, svg[onload], [onerror], [onload]').length") == 0
    assert s.console_errors() == [] and s.foreign_requests() == []


# ----------------------------------------------------------------------------- language, focus


def test_german_page(open_page):
    s = open_page(make_graph(), lang="de")
    labels = s.js("Object.fromEntries(aidgraph.nodes.get().map(n => [n.id, n.label]))")
    assert labels[E + "France"] == "Frankreich" and labels[E + "SCALP"] == "SCALP-EG"
    assert s.page.inner_text("#ag-search-go") == "Suchen"
    s.page.fill("#ag-search", "france")  # English names still searchable
    s.page.press("#ag-search", "Enter")
    assert s.js("aidgraph.network.getSelectedNodes()") == [E + "France"]
    assert "Land" in _panel_text(s)
    assert s.console_errors() == []


def test_focus_option_selects_the_focus_entity(open_page):
    s = open_page(make_graph(), focus=E + "Germany", depth=1)
    assert s.js("aidgraph.nodes.getIds().sort()") == sorted([E + "Germany", E + "Ukraine"])
    assert s.js("aidgraph.network.getSelectedNodes()") == [E + "Germany"]
    assert s.page.get_attribute("#ag-panel-body", "data-id") == E + "Germany"


# ----------------------------------------------------------------------------- notebook


def test_notebook_iframe_renders_inline(browser, tmp_path):
    from graph.render import notebook_view

    host = tmp_path / "notebook.html"
    host.write_text(
        "<!DOCTYPE html><html><body>"
        + notebook_view(make_graph())._repr_html_()
        + "</body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(host.as_uri())
        frame = page.frame_locator("iframe")
        frame.locator(READY).wait_for(state="attached", timeout=60_000)
        (inner,) = [f for f in page.frames if f != page.main_frame]
        assert inner.evaluate("aidgraph.nodes.length") == 7
        assert inner.evaluate("aidgraph.network.body.nodeIndices.length") == 7
        assert errors == []
        assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
    finally:
        context.close()
