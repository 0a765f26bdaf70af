"""Benchmark of the interactive HTML view (graph/render.py).

For synthetic aid graphs of 100, 1,000 and 5,000 entities (about four relations per
entity) this measures

* the Python side: ``render_html`` wall time (layout + JSON + template + write),
* the browser side: headless Chromium opens the file:// page and we take
  ``window.aidgraphDrawnMs`` (ms since navigation start until the network has drawn
  and physics is off / never ran, i.e. the page is idle),
* responsiveness once ready: round-trip latency of a trivial ``page.evaluate``, the
  time of one full ``network.redraw()``, and of a filter round trip (hide the first
  relation group and show it again, each followed by a synchronous redraw).

Each size is measured ``--runs`` times (default 3) and the median is printed as a table.

    PYTHONPATH=. .venv/bin/python benchmarks/render_bench.py [--sizes 100 1000 5000] [--runs 3]

Chromium is Debian's /usr/bin/chromium (never downloaded); no network is used.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.headless import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from graph.render import render_html  # noqa: E402

DRAW_BUDGET_S = 10.0  # 5,000 entities must draw within this

_WEAPON_TYPES = [
    "MainBattleTank",
    "InfantryFightingVehicle",
    "Howitzer",
    "MultipleRocketLauncher",
    "AirDefenceSystem",
    "MANPADS",
    "CruiseMissile",
    "CombatAircraft",
    "Drone",
    "NavalVessel",
    "Ammunition",
    "AntiTankWeapon",
    "Radar",
]
_ROLES = ["defenceMinisterOf", "presidentOf", "headOfGovernmentOf", "ministerOf", "holdsRole"]
ENT = "https://w3id.org/aidgraph/id/"


def synthetic_graph(n: int, edges_per_node: float = 4.0, seed: int = 1) -> nx.MultiDiGraph:
    """A deterministic aid-like graph: a few hub countries, many weapon systems."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    kinds = []
    n_countries = max(3, n // 20)
    for i in range(n):
        if i < n_countries:
            kind, typ = "Country", "Country"
        else:
            r = rnd.random()
            if r < 0.10:
                kind, typ = "Person", "Person"
            elif r < 0.20:
                kind, typ = "Organization", rnd.choice(["Company", "GovernmentBody", "ArmedForces"])
            elif r < 0.28:
                kind, typ = "Place", rnd.choice(["City", "Region"])
            else:
                kind, typ = "WeaponSystem", rnd.choice(_WEAPON_TYPES)
        kinds.append(kind)
        name = f"{typ} {i}"
        g.add_node(
            f"{ENT}{typ}_{i}",
            label=name,
            labels={"en": name, "de": f"{typ} Nr. {i}"},
            aliases=[f"{typ[:3].upper()}-{i}"],
            kind=kind,
            type=typ,
            wikidata=f"Q{1000 + i}" if i % 3 == 0 else None,
            articles=rnd.randint(1, 40),
        )
    ids = list(g.nodes)
    countries = ids[:n_countries]
    # Zipf-like preference for a few big donors/recipients
    cweights = [1.0 / (k + 1) for k in range(n_countries)]
    by_kind: dict[str, list[str]] = {}
    for nid, kind in zip(ids, kinds, strict=True):
        by_kind.setdefault(kind, []).append(nid)
    target = int(n * edges_per_node)
    tries = edges = 0
    while edges < target and tries < target * 5:
        tries += 1
        r = rnd.random()
        if r < 0.55 and by_kind.get("WeaponSystem"):
            u = rnd.choices(countries, cweights)[0]
            v = rnd.choice(by_kind["WeaponSystem"])
            rel, group = rnd.choice([("supplies", "supply"), ("pledges", "pledge")])
            status = "delivered" if rel == "supplies" else "pledged"
        elif r < 0.70:
            u = rnd.choices(countries, cweights)[0]
            v = rnd.choices(countries, cweights)[0]
            rel, group, status = "suppliesTo", "aid", None
        elif r < 0.80 and by_kind.get("Person"):
            u = rnd.choice(by_kind["Person"])
            v = rnd.choice(countries)
            rel, group, status = rnd.choice(_ROLES), "role", None
        elif r < 0.90 and by_kind.get("Organization"):
            u = rnd.choice(by_kind["Organization"])
            v = rnd.choice(ids)
            rel, group, status = rnd.choice(
                [
                    ("manufactures", "industry", None),
                    ("trains", "training", None),
                    ("fundsFor", "funding", None),
                ]
            )
        else:
            u, v = rnd.choice(ids), rnd.choice(ids)
            rel, group, status = rnd.choice(
                [
                    ("coProducesWith", "cooperation", None),
                    ("attacks", "hostility", None),
                    ("occupies", "hostility", None),
                ]
            )
        if u == v or g.has_edge(u, v, key=rel):
            continue
        k = rnd.randint(1, 3)
        claims = [
            {
                "sentence": f"{g.nodes[u]['label']} {rel} {g.nodes[v]['label']} (report {j}).",
                "article_id": f"art{rnd.randint(0, 10 * n)}",
                "article_title": f"Synthetic article {rnd.randint(0, 10 * n)}",
                "article_date": f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "article_url": f"https://news.example/{rnd.randint(0, 10 * n)}",
                "status": status,
                "quantity": str(rnd.randint(1, 50)) if group in ("supply", "pledge") else None,
                "amount": None,
                "date": None,
                "rule": f"en.{group}.synthetic",
            }
            for j in range(k)
        ]
        g.add_edge(
            u,
            v,
            key=rel,
            relation=rel,
            group=group,
            status=status,
            support=len({c["article_id"] for c in claims}),
            claims=claims,
        )
        edges += 1
    return g


_FILTER_JS = """() => {
    const box = document.querySelector('input[data-filter="group"]');
    const t = performance.now();
    box.checked = false; box.dispatchEvent(new Event('change')); aidgraph.network.redraw();
    box.checked = true; box.dispatchEvent(new Event('change')); aidgraph.network.redraw();
    return performance.now() - t;
}"""


def _median(xs):
    return statistics.median(xs) if xs else float("nan")


def measure(sizes, runs, keep_dir=None):
    from playwright.sync_api import sync_playwright

    rows = []
    workdir = Path(keep_dir) if keep_dir else Path(tempfile.mkdtemp(prefix="aidgraph-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                g = synthetic_graph(n)
                path = workdir / f"bench_{n}.html"
                py_times = []
                for _ in range(runs):
                    t = time.perf_counter()
                    render_html(g, path, title=f"benchmark {n}")
                    py_times.append(time.perf_counter() - t)
                size_mb = path.stat().st_size / 1e6
                drawn, rtt, redraw, wall, filt = [], [], [], [], []
                for _ in range(runs):
                    page = browser.new_page(viewport={"width": 1400, "height": 900})
                    errors = []
                    foreign = []
                    page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                    page.on(
                        "console",
                        lambda m, errors=errors: m.type == "error" and errors.append(m.text),
                    )
                    page.on(
                        "request",
                        lambda r, foreign=foreign: (
                            r.url.startswith(("file:", "data:", "about:")) or foreign.append(r.url)
                        ),
                    )
                    t = time.perf_counter()
                    page.goto(path.as_uri())
                    # the page's CSP forbids eval: wait on the attribute it sets, not a predicate
                    page.wait_for_selector(
                        'html[data-aidgraph-ready="true"]', state="attached", timeout=120_000
                    )
                    wall.append(time.perf_counter() - t)
                    drawn.append(page.evaluate("window.aidgraphDrawnMs") / 1000.0)
                    lat = []
                    for _ in range(5):
                        t = time.perf_counter()
                        page.evaluate("1")
                        lat.append(time.perf_counter() - t)
                    rtt.append(_median(lat))
                    redraw.append(
                        page.evaluate(
                            "(() => { const t = performance.now(); aidgraph.network.redraw();"
                            " return performance.now() - t; })()"
                        )
                        / 1000.0
                    )
                    # filter round trip: hide the biggest relation group, then show it again
                    # (DataSet updates + one synchronous redraw each)
                    filt.append(page.evaluate(_FILTER_JS) / 1000.0)
                    counts = page.evaluate("[aidgraph.nodes.length, aidgraph.edges.length]")
                    layout = page.evaluate("aidgraph.config.layout")
                    page.close()
                    if errors:
                        raise RuntimeError(f"console errors at n={n}: {errors[:3]}")
                    if foreign:
                        raise RuntimeError(f"requests to other hosts at n={n}: {foreign[:3]}")
                rows.append(
                    {
                        "nodes": counts[0],
                        "edges": counts[1],
                        "mb": size_mb,
                        "layout": layout,
                        "py": _median(py_times),
                        "drawn": _median(drawn),
                        "wall": _median(wall),
                        "rtt_ms": _median(rtt) * 1000,
                        "redraw_ms": _median(redraw) * 1000,
                        "filter_ms": _median(filt) * 1000,
                    }
                )
        finally:
            browser.close()
    return rows


def format_table(rows, runs):
    head = (
        "| entities | relations | file MB | layout | Python render s | drawn & idle s "
        "| goto→ready s | evaluate RTT ms | full redraw ms | filter off+on ms |"
    )
    sep = "|---:|---:|---:|:---|---:|---:|---:|---:|---:|---:|"
    lines = [f"median of {runs} runs", "", head, sep]
    for r in rows:
        lines.append(
            f"| {r['nodes']:,} | {r['edges']:,} | {r['mb']:.1f} | {r['layout']} | {r['py']:.2f} "
            f"| {r['drawn']:.2f} | {r['wall']:.2f} | {r['rtt_ms']:.1f} | {r['redraw_ms']:.0f} "
            f"| {r['filter_ms']:.0f} |"
        )
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", metavar="DIR", help="keep the generated pages in DIR")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found; install Debian's chromium package", file=sys.stderr)
        return 2
    rows = measure(args.sizes, max(1, args.runs), args.keep)
    print(format_table(rows, max(1, args.runs)))
    status = 0
    for r in rows:
        if r["nodes"] >= 5000 and r["drawn"] >= DRAW_BUDGET_S:
            print(
                f"FAIL: {r['nodes']} entities drew in {r['drawn']:.2f} s "
                f"(budget {DRAW_BUDGET_S} s)",
                file=sys.stderr,
            )
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
